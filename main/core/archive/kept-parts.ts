import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ManifestPart } from './manifest-format';
import { readManifest } from './read-manifest';

/** A part of a split download found on disk exactly as its manifest recorded it: it need not be asked for again. */
export interface KeptPart {
  part: number;
  path: string;
  record: ManifestPart;
}

/** The SHA-256 of a file, read once. */
async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, i) => item === b[i]);

/**
 * The parts of a split download that can be kept when it is run again (`--resume`, the card's
 * "Resume from part k"): those the set's manifest (at `manifestPath`) lists for the same request
 * (the same exports, in the same order, in as many parts) whose file beside it still has the
 * recorded size and SHA-256, asked of the same backend. Anything else (no manifest, another request, a changed or missing
 * file) is simply not kept, and that part is downloaded again.
 */
export async function keptParts(manifestPath: string, baseUrl: string, batches: ReadonlyArray<readonly string[]>): Promise<KeptPart[]> {
  const read = await readManifest(manifestPath).catch(() => null);
  const manifest = read?.manifest;
  if (!manifest || manifest.partCount !== batches.length || manifest.profile.baseUrl !== baseUrl) return [];
  const kept: KeptPart[] = [];
  for (const record of manifest.parts) {
    const batch = batches[record.part - 1];
    if (!batch || !sameList(record.request.sourceFileUrls, batch)) continue;
    // A manifest is a file anyone could edit: a part is only ever a file beside it.
    if (/[\\/]/.test(record.file) || record.file === '..' || record.file === '.') continue;
    const path = join(dirname(manifestPath), record.file);
    const found = await stat(path).catch(() => null);
    if (!found?.isFile() || found.size !== record.bytes) continue;
    if ((await sha256Of(path)) === record.sha256) kept.push({ part: record.part, path, record });
  }
  return kept;
}
