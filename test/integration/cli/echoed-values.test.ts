import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_SHOWN } from '../../../main/cli/shown';
import { runBuiltCli } from '../../helpers/run-cli';

const KEY = 'echo-test-key-0123456789';
/** A skipped reason of 2,000 short words: no run of it is long, the whole of it is. */
const WORDY_REASON = Array.from({ length: 2000 }, (_, i) => `because${i}`).join(' ');

/** A backend whose URL-mode answer skips one export with a very long reason, and whose zip route fails with a very long message. */
function startWordyBackend(): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (request.url?.includes('responseType=urls')) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ success: true, exportedUrls: [], skipped: [{ sourceFileUrl: 'https://files.example/a.png', reason: WORDY_REASON }] }));
      } else {
        response.writeHead(400, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ message: WORDY_REASON.slice(0, 1000) })); // within what is read of an error body
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}/api`, server })));
}

describe('values the command line echoes are cut as values', () => {
  let backend: { url: string; server: Server };
  let root: string;

  beforeEach(async () => {
    backend = await startWordyBackend();
    root = mkdtempSync(join(tmpdir(), 'em-echo-'));
  });

  afterEach(async () => {
    await new Promise((resolve) => backend.server.close(resolve));
    rmSync(root, { recursive: true, force: true });
  });

  const env = () => ({ EXPORT_MANAGER_USER_DATA: join(root, 'state'), EXPORT_MANAGER_API_KEY: KEY });

  it('prints a skipped reason of 2,000 words on one short line', async () => {
    const run = await runBuiltCli(['download', '--base-url', backend.url, '--url', 'https://files.example/a.png', '--urls'], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    const line = run.stderr.split('\n').find((each) => each.startsWith('skipped: '));
    expect(line).toBe(`skipped: https://files.example/a.png (${WORDY_REASON.slice(0, MAX_SHOWN)}…)`);
  });

  it('prints a backend message of 2,000 words cut as one value', async () => {
    const run = await runBuiltCli(['download', '--base-url', backend.url, '--url', 'https://files.example/a.png', '--out', root], { env: env() });
    expect(run.code).toBe(1);
    const line = run.stderr.split('\n').find((each) => each.startsWith('export-manager: '));
    expect(line).toContain(`backend: ${WORDY_REASON.slice(0, MAX_SHOWN)}…)`);
    expect(line!.length).toBeLessThan(600);
  });
});
