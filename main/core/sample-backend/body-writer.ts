import type { ServerResponse } from 'node:http';
import type { BodyShape } from './faults';

/** Resolves when the response can take more data, or when the connection is gone. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Writes a streamed body with backpressure (never more than the socket's buffer in memory),
 * shaped by a fault: cut after `limit` bytes, then end, reset or hang.
 */
export async function writeBody(res: ServerResponse, source: AsyncIterable<Buffer>, shape: BodyShape): Promise<void> {
  let sent = 0;
  // A cut at 0 bytes means "after the headers": send them now, or the close would come before any response.
  if (shape.limit === 0) res.flushHeaders();
  for await (const chunk of source) {
    if (res.destroyed) return;
    const room = shape.limit === null ? chunk.length : shape.limit - sent;
    const piece = room >= chunk.length ? chunk : chunk.subarray(0, Math.max(0, room));
    if (piece.length > 0 && !res.write(piece)) await drained(res);
    sent += piece.length;
    if (shape.limit !== null && sent >= shape.limit) break;
  }
  if (res.destroyed) return;
  if (shape.after === 'end') {
    res.end();
  } else if (shape.after === 'destroy') {
    // end() on the socket flushes what was written first, so the client sees exactly `sent`
    // bytes and then a connection closed short of the promised body.
    res.socket?.end();
  }
  // 'hang': keep the connection open; the client's idle timeout (or server close) ends it.
}
