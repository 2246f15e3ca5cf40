/**
 * The downloads room's face: the downloads.* feature, the ports it declares (and their
 * adapters over the store and a key store), and the pieces the command line runs itself.
 */
export { createDownloadsFeature } from './feature';
export type { DownloadsFeature } from './feature';
export type { DownloadHistory, DownloadPreferences, DownloadSource, DownloadSources, HistoryEntry } from './download-ports';
export { createDownloadPreferences, createDownloadSources } from './store-adapters';
export { requestExportUrlsInBatches } from './url-batches';
export type { ZipDestination } from './zip-download';
export { exactPartPath, runZipParts } from './zip-parts';
export type { SavedPart } from './zip-parts';
