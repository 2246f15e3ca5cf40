/**
 * Node's own answer to a byte stream: a real `http.request`, its socket a Duplex this file
 * feeds chunk by chunk (Node's client parses whatever stream it is given with llhttp), so the
 * exact splits reach Node's parser, deterministically and without a network.
 */
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { Duplex } from 'node:stream';

/** What Node made of a response. */
export type NodeOutcome =
  | { ok: true; status: number; rawHeaders: string[]; headers: IncomingHttpHeaders; trailers: string[]; body: Buffer }
  | { ok: false; code: string };

/** A socket that answers with `chunks`, one `push` per event-loop turn, then ends; what the client writes is dropped. */
function scriptedSocket(chunks: readonly Buffer[]): Duplex {
  let started = false;
  const socket = new Duplex({
    read() {
      if (started) return;
      started = true;
      let next = 0;
      const push = () => {
        if (next < chunks.length) {
          socket.push(chunks[next++]);
          setImmediate(push);
        } else socket.push(null);
      };
      setImmediate(push);
    },
    write(_chunk, _encoding, callback) {
      callback();
    },
  });
  // What the client calls on a net.Socket; a Duplex has none of it.
  Object.assign(socket, { setNoDelay: () => socket, setKeepAlive: () => socket, setTimeout: () => socket, ref: () => socket, unref: () => socket });
  return socket;
}

/** POSTs once over a socket that answers with `chunks`, and reports what Node's client parsed. */
export function nodeParse(chunks: readonly Buffer[]): Promise<NodeOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: NodeOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const post = request({ method: 'POST', host: 'fuzz.invalid', path: '/', createConnection: () => scriptedSocket(chunks) }, (response) => {
      const body: Buffer[] = [];
      response.on('data', (chunk: Buffer) => body.push(chunk));
      response.on('end', () => settle({ ok: true, status: response.statusCode!, rawHeaders: response.rawHeaders, headers: response.headers, trailers: response.rawTrailers, body: Buffer.concat(body) }));
      response.on('error', (error: NodeJS.ErrnoException) => settle({ ok: false, code: error.code ?? error.message }));
    });
    post.on('error', (error: NodeJS.ErrnoException) => settle({ ok: false, code: error.code ?? error.message }));
    post.end('{}');
  });
}
