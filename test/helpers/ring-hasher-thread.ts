import { Worker } from 'node:worker_threads';
import { SLOT_COUNT, SLOT_STATES } from '../../main/core/http/fast-body/hash-ring-layout';
import type { RingMemory } from '../../main/core/http/fast-body/hash-ring-layout';
import { markGone, stopRingHasher } from '../../main/core/http/fast-body/ring-hasher';
import { fastBodyWorkerEntry } from '../../main/core/http/fast-body/worker-entry';
import type { FastBodyWorkerData } from '../../main/core/http/fast-body/worker-protocol';

/** A hasher thread as the app starts one: the fast body bundle (here its source through tsx) in the hasher role. */
export interface HasherThread {
  /** The thread's exit code, once it has ended (the ring then says Gone, as main's handle makes it). */
  stopped: Promise<number>;
  /** Asks it to end and waits until it has. */
  stop(): Promise<number>;
}

export function startHasherThread(ring: RingMemory): HasherThread {
  const entry = fastBodyWorkerEntry();
  if (!entry) throw new Error('the fast body worker source is missing');
  const worker = new Worker(entry.source, { eval: entry.eval, workerData: { role: 'hasher', ring } satisfies FastBodyWorkerData });
  const stopped = new Promise<number>((resolve) => worker.once('exit', (code) => {
    markGone(ring);
    resolve(code);
  }));
  return {
    stopped,
    stop: () => {
      stopRingHasher(ring);
      return stopped;
    },
  };
}

/** How many of the ring's slots are in use. */
export function slotsInUse(ring: RingMemory): number {
  const control = new Int32Array(ring.control);
  let used = 0;
  for (let slot = 0; slot < SLOT_COUNT; slot++) used += Atomics.load(control, SLOT_STATES + slot);
  return used;
}
