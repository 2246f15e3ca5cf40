/** Methods of this feature; filled in by the feature's own work. */
export const trackedMethods = {} as const;

/** Events of this feature. */
export const trackedEvents = {} as const;
