import { z } from 'zod';
import type { EntryDigest } from './entry-digest';

/**
 * The manifest written beside a downloaded zip (`NAME.manifest.json`): what was asked for, what
 * the backend answered, and what arrived, down to every entry's SHA-256, so that the zip can be
 * checked later by `export-manager verify` or the inspector. Never the API key. One manifest
 * for a split download lists its parts. A new field is added without a new version; a change
 * in the meaning of one needs `version: 2` (a reader refuses versions it does not know).
 */
export const MANIFEST_FORMAT = 'export-manager-manifest';
export const MANIFEST_VERSION = 1;

const hex = (length: number) => z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`));

const entrySchema = z.object({
  name: z.string(),
  size: z.number().int().nonnegative(),
  compressedSize: z.number().int().nonnegative(),
  crc32: hex(8),
  sha256: hex(64),
});

const partSchema = z.object({
  part: z.number().int().positive(),
  /** The zip's file name, beside the manifest. */
  file: z.string().min(1),
  bytes: z.number().int().nonnegative(),
  sha256: hex(64),
  request: z.object({ sourceFileUrls: z.array(z.string()) }),
  response: z.object({ status: z.number().int(), contentDisposition: z.string().nullable() }),
  entries: z.array(entrySchema),
});

/**
 * What the backend said, before the zip was asked for, about which exports it would include:
 * a check ("Check first", URL mode as a preview) whose exportable exports the zip then asked
 * for. Its skipped exports carry the backend's reasons, which a zip alone never tells.
 */
const checkSchema = z.object({
  /** The URLs the check's answer listed as exported. */
  exportedUrls: z.array(z.string()),
  /** The exports it left out: `sourceFileUrl` and `reason` as the backend gave them (either may be absent). */
  skipped: z.array(z.object({ sourceFileUrl: z.string().optional(), reason: z.string().optional() })),
});

export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  version: z.literal(MANIFEST_VERSION),
  app: z.object({ name: z.string(), version: z.string() }),
  /** ISO 8601, when the manifest was written. */
  created: z.string(),
  profile: z.object({ name: z.string().nullable(), baseUrl: z.string() }),
  /** How many exports the download asked for, over all its parts. */
  requested: z.number().int().nonnegative(),
  /** How many parts the download was split into (1: not split). */
  partCount: z.number().int().positive(),
  /** False when the download stopped before every part was saved: `parts` lists those kept. */
  complete: z.boolean(),
  parts: z.array(partSchema).min(1),
  /** Present when a check told, before the download, which exports were exported and which skipped and why. */
  check: checkSchema.optional(),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestPart = z.infer<typeof partSchema>;

/** One saved zip as the manifest is made from it. */
export interface ManifestPartInput {
  part: number;
  path: string;
  bytes: number;
  sha256: string;
  sourceFileUrls: readonly string[];
  status: number;
  contentDisposition: string | null;
  entries: readonly EntryDigest[];
}

/** What the download was, apart from its parts. */
export interface ManifestHeader {
  app: { name: string; version: string };
  profileName: string | null;
  baseUrl: string;
  requested: number;
  partCount: number;
  complete: boolean;
  /** What a check told before the download (see checkSchema); absent: none was made. */
  check?: ManifestCheckRecord | null;
}

export type ManifestCheckRecord = z.infer<typeof checkSchema>;
