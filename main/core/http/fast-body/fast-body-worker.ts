/**
 * Entry of the fast body path's worker thread: one download's exchanges (worker-exchange.ts),
 * off main's event loop, so the body's synchronous writes never hold main up. Built as its own
 * bundle beside main.js and cli.js (`dist-electron/fast-body-worker.mjs`); started from source
 * with tsx in tests (worker-entry.ts). Ends when main says `close`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { WorkerExchange } from './worker-exchange';
import type { FastBodyWorkerData, FromWorker, ToWorker } from './worker-protocol';

const data = workerData as FastBodyWorkerData;
const port = parentPort!;
const exchange = new WorkerExchange((message: FromWorker) => port.postMessage(message), data.shared, data.readBufferBytes);

port.on('message', (message: ToWorker) => {
  exchange.handle(message);
  if (message.type === 'close') port.close();
});
