import type { Readable } from 'node:stream';
import { AppErrorException } from '../app-error';
import { requestErrorToAppError } from './error-mapping';

/**
 * Reads a body as UTF-8 text, at most `cap` bytes (the rest is dropped: error pages and JSON
 * answers are small, and a runaway body must not fill memory). Fails as `timeout` when no byte
 * arrives for `idleMs`, as `invalid-response` past `cap` when `strict`, and as the mapped
 * request error when the connection breaks.
 */
export async function readCapped(body: Readable, cap: number, idleMs: number, strict = false): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  let timer: NodeJS.Timeout | undefined;
  let stalled = false;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = true;
      body.destroy();
    }, idleMs);
  };
  try {
    arm();
    for await (const chunk of body as AsyncIterable<Buffer>) {
      arm();
      const room = cap - length;
      if (chunk.length > room) {
        if (strict) throw new AppErrorException({ kind: 'invalid-response', message: `The backend's answer is larger than ${Math.round(cap / 1048576)} MiB.` });
        chunks.push(chunk.subarray(0, room));
        length = cap;
        break;
      }
      chunks.push(chunk);
      length += chunk.length;
    }
  } catch (error) {
    if (stalled) throw stallError(idleMs);
    if (error instanceof AppErrorException) throw error;
    throw new AppErrorException(requestErrorToAppError(error), { cause: error });
  } finally {
    clearTimeout(timer);
  }
  if (stalled) throw stallError(idleMs);
  return Buffer.concat(chunks).toString('utf8');
}

function stallError(idleMs: number): AppErrorException {
  return new AppErrorException({ kind: 'timeout', message: `The backend stopped sending data for ${Math.round(idleMs / 1000)} s. Try again.` });
}
