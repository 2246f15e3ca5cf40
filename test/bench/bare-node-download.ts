/**
 * The download benchmark's second reference: the same POST with nothing but `node:http` (or
 * `node:https`, trusting what Node trusts: its roots and NODE_EXTRA_CA_CERTS) and a file stream
 * (no retries, timeouts, progress, checks or atomic move). The engine runs in Node too, so this
 * is what plain Node streams reach on the same machine; curl shows the machine's own ceiling.
 * Exports the engine's entry point's name and shape so the benchmark runs it the same way.
 */
import { createWriteStream } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

export async function runZipDownload(options: { baseUrl: string; sourceFileUrls: string[]; destination: { dir: string } }): Promise<{ bytes: number; path: string }> {
  const body = JSON.stringify({ items: options.sourceFileUrls.map((sourceFileUrl) => ({ sourceFileUrl })) });
  const url = `${options.baseUrl}/viewer/exports/download-batch`;
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const post = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, resolve);
    post.on('error', reject);
    post.end(body);
  });
  const path = join(options.destination.dir, 'bare-node.zip');
  let bytes = 0;
  response.on('data', (chunk: Buffer) => (bytes += chunk.length));
  await pipeline(response, createWriteStream(path, { highWaterMark: 1024 * 1024 }));
  return { bytes, path };
}
