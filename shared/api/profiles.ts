/** Methods of this feature; filled in by the feature's own work. */
export const profilesMethods = {} as const;

/** Events of this feature. */
export const profilesEvents = {} as const;
