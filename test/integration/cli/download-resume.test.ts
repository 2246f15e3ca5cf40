import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleExportUrls } from '../../../main/core/sample-backend/sample-catalog';
import type { SampleBackend } from '../../../main/core/sample-backend/server';
import { runBuiltCli } from '../../helpers/run-cli';
import { createSampleFixture } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';

let fx: SampleFixture;
beforeEach(() => void (fx = createSampleFixture()));
afterEach(() => fx.cleanup());

const PART_1 = 'Canvas exports – sample (part 1 of 2).zip';
const PART_2 = 'Canvas exports – sample (part 2 of 2).zip';
const MANIFEST = 'Canvas exports – sample (2 parts).manifest.json';
// The second batch request is refused (400 is never retried): the first run stops in part 2.
const REFUSED = { kind: 'status', status: 400, body: '{"message":"batch refused"}', contentType: 'application/json' } as const;
const batchRequests = (backend: SampleBackend) => backend.received.filter((request) => request.path.includes('download-batch')).length;

describe('download --resume', () => {
  it('a split download that failed in part 2 resumes from part 2: part 1 kept untouched and not asked for again', async () => {
    const backend = await fx.start({ faults: [null, REFUSED] });
    const args = (...more: string[]) => ['download', '--base-url', backend.url, ...sampleExportUrls(backend.url).slice(0, 5).flatMap((url) => ['--url', url]), '--max-batch', '3', '--out', fx.saveDir, ...more];

    const first = await runBuiltCli(args());
    expect(first.code).toBe(1);
    expect(fx.files(fx.saveDir)).toEqual([MANIFEST, PART_1]);
    const part1 = statSync(join(fx.saveDir, PART_1));
    const part1Bytes = readFileSync(join(fx.saveDir, PART_1));

    const resumed = await runBuiltCli(args('--resume', '--json'));
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain('resuming: keeping part 1 of 2');
    expect(batchRequests(backend)).toBe(3); // part 1, part 2 refused, part 2 again: part 1 was not asked for twice
    expect(resumed.json<{ parts: Array<{ filename: string; entries: number }> }>().parts.map((part) => [part.filename, part.entries])).toEqual([[PART_1, 3], [PART_2, 2]]);
    expect(fx.files(fx.saveDir)).toEqual([MANIFEST, PART_1, PART_2]);
    const after = statSync(join(fx.saveDir, PART_1));
    expect([after.ino, after.mtimeMs]).toEqual([part1.ino, part1.mtimeMs]);
    expect(readFileSync(join(fx.saveDir, PART_1)).equals(part1Bytes)).toBe(true);
    // The set's manifest is whole now, and both parts match it.
    expect(JSON.parse(readFileSync(join(fx.saveDir, MANIFEST), 'utf8'))).toMatchObject({ complete: true, partCount: 2 });
    for (const part of [PART_1, PART_2]) expect((await runBuiltCli(['verify', join(fx.saveDir, part)])).code).toBe(0);
  });

  it('keeps no part whose file changed since its manifest was written: that part is asked for again', async () => {
    const backend = await fx.start({ faults: [null, REFUSED] });
    const args = (...more: string[]) => ['download', '--base-url', backend.url, ...sampleExportUrls(backend.url).slice(0, 5).flatMap((url) => ['--url', url]), '--max-batch', '3', '--out', join(fx.saveDir, 'set.zip'), ...more];
    expect((await runBuiltCli(args())).code).toBe(1);
    const part1 = join(fx.saveDir, 'set (part 1 of 2).zip');
    const bytes = readFileSync(part1);
    const at = bytes.length - 30;
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0x01, at);
    writeFileSync(part1, bytes);

    // The changed part is not kept, and an exact path never replaces a file unasked.
    const refused = await runBuiltCli(args('--resume', '--json'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('no part of this download is on disk as its manifest recorded it; downloading all 2 parts');
    expect(refused.json<{ error: { kind: string; message: string } }>().error).toMatchObject({ kind: 'disk', message: expect.stringContaining('set (part 1 of 2).zip already exists') });
    expect(batchRequests(backend)).toBe(2);

    const replaced = await runBuiltCli(args('--resume', '--on-conflict', 'replace'));
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(batchRequests(backend)).toBe(4);
    expect((await runBuiltCli(['verify', part1])).code).toBe(0);
  });
});
