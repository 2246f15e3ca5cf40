import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRingMemory } from '../../../main/core/http/fast-body/hash-ring-layout';
import type { RingMemory } from '../../../main/core/http/fast-body/hash-ring-layout';
import { markGone } from '../../../main/core/http/fast-body/ring-hasher';
import { SlotRing } from '../../../main/core/http/fast-body/slot-ring';
import { fromWire } from '../../../main/core/http/fast-body/wire-errors';
import { WorkerExchange } from '../../../main/core/http/fast-body/worker-exchange';
import { toAppError } from '../../../main/core/http/to-app-error';
import type { FromWorker } from '../../../main/core/http/fast-body/worker-protocol';
import { SHARED_SLOTS } from '../../../main/core/http/fast-body/worker-protocol';
import { slotsInUse as slotsOf, startHasherThread } from '../../helpers/ring-hasher-thread';
import type { HasherThread } from '../../helpers/ring-hasher-thread';

/**
 * The exchange thread's use of the ring, driven here in this thread with the real hasher thread
 * beside it: whatever way an exchange ends (a saved body, a reset, a short body, broken
 * chunks, a head and nothing more), every slot it took is given back, so a worker serving
 * retry after retry never runs out of room; and a saved body's SHA-256 is that of the file.
 */

const BODY = Buffer.from(Array.from({ length: 3 * 1024 * 1024 + 123 }, (_, i) => (i * 31 + (i >> 11)) & 0xff));

/** Each way a response ends, by the path that asks for it. */
const answers: Record<string, (socket: Socket) => void> = {
  '/whole': (socket) => socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\ncontent-length: ${BODY.length}\r\n\r\n`), BODY])),
  '/chunked': (socket) => {
    socket.write('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n');
    // Chunks of every size, small ones gathered, large ones written in place.
    for (let at = 0, size = 1; at < BODY.length; at += size, size = (size * 7 + 13) % 300_000 + 1) {
      const chunk = BODY.subarray(at, Math.min(BODY.length, at + size));
      socket.write(`${chunk.length.toString(16)}\r\n`);
      socket.write(chunk);
      socket.write('\r\n');
    }
    socket.end('0\r\n\r\n');
  },
  '/reset': (socket) => {
    socket.write(`HTTP/1.1 200 OK\r\ncontent-length: ${BODY.length}\r\n\r\n`);
    socket.write(BODY.subarray(0, 700_000), () => socket.resetAndDestroy());
  },
  '/short': (socket) => {
    socket.write(`HTTP/1.1 200 OK\r\ncontent-length: ${BODY.length}\r\n\r\n`);
    socket.end(BODY.subarray(0, 400_000));
  },
  '/broken-chunks': (socket) => {
    socket.write('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n');
    socket.write(`40000\r\n`);
    socket.write(BODY.subarray(0, 0x40000));
    socket.end('\r\nzz\r\n');
  },
  '/head-only': (socket) => socket.end('HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\n'),
  '/no-answer': (socket) => socket.destroy(),
};

let server: Server;
let port: number;
let dir: string;
let ring: RingMemory;
let hasher: HasherThread;

beforeAll(async () => {
  // Plain TCP: answers no HTTP server library would send, chosen by the request's path.
  server = createServer((socket) => {
    socket.on('error', () => {});
    socket.once('data', (request: Buffer) => {
      const path = /^POST (\S+)/.exec(request.toString('latin1'))?.[1] ?? '';
      (answers[path] ?? answers['/no-answer']!)(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
  dir = mkdtempSync(join(tmpdir(), 'ring-slots-'));
  ring = makeRingMemory();
  hasher = startHasherThread(ring);
});

afterAll(async () => {
  await hasher.stop();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

function slotsInUse(): number {
  return slotsOf(ring);
}

/** One exchange as main drives it: open, then save with SHA-256 when the head came; its last message. */
async function exchange(path: string, file: string, memory: RingMemory = ring): Promise<FromWorker> {
  const inbox: FromWorker[] = [];
  let wake: () => void = () => {};
  const next = async (): Promise<FromWorker> => {
    while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return inbox.shift()!;
  };
  const worker = new WorkerExchange((message) => {
    inbox.push(message);
    wake();
  }, new SharedArrayBuffer(SHARED_SLOTS * 8), new SlotRing(memory));
  const request = Buffer.from(`POST ${path} HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-length: 0\r\n\r\n`);
  worker.handle({ type: 'open', plan: { protocol: 'http:', host: '127.0.0.1', port, servername: undefined, ca: null, proxy: null, connectMs: 5000 }, request, firstByteMs: 5000 });
  const head = await next();
  if (head.type !== 'head') return head;
  worker.handle({ type: 'save', path: file, mode: 0o600, sha256: true, startBytes: 0 });
  const end = await next();
  worker.handle({ type: 'close' });
  await next(); // closed
  // The socket's own slot comes back when it closes.
  await new Promise((resolve) => setTimeout(resolve, 20));
  return end;
}

describe('the ring under the fast body path', () => {
  it('a whole body and a chunked one: saved, their SHA-256 that of the bytes on disk, every slot given back', async () => {
    for (const path of ['/whole', '/chunked']) {
      const file = join(dir, `${path.slice(1)}.zip`);
      const end = await exchange(path, file);
      expect(end.type).toBe('saved');
      const onDisk = readFileSync(file);
      expect(onDisk.equals(BODY)).toBe(true);
      expect(end.type === 'saved' && end.sha256).toBe(createHash('sha256').update(onDisk).digest('hex'));
      expect(slotsInUse()).toBe(0);
    }
  });

  it('forty failed exchanges in a row (reset, short, broken chunks, no body, no answer) leave no slot taken, and a body after them still saves', async () => {
    const failing = ['/reset', '/short', '/broken-chunks', '/head-only', '/no-answer'];
    for (let i = 0; i < 40; i++) {
      const end = await exchange(failing[i % failing.length]!, join(dir, `failed-${i}.zip`));
      expect(end.type).toBe('failed');
      expect(slotsInUse()).toBe(0);
    }
    const end = await exchange('/whole', join(dir, 'after.zip'));
    expect(end.type === 'saved' && end.sha256).toBe(createHash('sha256').update(BODY).digest('hex'));
  });

  it("a hasher that is gone fails the download as the app's own fault, in words, and the file is not called saved", async () => {
    const orphan = makeRingMemory();
    markGone(orphan);
    const end = await exchange('/whole', join(dir, 'unhashed.zip'), orphan);
    expect(end.type).toBe('failed');
    const error = toAppError(fromWire(end.type === 'failed' ? end.error : { type: 'plain', message: '' }));
    expect(error.appError.kind).toBe('internal');
    expect(error.appError.message).toBe("The download's hashing thread stopped; the download cannot be checked. Try again; if it keeps happening, restart the app.");
  });
});
