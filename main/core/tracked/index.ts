/** The tracked room's face: the tracked.* feature. */
export { createTrackedFeature } from './feature';
