import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleExportUrls } from '../../../main/core/sample-backend/sample-catalog';
import { runBuiltCli } from '../../helpers/run-cli';
import { createSampleFixture } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';

let fx: SampleFixture;
beforeEach(() => void (fx = createSampleFixture()));
afterEach(() => fx.cleanup());

interface SavedJson {
  ok: true;
  path: string;
  requested: number;
  delivered: number;
}

describe('download: exports the backend left out of the zip', () => {
  it('exits 4 with the counts when the zip holds fewer entries than exports were requested, 0 when it holds them all', async () => {
    const backend = await fx.start();
    const known = sampleExportUrls(backend.url).slice(0, 2);
    // On the backend's origin, but no export of its catalog: the backend skips it and zips the rest.
    const unknown = `${backend.url}/exports/never-made.png`;
    const args = (urls: string[], out: string) => ['download', '--base-url', backend.url, ...urls.flatMap((url) => ['--url', url]), '--out', `${fx.saveDir}/${out}`, '--no-manifest'];

    const partial = await runBuiltCli(args([...known, unknown], 'partial.zip'));
    expect(partial.code).toBe(4);
    expect(partial.stdout.trim()).toBe(`${fx.saveDir}/partial.zip`);
    expect(partial.stderr).toContain('some exports were not delivered: the zip holds 2 of the 3 requested (the backend skipped 1;');

    const json = await runBuiltCli([...args([...known, unknown], 'partial-json.zip'), '--json']);
    expect(json.code).toBe(4);
    expect(json.json<SavedJson>()).toMatchObject({ ok: true, path: `${fx.saveDir}/partial-json.zip`, requested: 3, delivered: 2 });

    const whole = await runBuiltCli([...args(known, 'whole.zip'), '--json']);
    expect(whole.code).toBe(0);
    expect(whole.stderr).not.toContain('not delivered');
    expect(whole.json<SavedJson>()).toMatchObject({ requested: 2, delivered: 2 });
  });
});
