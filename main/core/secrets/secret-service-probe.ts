import { connect } from 'node:net';
import type { Socket } from 'node:net';

/**
 * Asks the Secret Service (Linux, over the session D-Bus) whether it has a default collection
 * and whether it is unlocked: the two states in which keytar misleads. Without a default
 * collection keytar fails to save with a raw D-Bus object path; with a locked one it reads
 * every key as absent (a saved key looks missing, and the backend then answers 401), and
 * listing keys crashes the process. keytar cannot tell these apart from "no key", so this asks
 * the service directly, with the few D-Bus messages it takes.
 */

/** How long the three small calls may take: a healthy bus answers in milliseconds. */
const PROBE_TIMEOUT_MS = 3_000;

/** What is wrong with the default collection, or null when it is usable (or cannot be asked). */
export type CollectionProblem = 'missing' | 'locked' | null;

/** A D-Bus message writer (little-endian, alignment relative to the message start). */
class Writer {
  private bytes: number[] = [];
  get length(): number {
    return this.bytes.length;
  }
  align(n: number): void {
    while (this.bytes.length % n) this.bytes.push(0);
  }
  byte(value: number): void {
    this.bytes.push(value & 0xff);
  }
  uint32(value: number): void {
    this.align(4);
    const b = Buffer.alloc(4);
    b.writeUInt32LE(value);
    this.bytes.push(...b);
  }
  string(value: string): void {
    const b = Buffer.from(value, 'utf8');
    this.uint32(b.length);
    this.bytes.push(...b, 0);
  }
  signature(value: string): void {
    this.byte(value.length);
    this.bytes.push(...Buffer.from(value, 'ascii'), 0);
  }
  setUint32(at: number, value: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(value);
    this.bytes.splice(at, 4, ...b);
  }
  buffer(): Buffer {
    return Buffer.from(this.bytes);
  }
}

interface Call {
  path: string;
  iface: string;
  member: string;
  destination: string;
  /** Body arguments, all strings (signature "s" repeated). */
  args: string[];
}

/** One method call as bytes. */
function methodCall(serial: number, call: Call): Buffer {
  const body = new Writer();
  for (const arg of call.args) body.string(arg);
  const w = new Writer();
  w.byte(0x6c); // 'l': little-endian
  w.byte(1); // method call
  w.byte(0);
  w.byte(1);
  w.uint32(body.length);
  w.uint32(serial);
  const arrayAt = w.length;
  w.uint32(0);
  const fieldsStart = (w.align(8), w.length);
  const field = (code: number, type: string, write: () => void) => {
    w.align(8);
    w.byte(code);
    w.signature(type);
    write();
  };
  field(1, 'o', () => w.string(call.path));
  field(2, 's', () => w.string(call.iface));
  field(3, 's', () => w.string(call.member));
  field(6, 's', () => w.string(call.destination));
  if (call.args.length) field(8, 'g', () => w.signature('s'.repeat(call.args.length)));
  w.setUint32(arrayAt, w.length - fieldsStart);
  w.align(8);
  return Buffer.concat([w.buffer(), body.buffer()]);
}

/** A parsed reply: which call it answers, whether it is an error, and its body bytes. */
interface Reply {
  type: number;
  replySerial: number | null;
  body: Buffer;
}

/** Reads whole messages from the front of `data`; returns them and the bytes left over. */
function readMessages(data: Buffer): { messages: Reply[]; rest: Buffer } {
  const messages: Reply[] = [];
  let offset = 0;
  while (data.length - offset >= 16) {
    const m = data.subarray(offset);
    const bodyLength = m.readUInt32LE(4);
    const fieldsLength = m.readUInt32LE(12);
    const headerEnd = Math.ceil((16 + fieldsLength) / 8) * 8;
    if (m.length < headerEnd + bodyLength) break;
    let replySerial: number | null = null;
    let at = 16;
    while (at < 16 + fieldsLength) {
      at = Math.ceil(at / 8) * 8;
      const code = m[at]!;
      const sigLength = m[at + 1]!;
      const type = String.fromCharCode(m[at + 2]!);
      at += 3 + sigLength;
      if (type === 'u' || type === 's' || type === 'o') {
        at = Math.ceil(at / 4) * 4;
        const value = m.readUInt32LE(at);
        if (code === 5) replySerial = value;
        at += 4 + (type === 'u' ? 0 : value + 1);
      } else if (type === 'g') {
        at += 1 + m[at]! + 1;
      } else {
        break; // A field type this reader does not need; the reply serial comes first in practice.
      }
    }
    messages.push({ type: m[1]!, replySerial, body: m.subarray(headerEnd, headerEnd + bodyLength) });
    offset += headerEnd + bodyLength;
  }
  return { messages, rest: data.subarray(offset) };
}

/** The socket path of a `unix:path=` or `unix:abstract=` bus address, or null. */
function socketPath(address: string | undefined): string | null {
  for (const part of (address ?? '').split(';')) {
    const params = new Map(part.replace(/^unix:/, '').split(',').map((kv) => kv.split('=') as [string, string]));
    if (!part.startsWith('unix:')) continue;
    if (params.get('path')) return decodeURIComponent(params.get('path')!);
    if (params.get('abstract')) return `\0${decodeURIComponent(params.get('abstract')!)}`;
  }
  return null;
}

/** A connection that authenticates, then answers one call at a time. */
async function session(socket: Socket): Promise<(call: Call) => Promise<Reply>> {
  let buffered: Buffer = Buffer.alloc(0);
  let waiting: (() => void) | null = null;
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    waiting?.();
  });
  socket.on('close', () => waiting?.());
  const more = () => {
    if (socket.destroyed) throw new Error('the D-Bus connection closed');
    return new Promise<void>((resolve) => (waiting = resolve));
  };
  const uid = Buffer.from(String(process.getuid?.() ?? 0)).toString('hex');
  socket.write(`\0AUTH EXTERNAL ${uid}\r\n`);
  while (!buffered.includes('\r\n')) await more();
  if (!buffered.toString('latin1').startsWith('OK')) throw new Error('D-Bus refused the authentication');
  buffered = Buffer.alloc(0);
  socket.write('BEGIN\r\n');
  let serial = 0;
  return async (call) => {
    const mine = ++serial;
    socket.write(methodCall(mine, call));
    for (;;) {
      const { messages, rest } = readMessages(buffered);
      buffered = rest;
      const reply = messages.find((m) => (m.type === 2 || m.type === 3) && m.replySerial === mine);
      if (reply) return reply;
      await more();
    }
  };
}

/** Reads a D-Bus string or object path at the start of a body. */
function firstString(body: Buffer): string {
  return body.subarray(4, 4 + body.readUInt32LE(0)).toString('utf8');
}

/**
 * Whether the Secret Service's default collection is missing or locked. Null when it is fine,
 * and also when it cannot be asked (no session bus, not Linux): keytar's own error says more then.
 */
export async function defaultCollectionProblem(env: NodeJS.ProcessEnv = process.env, timeoutMs = PROBE_TIMEOUT_MS): Promise<CollectionProblem> {
  const path = process.platform === 'linux' ? socketPath(env.DBUS_SESSION_BUS_ADDRESS) : null;
  if (!path) return null;
  const socket = connect(path);
  // Ref'd on purpose: the caller awaits this answer, and a process whose only work is an unref'd
  // socket and timer exits mid-await (Node's code 13, silently) instead of getting it. The timer
  // settles the probe whatever the bus does, and `finally` releases both.
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the D-Bus probe timed out')), timeoutMs);
  });
  try {
    return await Promise.race([askCollection(socket), timedOut]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
    socket.destroy();
  }
}

/** The calls of the probe over a connecting socket: Hello, ReadAlias("default"), then the collection's Locked property. */
async function askCollection(socket: Socket): Promise<CollectionProblem> {
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const call = await session(socket);
  await call({ path: '/org/freedesktop/DBus', iface: 'org.freedesktop.DBus', member: 'Hello', destination: 'org.freedesktop.DBus', args: [] });
  const service = { destination: 'org.freedesktop.secrets' };
  const alias = await call({ ...service, path: '/org/freedesktop/secrets', iface: 'org.freedesktop.Secret.Service', member: 'ReadAlias', args: ['default'] });
  if (alias.type !== 2) return null;
  const collection = firstString(alias.body);
  if (collection === '/') return 'missing';
  const locked = await call({ ...service, path: collection, iface: 'org.freedesktop.DBus.Properties', member: 'Get', args: ['org.freedesktop.Secret.Collection', 'Locked'] });
  if (locked.type !== 2) return null;
  // A variant: signature "b" (1 length byte, 'b', NUL), then the boolean as a uint32 at offset 4.
  return locked.body.readUInt32LE(4) === 1 ? 'locked' : null;
}
