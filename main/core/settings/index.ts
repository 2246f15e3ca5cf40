/** The settings room's face: the settings.* feature. */
export { createSettingsFeature } from './feature';
export type { SettingsFeature } from './feature';
