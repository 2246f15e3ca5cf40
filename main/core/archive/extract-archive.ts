import { mkdir, realpath, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExtractReport } from '../../../shared/api/archive';
import { fail } from '../app-error';
import { entryFailureReason, readPlannedEntries, yauzlEntry, type PlannedEntry } from './planned-entries';
import { entryRangesError } from './entry-ranges';
import { extractLimitError } from './extract-limits';
import { ExtractPlan } from './extract-plan';
import { ExtractionCancelled } from './extraction-cancelled';
import { FolderGuard } from './folder-guard';
import { ProgressCounter, type ProgressListener } from './job-progress';
import { isSmallEntry, readSmallEntry, writeSmallFile } from './small-entry';
import type { OpenZip } from './open-zip';
import { withZip } from './open-zip';
import { DataCheck, writeNewFile, type StreamWatch } from './write-entry';

/**
 * Small entries are written with synchronous calls, which hold the thread: after this many
 * entries or bytes the loop lets the event loop turn, so an abort (the worker's message) and
 * progress get through within a fraction of a second.
 */
const YIELD_EVERY_ENTRIES = 256;
const YIELD_EVERY_BYTES = 16 * 1024 * 1024;

/** Options of `extractArchive`. */
export interface ExtractOptions {
  /** Names (as listed) to extract; all entries when omitted. */
  entries?: string[];
  /** Go past EXTRACT_LIMITS (total size, entry count, compression ratios): only when a person said so. Never past damage or overlapping entries. */
  allowLarge?: boolean;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

/**
 * Extracts the zip at `path` into the folder `destination` and reports what was written and
 * what was refused and why. Never writes outside the folder, never creates links, never
 * overwrites; unsafe, encrypted or damaged entries are refused one by one and the safe rest
 * is extracted. Fails as a whole, before writing anything, when the archive cannot be read, its
 * entries' data runs past the end of the file or overlaps (a damaged archive, or a zip bomb that
 * reuses one stream for many entries), the disk lacks the space the archive declares, or it goes
 * over EXTRACT_LIMITS without `allowLarge`. A refused entry leaves nothing behind, not even the
 * folders made for it. When the signal aborts it stops between entries or inside a streamed one,
 * removes the file it was writing and throws ExtractionCancelled with what it had written.
 * Progress counts the entries chosen (those refused up front are done at once) and their declared
 * bytes.
 */
export async function extractArchive(path: string, destination: string, options: ExtractOptions = {}): Promise<ExtractReport> {
  return withZip(path, async (opened) => {
    const root = await prepareDestination(destination);
    const report: ExtractReport = { destination: root, extracted: [], refused: [], renamed: [] };
    const { writable, refused } = await readPlannedEntries(opened.zip, options.entries);
    report.refused.push(...refused);
    // First: a damaged or crafted archive is neither "too big for the disk" nor "extract it anyway?".
    const ranges = entryRangesError(opened, path, writable);
    if (ranges) throw ranges;
    const total = writable.reduce((sum, item) => sum + item.entry.uncompressedSize, 0);
    await checkFreeSpace(root, total); // next: no point asking "extract anyway?" when it cannot fit
    const limit = options.allowLarge ? null : extractLimitError(writable, opened.fileSize);
    if (limit) throw limit;
    const plan = new ExtractPlan();
    const folders = new FolderGuard(root);
    const progress = new ProgressCounter(writable.length + refused.length, total, refused.length, options.onProgress);
    const watch: StreamWatch = { signal: options.signal, onBytes: (count) => progress.bytes(count) };
    let sinceYield = { entries: 0, bytes: 0 };
    try {
      for (const item of writable) {
        if (sinceYield.entries >= YIELD_EVERY_ENTRIES || sinceYield.bytes >= YIELD_EVERY_BYTES) {
          await new Promise((resolve) => setImmediate(resolve));
          sinceYield = { entries: 0, bytes: 0 };
        }
        if (options.signal?.aborted) throw new ExtractionCancelled(report);
        progress.at(item.name);
        await extractOne(opened, root, folders, plan, item, report, watch);
        progress.entryDone(item.entry.uncompressedSize);
        sinceYield.entries++;
        sinceYield.bytes += item.entry.uncompressedSize;
      }
    } catch (error) {
      // Stopped: the last report says exactly how far it got.
      if (error instanceof ExtractionCancelled) progress.finish();
      throw error;
    }
    progress.finish();
    return report;
  });
}

/** Creates the destination when needed and resolves it through any links, once, up front. */
async function prepareDestination(destination: string): Promise<string> {
  try {
    await mkdir(destination, { recursive: true });
    return await realpath(destination);
  } catch (error) {
    fail('disk', `The folder "${destination}" cannot be used for extraction (${(error as Error).message}).`, { cause: error });
  }
}

/** Fails before writing anything when the disk cannot hold what the archive declares. */
async function checkFreeSpace(root: string, needed: number): Promise<void> {
  const stats = await statfs(root);
  const available = stats.bavail * stats.bsize;
  if (needed > available) {
    const mb = (bytes: number) => `${Math.ceil(bytes / 1e6).toLocaleString('en')} MB`;
    fail('disk', `Not enough free space: the entries need ${mb(needed)} but only ${mb(available)} is free in "${root}".`);
  }
}

/** Writes one planned entry, recording it as extracted, renamed or refused; a refused one leaves no folder behind. */
async function extractOne(
  opened: OpenZip,
  root: string,
  folders: FolderGuard,
  plan: ExtractPlan,
  item: PlannedEntry,
  report: ExtractReport,
  watch: StreamWatch,
): Promise<void> {
  const { signal } = watch;
  /** The folders made for this entry alone, taken back when it is not written. */
  const made: string[] = [];
  try {
    if (item.directory) {
      await folders.ensure(plan.directory(item.name), made);
      return;
    }
    const target = plan.file(item.name);
    let segments = target.segments;
    await folders.ensure(segments.slice(0, -1), made);
    const small = isSmallEntry(item.entry) ? readSmallEntry(opened.reader, item.entry) : null;
    for (let attempt = 1; small; attempt++) {
      try {
        writeSmallFile(join(root, ...segments), small, item.modified);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 1000) throw error;
        segments = plan.renumber(segments, attempt, item.name);
      }
    }
    for (let attempt = 1; !small; attempt++) {
      const data = await opened.zip.openReadStreamPromise(yauzlEntry(item.entry));
      // Inflating starts at once; a corrupt stream can fail while the file is being opened, before
      // anyone listens, which would crash the worker. consumeStream picks the error up from `errored`.
      data.on('error', () => {});
      try {
        await writeNewFile(join(root, ...segments), data, new DataCheck(item.entry.uncompressedSize, item.entry.crc32), item.modified, watch);
        break;
      } catch (error) {
        data.destroy();
        // A file of that name was already in the folder: keep it, take the next number.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 1000) throw error;
        segments = plan.renumber(segments, attempt, item.name);
      }
    }
    const savedAs = segments.join('/');
    report.extracted.push(savedAs);
    if (savedAs !== target.segments.join('/') || target.renamedFrom) report.renamed.push({ name: item.name, savedAs });
  } catch (error) {
    // The entry's file is already gone (writeNewFile removes it): the report lists complete files only.
    await folders.removeMade(made);
    if (signal?.aborted || (error as Error).name === 'AbortError') throw new ExtractionCancelled(report);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') fail('disk', 'The disk is full; extraction stopped.', { cause: error });
    report.refused.push({ name: item.name, reason: entryFailureReason(error) });
  }
}
