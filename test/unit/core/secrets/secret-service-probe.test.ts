import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultCollectionProblem } from '../../../../main/core/secrets/secret-service-probe';

describe('defaultCollectionProblem', () => {
  it('answers null, quickly, when the bus never says a word, and leaves nothing open', async () => {
    const root = mkdtempSync(join(tmpdir(), 'probe-'));
    let open = 0;
    const server = createServer((socket: Socket) => {
      open++;
      socket.resume().on('close', () => open--);
    });
    await new Promise<void>((resolve) => server.listen(join(root, 'bus'), resolve));
    const started = performance.now();
    const problem = await defaultCollectionProblem({ DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(root, 'bus')}` }, 300);
    expect(problem).toBeNull();
    expect(performance.now() - started).toBeLessThan(2_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(open).toBe(0);
    server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('keeps its process alive until it answers, when the bus never says a word and nothing else runs', async () => {
    // The bridge and the CLI await the probe at start-up with nothing else to do: a probe whose
    // socket and timer do not hold the process lets Node exit mid-await (code 13, silently).
    const root = mkdtempSync(join(tmpdir(), 'probe-'));
    const server = createServer((socket: Socket) => void socket.resume());
    await new Promise<void>((resolve) => server.listen(join(root, 'bus'), resolve));
    const probe = fileURLToPath(new URL('../../../../main/core/secrets/secret-service-probe.ts', import.meta.url));
    const script = `import(${JSON.stringify(pathToFileURL(probe).href)}).then(async ({ defaultCollectionProblem }) => {
      const answer = await defaultCollectionProblem({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=${join(root, 'bus')}' }, 500);
      console.log('answered', answer);
    });`;
    try {
      const run = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
        execFile(process.execPath, ['--import', 'tsx', '-e', script], { timeout: 20_000 }, (error, stdout) =>
          resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout }),
        );
      });
      expect(run).toEqual({ code: 0, stdout: 'answered null\n' });
    } finally {
      server.close();
      rmSync(root, { recursive: true, force: true });
    }
  }, 30_000);

  it('answers null without a session bus', async () => {
    expect(await defaultCollectionProblem({})).toBeNull();
  });
});
