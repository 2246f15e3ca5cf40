/** The archive inspector: list, verify and safely extract zips of any size (plain functions for the CLI, handlers for the app). */
export { listArchive } from './list-archive';
export { extractArchive, type ExtractOptions, type ProgressListener } from './extract-archive';
export { verifyArchive } from './verify-archive';
export { createArchiveHandlers, type ArchiveJobRunner } from './handlers';
export { runArchiveJob, resolveWorkerEntry } from './worker-client';
