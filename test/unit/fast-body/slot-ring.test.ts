import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { HASHER, HasherState, SLOT_BYTES, SLOT_COUNT, makeRingMemory } from '../../../main/core/http/fast-body/hash-ring-layout';
import type { RingMemory } from '../../../main/core/http/fast-body/hash-ring-layout';
import { markGone, stopRingHasher } from '../../../main/core/http/fast-body/ring-hasher';
import { HashThreadGone, SlotRing } from '../../../main/core/http/fast-body/slot-ring';
import { slotsInUse, startHasherThread } from '../../helpers/ring-hasher-thread';
import type { HasherThread } from '../../helpers/ring-hasher-thread';

const running: HasherThread[] = [];
afterEach(async () => {
  for (const hasher of running.splice(0)) await hasher.stop();
});

function startHasher(ring: RingMemory): HasherThread {
  const hasher = startHasherThread(ring);
  running.push(hasher);
  return hasher;
}

/** A seeded generator, so a failure repeats. */
function seeded(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % below;
  };
}

describe('the ring the fast body path reads into and hashes from', () => {
  it('hashes exactly the slices handed over, in order, across thousands of reused slots, several digests in a row', () => {
    const memory = makeRingMemory();
    startHasher(memory);
    const ring = new SlotRing(memory);
    const random = seeded(21);
    for (let digest = 0; digest < 3; digest++) {
      const expected = createHash('sha256');
      ring.begin();
      for (let read = 0; read < 1500; read++) {
        const slot = ring.take();
        const room = ring.room(slot);
        // Fresh bytes over whatever was there: were a slot handed back before it is hashed, the digest would differ.
        const length = 1 + random(SLOT_BYTES);
        randomBytes(length).copy(room);
        // A read holds framing too (a chunk-size line, the head): only some slices are body.
        let at = 0;
        while (at < length) {
          const end = Math.min(length, at + 1 + random(96 * 1024));
          if (random(4) !== 0) {
            ring.hash(room, at, end);
            expected.update(room.subarray(at, end));
          }
          at = end;
        }
        ring.release(slot);
      }
      expect(ring.digest()).toBe(expected.digest('hex'));
    }
    expect(slotsInUse(memory)).toBe(0);
  });

  it('a digest of nothing is the SHA-256 of no bytes; an aborted digest leaves nothing behind for the next', () => {
    const memory = makeRingMemory();
    startHasher(memory);
    const ring = new SlotRing(memory);
    ring.begin();
    expect(ring.digest()).toBe(createHash('sha256').digest('hex'));
    ring.begin();
    const slot = ring.take();
    ring.room(slot).fill(7);
    ring.hash(ring.room(slot), 0, 1000);
    ring.release(slot);
    ring.abort();
    ring.begin();
    const again = ring.take();
    ring.room(again).fill(9, 0, 10);
    ring.hash(ring.room(again), 0, 10);
    ring.release(again);
    expect(ring.digest()).toBe(createHash('sha256').update(Buffer.alloc(10, 9)).digest('hex'));
    expect(slotsInUse(memory)).toBe(0);
  });

  it('a full ring waits for the hasher rather than reuse a slot not yet hashed', () => {
    const memory = makeRingMemory();
    const ring = new SlotRing(memory);
    const expected = createHash('sha256');
    ring.begin();
    // No hasher yet: every slot ends up waiting to be hashed.
    for (let i = 0; i < SLOT_COUNT; i++) {
      const slot = ring.take();
      randomBytes(SLOT_BYTES).copy(ring.room(slot));
      ring.hash(ring.room(slot), 0, SLOT_BYTES);
      expected.update(ring.room(slot));
      ring.release(slot);
    }
    expect(slotsInUse(memory)).toBe(SLOT_COUNT);
    startHasher(memory);
    // Blocks until the hasher, starting meanwhile in its own thread, has hashed and freed a slot.
    const slot = ring.take();
    ring.room(slot).fill(0xff);
    ring.release(slot);
    expect(ring.digest()).toBe(expected.digest('hex'));
  });

  it('bytes read with no digest running are freed at once and never wait for a hasher', () => {
    const memory = makeRingMemory();
    const ring = new SlotRing(memory);
    for (let i = 0; i < SLOT_COUNT * 4; i++) {
      const slot = ring.take();
      ring.hash(ring.room(slot), 0, 100); // ignored: no digest begun
      ring.release(slot);
    }
    expect(slotsInUse(memory)).toBe(0);
  });

  it('a hasher that is gone fails a wait with a message, instead of hanging the download', () => {
    const memory = makeRingMemory();
    const ring = new SlotRing(memory);
    ring.begin();
    for (let i = 0; i < SLOT_COUNT; i++) {
      const slot = ring.take();
      ring.hash(ring.room(slot), 0, 1);
      ring.release(slot);
    }
    markGone(memory);
    expect(Atomics.load(new Int32Array(memory.control), HASHER)).toBe(HasherState.Gone);
    expect(() => ring.take()).toThrow(HashThreadGone);
    expect(() => ring.digest()).toThrow(/hashing thread stopped; the download cannot be checked\. Try again/);
  });

  it('the hasher thread ends when main asks, and says so', async () => {
    const memory = makeRingMemory();
    const { stopped } = startHasher(memory);
    running.pop();
    stopRingHasher(memory);
    expect(await stopped).toBe(0);
    expect(Atomics.load(new Int32Array(memory.control), HASHER)).toBe(HasherState.Gone);
  });
});
