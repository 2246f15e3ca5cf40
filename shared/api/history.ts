/** Methods of this feature; filled in by the feature's own work. */
export const historyMethods = {} as const;

/** Events of this feature. */
export const historyEvents = {} as const;
