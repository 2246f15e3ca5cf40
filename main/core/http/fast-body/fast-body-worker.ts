/**
 * Entry of the fast body path's two worker threads: one download's exchanges (worker-exchange.ts),
 * off main's event loop, so the body's synchronous writes never hold main up; and its hasher
 * (ring-hasher.ts), so SHA-256 runs beside the socket and the disk. Built as its own
 * bundle beside main.js and cli.js (`dist-electron/fast-body-worker.mjs`); started from source
 * with tsx in tests (worker-entry.ts). Ends when main says `close`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runRingHasher } from './ring-hasher';
import { SlotRing } from './slot-ring';
import { WorkerExchange } from './worker-exchange';
import type { FastBodyWorkerData, FromWorker, ToWorker } from './worker-protocol';

const data = workerData as FastBodyWorkerData;
const port = parentPort!;

if (data.role === 'hasher') {
  // Blocks this thread until main sets STOP; then the thread ends.
  runRingHasher(data.ring);
  port.close();
} else {
  const exchange = new WorkerExchange((message: FromWorker) => port.postMessage(message), data.shared, new SlotRing(data.ring));
  port.on('message', (message: ToWorker) => {
    exchange.handle(message);
    if (message.type === 'close') port.close();
  });
}
