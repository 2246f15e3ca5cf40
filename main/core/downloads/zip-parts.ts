import { basename, dirname, join } from 'node:path';
import { partBaseOf, partFileName, splitIntoBatches } from '../../../shared/batches';
import { truncateBytes } from '../files/filename';
import { toAppError } from '../http/to-app-error';
import { batchFailure } from './batch-failure';
import type { ProgressSnapshot } from './progress-meter';
import { withBodyRetries } from './body-retries';
import { runZipDownload } from './zip-download';
import type { ZipDestination, ZipDownloadOptions, ZipDownloadResult } from './zip-download';
import type { NameSet } from './name-conflict';
import type { ManifestCheckRecord } from '../archive';

/** One saved part of a zip download (part 1 of 1 when it was not split). */
export interface SavedPart extends ZipDownloadResult {
  part: number;
}

/** A progress report of a zip download; a split one says which part it is about. */
export interface PartProgress extends ProgressSnapshot {
  part?: number;
  parts?: number;
  /** While a body that failed mid-way is asked for again: this attempt, from 2, of how many ("retrying (2 of 3)"). */
  attempt?: number;
  attempts?: number;
}

/** `runZipDownload`'s options, for any number of exports, and what a caller hears about parts. */
export interface ZipPartsOptions extends Omit<ZipDownloadOptions, 'onProgress' | 'nameAs' | 'nameSet'> {
  /** The most exports a request may carry; null: no limit (one request, one file). */
  maxBatchSize: number | null;
  onProgress?: (progress: PartProgress) => void;
  /** Called as each part is saved (so a later failure or cancel can still report it); the next part waits for it. */
  onPartSaved?: (part: SavedPart) => void | Promise<void>;
  /**
   * How many more times a part whose body failed mid-way (reset, short body, idle or low-speed
   * timeout) is asked for again as a fresh request, with backoff. Default 2 (CLI `--retries N`).
   */
  bodyRetries?: number;
  /** The first pause before such a retry, doubled each time (default 1 s). */
  bodyRetryDelayMs?: number;
  /**
   * Parts a rerun keeps instead of asking for them again (`--resume`, "Resume from part k"),
   * found by `findKeptParts`: reported as saved, in their place. Default: none.
   */
  keep?: readonly SavedPart[];
  /** Who wrote the download, for the manifest beside the zip (main/core/manifest/); null: no manifest. Default: none. */
  manifest?: ManifestContext | null;
}

/** What the manifest says about who made the download (never the key). */
export interface ManifestContext {
  app: { name: string; version: string };
  /** The profile the download was made with, or null for a bare --base-url. */
  profileName: string | null;
  /** What a check told before the download about which exports would be exported or skipped; absent: none was made. */
  check?: ManifestCheckRecord | null;
}

const MAX_NAME_BYTES = 255;

/**
 * `base (part k of n).zip`, with `base` cut short when the whole would pass the file-name limit;
 * `numbered` > 0 numbers the set to keep files already there, `base (1) (part k of n).zip` (the
 * number after the cut, so it is never cut away).
 */
export function partFileNameFor(base: string, part: number, parts: number, numbered = 0): string {
  const number = numbered > 0 ? ` (${numbered})` : '';
  const suffixBytes = Buffer.byteLength(number + partFileName('', part, parts), 'utf8');
  return partFileName(truncateBytes(base, MAX_NAME_BYTES - suffixBytes).trimEnd() + number, part, parts);
}

/** Every part's name of a split zip's set, numbered n: a taken name anywhere in it numbers the whole set (Keep both). */
function partSet(base: string, parts: number): NameSet {
  return (n) => Array.from({ length: parts }, (_, i) => partFileNameFor(base, i + 1, parts, n));
}

/** Where part `part` of an exact-path download goes: beside that path, named after it. */
export function exactPartPath(path: string, part: number, parts: number): string {
  return join(dirname(path), partFileNameFor(partBaseOf(basename(path)), part, parts));
}

/**
 * Where part 1 goes: a folder or the save dialog under `name (part 1 of n).zip` (the name the
 * backend gives the first part); an exact file path gives its name to every part instead.
 */
function firstPartDestination(destination: ZipDestination, parts: number): ZipDestination {
  if (destination.kind !== 'file' || parts === 1) return destination;
  const numberedSet = numberedSetBeside(destination, parts);
  if (numberedSet) return numberedSet;
  return { ...destination, path: exactPartPath(destination.path, 1, parts) };
}

/**
 * An exact path whose taken names are kept (Keep both): the set is numbered as one, as in a
 * folder, `k (1) (part 1 of 2).zip` … and its manifest `k (1) (2 parts).manifest.json`, rather
 * than each part on its own (`k (part 1 of 2) (1).zip`, which no set manifest names). A
 * folder destination beside the path does that; null for any other exact path.
 */
function numberedSetBeside(destination: ZipDestination, parts: number): ZipDestination | null {
  if (destination.kind !== 'file' || parts === 1 || destination.existing !== 'keep-both') return null;
  return { kind: 'folder', dir: dirname(destination.path), onConflict: () => 'keep-both' };
}

/**
 * Where a later part goes, and under which name. In the default folder: the backend's name for
 * part 1, numbered as part 1's set was (Keep both numbers the set, `name (1) (part 2 of 3).zip`),
 * a taken name settled as part 1's was (the same question, answered once a job). An exact
 * path: named after that path (not after what part 1 became, which may carry a " (1)"), and a
 * taken name handled as the path's. The save dialog: beside the file chosen there and named
 * after it and numbered as part 1's set was; a taken name replaced only when the set's question
 * said Replace, else kept (`… (1).zip`).
 */
function laterPart(destination: ZipDestination, first: SavedPart, backendBase: string, part: number, parts: number): { destination: ZipDestination; name?: string } {
  if (destination.kind === 'folder') return { destination, name: partFileNameFor(backendBase, part, parts, first.numbered) };
  const numberedSet = numberedSetBeside(destination, parts);
  if (numberedSet) return { destination: numberedSet, name: partFileNameFor(backendBase, part, parts, first.numbered) };
  if (destination.kind === 'file') return { destination: { kind: 'file', path: exactPartPath(destination.path, part, parts), existing: destination.existing ?? 'cancel' } };
  return { destination: { kind: 'file', path: exactPartPath(first.path, part, parts), existing: first.setChoice === 'replace' ? 'replace' : 'keep-both' } };
}

/**
 * A zip download of any number of exports: one file, or (above `maxBatchSize`) one numbered
 * part per batch, `name (part 1 of 3).zip`, … downloaded one after another. Each part is saved
 * and verified like a whole download. A failure or cancel stops at the current part (whose
 * temp file is removed) and keeps the parts saved before it; the error names the part and them.
 */
export async function runZipParts(options: ZipPartsOptions): Promise<SavedPart[]> {
  const { maxBatchSize, onPartSaved, onProgress, ...single } = options;
  const batches = splitIntoBatches(options.sourceFileUrls, maxBatchSize);
  const parts = batches.length;
  const saved: SavedPart[] = [];
  let backendBase = '';
  for (const [i, sourceFileUrls] of batches.entries()) {
    const part = i + 1;
    const savedPart = options.keep?.find((candidate) => candidate.part === part);
    if (savedPart) {
      // Later parts are named after part 1 as it is on disk (its " (1)" numbering included).
      if (part === 1) backendBase = partBaseOf(savedPart.filename);
      saved.push(savedPart);
      await onPartSaved?.(savedPart);
      continue;
    }
    const first = saved[0];
    const later = first ? laterPart(options.destination, first, backendBase, part, parts) : null;
    // Part 1 of several is named from the backend's name; a later part in a folder from part 1's.
    let nameAs: ((name: string) => string) | undefined;
    // An exact path names the set after itself, whatever the backend calls it.
    const exactBase = options.destination.kind === 'file' ? partBaseOf(basename(options.destination.path)) : null;
    if (parts > 1 && !later) nameAs = (name) => partFileNameFor((backendBase = exactBase ?? partBaseOf(name)), 1, parts);
    else if (later?.name !== undefined) nameAs = () => later.name!;
    // Set once a retry starts, so every snapshot of that attempt says which one it is.
    let retrying: { attempt: number; attempts: number } | null = null;
    const report = (snapshot: ProgressSnapshot) => onProgress?.({ ...snapshot, ...(parts > 1 ? { part, parts } : {}), ...retrying });
    try {
      const result = await withBodyRetries(() => runZipDownload({
        ...single,
        sourceFileUrls,
        destination: later ? later.destination : firstPartDestination(options.destination, parts),
        onFilename: part === 1 ? options.onFilename : undefined,
        nameAs,
        // Part 1 in a folder stands for the whole set: Keep both numbers every part alike.
        nameSet: parts > 1 && !later ? (firstName) => partSet(partBaseOf(firstName), parts) : undefined,
        onProgress: onProgress ? report : undefined,
      }), {
        retries: options.bodyRetries ?? 2,
        baseDelayMs: options.bodyRetryDelayMs,
        signal: options.signal,
        onRetry: (attempt, attempts) => {
          retrying = { attempt, attempts };
          report({ bytes: 0, total: null, bytesPerSecond: 0, etaSeconds: null });
        },
      });
      // A part's name is the one it was saved under (the backend names every part alike).
      const savedPart = parts > 1 ? { ...result, part, filename: basename(result.path) } : { ...result, part };
      saved.push(savedPart);
      await onPartSaved?.(savedPart);
    } catch (error) {
      if (parts === 1) throw error;
      throw batchFailure(toAppError(error), 'part', part, parts, saved.map((done) => done.filename));
    }
  }
  return saved;
}
