import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleExportUrls } from '../../../main/core/sample-backend';
import { runBuiltCli } from '../../helpers/run-cli';
import { createSampleFixture } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';

const NAME = 'Canvas exports – sample.zip';
const MANIFEST = 'Canvas exports – sample.manifest.json';

/** `export-manager download --on-conflict`: the command line never prompts, so what a taken name does is said up front. */
describe('export-manager download with a taken name', () => {
  let fixture: SampleFixture;
  let base: string[];
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    fixture = createSampleFixture();
    const backend = await fixture.start();
    env = { EXPORT_MANAGER_USER_DATA: join(fixture.root, 'state') };
    const urls = sampleExportUrls(backend.url);
    base = ['download', '--base-url', backend.url, '--json'];
    // One export first, three next: the second zip differs from the first.
    first = [...base, '--url', urls[0]!];
    second = [...base, ...urls.slice(0, 3).flatMap((url) => ['--url', url])];
  });
  afterEach(async () => {
    await fixture.cleanup();
  });

  let first: string[];
  let second: string[];
  const saved = (name = NAME) => readFileSync(join(fixture.saveDir, name));
  const run = (args: string[]) => runBuiltCli(args, { env });

  async function existing(out = fixture.saveDir): Promise<Buffer> {
    const made = await run([...first, '--out', out]);
    expect(made.code, made.stderr).toBe(0);
    return saved();
  }

  it('keeps both in a folder by default: "name (1).zip", the first file intact', async () => {
    const before = await existing();
    const again = await run([...second, '--out', fixture.saveDir]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.json()).toMatchObject({ ok: true, path: join(fixture.saveDir, 'Canvas exports – sample (1).zip') });
    expect(saved().equals(before)).toBe(true);
    // Each zip has its own manifest, named after it.
    expect(readdirSync(fixture.saveDir).sort()).toEqual(['Canvas exports – sample (1).manifest.json', 'Canvas exports – sample (1).zip', MANIFEST, NAME]);
  });

  it('--on-conflict replace replaces the file in a folder and at an exact path', async () => {
    const before = await existing();
    const replaced = await run([...second, '--out', fixture.saveDir, '--on-conflict', 'replace']);
    expect(replaced.code, replaced.stderr).toBe(0);
    const result = replaced.json<{ path: string; bytes: number }>();
    expect(result.path).toBe(join(fixture.saveDir, NAME));
    expect(saved().equals(before)).toBe(false);
    expect(saved().length).toBe(result.bytes);
    expect(readdirSync(fixture.saveDir).sort()).toEqual([MANIFEST, NAME]);

    const exact = join(fixture.saveDir, NAME);
    const again = await run([...first, '--out', exact, '--on-conflict', 'replace']);
    expect(again.code, again.stderr).toBe(0);
    expect(saved().length).toBe(again.json<{ bytes: number }>().bytes);
    expect(readdirSync(fixture.saveDir).sort()).toEqual([MANIFEST, NAME]);
  });

  it('--on-conflict fail exits 1 with a disk error that says how to go on, touching nothing', async () => {
    const before = await existing();
    const mtime = statSync(join(fixture.saveDir, NAME)).mtimeMs;
    const refused = await run([...second, '--out', fixture.saveDir, '--on-conflict', 'fail']);
    expect(refused.code).toBe(1);
    expect(refused.json()).toMatchObject({ ok: false, error: { kind: 'disk', message: expect.stringContaining('--on-conflict keep-both') } });
    expect(saved().equals(before)).toBe(true);
    expect(statSync(join(fixture.saveDir, NAME)).mtimeMs).toBe(mtime);
    expect(readdirSync(fixture.saveDir).sort()).toEqual([MANIFEST, NAME]);
  });

  it('fails at a taken exact path by default, and keeps both there with --on-conflict keep-both', async () => {
    const before = await existing();
    const exact = join(fixture.saveDir, NAME);
    const refused = await runBuiltCli(second.filter((arg) => arg !== '--json').concat('--out', exact), { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('already exists');
    expect(refused.stderr).toContain('--on-conflict');
    expect(saved().equals(before)).toBe(true);

    const kept = await run([...second, '--out', exact, '--on-conflict', 'keep-both']);
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.json()).toMatchObject({ path: join(fixture.saveDir, 'Canvas exports – sample (1).zip') });
    expect(saved().equals(before)).toBe(true);
  });

  it('refuses an unknown value, and the option in URL mode, as usage errors', async () => {
    const bad = await run([...first, '--on-conflict', 'ask']);
    expect(bad.code).toBe(2);
    expect(bad.json()).toMatchObject({ ok: false, error: { message: expect.stringContaining('keep-both, replace or fail') } });
    expect((await run([...first, '--urls', '--on-conflict', 'replace'])).code).toBe(2);
    expect(readdirSync(fixture.saveDir)).toEqual([]);
  });
});
