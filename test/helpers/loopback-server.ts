import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** A request as the server saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
}

/** A loopback HTTP server whose every answer a test writes itself. */
export interface LoopbackServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** A base URL under it (`…/api`), as a profile would have. */
  baseUrl: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 that answers every request with `answer`. */
export async function startLoopbackServer(answer: (request: IncomingMessage, response: ServerResponse) => void): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  const requests: SeenRequest[] = [];
  const server = createServer((request, response) => {
    requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers });
    request.resume(); // the body (the batch payload) is not needed
    answer(request, response);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    baseUrl: `${origin}/api`,
    requests,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Sends `head`, then one byte of `filler` every `everyMs` (far below any sane speed), for
 * `forMs`; then ends the response short of anything it promised. A client without a low-speed
 * rule sees a body that never stalls long enough for its idle timer, until it ends.
 */
export function trickle(response: ServerResponse, head: Buffer | string, options: { everyMs: number; forMs: number; filler?: string }): void {
  response.write(head);
  const started = Date.now();
  const timer = setInterval(() => {
    if (response.destroyed || Date.now() - started >= options.forMs) {
      clearInterval(timer);
      response.destroy();
      return;
    }
    response.write(options.filler ?? 'x');
  }, options.everyMs);
  response.on('close', () => clearInterval(timer));
}
