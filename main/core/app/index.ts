/** The app room's face: the app.* feature and the identity it reports. */
export { createAppFeature } from './feature';
export type { AppIdentity } from './feature';
