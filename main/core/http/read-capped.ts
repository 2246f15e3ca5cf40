import type { Readable } from 'node:stream';
import { appError } from '../app-error';
import { stalledError } from './error-mapping';
import { toAppError } from './to-app-error';

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
        if (strict) throw appError('invalid-response', `The backend's answer is larger than ${Math.round(cap / 1048576)} MiB.`);
        chunks.push(chunk.subarray(0, room));
        length = cap;
        break;
      }
      chunks.push(chunk);
      length += chunk.length;
    }
  } catch (error) {
    if (stalled) throw stalledError(idleMs);
    throw toAppError(error);
  } finally {
    clearTimeout(timer);
  }
  if (stalled) throw stalledError(idleMs);
  return Buffer.concat(chunks).toString('utf8');
}
