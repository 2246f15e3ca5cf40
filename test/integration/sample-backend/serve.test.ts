import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
const serve = fileURLToPath(new URL('../../../main/core/sample-backend/serve.ts', import.meta.url));

describe('npm run sample-backend (serve.ts)', () => {
  it('prints the base URL, the key and sample URLs, answers the batch route, and stops on SIGINT', async () => {
    const proc = spawn(tsx, [serve, '--key', 'demo-key'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const baseUrl = await new Promise<string>((resolve, reject) => {
      proc.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /Base URL: (\S+)/.exec(out);
        if (match && out.includes('Press Ctrl-C')) resolve(match[1]!);
      });
      proc.once('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    expect(out).toContain('API key required: demo-key');
    expect(out).toMatch(/sample-exports\/project-a\/cover\.png/);
    const response = await fetch(`${baseUrl}/viewer/exports/download-batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"items":[]}' });
    expect(response.status).toBe(401);
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    proc.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
