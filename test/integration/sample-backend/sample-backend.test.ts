import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_EXPORTS, bulkExportUrl, sampleExportUrls } from '../../../main/core/sample-backend/sample-catalog';
import type { SampleBackend, SampleBackendOptions } from '../../../main/core/sample-backend/server';
import { createSampleFixture } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';

const run = promisify(execFile);
let fx: SampleFixture;
beforeEach(() => {
  fx = createSampleFixture();
});
afterEach(async () => {
  await fx.cleanup();
});

function post(backend: SampleBackend, body: unknown, init: { key?: string; urls?: boolean } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.key) headers['x-api-key'] = init.key;
  return fetch(`${backend.url}/viewer/exports/download-batch${init.urls ? '?responseType=urls' : ''}`, {
    method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function zipOf(options: SampleBackendOptions, urls: (base: string) => string[]) {
  const backend = await fx.start(options);
  const response = await post(backend, { items: urls(backend.url).map((sourceFileUrl) => ({ sourceFileUrl })) });
  const path = join(fx.saveDir, 'got.zip');
  writeFileSync(path, Buffer.from(await response.arrayBuffer()));
  return { response, path };
}

describe('sample backend: the contract', () => {
  it('offers a few dozen deterministic exports of several kinds', () => {
    expect(SAMPLE_EXPORTS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(SAMPLE_EXPORTS.map((s) => s.kind))).toEqual(new Set(['png', 'jpg', 'pdf', 'svg', 'json', 'csv', 'txt']));
    expect(sampleExportUrls('http://h/api')[0]).toBe('http://h/api/sample-exports/project-a/cover.png');
  });

  it('answers 401 without a key and 403 with a wrong one, each with a JSON message', async () => {
    const backend = await fx.start({ apiKey: 'k' });
    const items = { items: [{ sourceFileUrl: sampleExportUrls(backend.url)[0] }] };
    const missing = await post(backend, items);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ message: 'Missing x-api-key header.' });
    expect((await post(backend, items, { key: 'nope' })).status).toBe(403);
    expect((await post(backend, items, { key: 'k' })).status).toBe(200);
  });

  it('answers 400 with a message for bodies that are not {items:[{sourceFileUrl}]}', async () => {
    const backend = await fx.start();
    for (const body of ['not json', { items: 'x' }, { items: [] }, { items: [{ url: 'x' }] }, { nothing: true }]) {
      const response = await post(backend, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as { message: string }).message).toBeTruthy();
    }
  });

  it('answers 404 when none of the items is known', async () => {
    const backend = await fx.start();
    expect((await post(backend, { items: [{ sourceFileUrl: 'https://nowhere.example/a.png' }] })).status).toBe(404);
  });

  it('streams a valid zip with filename and filename*, making duplicate names unique', async () => {
    const { response, path } = await zipOf({}, (base) => sampleExportUrls(base).slice(0, 3));
    expect(response.headers.get('content-disposition')).toMatch(/filename="[^"]+"; filename\*=UTF-8''/);
    await run('unzip', ['-tq', path]);
    const { stdout } = await run('unzip', ['-Z1', path]);
    expect(stdout.trim().split('\n')).toEqual(['cover.png', 'cover (2).png', 'page-01.png']);
  });

  it('streams valid zips chunked and with forced zip64 records (checked by unzip and bsdtar)', async () => {
    for (const options of [{ chunked: true }, { forceZip64: true }]) {
      const { response, path } = await zipOf(options, (base) => sampleExportUrls(base));
      expect(response.headers.get('content-length') === null).toBe(options.chunked === true);
      await run('unzip', ['-tq', path]);
      const { stdout } = await run('bsdtar', ['-tf', path]);
      expect(stdout.trim().split('\n')).toHaveLength(SAMPLE_EXPORTS.length);
    }
  });

  it('streams the size knob as one entry of N MiB', async () => {
    const { path } = await zipOf({}, (base) => [bulkExportUrl(base, 3)]);
    const { stdout } = await run('unzip', ['-l', path]);
    expect(stdout).toContain(String(3 * 1024 * 1024));
    await run('unzip', ['-tq', path]);
  });

  it('returns URL mode JSON whose exported URLs can be fetched', async () => {
    const backend = await fx.start();
    const response = await post(backend, { items: [{ sourceFileUrl: sampleExportUrls(backend.url)[9] }, { sourceFileUrl: 'bad' }] }, { urls: true });
    const body = (await response.json()) as { success: boolean; exportedUrls: string[]; skipped: unknown[] };
    expect(body).toMatchObject({ success: true, skipped: ['bad'] });
    const file = await fetch(body.exportedUrls[0]!);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
  });

  it('serves the same bytes on every run (deterministic content)', async () => {
    const first = await zipOf({}, (base) => sampleExportUrls(base).slice(20, 26));
    const a = Buffer.from(await (await fetch(`${(await fx.start()).url}/files/reports/report-q1.pdf`)).arrayBuffer());
    const b = Buffer.from(await (await fetch(`${(await fx.start()).url}/files/reports/report-q1.pdf`)).arrayBuffer());
    expect(a.equals(b)).toBe(true);
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(first.response.status).toBe(200);
  });
});
