import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleExportUrls } from '../../../main/core/sample-backend';
import type { SampleBackend } from '../../../main/core/sample-backend';
import { runBuiltCli } from '../../helpers/run-cli';
import { createSampleFixture } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';

/** One rule for a URL however it comes in: `--url` is checked as an imported line is. */
describe('export-manager download --url with a value no import would accept', () => {
  let fixture: SampleFixture;
  let backend: SampleBackend;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    fixture = createSampleFixture();
    backend = await fixture.start();
    env = { EXPORT_MANAGER_USER_DATA: join(fixture.root, 'state') };
  });
  afterEach(() => fixture.cleanup());

  const download = (...args: string[]) => runBuiltCli(['download', '--base-url', backend.url, '--out', fixture.saveDir, ...args], { env });

  it('refuses a control character as validation, naming the value escaped and the reason, before any request', async () => {
    const bad = `${sampleExportUrls(backend.url)[0]!}\x1b[31m`;
    const run = await download('--url', bad, '--json');
    expect(run.code).toBe(1);
    const { error } = run.json<{ error: { kind: string; message: string } }>();
    expect(error.kind).toBe('validation');
    expect(error.message).toContain('\\x1b[31m');
    expect(error.message).toContain('contains a control character (\\x1b)');
    expect(error.message).not.toContain('\x1b');
    expect(backend.received).toEqual([]);
    expect(fixture.files(fixture.saveDir)).toEqual([]);
  });

  it.each([
    ['a right-to-left override', '\u202E', 'U+202E'],
    ['a zero-width space', '\u200B', 'U+200B'],
    ['a BOM', '\uFEFF', 'U+FEFF'],
  ])('refuses a URL holding %s, with the reason, on stderr without the raw character', async (_name, char, label) => {
    const run = await download('--url', `${backend.url}/sample-exports/a${char}.png`);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`contains an invisible or text-direction character (${label})`);
    expect(run.stderr).not.toContain(char);
    expect(backend.received).toEqual([]);
  });

  it('names the one bad --url among good ones and refuses a relative one too', async () => {
    const [good] = sampleExportUrls(backend.url);
    const run = await download('--url', good!, '--url', 'exports/a.png', '--json');
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringMatching(/exports\/a\.png.*not an absolute http\(s\) URL/) } });
    expect(backend.received).toEqual([]);
  });

  it('refuses the same characters in an imported list (--from), naming the line', async () => {
    const list = join(fixture.root, 'urls.txt');
    writeFileSync(list, `${sampleExportUrls(backend.url)[0]!}\n${backend.url}/sample-exports/a\u200D.png\n`);
    const run = await download('--from', list, '--json');
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringContaining('line 2: contains an invisible or text-direction character (U+200D)') } });
  });
});
