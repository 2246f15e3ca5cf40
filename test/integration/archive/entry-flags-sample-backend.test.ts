import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { listArchive } from '../../../main/core/archive';
import { DEMO_ERROR_STUBS, sampleExportUrls } from '../../../main/core/sample-backend';

const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
const serve = fileURLToPath(new URL('../../../main/core/sample-backend/serve.ts', import.meta.url));

/** What each kind of stub is said to hold in its flag's reason. */
const HOLDS = { html: 'an HTML page', json: 'a JSON document', xml: 'an XML document', text: 'plain text' } as const;

describe('npm run sample-backend -- --error-stubs', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it('serves zips whose demo exports are error pages, each of them flagged by Inspect, and names them on start', async () => {
    const proc = spawn(tsx, [serve, '--error-stubs'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    cleanups.push(() => proc.kill('SIGINT'));
    let out = '';
    const baseUrl = await new Promise<string>((resolve, reject) => {
      proc.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /Base URL: (\S+)/.exec(out);
        if (match && out.includes('Press Ctrl-C')) resolve(match[1]!);
      });
      void exited.then(() => reject(new Error(`exited early: ${out}`)));
    });
    expect(out).toContain(`Zips hold error pages in place of: ${Object.keys(DEMO_ERROR_STUBS).join(', ')}`);

    const response = await fetch(`${baseUrl}/viewer/exports/download-batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ items: sampleExportUrls(baseUrl).map((sourceFileUrl) => ({ sourceFileUrl })) }),
    });
    expect(response.status).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'export-manager-stubs-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const zip = join(dir, 'batch.zip');
    writeFileSync(zip, Buffer.from(await response.arrayBuffer()));

    const listing = await listArchive(zip);
    const flagged = listing.entries.filter((entry) => entry.flags.length > 0);
    // Every demo stub is a sample export the backend knows (its entry is the export's file name), and nothing else is flagged.
    expect(flagged.map((entry) => entry.name).sort()).toEqual(Object.keys(DEMO_ERROR_STUBS).map((path) => basename(path)).sort());
    for (const [path, kind] of Object.entries(DEMO_ERROR_STUBS)) {
      const entry = flagged.find((candidate) => candidate.name === basename(path))!;
      expect(entry.flags, path).toEqual([{ kind: 'error-stub', reason: expect.stringContaining(`holds ${HOLDS[kind]} (`) }]);
    }

    proc.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
