import { mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ConflictChoice } from '../../../shared/api/downloads';
import { appError, cancelled } from '../app-error';
import { openBatch } from '../http/batch-client';
import { continueAfterRedirect } from '../http/fast-body/got-handoff';
import { openFastBatch } from '../http/fast-body/open-fast-batch';
import { DEFAULT_TIMEOUTS } from '../http/http-stream';
import type { Timeouts } from '../http/http-stream';
import { zipFilenameFrom } from '../files/filename';
import { refuseToReplaceNonFile } from '../files/replace-target';
import type { FilenameSource } from '../files/filename';
import type { RetryOptions } from '../http/retry';
import { toAppError } from '../http/to-app-error';
import type { Dialogs } from '../ports';
import { bodyFailure } from './body-retries';
import { moveIntoPlace } from './move-into-place';
import { numberedName } from '../../../shared/numbered-name';
import { settleTakenName } from './name-conflict';
import type { ConflictPolicy, NameSet, SetNaming } from './name-conflict';
import type { ProgressSnapshot } from './progress-meter';
import { discardBatchBody, saveBatchBody, withTempFile } from './save-body';
import type { BatchBody } from './save-body';
import { MissingZip64Error, readZipDirectory, verifyArchive } from '../archive';
import type { Network } from '../http/network/network';
import type { EntryDigest } from '../archive';

/** Where a zip download ends up. */
export type ZipDestination =
  /** Exactly this path; an existing file is kept and the job fails unless `existing: 'replace'`. */
  | { kind: 'file'; path: string; existing?: ConflictChoice }
  /**
   * This folder, under the Content-Disposition name. A taken name is settled by `onConflict`
   * while the body streams; without one it becomes `name (1).zip`.
   */
  | { kind: 'folder'; dir: string; onConflict?: ConflictPolicy }
  /**
   * Ask with the save dialog (while the body already streams to the temp file); the dialog
   * confirmed any replacement of the file chosen. A split zip's later parts, which the dialog
   * never showed, are settled by `onConflict` when one of their names is taken there.
   */
  | { kind: 'ask'; dialogs: Pick<Dialogs, 'saveAs'>; defaultDir: string; onConflict?: ConflictPolicy };

/** Everything a zip download needs; usable by the app's handlers and by the command line alike. */
export interface ZipDownloadOptions {
  baseUrl: string;
  /** Proxies and trusted authorities (Settings → Network, or the command line's); default: direct, Node's roots. */
  network?: Network;
  apiKey: string | null;
  sourceFileUrls: string[];
  destination: ZipDestination;
  /** Where the partial file lives until it is complete and verified. */
  tempDir: string;
  signal?: AbortSignal;
  onProgress?: (progress: ProgressSnapshot) => void;
  /** Called once the name is known (from the response headers). */
  onFilename?: (filename: string, source: FilenameSource) => void;
  /** The name to save under, from the backend's (a part of a split download: `name (part 1 of 3).zip`); default: the backend's. */
  nameAs?: (filename: string) => string;
  /**
   * The names this file stands for, from the name it is saved under, numbered n (see NameSet):
   * a split zip's part 1 passes every part's name, so a taken name anywhere in the set numbers
   * the whole set, in a folder and beside a file chosen in the save dialog. Default: the file
   * alone, `name (n).zip`.
   */
  nameSet?: SetNaming;
  timeouts?: Partial<Timeouts>;
  retry?: Partial<RetryOptions>;
  /** Minimum time between progress reports (default 100 ms: about 10 a second). */
  progressIntervalMs?: number;
  /**
   * Read every entry back before the move (sizes and CRC-32 checked, each hashed with SHA-256)
   * for the manifest: a damaged zip then fails as `invalid-response` and never reaches the
   * destination. Without it, only the central directory is checked.
   */
  digestEntries?: boolean;
  /** Hash the body with SHA-256 as it streams (default true; false only for the benchmark's reference). */
  hashBody?: boolean;
  /**
   * The body path to try: `fast` (default) reads the zip in a worker thread through its own
   * socket (http/fast-body/) and hands the request to got where it cannot serve it; `got`
   * keeps to got (the reference the benchmark and the tests compare the fast path with).
   */
  bodyPath?: BodyPath;
}

/** Which body path saved a zip: the fast path's worker, or got's stream. */
export type BodyPath = 'fast' | 'got';

/** A zip saved and verified. */
export interface ZipDownloadResult {
  path: string;
  bytes: number;
  filename: string;
  filenameSource: FilenameSource;
  entries: number;
  /** In a folder: the number its name (and its set's) took to keep an existing file, `name (1).zip`; 0 for none. */
  numbered: number;
  /**
   * Saved through the save dialog as a split zip's part 1: how its later parts treat a taken
   * name, as settled for the whole set then (replace only when a person said so). Absent otherwise.
   */
  setChoice?: ConflictChoice;
  /** The SHA-256 of the file (hex), computed as the body streamed; null with `hashBody: false`. */
  sha256: string | null;
  /** What was asked for and what answered, for the manifest. */
  sourceFileUrls: string[];
  status: number;
  contentDisposition: string | null;
  /** Every file entry's digest, with `digestEntries`; null without. */
  digests: EntryDigest[] | null;
  /** The body path that saved it (the job's details show it); absent for a part a resumed download kept from before (resume-parts.ts). */
  bodyPath?: BodyPath;
}

const ZIP_STARTS = ['504b0304', '504b0506']; // a local file header, or the end record of an empty zip

function checkZipStart(head: Buffer): void {
  if (!ZIP_STARTS.includes(head.subarray(0, 4).toString('hex'))) {
    const looksHtml = /^\s*</.test(head.toString('latin1'));
    throw appError(
      'invalid-response',
      looksHtml
        ? 'The backend answered with a web page instead of a zip: check the base URL (a login page or proxy may be in the way).'
        : 'The backend answered with something that is not a zip file.',
    );
  }
}

/**
 * Runs one zip download: POST, stream the body to a temp file with progress, check the length
 * and the central directory, then move the file into place atomically. On any failure or
 * cancel the temp file is removed and the destination is untouched; throws AppErrorException.
 */
export async function runZipDownload(options: ZipDownloadOptions): Promise<ZipDownloadResult> {
  const abort = new AbortController();
  const forward = () => abort.abort();
  options.signal?.addEventListener('abort', forward, { once: true });
  if (options.signal?.aborted) abort.abort();
  // Why choosing the target stopped the download (a cancelled dialog or question, a refused name).
  let stopped: unknown = null;
  // Ends with the download, whatever ends it, so a question still open closes.
  const ended = new AbortController();
  abort.signal.addEventListener('abort', () => ended.abort(), { once: true });
  try {
    return await withTempFile(options.tempDir, 'download', async (temp) => {
      const opened = await openZipBody(options, abort.signal);
      const { response } = opened;
      const { filename, source } = zipFilenameFrom(response.headers['content-disposition']);
      options.onFilename?.(filename, source);
      if (/text\/html/i.test(response.headers['content-type'] ?? '')) {
        await discardBatchBody(opened);
        throw appError('invalid-response', 'The backend answered with a web page instead of a zip: check the base URL.', { status: response.status });
      }
      const savedName = options.nameAs?.(filename) ?? filename;
      const chosen = chooseTarget(options.destination, savedName, options.nameSet, ended.signal);
      // Awaited below, once the body is in; a refusal stops the body at once.
      chosen.catch((error: unknown) => {
        stopped ??= error;
        abort.abort();
      });
      const body = await saveBatchBody(opened, temp, {
        idleMs: options.timeouts?.idleMs ?? DEFAULT_TIMEOUTS.idleMs,
        intervalMs: options.progressIntervalMs,
        onProgress: options.onProgress,
        checkStart: checkZipStart,
        signal: abort.signal,
        sha256: options.hashBody !== false,
        // Unless the download was stopped on purpose, a body that broke off may be asked for again (body-retries.ts).
      }).catch((error: unknown) => {
        throw abort.signal.aborted ? error : bodyFailure(error);
      });
      const directory = await readZipDirectory(temp).catch((error: Error) => {
        // Whole as its writer made it: asking again brings the same zip, fewer exports a request do not.
        if (error instanceof MissingZip64Error) {
          throw appError('invalid-response', `The backend's zip cannot be read whole: ${error.message} (likely truncated by its writer). Download fewer exports at a time: set a batch size below 65,535 in the profile (--max-batch on the command line).`);
        }
        throw appError('invalid-response', `The downloaded file is not a complete zip (${error.message}). Try again.`);
      });
      const digests = options.digestEntries ? await digestEntries(temp, abort.signal) : null;
      const target = await chosen;
      const path = await moveIntoPlace(temp, target.path, target.existing);
      return {
        path,
        bytes: body.bytes,
        filename: savedName,
        filenameSource: source,
        entries: directory.entries,
        numbered: target.numbered,
        ...(target.setChoice ? { setChoice: target.setChoice } : {}),
        sha256: body.sha256,
        sourceFileUrls: [...options.sourceFileUrls],
        status: response.status,
        contentDisposition: response.headers['content-disposition'] ?? null,
        digests,
        bodyPath: opened.path,
      };
    });
  } catch (error) {
    // The caller's cancel says it all; otherwise what stopped the body is the reason, not the abort it caused.
    if (options.signal?.aborted) throw cancelled();
    if (stopped !== null) throw toAppError(stopped);
    if (abort.signal.aborted) throw cancelled();
    throw toAppError(error);
  } finally {
    ended.abort();
    options.signal?.removeEventListener('abort', forward);
  }
}

/**
 * The batch answer, its body not read yet: on the fast path when it can serve the request,
 * else on got's. A redirect the fast path received is followed by got from there (the request
 * is not sent twice); anything else it cannot serve is sent again by got from the start, before
 * any body byte was written.
 */
async function openZipBody(options: ZipDownloadOptions, signal: AbortSignal): Promise<BatchBody> {
  if (options.bodyPath !== 'got') {
    const request = { baseUrl: options.baseUrl, apiKey: options.apiKey, sourceFileUrls: options.sourceFileUrls, signal, timeouts: options.timeouts, retry: options.retry, network: options.network };
    const fast = await openFastBatch(request);
    if (fast.kind === 'served') return { path: 'fast', response: fast.response };
    if (fast.kind === 'redirect') return { path: 'got', response: await continueAfterRedirect(request, fast) };
  }
  return { path: 'got', response: await openBatch({ ...options, mode: 'zip', signal }) };
}

/**
 * Every file entry of the downloaded zip read back, checked and hashed (the manifest's records).
 * An entry that does not read back whole means the backend sent a damaged zip: it fails as
 * `invalid-response`, naming the first such entry, and the file never reaches its destination.
 */
async function digestEntries(temp: string, signal: AbortSignal): Promise<EntryDigest[]> {
  const digests: EntryDigest[] = [];
  const damaged: Array<{ name: string; reason: string }> = [];
  await verifyArchive(temp, { signal, onDigest: (digest) => digests.push(digest), onDataFailure: (name, reason) => damaged.push({ name, reason }) });
  const first = damaged[0];
  if (first) {
    const more = damaged.length > 1 ? ` (and ${damaged.length - 1} more)` : '';
    throw appError('invalid-response', `The downloaded zip is damaged: the entry ${JSON.stringify(first.name)}${more}: ${first.reason}. Try again.`);
  }
  return digests;
}

/** Where a file goes, how the move treats a file there, and the number its name took in a folder. */
interface Target {
  path: string;
  existing: ConflictChoice;
  numbered: number;
  /** Through the save dialog, for a set: how its later parts treat a taken name. */
  setChoice?: ConflictChoice;
}

/** Where the file goes; throws (a `cancelled` error for a cancelled dialog or question) when it goes nowhere. */
async function chooseTarget(destination: ZipDestination, filename: string, nameSet: SetNaming | undefined, signal: AbortSignal): Promise<Target> {
  if (destination.kind === 'file') {
    const existing = destination.existing ?? 'cancel';
    // A FIFO or a device at the path is refused now, not after the whole body was saved.
    if (existing === 'replace') await refuseToReplaceNonFile(destination.path);
    return { path: destination.path, existing, numbered: 0 };
  }
  if (destination.kind === 'folder') {
    await mkdir(destination.dir, { recursive: true });
    const names: NameSet = nameSet?.(filename) ?? ((n) => [n === 0 ? filename : numberedName(filename, n)]);
    const settled = await settleTakenName(destination.dir, names, destination.onConflict, signal);
    const path = join(destination.dir, settled.name);
    if (settled.existing === 'replace') await refuseToReplaceNonFile(path);
    return { path, existing: settled.existing, numbered: settled.number };
  }
  const path = await destination.dialogs.saveAs({
    title: 'Save the downloaded exports',
    defaultPath: join(destination.defaultDir, filename),
    filters: [{ name: 'Zip archive', extensions: ['zip'] }],
  });
  if (path === null) throw cancelled('The download was cancelled: no file was chosen in the save dialog.');
  if (!nameSet) return { path, existing: 'replace', numbered: 0 };
  return settleSetBesideChosen(path, nameSet, destination.onConflict, signal);
}

/**
 * A split zip's part 1 saved as `chosen` in the save dialog: its later parts go beside it, named
 * after it, where the dialog never looked. A taken later name is settled for the whole set (the
 * job's question, or the setting), as in a folder: Keep both numbers every part alike,
 * `name (1) (part 1 of 3).zip`, …, keeping the file the dialog would have replaced too; Replace
 * replaces the set; Cancel saves nothing. With no later name taken, nothing is asked.
 */
async function settleSetBesideChosen(chosen: string, nameSet: SetNaming, policy: ConflictPolicy | undefined, signal: AbortSignal): Promise<Target> {
  const folder = dirname(chosen);
  const set = nameSet(basename(chosen));
  // Unnumbered, part 1 keeps the name typed in the dialog, whatever it is.
  const names: NameSet = (n) => (n === 0 ? [basename(chosen), ...set(0).slice(1)] : set(n));
  const settled = await settleTakenName(folder, names, policy, signal, true);
  const path = join(folder, settled.name);
  if (settled.number > 0) return { path, existing: 'keep-both', numbered: settled.number, setChoice: 'keep-both' };
  return { path, existing: 'replace', numbered: 0, setChoice: settled.existing };
}
