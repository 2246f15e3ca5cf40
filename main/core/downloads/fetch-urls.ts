import type { FetchFailure, SavedFile } from '../../../shared/api/downloads';
import type { Timeouts } from '../http/http-stream';
import { toAppError } from '../http/to-app-error';
import { fetchOneUrl } from './fetch-one-url';
import type { Network } from '../http/network/network';
import type { ProgressSnapshot } from './progress-meter';

/** Progress of a whole fetch: bytes over every file so far, plus how many files are done. */
export interface FetchProgress extends ProgressSnapshot {
  filesDone: number;
  filesTotal: number;
}

/** What `fetchUrls` takes. */
export interface FetchUrlsOptions {
  urls: string[];
  folder: string;
  tempDir: string;
  signal: AbortSignal;
  /** Files downloaded at the same time (default 3). */
  concurrency?: number;
  timeouts?: Partial<Timeouts>;
  network?: Network;
  /** Throttled to one report per `intervalMs` (default 100), plus one per finished file. */
  onProgress?: (progress: FetchProgress) => void;
  intervalMs?: number;
}

/** What a fetch produced: the files saved and the URLs that failed, in the order of `urls`. */
export interface FetchUrlsResult {
  saved: SavedFile[];
  failures: FetchFailure[];
}

/**
 * Downloads each URL into `folder` with bounded concurrency. A failing URL is recorded and the
 * rest go on; a cancel stops everything (files already saved stay: they are complete).
 */
export async function fetchUrls(options: FetchUrlsOptions): Promise<FetchUrlsResult> {
  const { urls } = options;
  const outcomes: Array<{ saved?: SavedFile; failure?: FetchFailure }> = new Array(urls.length);
  const live = new Map<number, ProgressSnapshot>();
  let doneBytes = 0;
  let filesDone = 0;
  let lastReport = 0;
  const intervalMs = options.intervalMs ?? 100;

  const report = (force: boolean) => {
    const now = performance.now();
    if (!options.onProgress || (!force && now - lastReport < intervalMs)) return;
    lastReport = now;
    let bytes = doneBytes;
    let bytesPerSecond = 0;
    for (const snapshot of live.values()) {
      bytes += snapshot.bytes;
      bytesPerSecond += snapshot.bytesPerSecond;
    }
    // The sum of totals is only known up front when every file has said its size; keep it simple: none.
    options.onProgress({ bytes, total: null, bytesPerSecond, etaSeconds: null, filesDone, filesTotal: urls.length });
  };

  let next = 0;
  const worker = async () => {
    while (next < urls.length && !options.signal.aborted) {
      const index = next++;
      const url = urls[index]!;
      try {
        const file = await fetchOneUrl({
          url, folder: options.folder, tempDir: options.tempDir, signal: options.signal, timeouts: options.timeouts, network: options.network,
          onProgress: (snapshot) => {
            live.set(index, snapshot);
            report(false);
          },
        });
        outcomes[index] = { saved: file };
        doneBytes += file.bytes;
      } catch (error) {
        if (options.signal.aborted) return;
        outcomes[index] = { failure: { url, error: toAppError(error).appError } };
      } finally {
        live.delete(index);
      }
      filesDone++;
      report(true);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 3, urls.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return {
    saved: outcomes.flatMap((outcome) => (outcome?.saved ? [outcome.saved] : [])),
    failures: outcomes.flatMap((outcome) => (outcome?.failure ? [outcome.failure] : [])),
  };
}
