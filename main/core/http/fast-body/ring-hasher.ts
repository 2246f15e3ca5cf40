import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import {
  DIGESTS, DIGEST_WORDS, HASHER, HASHER_SLEEPING, HasherState, PRODUCER_WAITING, QUEUE_HEAD, QUEUE_TAIL, RELEASES, SLOT_STATES, STOP, Step, WAKE_AFTER_RELEASES, entryAt, slotViews,
} from './hash-ring-layout';
import type { RingMemory } from './hash-ring-layout';

/** How long the hasher sleeps on an empty queue before it looks for STOP again (main also wakes it). */
const IDLE_SLICE_MS = 1000;

/**
 * The hasher thread's whole work (hash-ring-layout.ts): takes the queue's steps in order,
 * hashing slices of slots and freeing each slot once everything in it is hashed, until main
 * sets STOP. Blocking waits: this thread has nothing else to do. Whatever ends it, the HASHER
 * word says Gone, and a waiting exchange is woken to see it.
 */
export function runRingHasher(memory: RingMemory): void {
  const control = new Int32Array(memory.control);
  const slots = slotViews(memory);
  const digestBytes = new Uint8Array(memory.control, DIGEST_WORDS * Int32Array.BYTES_PER_ELEMENT, 32);
  let hash: Hash | null = null;
  let tail = Atomics.load(control, QUEUE_TAIL);
  /** Releases since the exchange was last woken. */
  let unannounced = 0;
  const wakeExchange = (): void => {
    unannounced = 0;
    if (Atomics.load(control, PRODUCER_WAITING) !== 0) {
      Atomics.notify(control, RELEASES);
      Atomics.notify(control, QUEUE_TAIL);
    }
  };
  Atomics.store(control, HASHER, HasherState.Running);
  try {
    for (;;) {
      let head = Atomics.load(control, QUEUE_HEAD);
      if (head === tail) {
        // Nothing left: whatever the exchange waits for is done.
        wakeExchange();
        if (Atomics.load(control, STOP) !== 0) return;
        Atomics.store(control, HASHER_SLEEPING, 1);
        // Looked at again after the flag is up: a step published before it would otherwise wake no one.
        head = Atomics.load(control, QUEUE_HEAD);
        if (head === tail) Atomics.wait(control, QUEUE_HEAD, head, IDLE_SLICE_MS);
        Atomics.store(control, HASHER_SLEEPING, 0);
        continue;
      }
      const at = entryAt(tail);
      const step = word(control, at);
      const slot = word(control, at + 1);
      switch (step) {
        case Step.Begin:
          hash = createHash('sha256');
          break;
        case Step.Data: {
          const start = word(control, at + 2);
          hash?.update(slots[slot]?.subarray(start, start + word(control, at + 3)) ?? new Uint8Array(0));
          break;
        }
        case Step.Release:
          Atomics.store(control, SLOT_STATES + slot, 0);
          Atomics.add(control, RELEASES, 1);
          if (++unannounced >= WAKE_AFTER_RELEASES) wakeExchange();
          break;
        case Step.Digest:
          digestBytes.set(hash ? hash.digest() : new Uint8Array(32));
          hash = null;
          Atomics.add(control, DIGESTS, 1);
          Atomics.notify(control, DIGESTS);
          break;
        case Step.Abort:
          hash = null;
          break;
      }
      tail = (tail + 1) | 0;
      Atomics.store(control, QUEUE_TAIL, tail);
    }
  } finally {
    markGone(memory);
  }
}

function word(control: Int32Array, at: number): number {
  return control[at] ?? 0;
}

/** Says the hasher is gone and wakes whatever the exchange may be waiting on (also main's call when the thread exits). */
export function markGone(memory: RingMemory): void {
  const control = new Int32Array(memory.control);
  Atomics.store(control, HASHER, HasherState.Gone);
  for (const word of [RELEASES, DIGESTS, QUEUE_TAIL]) Atomics.notify(control, word);
}

/** Asks the hasher to end once its queue is empty, and wakes it. */
export function stopRingHasher(memory: RingMemory): void {
  const control = new Int32Array(memory.control);
  Atomics.store(control, STOP, 1);
  Atomics.notify(control, QUEUE_HEAD);
}
