import { readFile, stat } from 'node:fs/promises';
import { parseBoundedJson } from '../http/bounded-json';
import { MANIFEST_FORMAT, MANIFEST_VERSION, manifestSchema } from './manifest-format';
import type { Manifest } from './manifest-format';

/** Far above the manifest of 100,000 entries (about 30 MB), far below what would strain memory. */
const MAX_MANIFEST_BYTES = 256 * 1024 ** 2;

/** A manifest read, or why the file at its name is not one (said as a difference, not thrown: the zip can still be checked by CRC). */
export type ReadManifest = { manifest: Manifest; problem: null } | { manifest: null; problem: string };

/** Reads the manifest at `path`; null when there is none. */
export async function readManifest(path: string): Promise<ReadManifest | null> {
  const found = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
    throw error;
  });
  if (!found) return null;
  if (!found.isFile()) return { manifest: null, problem: 'the manifest is not a regular file' };
  if (found.size > MAX_MANIFEST_BYTES) return { manifest: null, problem: `the manifest is larger than ${MAX_MANIFEST_BYTES / 1024 ** 2} MiB` };
  let value: unknown;
  try {
    value = parseBoundedJson(await readFile(path, 'utf8'));
  } catch (error) {
    return { manifest: null, problem: `the manifest is not valid JSON (${(error as Error).message})` };
  }
  const record = value as { format?: unknown; version?: unknown } | null;
  if (record?.format !== MANIFEST_FORMAT) return { manifest: null, problem: 'the file is not an Export Manager manifest' };
  if (record.version !== MANIFEST_VERSION) return { manifest: null, problem: `the manifest is format version ${String(record.version)}; this version of Export Manager reads version ${MANIFEST_VERSION}` };
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) return { manifest: null, problem: `the manifest is damaged (${parsed.error.issues[0]?.path.join('.') || 'its shape'} is not as written)` };
  return { manifest: parsed.data, problem: null };
}
