/** The keys room's face: the keys.* feature. */
export { createKeysFeature } from './feature';
