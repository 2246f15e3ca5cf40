import { connect as connectTcp } from 'node:net';
import type { Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { ConnectionOptions, TLSSocket } from 'node:tls';
import { certificateNames } from '../network/certificate-names';
import { CertificateFailure, ProxyFailure, ServerConnectTimeout } from '../network/network-failure';
import { requestTunnel } from '../network/tunnel';
import type { SlotRing } from './slot-ring';

/** How the worker reaches the server: the route the got path would take, in data a worker can receive. */
export interface ConnectPlan {
  protocol: 'http:' | 'https:';
  /** The server's host name or address (an IPv6 address without brackets) and port. */
  host: string;
  port: number;
  /** The TLS server name (SNI), none for an IP address. */
  servername: string | undefined;
  /** The authorities to verify https with, or null for Node's own store (as the got path's `secureContext: undefined`). */
  ca: string[] | null;
  /** The proxy, or null to go straight to the server. */
  proxy: { host: string; port: number; label: string; from: string; authorization: string | null } | null;
  connectMs: number;
}

/** Receives the bytes `buffer[start, end)` (valid during the call only); false pauses the connection until `resume`. */
export type DataHandler = (buffer: Buffer, start: number, end: number) => boolean;

/** An open connection to the server, ready for the request. */
export interface FastConnection {
  write(bytes: Buffer): void;
  onData(handler: DataHandler): void;
  onEnd(handler: () => void): void;
  onError(handler: (error: Error) => void): void;
  resume(): void;
  destroy(): void;
}

/** The proxy asked for a login (407, or tinyproxy's 401): the got path asks for one where someone can be asked. */
export class ProxyLoginWanted extends Error {
  override readonly name = 'ProxyLoginWanted';
}

/**
 * Opens the connection `plan` describes within `plan.connectMs`, reading into slots of `ring`:
 * TCP or TLS straight to the server with `onread` (reused buffers, no allocation per read),
 * or through the proxy, with CONNECT for https (TLS over a tunnel cannot take `onread`: Node
 * ignores it with `socket`, so that route reads the TLS socket's chunks). The server's
 * certificate is checked before the request may be written, and the failures are those the
 * got path's agents raise (network/route-agents.ts), so they are worded alike.
 */
export function openConnection(plan: ConnectPlan, ring: SlotRing): Promise<FastConnection> {
  const sockets: Socket[] = [];
  const reading = new Reader(ring);
  // Failures reach the steps below through their promises; a late one after a timeout must not go unheard.
  const opened = <T extends Socket>(socket: T): T => {
    sockets.push(socket);
    socket.on('error', () => {});
    return socket;
  };
  let reachedServer = plan.proxy === null;
  let settled = false;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      if (settled) return;
      for (const socket of sockets) socket.destroy();
      reject(timedOut(plan, reachedServer));
    }, plan.connectMs);
  });
  const steps = async (): Promise<FastConnection> => {
    const onread = reading.onread();
    if (plan.proxy === null) {
      const socket = opened(plan.protocol === 'https:'
        ? connectTls(withOnread({ host: plan.host, port: plan.port, servername: plan.servername, ...trust(plan), rejectUnauthorized: false }, reading.tlsOnread()))
        : connectTcp({ host: plan.host, port: plan.port, onread }));
      await (plan.protocol === 'https:' ? verified(socket as TLSSocket, plan.host) : connected(socket));
      return reading.over(socket);
    }
    const proxy = plan.proxy;
    // CONNECT needs the proxy socket's chunks (network/tunnel.ts reads them); a forwarded request reads into the buffer.
    const toProxy = opened(connectTcp({ host: proxy.host, port: proxy.port, ...(plan.protocol === 'http:' ? { onread } : {}) }));
    await connected(toProxy).catch((error: NodeJS.ErrnoException) => {
      throw new ProxyFailure('unreachable', proxy.label, proxy.from, { code: error.code });
    });
    if (plan.protocol === 'http:') {
      reachedServer = true;
      return reading.over(toProxy);
    }
    const answer = await requestTunnel(toProxy, plan.host, plan.port, proxy.authorization).catch((error: NodeJS.ErrnoException) => {
      throw new ProxyFailure('unreachable', proxy.label, proxy.from, { code: error.code ?? 'ECONNRESET' });
    });
    if (answer.status === 407 || answer.status === 401) throw new ProxyLoginWanted(`proxy ${proxy.label} wants a login (${answer.status})`);
    if (answer.status < 200 || answer.status >= 300) throw new ProxyFailure('refused', proxy.label, proxy.from, { status: answer.status });
    reachedServer = true;
    const secure = opened(connectTls({ socket: toProxy, host: plan.host, servername: plan.servername, ...trust(plan), rejectUnauthorized: false }));
    await verified(secure, plan.host);
    return reading.over(secure);
  };
  return Promise.race([steps(), deadline]).then(
    (connection) => {
      settled = true;
      clearTimeout(timer);
      return connection;
    },
    (error: unknown) => {
      settled = true;
      clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      reading.releaseSlot();
      throw error;
    },
  );
}

/** Room for one TLS read: a record is at most 16 KiB of plaintext; Node may hand over a few at once. */
const TLS_READ_BYTES = 64 * 1024;

/** `onread` for tls.connect: Node takes it (since v15.1.0, when no `socket` is given); @types/node 20 leaves it out. */
function withOnread(options: ConnectionOptions, onread: OnRead): ConnectionOptions {
  return Object.assign(options, { onread });
}

type OnRead = { buffer: Buffer | (() => Buffer); callback: (bytes: number, buffer: Buffer) => boolean };

function trust(plan: ConnectPlan): { ca?: string[] } {
  return plan.ca === null ? {} : { ca: plan.ca };
}

/** The connect timeout as the got path reports it: a proxy's, the server's (over https), or got's own connect timeout. */
function timedOut(plan: ConnectPlan, reachedServer: boolean): Error {
  if (!reachedServer && plan.proxy) return new ProxyFailure('timeout', plan.proxy.label, plan.proxy.from);
  if (plan.protocol === 'https:' || plan.proxy) return new ServerConnectTimeout(plan.host);
  return Object.assign(new Error(`Timeout awaiting 'connect' for ${plan.connectMs}ms`), { name: 'TimeoutError', event: 'connect', code: 'ETIMEDOUT' });
}

function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve();
    });
    socket.once('error', reject);
  });
}

/** Waits for the handshake and accepts the server only if Node verified its chain and name (what openVerifiedTls does). */
function verified(socket: TLSSocket, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('secureConnect', () => {
      socket.off('error', reject);
      if (socket.authorized) return resolve();
      const code = String(socket.authorizationError ?? 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
      const names = certificateNames(socket.getPeerCertificate(true));
      socket.destroy();
      reject(new CertificateFailure(code, host, names));
    });
    socket.once('error', reject);
  });
}

/**
 * Routes a socket's bytes to whoever reads them now: the `onread` callback is fixed when the
 * socket is made, the reader (the head, then the body) changes. While paused nothing is
 * dropped: what a socket still delivers is copied and handed over first on `resume`.
 * Every read goes into a slot of the ring, taken just before it (Node asks `buffer()` for the
 * next read's room after each callback) and given back once the callback has dealt with its
 * bytes (written, handed to the hasher or copied); the slot the socket holds when it closes is
 * given back then.
 */
class Reader implements FastConnection {
  private handler: DataHandler | null = null;
  private socket: Socket | null = null;
  /** The reader asked for a pause; bytes a TLS socket still hands over meanwhile wait here, copied. */
  private paused = false;
  private readonly held: Buffer[] = [];
  private endHandler: () => void = () => {};
  private errorHandler: (error: Error) => void = () => {};
  /** The slot the socket reads into next, or -1. */
  private slot = -1;
  /** Room for reads should the ring fail (its hasher gone): what is read there fails the download at its first hand-over. */
  private spare: Buffer | null = null;

  constructor(private readonly ring: SlotRing) {}

  onread(): OnRead {
    return {
      buffer: () => this.nextRoom(),
      callback: (bytes, buffer) => {
        const reading = this.deliver(buffer, 0, bytes);
        this.releaseSlot();
        return reading;
      },
    };
  }

  /**
   * TLS hands over one record (16 KiB at most) per read, and such small reads are gathered
   * into a slot anyway (worker-exchange.ts): they are read into one buffer of their own, kept
   * hot in the cache, rather than into a slot each (measured: a third more CPU over https).
   */
  tlsOnread(): OnRead {
    const buffer = Buffer.allocUnsafe(TLS_READ_BYTES);
    return { buffer, callback: (bytes, read) => this.deliver(read, 0, bytes) };
  }

  private nextRoom(): Buffer {
    this.releaseSlot();
    try {
      this.slot = this.ring.take();
      return this.ring.room(this.slot);
    } catch {
      // Node calls this inside its read handling, where a throw would end the thread unreported.
      return (this.spare ??= Buffer.allocUnsafe(this.ring.slotBytes));
    }
  }

  /** Gives the socket's slot back: after each read, and when the socket is gone. */
  releaseSlot(): void {
    if (this.slot < 0) return;
    this.ring.release(this.slot);
    this.slot = -1;
  }

  /** Takes the connected socket over; a socket without `onread` delivers its chunks through here too. */
  over(socket: Socket): FastConnection {
    this.socket = socket;
    socket.once('close', () => this.releaseSlot());
    socket.on('data', (chunk: Buffer) => {
      if (!this.deliver(chunk, 0, chunk.length)) socket.pause();
    });
    socket.on('end', () => this.endHandler());
    socket.on('error', (error) => this.errorHandler(error));
    // The tunnel left the proxy socket paused for TLS; nothing is read before the request is written.
    socket.pause();
    this.paused = true;
    return this;
  }

  private deliver(buffer: Buffer, start: number, end: number): boolean {
    // TLS decrypts whole records and may call back again after a pause: those bytes are kept for `resume`.
    if (this.paused || !this.handler) {
      this.held.push(Buffer.from(buffer.subarray(start, end)));
      this.paused = true;
      return false;
    }
    this.paused = !this.handler(buffer, start, end);
    return !this.paused;
  }

  write(bytes: Buffer): void {
    this.socket!.write(bytes);
  }

  onData(handler: DataHandler): void {
    this.handler = handler;
  }

  onEnd(handler: () => void): void {
    this.endHandler = handler;
  }

  onError(handler: (error: Error) => void): void {
    this.errorHandler = handler;
  }

  resume(): void {
    this.paused = false;
    while (this.held.length > 0) {
      const next = this.held.shift()!;
      if (!this.deliver(next, 0, next.length)) return;
    }
    this.socket?.resume();
  }

  destroy(): void {
    this.socket?.destroy();
    // A destroyed socket reads no more; one destroyed inside a read's callback takes a slot after it, given back on 'close'.
    this.releaseSlot();
  }
}
