import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleExportUrls } from '../../../main/core/sample-backend/sample-catalog';
import { runBuiltCli } from '../../helpers/run-cli';
import { createSampleFixture } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';

let fx: SampleFixture;
beforeEach(() => void (fx = createSampleFixture()));
afterEach(() => fx.cleanup());

const DROP = { kind: 'drop', afterBytes: 2_000 } as const;

describe('download --retries', () => {
  it('asks again for a body that broke off, saying so on stderr; --retries 0 fails at once; a bad value is a usage error', async () => {
    const backend = await fx.start({ faults: [DROP, null, DROP] });
    const args = (out: string, ...more: string[]) => ['download', '--base-url', backend.url, ...sampleExportUrls(backend.url).slice(0, 3).flatMap((url) => ['--url', url]), '--out', `${fx.saveDir}/${out}`, '--no-manifest', ...more];

    const retried = await runBuiltCli(args('retried.zip'));
    expect(retried.code, retried.stderr).toBe(0);
    expect(retried.stderr).toContain('export-manager: the download broke off; retrying (2 of 3)');
    expect(fx.files(fx.saveDir)).toEqual(['retried.zip']);

    const once = await runBuiltCli(args('once.zip', '--retries', '0', '--json'));
    expect(once.code).toBe(1);
    expect(once.json<{ ok: false; error: { kind: string } }>().error.kind).toBe('network');
    expect(fx.files(fx.saveDir)).toEqual(['retried.zip']);

    const bad = await runBuiltCli(args('bad.zip', '--retries', 'many'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--retries takes a whole number from 0 to 10');
  });
});
