/**
 * Entry of the archive worker thread: runs one job from `workerData` off the main event loop,
 * posts throttled progress, then its result, and exits. Built as its own bundle
 * (`dist-electron/archive-worker.mjs`); started from source with tsx in tests (worker-client.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { appErrorOf } from '../app-error';
import { extractArchive } from './extract-archive';
import { ExtractionCancelled } from './extraction-cancelled';
import { listArchive } from './list-archive';
import { throttleProgress } from './throttle-progress';
import { verifyZip } from './check-manifest';
import type { AbortMessage, WorkerJob, WorkerJobResults, WorkerMessage } from './worker-protocol';

const job = workerData as WorkerJob;
const controller = new AbortController();
const post = (message: WorkerMessage) => parentPort?.postMessage(message);
const onProgress = throttleProgress((progress) => post({ type: 'progress', ...progress }));

parentPort?.on('message', (message: AbortMessage) => {
  if (message.type === 'abort') controller.abort();
});

/** Runs the job with the worker's abort signal and progress channel. */
function run(): Promise<WorkerJobResults[WorkerJob['op']]> {
  const signal = controller.signal;
  if (job.op === 'list') return listArchive(job.path);
  if (job.op === 'extract') return extractArchive(job.path, job.destination, { entries: job.entries, allowLarge: job.allowLarge, signal, onProgress });
  return verifyZip(job.path, { signal, onProgress });
}

run().then(
  (value) => post({ type: 'done', value }),
  (error: unknown) => {
    const partial = error instanceof ExtractionCancelled ? { partial: error.partial } : {};
    post({ type: 'failed', error: appErrorOf(error), message: error instanceof Error ? error.message : String(error), ...partial });
  },
).finally(() => parentPort?.close());
