import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('answers null without a session bus', async () => {
    expect(await defaultCollectionProblem({})).toBeNull();
  });
});
