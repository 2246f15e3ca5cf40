import { createServer } from 'node:http';

/** A loopback backend whose every answer is a refusal: for the cards and banners of downloads it refuses. */
export interface RefusingBackend {
  /** Its base URL, as a profile has it. */
  url: string;
  close(): Promise<void>;
}

/** Starts a backend on 127.0.0.1 that answers every request with `status` and the backend's JSON `{ message }`. */
export async function startRefusingBackend(status: number, message: string): Promise<RefusingBackend> {
  const server = createServer((request, response) => {
    request.resume();
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ message }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/api`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
