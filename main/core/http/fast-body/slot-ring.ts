import {
  DIGESTS, DIGEST_WORDS, HASHER, HASHER_SLEEPING, HasherState, PRODUCER_WAITING, QUEUE_ENTRIES, QUEUE_HEAD, QUEUE_TAIL, RELEASES, SLOT_BYTES, SLOT_COUNT, SLOT_STATES, Step, WAKE_AFTER_STEPS,
  entryAt, slotViews,
} from './hash-ring-layout';
import type { RingMemory } from './hash-ring-layout';

/** How long one wait sleeps before it looks at the hasher's state again. */
const WAIT_SLICE_MS = 100;
/** A hasher that has not moved for this long is taken for stuck: the download fails instead of hanging. */
const STUCK_MS = 30_000;

/** The hash thread ended, failed or stopped moving: what was asked of it cannot be done. */
export class HashThreadGone extends Error {
  override readonly name = 'HashThreadGone';
  constructor(detail: string) {
    super(`The download's hashing thread ${detail}; the download cannot be checked. Try again; if it keeps happening, restart the app.`);
  }
}

/**
 * The exchange thread's side of the ring (hash-ring-layout.ts): it takes free slots for socket
 * reads and gathered writes, hands body bytes in slots to the hasher in order, and gives each
 * slot back when done with it. A slot with bytes to hash is freed by the hasher once they are
 * hashed; any other slot is freed at once. Waits (a full ring, a full queue, the digest) block
 * this thread, which does nothing else meanwhile: that is the back-pressure that keeps the
 * socket no further ahead of the hash than the ring holds, and it lasts only as long as the
 * hasher needs for the bytes ahead of it.
 */
export class SlotRing {
  private readonly slots: Buffer[];
  private readonly bytes: SharedArrayBuffer;
  private readonly control: Int32Array;
  /** Slots with bytes handed to the hasher since they were taken: freed by the hasher, in order. */
  private readonly handedOver = new Array<boolean>(SLOT_COUNT).fill(false);
  private head = 0;
  private nextSlot = 0;
  /** A digest is being made: body bytes are handed over. */
  private hashing = false;

  constructor(memory: RingMemory) {
    this.bytes = memory.bytes;
    this.control = new Int32Array(memory.control);
    this.slots = slotViews(memory);
    // One producer at a time, but not always the first: it goes on where the queue is.
    this.head = Atomics.load(this.control, QUEUE_HEAD);
  }

  /** The Buffer over slot `slot`. */
  room(slot: number): Buffer {
    const room = this.slots[slot];
    if (!room) throw new RangeError(`No slot ${slot} in the ring`);
    return room;
  }

  get slotBytes(): number {
    return SLOT_BYTES;
  }

  /** The slot `buffer` lies in, or -1 for a buffer of its own. */
  slotOf(buffer: Uint8Array): number {
    return buffer.buffer === this.bytes ? Math.floor(buffer.byteOffset / SLOT_BYTES) : -1;
  }

  /** A free slot, now in use; waits while every slot is waiting to be hashed. */
  take(): number {
    for (;;) {
      for (let i = 0; i < SLOT_COUNT; i++) {
        const slot = (this.nextSlot + i) % SLOT_COUNT;
        if (Atomics.compareExchange(this.control, SLOT_STATES + slot, 0, 1) === 0) {
          this.nextSlot = (slot + 1) % SLOT_COUNT;
          this.handedOver[slot] = false;
          return slot;
        }
      }
      this.waitWhile(RELEASES, Atomics.load(this.control, RELEASES), 'has stopped freeing memory');
    }
  }

  /** Done with `slot`: freed once the bytes handed over from it are hashed, or now if there are none. */
  release(slot: number): void {
    if (this.handedOver[slot]) this.publish(Step.Release, slot, 0, 0);
    else {
      Atomics.store(this.control, SLOT_STATES + slot, 0);
      // Taken again next: a TLS socket's 16 KiB reads then land in the one slot still in the cache, not in a new one each time.
      this.nextSlot = slot;
    }
    this.handedOver[slot] = false;
  }

  /** Starts a digest of the body bytes handed over from now on. */
  begin(): void {
    if (this.hashing) this.publish(Step.Abort, 0, 0, 0);
    this.hashing = true;
    this.publish(Step.Begin, 0, 0, 0);
  }

  get isHashing(): boolean {
    return this.hashing;
  }

  /** Hands `buffer[start, end)` (in a slot, which stays in use until released) to the digest. */
  hash(buffer: Uint8Array, start: number, end: number): void {
    if (!this.hashing || end <= start) return;
    const slot = this.slotOf(buffer);
    if (slot < 0) throw new Error('Only bytes in the ring can be hashed');
    this.handedOver[slot] = true;
    this.publish(Step.Data, slot, buffer.byteOffset - slot * SLOT_BYTES + start, end - start);
  }

  /** The digest of everything handed over since `begin`, once the hasher is through it (hex). */
  digest(): string {
    const seen = Atomics.load(this.control, DIGESTS);
    this.publish(Step.Digest, 0, 0, 0);
    this.hashing = false;
    while (Atomics.load(this.control, DIGESTS) === seen) this.waitWhile(DIGESTS, seen, 'has not finished the digest');
    return Buffer.from(new Uint8Array(this.control.buffer, DIGEST_WORDS * Int32Array.BYTES_PER_ELEMENT, 32)).toString('hex');
  }

  /** Drops the digest in progress (the download failed). */
  abort(): void {
    if (!this.hashing) return;
    this.hashing = false;
    this.publish(Step.Abort, 0, 0, 0);
  }

  private publish(step: number, slot: number, start: number, length: number): void {
    while (((this.head - Atomics.load(this.control, QUEUE_TAIL)) | 0) >= QUEUE_ENTRIES) {
      this.waitWhile(QUEUE_TAIL, Atomics.load(this.control, QUEUE_TAIL), 'has stopped taking work');
    }
    const at = entryAt(this.head);
    this.control[at] = step;
    this.control[at + 1] = slot;
    this.control[at + 2] = start;
    this.control[at + 3] = length;
    // The entry's words are written before the head that makes it visible (a release store).
    this.head = (this.head + 1) | 0;
    Atomics.store(this.control, QUEUE_HEAD, this.head);
    const waiting = (this.head - Atomics.load(this.control, QUEUE_TAIL)) | 0;
    // Steps after the digest (the last reads' releases) come one by one with nothing behind them: not left waiting.
    if (step === Step.Digest || !this.hashing || waiting >= WAKE_AFTER_STEPS) this.wakeHasher();
  }

  /** Wakes the hasher if it sleeps (read after the head was stored: it sets its flag before it looks at the head). */
  private wakeHasher(): void {
    if (Atomics.load(this.control, HASHER_SLEEPING) !== 0) Atomics.notify(this.control, QUEUE_HEAD);
  }

  /** Sleeps while `control[word]` is `seen`, in slices, failing if the hasher is gone or stuck. */
  private waitWhile(word: number, seen: number, stuck: string): void {
    const started = performance.now();
    // The steps not yet worth a waking are what this thread waits on: the hasher is woken for them first.
    this.wakeHasher();
    Atomics.store(this.control, PRODUCER_WAITING, 1);
    try {
      while (Atomics.load(this.control, word) === seen) {
        if (Atomics.load(this.control, HASHER) === HasherState.Gone) throw new HashThreadGone('stopped');
        if (performance.now() - started > STUCK_MS) throw new HashThreadGone(stuck);
        Atomics.wait(this.control, word, seen, WAIT_SLICE_MS);
      }
    } finally {
      Atomics.store(this.control, PRODUCER_WAITING, 0);
    }
  }
}
