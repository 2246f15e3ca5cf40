import { closeSync, openSync, writeSync } from 'node:fs';
import { LowSpeedWatch } from '../low-speed';
import type { LowSpeedRule } from '../low-speed';
import { openConnection, ProxyLoginWanted } from './fast-connection';
import type { ConnectPlan, FastConnection } from './fast-connection';
import { ParseRefusal } from './parse-refusal';
import { ResponseParser } from './response-parser';
import type { ResponseHead } from './response-head';
import type { SlotRing } from './slot-ring';
import { refusalError, toWire } from './wire-errors';
import { SHARED_BYTES, SHARED_FD } from './worker-protocol';
import type { FromWorker, ToWorker } from './worker-protocol';

/** What the body is being read for, once the head is in. */
type Reading =
  | { kind: 'head'; timer: NodeJS.Timeout }
  | { kind: 'text'; cap: number; chunks: Buffer[]; length: number; idle: NodeJS.Timeout | undefined; speed: NodeJS.Timeout | undefined; idleMs: number }
  | { kind: 'save'; fd: number; hashing: boolean; bytes: number; startBytes: number; start: Buffer | null; awaitingStart: boolean; gathered: Gathered };

/** Body bytes gathered in a slot of their own (-1: none yet), written and hashed together once it fills. */
interface Gathered {
  slot: number;
  length: number;
}

/**
 * Reads smaller than this (TLS hands over one 16 KiB record at a time) are gathered and
 * written together: one write per slot, not per record. Larger reads are written (and hashed)
 * straight from the slot they were read into.
 */
const SMALL_READ = 64 * 1024;

/**
 * The worker's side of one download: one exchange at a time over a connection of its own
 * (fast-connection.ts), the response parsed in the ring's slots it is read into
 * (slot-ring.ts), the body written with `writeSync` straight from them (small TLS records
 * gathered first) and handed, in the same slots, to the hasher thread beside this one, its
 * byte count in shared memory. Every step is asked for by main (worker-protocol.ts), which decides what a head
 * means; the worker only reads, writes and reports.
 */
export class WorkerExchange {
  private readonly counters: BigInt64Array;
  private connection: FastConnection | null = null;
  private parser: ResponseParser | null = null;
  private reading: Reading | null = null;
  /** Bytes of the last read the parser has not taken yet (it stopped for main), copied; the socket is paused meanwhile. */
  private stash: { buffer: Buffer; at: number; end: number } | null = null;
  /** Bumped by every new exchange, so a late event of an earlier connection changes nothing. */
  private generation = 0;

  constructor(
    private readonly post: (message: FromWorker) => void,
    shared: SharedArrayBuffer,
    private readonly ring: SlotRing,
  ) {
    this.counters = new BigInt64Array(shared);
    Atomics.store(this.counters, SHARED_FD, -1n);
  }

  /** One message from main. */
  handle(message: ToWorker): void {
    switch (message.type) {
      case 'open':
        void this.open(message.plan, Buffer.from(message.request), message.firstByteMs);
        break;
      case 'read-text':
        this.readText(message.cap, message.idleMs, message.lowSpeed);
        break;
      case 'save':
        this.save(message.path, message.mode, message.sha256, message.startBytes);
        break;
      case 'start-accepted':
        if (this.reading?.kind === 'save') this.reading.awaitingStart = false;
        this.readOn();
        break;
      case 'close':
        this.stop();
        this.post({ type: 'closed' });
        break;
    }
  }

  private async open(plan: ConnectPlan, request: Buffer, firstByteMs: number): Promise<void> {
    this.stop();
    const generation = ++this.generation;
    let connection: FastConnection;
    try {
      connection = await openConnection(plan, this.ring);
    } catch (error) {
      if (generation !== this.generation) return;
      if (error instanceof ProxyLoginWanted) this.post({ type: 'fallback', reason: error.message });
      else this.post({ type: 'failed', error: toWire(error) });
      return;
    }
    if (generation !== this.generation) return connection.destroy();
    this.connection = connection;
    this.parser = new ResponseParser({ head: (head) => this.onHead(head), body: (buffer, start, end) => this.onBody(buffer, start, end) });
    const timer = setTimeout(() => {
      const timeout = Object.assign(new Error(`Timeout awaiting 'response' for ${firstByteMs}ms`), { name: 'TimeoutError', event: 'response', code: 'ETIMEDOUT' });
      this.fail(timeout);
    }, firstByteMs);
    this.reading = { kind: 'head', timer };
    connection.onData((buffer, start, end) => generation === this.generation && this.consume(buffer, start, end));
    connection.onEnd(() => generation === this.generation && this.onEnd());
    connection.onError((error) => generation === this.generation && this.fail(error));
    connection.write(request);
    connection.resume();
  }

  /** Feeds the parser; false when the socket must pause (the parser stopped for main, or the exchange ended). */
  private consume(buffer: Buffer, start: number, end: number): boolean {
    const parser = this.parser;
    if (!parser) return false;
    let at: number;
    try {
      at = parser.feed(buffer, start, end);
    } catch (error) {
      this.fail(error);
      return false;
    }
    if (this.parser !== parser) return false; // the exchange ended inside a callback
    // Copied: a TLS socket may decrypt the next record into the read buffer even while paused.
    if (at < end) this.stash = { buffer: Buffer.from(buffer.subarray(at, end)), at: 0, end: end - at };
    if (parser.complete && !this.stash) {
      this.finish();
      return false;
    }
    return !this.stash && this.readsOn();
  }

  /** Whether bytes may be read now: not while main decides what a head means or whether the body starts right. */
  private readsOn(): boolean {
    const reading = this.reading;
    return reading !== null && (reading.kind === 'text' || (reading.kind === 'save' && !reading.awaitingStart) || reading.kind === 'head');
  }

  /** Reads on after main answered: the stashed bytes first, then the socket. */
  private readOn(): void {
    const stash = this.stash;
    this.stash = null;
    if (stash && !this.consume(stash.buffer, stash.at, stash.end)) return;
    if (this.parser?.complete) this.finish();
    else this.connection?.resume();
  }

  private onHead(head: ResponseHead): boolean {
    if (this.reading?.kind === 'head') clearTimeout(this.reading.timer);
    this.reading = null;
    this.post({ type: 'head', head: { status: head.status, rawHeaders: head.rawHeaders, headers: head.headers, framing: head.framing } });
    return false; // main decides what the body is read for
  }

  private onBody(buffer: Buffer, start: number, end: number): boolean {
    const reading = this.reading;
    if (reading?.kind === 'text') {
      const take = Math.min(end - start, reading.cap - reading.length);
      reading.chunks.push(Buffer.from(buffer.subarray(start, start + take)));
      reading.length += take;
      this.armTextIdle(reading);
      if (reading.length >= reading.cap) {
        this.endText(true);
        return false;
      }
      return true;
    }
    if (reading?.kind !== 'save') return false;
    this.write(reading, buffer, start, end);
    reading.bytes += end - start;
    Atomics.store(this.counters, SHARED_BYTES, BigInt(reading.bytes));
    if (reading.start) {
      const head = Buffer.concat([reading.start, buffer.subarray(start, Math.min(end, start + reading.startBytes - reading.start.length))]);
      reading.start = head;
      if (head.length >= reading.startBytes) {
        reading.start = null;
        reading.awaitingStart = true;
        this.post({ type: 'start', head });
        return false; // nothing more is read until main accepts the start
      }
    }
    return true;
  }

  private readText(cap: number, idleMs: number, lowSpeed: LowSpeedRule): void {
    const reading: Extract<Reading, { kind: 'text' }> = { kind: 'text', cap, chunks: [], length: 0, idle: undefined, speed: undefined, idleMs };
    const watch = new LowSpeedWatch(lowSpeed, performance.now());
    reading.speed = setInterval(() => {
      if (watch.tooSlow(reading.length, performance.now())) this.endText(false);
    }, Math.max(5, Math.min(100, lowSpeed.durationMs / 10)));
    this.reading = reading;
    this.armTextIdle(reading);
    if (this.parser?.complete && !this.stash) return this.endText(true);
    this.readOn();
  }

  private armTextIdle(reading: Extract<Reading, { kind: 'text' }>): void {
    clearTimeout(reading.idle);
    reading.idle = setTimeout(() => this.endText(false), reading.idleMs);
  }

  /** An error answer's text: what was read when it ended or filled the cap, '' when it failed (readCapped's rule). */
  private endText(whole: boolean): void {
    const reading = this.reading;
    if (reading?.kind !== 'text') return;
    const text = whole ? Buffer.concat(reading.chunks).toString('utf8') : '';
    this.stop();
    this.post({ type: 'text', text });
  }

  private save(path: string, mode: number, sha256: boolean, startBytes: number): void {
    let fd: number;
    try {
      fd = openSync(path, 'wx', mode);
    } catch (error) {
      this.stop();
      this.post({ type: 'failed', error: toWire(error) });
      return;
    }
    Atomics.store(this.counters, SHARED_FD, BigInt(fd));
    Atomics.store(this.counters, SHARED_BYTES, 0n);
    if (sha256) this.ring.begin();
    this.reading = { kind: 'save', fd, hashing: sha256, bytes: 0, startBytes, start: startBytes > 0 ? Buffer.alloc(0) : null, awaitingStart: false, gathered: { slot: -1, length: 0 } };
    this.readOn();
  }

  /**
   * Writes body bytes: a large read straight from its slot, handed to the hasher first so it
   * hashes while this thread writes; small reads, and bytes not in the ring (copied while the
   * socket was paused, or a tunnel's chunks), gathered in a slot first (see SMALL_READ).
   */
  private write(reading: Extract<Reading, { kind: 'save' }>, buffer: Buffer, start: number, end: number): void {
    if (end - start >= SMALL_READ && this.ring.slotOf(buffer) >= 0) {
      this.flush(reading);
      this.ring.hash(buffer, start, end);
      writeAll(reading.fd, buffer, start, end);
      return;
    }
    const gathered = reading.gathered;
    while (start < end) {
      if (gathered.slot < 0) gathered.slot = this.ring.take();
      const room = this.ring.room(gathered.slot);
      const taken = Math.min(end - start, room.length - gathered.length);
      buffer.copy(room, gathered.length, start, start + taken);
      gathered.length += taken;
      start += taken;
      if (gathered.length === room.length) this.flush(reading);
    }
  }

  /** Writes and hashes what was gathered, and gives its slot back. */
  private flush(reading: Extract<Reading, { kind: 'save' }>): void {
    const gathered = reading.gathered;
    if (gathered.slot < 0) return;
    const room = this.ring.room(gathered.slot);
    try {
      this.ring.hash(room, 0, gathered.length);
      writeAll(reading.fd, room, 0, gathered.length);
    } finally {
      this.ring.release(gathered.slot);
      gathered.slot = -1;
      gathered.length = 0;
    }
  }

  /** The response is complete: an error answer's text, or the saved body. */
  private finish(): void {
    const reading = this.reading;
    if (reading?.kind === 'text') return this.endText(true);
    if (reading?.kind !== 'save' || reading.awaitingStart) return;
    let sha256: string | null = null;
    try {
      this.flush(reading);
      if (reading.hashing) sha256 = this.ring.digest();
    } catch (error) {
      return this.fail(error);
    }
    const { bytes, start } = reading;
    this.closeFile();
    this.stop();
    this.post({ type: 'saved', bytes, sha256, unchecked: start });
  }

  private onEnd(): void {
    try {
      this.parser?.end();
    } catch (error) {
      return this.fail(error);
    }
    this.finish();
  }

  /** The exchange failed: an error answer's body yields '' (readCapped's rule); a refusal Node would not make before any body sends the download to the got path. */
  private fail(error: unknown): void {
    const reading = this.reading;
    if (reading?.kind === 'text') return this.endText(false);
    const beforeBody = reading === null || reading.kind === 'head';
    this.stop();
    if (error instanceof ParseRefusal) {
      if (error.stricter && beforeBody) this.post({ type: 'fallback', reason: `${error.code}: ${error.message}` });
      else this.post({ type: 'failed', error: toWire(refusalError(error)) });
    } else this.post({ type: 'failed', error: toWire(error) });
  }

  private closeFile(): void {
    if (this.reading?.kind !== 'save' || this.reading.fd < 0) return;
    const { fd } = this.reading;
    this.reading.fd = -1;
    // Marked closed first: should main ever terminate this thread, it must not close a number reused since.
    Atomics.store(this.counters, SHARED_FD, -1n);
    try {
      closeSync(fd);
    } catch {
      // already failing; the file is removed by main
    }
  }

  /** Ends the current exchange: timers, the digest, the file, the connection. */
  private stop(): void {
    const reading = this.reading;
    if (reading?.kind === 'save') {
      if (reading.gathered.slot >= 0) this.ring.release(reading.gathered.slot);
      reading.gathered.slot = -1;
      this.ring.abort();
    }
    if (reading?.kind === 'head') clearTimeout(reading.timer);
    if (reading?.kind === 'text') {
      clearTimeout(reading.idle);
      clearInterval(reading.speed);
    }
    this.closeFile();
    this.reading = null;
    this.parser = null;
    this.stash = null;
    this.connection?.destroy();
    this.connection = null;
    this.generation++;
  }
}

function writeAll(fd: number, buffer: Buffer, start: number, end: number): void {
  for (let at = start; at < end; ) at += writeSync(fd, buffer, at, end - at);
}
