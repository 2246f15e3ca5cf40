import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_CLI, runBuiltCli } from '../../helpers/run-cli';
import { seededRandom } from '../../../main/core/sample-backend/sample-content';
import { writeZip } from '../../helpers/zip-fixtures';

/** Runs `export-manager ARGS | head -1` in a real shell; returns the command's own exit status, its stderr and head's output. */
function pipedToHead(args: string[], env: NodeJS.ProcessEnv): { status: number; stderr: string; first: string } {
  const quoted = [process.execPath, BUILT_CLI, ...args].map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
  const script = `${quoted} 2>"$ERR" | head -1; echo "status=\${PIPESTATUS[0]}" >&2`;
  const errFile = join(mkdtempSync(join(tmpdir(), 'em-pipe-')), 'stderr');
  const run = spawnSync('bash', ['-c', script], { env: { ...env, ERR: errFile }, encoding: 'utf8' });
  const status = Number(/status=(\d+)/.exec(run.stderr)?.[1]);
  const stderr = spawnSync('cat', [errFile], { encoding: 'utf8' }).stdout;
  return { status, stderr, first: run.stdout };
}

describe('export-manager in scripts and pipes', () => {
  let root: string;
  let env: NodeJS.ProcessEnv;
  const profile = 'Piped';

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'export-manager-cli-pipes-'));
    env = { PATH: process.env.PATH, HOME: process.env.HOME, EXPORT_MANAGER_USER_DATA: join(root, 'state') };
    expect((await runBuiltCli(['profiles', 'add', profile, '--base-url', 'https://backend.example.com/api'], { env })).code).toBe(0);
    const urls = Array.from({ length: 30_000 }, (_, i) => `https://cdn.example.com/exports/${i}-${'x'.repeat(60)}.png`);
    writeFileSync(join(root, 'many.txt'), urls.join('\n'));
    expect((await runBuiltCli(['track', 'import', join(root, 'many.txt'), '--profile', profile], { env })).code).toBe(0);
    writeZip(join(root, 'big.zip'), Array.from({ length: 20_000 }, (_, i) => ({ name: `folder/entry-${i}-${'y'.repeat(40)}.txt`, data: Buffer.from('z') })));
  }, 120_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('ends quietly with exit 0 when the reader of its output goes away (track list | head -1)', () => {
    const piped = pipedToHead(['track', 'list', '--profile', profile], env);
    expect(piped.first).toBe('https://cdn.example.com/exports/0-' + 'x'.repeat(60) + '.png\n');
    expect(piped.stderr).toBe('');
    expect(piped.status).toBe(0);
  });

  it('ends quietly with exit 0 when the reader goes away (inspect big.zip | head -1)', () => {
    const piped = pipedToHead(['inspect', join(root, 'big.zip')], env);
    expect(piped.first).toMatch(/Size/);
    expect(piped.stderr).toBe('');
    expect(piped.status).toBe(0);
  });

  it('never writes terminal control bytes from an imported file, and cuts long values', async () => {
    const random = seededRandom(7);
    const bytes = Buffer.from(Array.from({ length: 200_000 }, () => Math.floor(random() * 256)));
    writeFileSync(join(root, 'random.txt'), bytes);
    const run = await runBuiltCli(['track', 'import', join(root, 'random.txt'), '--profile', profile], { env });
    expect(run.code).toBe(1);
    expect(run.stderr.length).toBeGreaterThan(1000);
    // Only line feeds separate the report's lines; no ESC, BEL, other C0/C1 controls or bidi overrides.
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(run.stderr.match(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g)).toBeNull();
    for (const line of run.stderr.split('\n')) expect(line.length).toBeLessThan(400);
  });

  it('shows a 100 KB URL cut to a readable length, and a bidi override escaped', async () => {
    const long = `https://cdn.example.com/${'a'.repeat(100_000)}.png`;
    const run = await runBuiltCli(['track', 'add', long, 'https://cdn.example.com/\u202egnp.exe', '--profile', profile], { env });
    expect(run.code).toBe(1);
    expect(run.stderr.length).toBeLessThan(1000);
    expect(run.stderr).toContain('…');
    const base = await runBuiltCli(['profiles', 'add', 'Long', '--base-url', `\u001b]0;${'b'.repeat(1500)}\u0007`], { env });
    expect(base.code).toBe(1);
    expect(base.stderr.length).toBeLessThan(500);
    expect(base.stderr).toContain('\\x1b');
  });
});
