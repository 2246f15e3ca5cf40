/** Download jobs: the engine (`runZipDownload`, `requestExportUrls`) for the CLI, and the service + handlers for the app. */
export { runZipDownload } from './zip-download';
export type { ZipDownloadOptions, ZipDownloadResult, ZipDestination } from './zip-download';
export { DownloadService } from './download-service';
export type { DownloadServiceDeps, StartRequest } from './download-service';
export { createDownloadHandlers, createDownloadsFeature } from './handlers';
export type { DownloadSources, DownloadSource, DownloadHistory, HistoryEntry, DownloadPreferences } from './download-ports';
export type { ProgressSnapshot } from './progress-meter';
export { readZipDirectory } from './zip-directory';
export { requestExportUrls } from '../backend/export-urls';
export type { ExportUrls } from '../backend/export-urls';
export { checkConnection } from '../backend/check-connection';
export { fetchUrls } from './fetch-urls';
export type { FetchUrlsOptions, FetchUrlsResult, FetchProgress } from './fetch-urls';
export { formatUrlList, writeUrlList } from './url-list-file';
export type { UrlListFormat } from './url-list-file';
