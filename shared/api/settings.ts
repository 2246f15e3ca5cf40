/** Methods of this feature; filled in by the feature's own work. */
export const settingsMethods = {} as const;

/** Events of this feature. */
export const settingsEvents = {} as const;
