import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { splitIntoBatches } from '../../../shared/batches';
import { keptParts, manifestPathFor } from '../archive';
import type { KeptPart } from '../archive';
import type { SavedPart, ZipPartsOptions } from './zip-parts';
import { exactPartPath } from './zip-parts';

/**
 * A split download's parts that a rerun keeps (`--resume`): those its set manifest lists as saved,
 * still on disk unchanged, as the runner's `keep` takes them.
 */
export async function findKeptParts(options: Pick<ZipPartsOptions, 'baseUrl' | 'sourceFileUrls' | 'maxBatchSize' | 'destination'>): Promise<SavedPart[]> {
  const batches = splitIntoBatches(options.sourceFileUrls, options.maxBatchSize);
  if (batches.length < 2) return [];
  const { destination } = options;
  if (destination.kind === 'file') return keptPartsBeside(exactPartPath(destination.path, 1, batches.length), options);
  if (destination.kind !== 'folder') return [];
  // In a folder the set's name is the backend's, known only once it answers: any set manifest
  // of as many parts is a candidate, and the one keeping the most parts of this request wins.
  const suffix = ` (${batches.length} parts).manifest.json`;
  const names = await readdir(destination.dir).catch(() => [] as string[]);
  let best: KeptPart[] = [];
  for (const name of names.filter((candidate) => candidate.endsWith(suffix))) {
    const kept = await keptParts(join(destination.dir, name), options.baseUrl, batches);
    if (kept.length > best.length) best = kept;
  }
  return best.map(keptAsSaved);
}

/**
 * The parts of a split download whose part 1 went to `firstPartPath` that a resume keeps (the
 * window's "Resume from part k", an interrupted job's Resume): those the set manifest beside it
 * lists for this same request, still on disk unchanged.
 */
export async function keptPartsBeside(firstPartPath: string, options: Pick<ZipPartsOptions, 'baseUrl' | 'sourceFileUrls' | 'maxBatchSize'>): Promise<SavedPart[]> {
  const batches = splitIntoBatches(options.sourceFileUrls, options.maxBatchSize);
  if (batches.length < 2) return [];
  return (await keptParts(manifestPathFor(firstPartPath), options.baseUrl, batches)).map(keptAsSaved);
}

/** A kept part as the runner reports a saved one: what its manifest recorded of it. */
function keptAsSaved(kept: KeptPart): SavedPart {
  const { record } = kept;
  return {
    part: kept.part,
    path: kept.path,
    bytes: record.bytes,
    filename: basename(kept.path),
    filenameSource: 'content-disposition',
    entries: record.entries.length,
    numbered: 0,
    sha256: record.sha256,
    sourceFileUrls: [...record.request.sourceFileUrls],
    status: record.response.status,
    contentDisposition: record.response.contentDisposition,
    digests: record.entries.map((entry) => ({ ...entry })),
  };
}
