/**
 * The downloads room's face: the downloads.* feature, the ports it declares (and their
 * adapters over the store and a key store), and the one zip runner the command line shares
 * with the window.
 */
export { createDownloadsFeature } from './feature';
export type { DownloadsFeature } from './feature';
export type { DownloadHistory, DownloadPreferences, DownloadSource, DownloadSources, HistoryEntry } from './download-ports';
export type { JobJournal, ResumePoint } from './job-journal';
export { createDownloadPreferences, createDownloadSources } from './store-adapters';
export { requestExportUrlsInBatches } from './url-batches';
export type { ZipDestination } from './zip-download';
export { downloadZip } from './zip-job';
export type { ZipOutcome } from './zip-job';
export { exactPartPath } from './zip-parts';
export type { ManifestContext, SavedPart } from './zip-parts';
export { findKeptParts } from './resume-parts';
