import type { Socket } from 'node:net';

/** What a proxy answered to CONNECT. */
export interface TunnelAnswer {
  status: number;
  /** The realm of its `Proxy-Authenticate` challenge, when it sent one. */
  realm: string | null;
}

/** The longest CONNECT answer head read: a proxy that sends more is not answering CONNECT. */
const MAX_HEAD = 16 * 1024;

/** The `host:port` of a CONNECT request (IPv6 in brackets). */
function authority(host: string, port: number): string {
  return `${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`;
}

/** Reads the realm from a `Proxy-Authenticate: Basic realm="…"` line of a head (or tinyproxy's `WWW-Authenticate`, sent with its 401). */
function realmOf(head: string): string | null {
  const line = head.split('\r\n').find((header) => /^(proxy|www)-authenticate:/i.test(header));
  return line ? (/realm="([^"]*)"/i.exec(line)?.[1] ?? null) : null;
}

/**
 * Asks a proxy, over `socket` (connected to it), for a tunnel to `host:port` (RFC 9110 §9.3.6):
 * only this line, the Host header and the proxy's own credentials cross in clear; the request,
 * its headers (the API key) and the answer then travel inside TLS, which the proxy cannot read.
 * Resolves with the proxy's answer; the tunnel is open when its status is 2xx. TLS speaks first,
 * so a 2xx with bytes past its head is not a tunnel: that fails as a protocol error.
 */
export function requestTunnel(socket: Socket, host: string, port: number, authorization: string | null): Promise<TunnelAnswer> {
  return new Promise((resolve, reject) => {
    let head = Buffer.alloc(0);
    const cleanup = () => {
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('end', onEnd);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onEnd = () => onError(Object.assign(new Error('The proxy closed the connection before answering CONNECT.'), { code: 'ECONNRESET' }));
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) {
        if (head.length > MAX_HEAD) onError(Object.assign(new Error('The proxy answered CONNECT with an endless head.'), { code: 'EPROTO' }));
        return;
      }
      const text = head.subarray(0, end).toString('latin1');
      const status = Number(/^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(text)?.[1] ?? 0);
      // A refusal may carry a page after its head; an open tunnel carries nothing before TLS.
      if (status >= 200 && status < 300 && end + 4 < head.length) {
        onError(Object.assign(new Error('The proxy sent data before the TLS handshake.'), { code: 'EPROTO' }));
        return;
      }
      cleanup();
      // Held until TLS takes the socket over: nothing may be read past the head meanwhile.
      socket.pause();
      resolve({ status, realm: realmOf(text) });
    };
    socket.on('data', onData);
    socket.once('error', onError);
    socket.once('end', onEnd);
    const target = authority(host, port);
    const lines = [`CONNECT ${target} HTTP/1.1`, `Host: ${target}`];
    if (authorization !== null) lines.push(`Proxy-Authorization: ${authorization}`);
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  });
}
