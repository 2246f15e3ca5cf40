/** Methods of this feature; filled in by the feature's own work. */
export const downloadsMethods = {} as const;

/** Events of this feature. */
export const downloadsEvents = {} as const;
