/**
 * The memory the fast body path's two threads share (issues 19 and 21): the exchange thread
 * reads the socket straight into slots of one ring and writes the body from there; a thread of
 * its own hashes the same bytes with SHA-256 from those slots, so hashing runs beside the
 * socket and the disk instead of after each read, and no byte is copied for it.
 *
 * Two SharedArrayBuffers: `bytes`, SLOT_COUNT slots of SLOT_BYTES; `control`, Int32 words:
 * the queue of steps the hasher takes in order (one producer, the exchange; one consumer, the
 * hasher), each slot's state, counters to wait on, and the last digest.
 */

/** One socket read's room (issue 21 measured 256 KiB); also the size of a gathered write. */
export const SLOT_BYTES = 256 * 1024;

/** Slots in the ring: the socket's next read, the gathered write and up to 14 reads waiting to be hashed (3.5 MiB ahead of the hash). */
export const SLOT_COUNT = 16;

/** Steps the queue holds before the exchange waits (a slot takes at most a few: its body segments and its release). */
export const QUEUE_ENTRIES = 128;

/** What the hasher does with a queue entry (its first word). */
export const Step = {
  /** Start a new digest. */
  Begin: 1,
  /** Hash `length` bytes of slot `slot` from `start`. */
  Data: 2,
  /** The exchange is done with slot `slot`: free it for another read once everything before it is hashed. */
  Release: 3,
  /** Finish the digest: its 32 bytes into the digest words, then DIGESTS is bumped. */
  Digest: 4,
  /** Drop the digest (the download failed). */
  Abort: 5,
} as const;

/** The HASHER word. */
export const HasherState = {
  Starting: 0,
  Running: 1,
  /** The hasher thread ended or failed: nothing more will be hashed or freed by it. */
  Gone: 2,
} as const;

/** Queue entries published (written by the exchange only; the hasher waits on it). */
export const QUEUE_HEAD = 0;
/** Queue entries taken (written by the hasher only; the exchange waits on it when the queue is full). */
export const QUEUE_TAIL = 1;
/** Bumped by the hasher on every release: the exchange waits on it for a free slot. */
export const RELEASES = 2;
/** Bumped by the hasher when a digest is ready. */
export const DIGESTS = 3;
/** A HasherState. */
export const HASHER = 4;
/** Set by main to end the hasher thread. */
export const STOP = 5;
/** 1 while the exchange sleeps for a free slot, room in the queue or the digest. */
export const PRODUCER_WAITING = 6;
/** 1 while the hasher sleeps on an empty queue. */
export const HASHER_SLEEPING = 7;

/**
 * Wakings come in batches: a thread woken in a VM costs tens of microseconds of CPU on both
 * sides, which per 256 KiB read came to most of the hash's own cost. The hasher is woken once
 * this many steps wait (two per read: its bytes, its release), the exchange once the hasher
 * has freed this many slots or has nothing left to do; a thread about to sleep wakes the
 * other first, so neither ever sleeps on work the other holds.
 */
export const WAKE_AFTER_STEPS = 8;
export const WAKE_AFTER_RELEASES = 4;
/** SLOT_COUNT words from here: 0 free, 1 in use. */
export const SLOT_STATES = 8;
/** 8 words (32 bytes) from here: the last digest. */
export const DIGEST_WORDS = SLOT_STATES + SLOT_COUNT;
/** QUEUE_ENTRIES entries of ENTRY_WORDS from here. */
export const QUEUE_BASE = DIGEST_WORDS + 8;
export const ENTRY_WORDS = 4;
export const CONTROL_WORDS = QUEUE_BASE + QUEUE_ENTRIES * ENTRY_WORDS;

/** The ring's two buffers, as main makes them and both threads receive them. */
export interface RingMemory {
  bytes: SharedArrayBuffer;
  control: SharedArrayBuffer;
}

export function makeRingMemory(): RingMemory {
  return {
    bytes: new SharedArrayBuffer(SLOT_COUNT * SLOT_BYTES),
    control: new SharedArrayBuffer(CONTROL_WORDS * Int32Array.BYTES_PER_ELEMENT),
  };
}

/** A Buffer over each slot, for reading into, writing from and hashing. */
export function slotViews(memory: RingMemory): Buffer[] {
  return Array.from({ length: SLOT_COUNT }, (_, slot) => Buffer.from(memory.bytes, slot * SLOT_BYTES, SLOT_BYTES));
}

/** The queue position of entry number `count` (the counters wrap as Int32; QUEUE_ENTRIES is a power of two). */
export function entryAt(count: number): number {
  return QUEUE_BASE + (count & (QUEUE_ENTRIES - 1)) * ENTRY_WORDS;
}
