/** Local state: the SQLite store, its handlers, and adapters for the download engine and the command line. */
export { Store, openStore } from './store';
export { DATABASE_FILE, openDatabase } from './database';
export { SCHEMA_VERSION } from './migrations';
export { createStoreHandlers } from './handlers';
export type { StoreHandlerDeps, StoreMethodName } from './handlers';
export { createDownloadSources, createDownloadHistory, createDownloadPreferences } from './download-adapters';
export { parseSourceUrls, readSourceFile, validUrls, formatOfFile } from './parse-source-urls';
export type { SourceLine, SourceFormat } from './parse-source-urls';
export { checkProfileBaseUrl, keyAllowedFor, labelFor, sourceUrlProblem, MAX_SOURCE_URL_LENGTH } from './source-urls';
export { formatTrackedList } from './tracked-file';
export type { TrackedQuery } from './tracked-repo';
export { DEFAULT_SETTINGS } from './settings-repo';
