import * as http from 'node:http';
import * as https from 'node:https';
import { connect as connectTcp } from 'node:net';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as connectTls } from 'node:tls';
import type { DetailedPeerCertificate, SecureContext, TLSSocket } from 'node:tls';
import { CertificateFailure, ProxyFailure, ServerConnectTimeout } from './network-failure';
import type { ProxyEntry } from './proxy-route';
import { proxyLabel, proxyPort } from './proxy-url';
import { certificateNames } from './certificate-names';
import { requestTunnel } from './tunnel';

/** How one route reaches servers. */
export interface RouteOptions {
  entry: ProxyEntry;
  /** The trust to verify https servers with (undefined: Node's default). */
  secureContext: SecureContext | undefined;
  /** The limit for connecting: TCP to the proxy or server, CONNECT, and the TLS handshake together. */
  connectMs: number;
  /** `Proxy-Authorization` for the proxy (Basic), or null to send none. */
  proxyAuthorization: string | null;
}

/** got's `agent` option for one route: plain http through the proxy (undefined when direct: got's default), https always through ours. */
export interface RouteAgents {
  http: http.Agent | undefined;
  https: https.Agent;
}

/**
 * Runs the steps of one connection under the connect timeout: on expiry every socket they
 * opened is destroyed and `timedOut()` (which knows the step reached) is the failure.
 */
async function underDeadline<T>(ms: number, timedOut: () => Error, steps: (opened: (socket: Socket) => void) => Promise<T>): Promise<T> {
  const sockets: Socket[] = [];
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      for (const socket of sockets) socket.destroy();
      reject(timedOut());
    }, ms);
  });
  try {
    return await Promise.race([steps((socket) => sockets.push(socket)), deadline]);
  } catch (error) {
    for (const socket of sockets) socket.destroy();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Opens a TCP connection; resolves once connected. */
function openTcp(host: string, port: number, opened: (socket: Socket) => void): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp({ host, port });
    opened(socket);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** Connects to a proxy; a failure to reach it is a ProxyFailure naming it (so the next entry of a PAC answer can be tried). */
async function openToProxy(entry: Extract<ProxyEntry, { kind: 'proxy' }>, opened: (socket: Socket) => void): Promise<Socket> {
  try {
    return await openTcp(entry.proxy.hostname.replace(/^\[|\]$/g, ''), proxyPort(entry.proxy), opened);
  } catch (error) {
    throw new ProxyFailure('unreachable', proxyLabel(entry.proxy), entry.from, { code: (error as NodeJS.ErrnoException).code });
  }
}

/** The server's end of one https route: TCP straight to it, or a CONNECT tunnel through the proxy. */
async function openToServer(route: RouteOptions, host: string, port: number, opened: (socket: Socket) => void): Promise<Socket> {
  const { entry } = route;
  if (entry.kind === 'direct') return openTcp(host, port, opened);
  const socket = await openToProxy(entry, opened);
  const label = proxyLabel(entry.proxy);
  const answer = await requestTunnel(socket, host, port, route.proxyAuthorization).catch((error: NodeJS.ErrnoException) => {
    throw new ProxyFailure('unreachable', label, entry.from, { code: error.code ?? 'ECONNRESET' });
  });
  if (answer.status >= 200 && answer.status < 300) return socket;
  socket.destroy();
  // 407 is the standard answer; tinyproxy answers a wrong login with 401. Either way it is the
  // proxy's: no server is reached before the tunnel opens.
  if (answer.status === 407 || answer.status === 401) {
    const problem = route.proxyAuthorization === null ? 'login-required' : 'login-rejected';
    throw new ProxyFailure(problem, label, entry.from, { status: answer.status, realm: answer.realm });
  }
  throw new ProxyFailure('refused', label, entry.from, { status: answer.status });
}

/** Waits for the TLS handshake; resolves once it is done, whether or not the certificate was accepted. */
function handshake(socket: TLSSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('secureConnect', () => {
      socket.off('error', reject);
      resolve();
    });
    socket.once('error', reject);
  });
}

/**
 * Opens a TLS connection to `host:port` over the route and verifies the server before anyone
 * may write to it: the request (and its API key) gets the socket only once the certificate
 * chain and the host name were accepted. Node's own verification would refuse just as firmly,
 * but would tear the socket down with nothing to say who issued the certificate; verifying
 * here keeps the certificate, so the error can name its issuer (see CertificateFailure).
 */
async function openVerifiedTls(route: RouteOptions, host: string, port: number, servername: string | undefined): Promise<TLSSocket> {
  const { entry } = route;
  let reachedServer = entry.kind === 'direct';
  const timedOut = () =>
    reachedServer || entry.kind === 'direct' ? new ServerConnectTimeout(host) : new ProxyFailure('timeout', proxyLabel(entry.proxy), entry.from);
  return underDeadline(route.connectMs, timedOut, async (opened) => {
    const raw = await openToServer(route, host, port, opened);
    reachedServer = true;
    // rejectUnauthorized: false only defers the decision to the lines below (Node still checks the
    // chain and the host name, and reports in `authorized`); nothing is sent before it.
    const secure = connectTls({ socket: raw, host, servername, secureContext: route.secureContext, rejectUnauthorized: false });
    opened(secure);
    await handshake(secure);
    if (!secure.authorized) {
      const certificate: DetailedPeerCertificate = secure.getPeerCertificate(true);
      const code = String(secure.authorizationError ?? 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
      secure.destroy();
      throw new CertificateFailure(code, host, certificateNames(certificate));
    }
    return secure;
  });
}

/** The https agent of a route: every connection verified by openVerifiedTls, none kept alive (one route per request). */
class VerifyingHttpsAgent extends https.Agent {
  constructor(private readonly route: RouteOptions) {
    super({ keepAlive: false });
  }

  override createConnection(options: https.RequestOptions, callback?: (error: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const host = options.host ?? 'localhost';
    const port = Number(options.port ?? 443);
    // Node's agent sets `servername` from the Host header, and '' for an IP address (no SNI for those).
    const servername = options.servername || undefined;
    openVerifiedTls(this.route, host, port, servername).then(
      (socket) => callback?.(null, socket),
      (error: Error) => callback?.(error, null as never),
    );
    return undefined; // the socket arrives through the callback, once verified
  }
}

/** The part of Node's Agent that TypeScript's types leave out: where a request meets its agent, before its head is written. */
type AddRequest = (this: http.Agent, request: http.ClientRequest, options: http.ClientRequestArgs) => void;
const baseAddRequest = (http.Agent.prototype as unknown as { addRequest: AddRequest }).addRequest;

/**
 * Plain http through the proxy: the request goes to the proxy with the absolute URL as its
 * target (RFC 9112 §3.2.2) and the proxy's credentials in `Proxy-Authorization`. The proxy reads
 * this request whole, headers included; plain http carries an API key only to this machine (see
 * key-policy.ts), and only a proxy on this machine is used for it (withoutRemoteProxiesForLoopback).
 */
class ForwardingHttpAgent extends http.Agent {
  constructor(private readonly route: RouteOptions & { entry: Extract<ProxyEntry, { kind: 'proxy' }> }) {
    super({ keepAlive: false });
  }

  addRequest(request: http.ClientRequest, options: http.ClientRequestArgs): void {
    const host = String(request.getHeader('host') ?? `${options.host}:${options.port}`);
    request.path = new URL(request.path, `http://${host}`).href;
    if (this.route.proxyAuthorization !== null) request.setHeader('proxy-authorization', this.route.proxyAuthorization);
    baseAddRequest.call(this, request, options);
  }

  override createConnection(_options: http.ClientRequestArgs, callback?: (error: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const { entry } = this.route;
    const timedOut = () => new ProxyFailure('timeout', proxyLabel(entry.proxy), entry.from);
    underDeadline(this.route.connectMs, timedOut, (opened) => openToProxy(entry, opened)).then(
      (socket) => callback?.(null, socket),
      (error: Error) => callback?.(error, null as never),
    );
    return undefined;
  }
}

/** The agents for one route (see RouteAgents). */
export function routeAgents(route: RouteOptions): RouteAgents {
  const { entry } = route;
  // Both keys always: a redirect replaces the whole option, so a direct hop must not keep the proxy's agent.
  return {
    http: entry.kind === 'proxy' ? new ForwardingHttpAgent({ ...route, entry }) : undefined,
    https: new VerifyingHttpsAgent(route),
  };
}
