/** Methods of this feature; filled in by the feature's own work. */
export const archiveMethods = {} as const;

/** Events of this feature. */
export const archiveEvents = {} as const;
