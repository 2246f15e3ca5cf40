/**
 * The archive room's face: the archive.* feature, and its plain functions: list, verify and
 * safely extract zips of any size, and read a zip's central directory.
 */
export { createArchiveFeature } from './feature';
export type { ArchiveJobRunner } from './feature';
export { listArchive } from './list-archive';
export { extractArchive } from './extract-archive';
export { ExtractionCancelled } from './extraction-cancelled';
export { verifyArchive } from './verify-archive';
export { MissingZip64Error, readZipDirectory } from './zip-directory';
export { verifyZip } from './check-manifest';
export { writeManifest } from './write-manifest';
export { manifestPathFor } from './manifest-path';
export type { EntryDigest } from './entry-digest';
export type { ManifestCheckRecord, ManifestHeader, ManifestPartInput } from './manifest-format';
export { keptParts } from './kept-parts';
export type { KeptPart } from './kept-parts';
