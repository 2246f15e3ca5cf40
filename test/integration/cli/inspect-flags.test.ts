import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleExportUrls } from '../../../main/core/sample-backend';
import { runBuiltCli } from '../../helpers/run-cli';
import { createSampleFixture, saveBatchZip } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';
import { writeZip } from '../../helpers/zip-fixtures';

interface Flag {
  kind: string;
  reason: string;
}
interface InspectJson {
  ok: true;
  count: number;
  manifest: string | null;
  warnings: Flag[];
  entries: Array<{ name: string; unsafe: string | null; flags: Flag[] }>;
}

describe('export-manager inspect: what the zip\'s maker got wrong', () => {
  let fx: SampleFixture;
  beforeEach(() => void (fx = createSampleFixture()));
  afterEach(() => fx.cleanup());

  it('carries each entry\'s flags and the archive\'s warnings in --json, as the listing has them', async () => {
    const backend = await fx.start({ errorStubs: { 'pages/page-03.png': 'html', 'reports/report-q2.pdf': 'json' } });
    const zip = join(fx.root, 'batch.zip');
    await saveBatchZip(backend, sampleExportUrls(backend.url), zip);
    const run = await runBuiltCli(['inspect', zip, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const listing = run.json<InspectJson>();
    expect(listing).toMatchObject({ ok: true, manifest: null, warnings: [] });
    const flagged = listing.entries.filter((entry) => entry.flags.length > 0);
    expect(flagged.map((entry) => [entry.name, entry.flags.map((flag) => flag.kind)])).toEqual([
      ['page-03.png', ['error-stub']],
      ['report-q2.pdf', ['error-stub']],
    ]);
    expect(flagged[0]!.flags[0]!.reason).toMatch(/^says \.png but holds an HTML page \(\d+ bytes\): “502 Bad Gateway” — likely an error page the server saved in its place$/);
    expect(listing.entries.find((entry) => entry.name === 'cover.png')!.flags).toEqual([]);
  });

  it('shows the flags in the table, and the flagged count and the warnings after the totals', async () => {
    const zip = join(fx.root, 'made-badly.zip');
    writeZip(
      zip,
      (function* () {
        yield { name: 'cover.png', data: Buffer.from('<html><head><title>Not Found</title></head></html>') };
        yield { name: Buffer.from([0x63, 0x61, 0x66, 0x82, 0x2e, 0x74, 0x78, 0x74]), data: Buffer.from('x') };
        for (let i = 0; i < 65_540; i++) yield { name: `f${i}`, data: Buffer.alloc(0) };
      })(),
      { noZip64: true },
    );
    const run = await runBuiltCli(['inspect', zip]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/cover\.png {2}\[ERROR PAGE: says \.png but holds an HTML page \(50 bytes\): “Not Found” — likely an error page/);
    expect(run.stdout).toMatch(/café\.txt {2}\[NAME ENCODING: name stored without the UTF-8 flag in a legacy code page: shown decoded as CP437/);
    expect(run.stdout).toMatch(/\n2 entries are flagged: see the brackets above\.\n/);
    expect(run.stdout).toMatch(/\nWARNING: The end record counts 6 entries but the central directory holds 65,542: .*likely truncated by its writer/);

    const json = (await runBuiltCli(['inspect', zip, '--json'])).json<InspectJson>();
    expect(json.warnings).toEqual([{ kind: 'missing-zip64', reason: expect.stringContaining('holds 65,542') }]);
  });

  it('keeps the field names and kinds of --json stable, and documents every one of them in --help', async () => {
    const zip = join(fx.root, 'every-flag.zip');
    writeZip(
      zip,
      (function* () {
        yield { name: 'cover.png', data: Buffer.from('<html><head><title>Not Found</title></head></html>') };
        yield { name: 'empty.pdf', data: Buffer.alloc(0) };
        yield { name: Buffer.from('M\x84rz.txt', 'latin1'), data: Buffer.from('x') };
        for (let i = 0; i < 65_540; i++) yield { name: `f${i}`, data: Buffer.alloc(0) };
      })(),
      { noZip64: true },
    );
    const json = (await runBuiltCli(['inspect', zip, '--json'])).json<Record<string, unknown> & InspectJson>();
    // The contract scripts rely on: these names, no fewer and no more.
    expect(Object.keys(json).sort()).toEqual(['count', 'entries', 'manifest', 'ok', 'totalSize', 'warnings']);
    expect(Object.keys(json.entries[0]!).sort()).toEqual(['compressedSize', 'directory', 'encrypted', 'flags', 'modified', 'name', 'size', 'unsafe']);
    const flags = json.entries.flatMap((entry) => entry.flags);
    for (const item of [...flags, ...json.warnings]) expect(Object.keys(item).sort()).toEqual(['kind', 'reason']);
    const flagKinds = [...new Set(flags.map((flag) => flag.kind))].sort();
    expect(flagKinds).toEqual(['empty', 'error-stub', 'not-utf8-name']);
    expect(json.entries.find((entry) => entry.name === 'März.txt')!.flags.map((flag) => flag.kind)).toEqual(['not-utf8-name']);

    const help = await runBuiltCli(['inspect', '--help']);
    expect(help.code).toBe(0);
    const documented = /^JSON: ([\s\S]*?)\n\s*"unsafe"/m.exec(help.stdout)?.[1] ?? '';
    for (const key of [...Object.keys(json), ...Object.keys(json.entries[0]!), 'kind', 'reason']) expect(documented, key).toContain(`"${key}"`);
    // Each kind on a line of its own, with what it means.
    for (const kind of [...flagKinds, ...json.warnings.map((warning) => warning.kind)]) expect(help.stdout).toMatch(new RegExp(`^ +${kind} {2,}\\S`, 'm'));
  });
});
