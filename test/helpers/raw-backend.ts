import { createServer } from 'node:net';
import type { Socket } from 'node:net';

/** A bare TCP backend: what a broken proxy or a crashing backend does to a connection. */
export interface RawBackend {
  /** The base URL to give the download (`…/api`). */
  url: string;
  /** How many requests it received. */
  requests(): number;
  close(): Promise<void>;
}

/** Answers every request by `answer` on its socket (bytes no HTTP server library would send); counts them. */
export async function startRawServer(answer: (socket: Socket) => void): Promise<RawBackend> {
  let requests = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.once('data', () => {
      requests++;
      answer(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/api`,
    requests: () => requests,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Answers every request with 200 zip headers promising 1,000,000 bytes, then does `after` to the socket. */
export function startRawBackend(after: (socket: Socket) => void): Promise<RawBackend> {
  return startRawServer((socket) => {
    socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/zip\r\ncontent-disposition: attachment; filename="a.zip"\r\ncontent-length: 1000000\r\n\r\n');
    after(socket);
  });
}

/** Resets the connection right after the headers. */
export const resetAfterHeaders = (socket: Socket) => socket.resetAndDestroy();
/** Sends a zip's first 5,004 bytes of the promised million, then closes normally. */
export const endShort = (socket: Socket) => socket.end(Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(5000)]));
