import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppErrorException, appError, cancelled } from '../app-error';
import { ExtractionCancelled } from './extraction-cancelled';
import type { ProgressListener } from './job-progress';
import { unpackedWorkerPath } from './worker-path';
import type { AbortMessage, WorkerJob, WorkerJobResults, WorkerMessage } from './worker-protocol';

// Held in variables so the bundler leaves these URLs alone and they resolve at run time. The
// built worker is `.mjs` so Node loads it as ESM by its name, not by guessing from its syntax.
const BUILT_WORKER = './archive-worker.mjs';
const SOURCE_WORKER = './archive-worker.ts';

/** How long a worker may take to stop by itself after an abort before it is terminated. */
const ABORT_GRACE_MS = 2000;

/**
 * How to start the worker: the built `archive-worker.mjs` beside the running bundle when it
 * exists (the app, the command line), else the TypeScript source through tsx (tests, `tsx`
 * scripts). On Node 20 `execArgv: ['--import', 'tsx']` does not reach a worker's entry module,
 * so a two-line bootstrap registers tsx's hooks inside the worker first and then imports the
 * source. Neither there (a broken installation): an `archive` error that says so and where.
 */
export function resolveWorkerEntry(moduleUrl: string = import.meta.url): { source: URL | string; eval: boolean } {
  // In a packaged app the bundle sits in app.asar; the worker starts from its unpacked copy.
  const built = unpackedWorkerPath(fileURLToPath(new URL(BUILT_WORKER, moduleUrl)));
  if (existsSync(built)) return { source: built, eval: false };
  if (!existsSync(fileURLToPath(new URL(SOURCE_WORKER, moduleUrl)))) {
    throw appError('archive', `Export Manager's archive worker is missing (${built}); reinstall Export Manager to inspect or extract archives.`);
  }
  // require.resolve finds the CommonJS build; its ESM twin beside it is the one that registers hooks.
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL(SOURCE_WORKER, moduleUrl).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return { source: bootstrap, eval: true };
}

/**
 * Runs an archive job on a worker thread; abort with `signal`; progress as the worker reports it.
 * A cancelled extraction rejects with ExtractionCancelled and what it wrote, as it would in-process.
 */
export function runArchiveJob<J extends WorkerJob>(
  job: J,
  options: { signal?: AbortSignal; onProgress?: ProgressListener } = {},
): Promise<WorkerJobResults[J['op']]> {
  return new Promise((resolve, reject) => {
    const entry = resolveWorkerEntry();
    const worker = new Worker(entry.source, { eval: entry.eval, workerData: job });
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      clearTimeout(killTimer);
      action();
    };
    const onAbort = () => {
      worker.postMessage({ type: 'abort' } satisfies AbortMessage);
      killTimer = setTimeout(() => {
        void worker.terminate();
        finish(() => reject(cancelled('The archive job was cancelled.')));
      }, ABORT_GRACE_MS);
    };
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') {
        const { type: _type, ...progress } = message;
        options.onProgress?.(progress);
      } else if (message.type === 'done') finish(() => resolve(message.value as WorkerJobResults[J['op']]));
      else finish(() => reject(failureOf(message)));
    });
    worker.on('error', (error) => finish(() => reject(workerFailure(error.message, error))));
    worker.on('exit', (code) => finish(() => reject(appError('archive', `The archive worker stopped unexpectedly (exit code ${code}).`))));
  });
}

/** The exception a worker's `failed` message stands for. */
function failureOf(message: Extract<WorkerMessage, { type: 'failed' }>): Error {
  if (message.partial) return new ExtractionCancelled(message.partial);
  return message.error ? new AppErrorException(message.error) : workerFailure(message.message);
}

/** A failure inside the worker that it could not describe itself: still an `archive` error the user can read. */
function workerFailure(detail: string, cause?: unknown): AppErrorException {
  return appError('archive', `The archive could not be processed: ${detail}`, { cause });
}
