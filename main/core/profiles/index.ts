/** The profiles room's face: the profiles.* feature. */
export { createProfilesFeature } from './feature';
