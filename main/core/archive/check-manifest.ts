import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { VerifyReport } from '../../../shared/api/archive';
import type { ManifestCheck, ManifestDifference } from '../../../shared/api/manifest';
import type { EntryDigest } from './entry-digest';
import type { ProgressListener } from './job-progress';
import type { ManifestPart } from './manifest-format';
import { manifestPathFor } from './manifest-path';
import { readManifest } from './read-manifest';
import { verifyArchive } from './verify-archive';

/** The zip's bytes and SHA-256, read once from the start. */
async function fileDigest(path: string, signal?: AbortSignal): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024, signal }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** Entries by name, in archive order (a hostile zip may repeat a name: each is compared with its namesake in turn). */
function byName<T extends { name: string }>(items: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(item.name, [...(map.get(item.name) ?? []), item]);
  return map;
}

/** How one entry read from the zip differs from the manifest's record of it, in words; null when it matches. */
function entryDifference(recorded: ManifestPart['entries'][number], found: EntryDigest): string | null {
  if (found.size !== recorded.size) return `size differs (${found.size} bytes, the manifest says ${recorded.size})`;
  if (found.crc32 !== recorded.crc32) return 'CRC-32 differs';
  if (found.sha256 !== recorded.sha256) return 'SHA-256 differs';
  return null;
}

/** Every difference between the entries read (those that read back whole) and those the manifest recorded. */
function entryDifferences(recorded: ManifestPart['entries'], found: readonly EntryDigest[], damaged: ReadonlyMap<string, string>): ManifestDifference[] {
  const differences: ManifestDifference[] = [];
  const foundByName = byName(found);
  const recordedByName = byName(recorded);
  for (const [name, records] of recordedByName) {
    const matches = foundByName.get(name) ?? [];
    records.forEach((record, i) => {
      const match = matches[i];
      if (match) {
        const what = entryDifference(record, match);
        if (what) differences.push({ entry: name, what });
      } else {
        differences.push({ entry: name, what: damaged.has(name) ? `damaged (${damaged.get(name)})` : 'missing from the zip' });
      }
    });
  }
  for (const [name, matches] of foundByName) {
    const extra = matches.length - (recordedByName.get(name)?.length ?? 0);
    for (let i = 0; i < extra; i++) differences.push({ entry: name, what: 'not in the manifest' });
  }
  return differences;
}

/**
 * Verifies the zip at `path` as the inspector's and the command line's `verify` do: every entry
 * read back and its CRC-32 checked (the VerifyReport); and, when a manifest lies beside it
 * (manifestPathFor), the file's size and SHA-256 and every entry's size, CRC-32 and SHA-256
 * against what the manifest recorded when it was downloaded, in the same one read of each
 * entry. A zip without a manifest carries `manifest: null`.
 */
export async function verifyZip(path: string, options: { signal?: AbortSignal; onProgress?: ProgressListener } = {}): Promise<VerifyReport> {
  const manifestPath = manifestPathFor(path);
  const read = await readManifest(manifestPath);
  if (!read) return { ...(await verifyArchive(path, options)), manifest: null };
  const digests: EntryDigest[] = [];
  const report = await verifyArchive(path, { ...options, onDigest: (digest) => digests.push(digest) });
  const check = (differences: ManifestDifference[], entries: number): ManifestCheck => ({ manifestPath, ok: differences.length === 0, entries, differences });
  if (!read.manifest) return { ...report, manifest: check([{ entry: null, what: read.problem }], 0) };
  const name = basename(path);
  const part = read.manifest.parts.find((candidate) => candidate.file === name);
  if (!part) return { ...report, manifest: check([{ entry: null, what: `the manifest does not list ${name}` }], 0) };
  const differences: ManifestDifference[] = [];
  const file = await fileDigest(path, options.signal);
  if (file.bytes !== part.bytes) differences.push({ entry: null, what: `the file is ${file.bytes} bytes; the manifest says ${part.bytes}` });
  else if (file.sha256 !== part.sha256) differences.push({ entry: null, what: "the file's SHA-256 differs from the manifest's: it changed since it was downloaded" });
  const damaged = new Map(report.failed.map((failure) => [failure.name, failure.reason]));
  differences.push(...entryDifferences(part.entries, digests, damaged));
  return { ...report, manifest: check(differences, part.entries.length) };
}
