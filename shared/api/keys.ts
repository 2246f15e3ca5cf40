/** Methods of this feature; filled in by the feature's own work. */
export const keysMethods = {} as const;

/** Events of this feature. */
export const keysEvents = {} as const;
