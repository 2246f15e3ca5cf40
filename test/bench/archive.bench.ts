/**
 * `npm run bench:archive`: lists a 1 GB, 10,000-entry zip and a zip64 zip holding one entry over
 * 4 GiB with each reading engine and with `unzip -l`, in the same run. Each engine runs in its
 * own child process, bundled with esbuild and run by plain node as the app runs it, so its time
 * and RSS growth are its own. Archives are generated once into os.tmpdir()/export-manager-bench
 * and reused. Targets (issue 5): the 1 GB archive listed in ≤ 100 ms in-process with ≤ 32 MB of
 * RSS growth; the over-4-GiB entry listed with its true size.
 *
 * Then extraction at scale: a zip of 100,000 small entries extracted by `extractArchive` (in its
 * own process, as the command line runs it; the app runs the same function on a worker thread)
 * beside `unzip -q` on the same file into another folder, median of BENCH_EXTRACT_ROUNDS (3).
 * Targets: at most 3× unzip's time and 200 MB peak RSS. `BENCH_CASES=extract` (or `list`) runs one part.
 */
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { verifyArchive } from '../../main/core/archive/verify-archive';
import { writeZip } from '../helpers/zip-fixtures';

const run = promisify(execFile);
const BENCH_DIR = join(tmpdir(), 'export-manager-bench');
const RUNS = 3;
/** The true size of the zip64 archive's one entry: 5 GiB. */
const ZIP64_SIZE = 5 * 1024 ** 3;
const listModule = fileURLToPath(new URL('../../main/core/archive/list-archive.ts', import.meta.url));

/** What a child prints after one listing. */
interface ChildResult {
  /** First listing in a fresh process. */
  ms: number;
  /** A second listing in the same process (code compiled, file cached): the steady state; null when skipped. */
  warmMs: number;
  rssGrowthMiB: number;
  peakGrowthMiB: number;
  count: number;
  largest: number;
  error?: string;
}

/** The child: loads every engine, takes a baseline, lists once with the named engine, prints JSON. */
const CHILD_SOURCE = `
import { listArchive } from ${JSON.stringify(listModule)};
import yauzl from 'yauzl';
import StreamZip from 'node-stream-zip';
import AdmZip from 'adm-zip';
const [engine, file] = process.argv.slice(2);
const engines = {
  'ours (yauzl + buffered reader)': async () => (await listArchive(file)).entries.map((e) => e.size),
  'yauzl (plain)': async () => {
    const zip = await yauzl.openPromise(file, { decodeStrings: true, validateEntrySizes: false });
    const sizes = [];
    for await (const entry of zip.eachEntry()) sizes.push(entry.uncompressedSize);
    zip.close();
    return sizes;
  },
  'node-stream-zip': async () => {
    const zip = new StreamZip.async({ file, skipEntryNameValidation: true });
    const sizes = Object.values(await zip.entries()).map((e) => e.size);
    await zip.close();
    return sizes;
  },
  'adm-zip': async () => new AdmZip(file).getEntries().map((e) => e.header.size),
};
globalThis.gc?.();
const before = process.memoryUsage().rss;
const peakBefore = process.resourceUsage().maxRSS * 1024;
const started = performance.now();
let out;
try {
  const sizes = await engines[engine]();
  const ms = performance.now() - started;
  const after = process.memoryUsage().rss;
  const peakAfter = process.resourceUsage().maxRSS * 1024;
  // Not for adm-zip: a second whole-file read only doubles a run that is already seconds long.
  const warmStarted = performance.now();
  if (engine !== 'adm-zip') await engines[engine]();
  const warmMs = engine === 'adm-zip' ? NaN : performance.now() - warmStarted;
  out = { ms, warmMs, rssGrowthMiB: (after - before) / 1048576, peakGrowthMiB: (peakAfter - peakBefore) / 1048576,
    count: sizes.length, largest: Math.max(0, ...sizes) };
} catch (error) {
  out = { ms: performance.now() - started, warmMs: 0, rssGrowthMiB: 0, peakGrowthMiB: 0, count: 0, largest: 0, error: String(error.message ?? error).slice(0, 90) };
}
console.log(JSON.stringify(out));
`;

const extractModule = fileURLToPath(new URL('../../main/core/archive/extract-archive.ts', import.meta.url));

/** The extraction child: extracts once into the given folder, prints time, peak RSS and counts as JSON. */
const EXTRACT_CHILD_SOURCE = `
import { extractArchive } from ${JSON.stringify(extractModule)};
const [file, dest] = process.argv.slice(2);
const started = performance.now();
const report = await extractArchive(file, dest, { allowLarge: true });
console.log(JSON.stringify({ ms: performance.now() - started, peakMiB: process.resourceUsage().maxRSS / 1024, extracted: report.extracted.length, refused: report.refused.length }));
`;

/** 100,000 small deflated text entries in 100 folders (written by code; about 14 MB). */
function ensureManySmallArchive(): string {
  const path = join(BENCH_DIR, 'small-100k.zip');
  if (existsSync(path)) return path;
  console.log('generating', path, '…');
  writeZip(`${path}.tmp`, (function* () {
    for (let i = 0; i < 100_000; i++) yield { name: `export-${Math.floor(i / 1000)}/item-${i}.txt`, data: Buffer.from(`export ${i} `.repeat(20)), deflate: true };
  })());
  renameSync(`${path}.tmp`, path);
  return path;
}

/** Bundles a child script with esbuild so it runs under plain node, as the app and the command line do. */
async function bundleChild(work: string, name: string, source: string): Promise<string> {
  const childFile = join(work, `${name}.mjs`);
  writeFileSync(join(work, `${name}.src.mjs`), source);
  await build({
    entryPoints: [join(work, `${name}.src.mjs`)], bundle: true, platform: 'node', format: 'esm', outfile: childFile,
    nodePaths: [fileURLToPath(new URL('../../node_modules', import.meta.url))], logLevel: 'error',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  return childFile;
}

/** 100,000 small entries: ours and `unzip -q` into fresh folders, alternating, median of the rounds. */
async function extractionCase(work: string): Promise<void> {
  const file = ensureManySmallArchive();
  const childFile = await bundleChild(work, 'extract-child', EXTRACT_CHILD_SOURCE);
  const rounds = Number(process.env.BENCH_EXTRACT_ROUNDS ?? 3);
  const unzipMs: number[] = [];
  const unzipRss: number[] = [];
  const oursMs: number[] = [];
  const oursRss: number[] = [];
  let counts = '';
  for (let i = 0; i < rounds; i++) {
    const unzipDest = join(work, `unzip-${i}`);
    let started = performance.now();
    const { stderr } = await run('/usr/bin/time', ['-f', '%M', 'unzip', '-q', file, '-d', unzipDest]);
    unzipMs.push(performance.now() - started);
    unzipRss.push(Number(stderr.trim().split('\n').at(-1)) / 1024);
    rmSync(unzipDest, { recursive: true, force: true });
    const oursDest = join(work, `ours-${i}`);
    started = performance.now();
    const { stdout } = await run(process.execPath, [childFile, file, oursDest]);
    const wall = performance.now() - started;
    const result = JSON.parse(stdout) as { ms: number; peakMiB: number; extracted: number; refused: number };
    oursMs.push(wall); // the whole process, as unzip's time is
    oursRss.push(result.peakMiB);
    counts = `${result.extracted.toLocaleString('en')} extracted, ${result.refused} refused (in-process ${(result.ms / 1000).toFixed(1)} s)`;
    rmSync(oursDest, { recursive: true, force: true });
  }
  const u = median(unzipMs);
  const o = median(oursMs);
  console.log(`
extract ${file} (100,000 small entries), median of ${rounds}`);
  console.log(`  ${'unzip -q'.padEnd(32)} ${(u / 1000).toFixed(2).padStart(7)} s   peak RSS ${median(unzipRss).toFixed(1).padStart(6)} MiB`);
  console.log(`  ${'ours (extractArchive)'.padEnd(32)} ${(o / 1000).toFixed(2).padStart(7)} s   peak RSS ${median(oursRss).toFixed(1).padStart(6)} MiB   ${(o / u).toFixed(2)}× unzip   ${counts}`);
  console.log('  Targets: ≤ 3× unzip, ≤ 200 MB (190.7 MiB) peak RSS.');
}

/** The 1 GB archive: 10,000 stored entries of 100,000 random bytes each (written by code). */
function ensureBigArchive(): string {
  const path = join(BENCH_DIR, 'big-1gb-10k.zip');
  if (existsSync(path)) return path;
  console.log('generating', path, '…');
  const chunk = randomBytes(100_000 + 10_000);
  writeZip(`${path}.tmp`, (function* () {
    // Shifted slices of one random block: incompressible and distinct enough, and quick to make.
    for (let i = 0; i < 10_000; i++) yield { name: `export-${Math.floor(i / 100)}/item-${i}.bin`, data: chunk.subarray(i % 10_000, (i % 10_000) + 100_000) };
  })());
  renameSync(`${path}.tmp`, path);
  return path;
}

/** The zip64 archive: 5 GiB of zeros deflated by Info-ZIP from stdin (about 5 MB on disk). */
function ensureZip64Archive(): string {
  const path = join(BENCH_DIR, 'zip64-5g.zip');
  if (existsSync(path)) return path;
  console.log('generating', path, '(5 GiB of zeros through zip -fz, about a minute) …');
  execFileSync('sh', ['-c', `head -c 5G /dev/zero | zip -q -fz '${path}.tmp.zip' - && mv '${path}.tmp.zip' '${path}'`]);
  return path;
}

/** Median of a few numbers. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** `unzip -l` on `file`: wall time and peak RSS from GNU time, median of RUNS. */
async function unzipList(file: string): Promise<{ ms: number; maxRssMiB: number }> {
  const times: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const { stderr } = await run('/usr/bin/time', ['-f', '%M', 'unzip', '-l', file], { maxBuffer: 64 * 1024 * 1024 });
    times.push(performance.now() - started);
    rss.push(Number(stderr.trim().split('\n').at(-1)) / 1024);
  }
  return { ms: median(times), maxRssMiB: median(rss) };
}

/** One engine on one file: median of RUNS children. */
async function engineList(childFile: string, engine: string, file: string): Promise<ChildResult> {
  const results: ChildResult[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { stdout } = await run(process.execPath, ['--expose-gc', childFile, engine, file], { maxBuffer: 16 * 1024 * 1024 });
    results.push(JSON.parse(stdout) as ChildResult);
    if (results.at(-1)?.error) break;
  }
  const last = results.at(-1)!;
  if (last.error) return last;
  return {
    ...last,
    ms: median(results.map((r) => r.ms)),
    warmMs: median(results.map((r) => r.warmMs)),
    rssGrowthMiB: median(results.map((r) => r.rssGrowthMiB)),
    peakGrowthMiB: median(results.map((r) => r.peakGrowthMiB)),
  };
}

async function main(): Promise<void> {
  mkdirSync(BENCH_DIR, { recursive: true });
  const cases = (process.env.BENCH_CASES ?? 'list,extract').split(',');
  // A folder of this run's own: another run of this bench may be going on at the same time.
  const work = mkdtempSync(join(BENCH_DIR, 'child-'));
  if (cases.includes('extract')) await extractionCase(work);
  if (cases.includes('list')) await listingCases(work);
  rmSync(work, { recursive: true, force: true });
}

/** Listing the 1 GB and zip64 archives per engine, and verifying the zip64 entry. */
async function listingCases(work: string): Promise<void> {
  const files = [ensureBigArchive(), ensureZip64Archive()];
  const childFile = await bundleChild(work, 'list-child', CHILD_SOURCE);
  const engines = ['ours (yauzl + buffered reader)', 'yauzl (plain)', 'node-stream-zip', 'adm-zip'];
  for (const file of files) {
    const size = statSync(file).size;
    console.log(`\n${file} (${(size / 1e6).toFixed(1)} MB on disk)`);
    const reference = await unzipList(file);
    console.log(`  ${'unzip -l'.padEnd(32)} ${reference.ms.toFixed(1).padStart(8)} ms                       peak RSS ${reference.maxRssMiB.toFixed(1)} MiB`);
    for (const engine of engines) {
      const r = await engineList(childFile, engine, file);
      if (r.error) {
        console.log(`  ${engine.padEnd(32)} cannot open it: ${r.error}`);
        continue;
      }
      console.log(
        `  ${engine.padEnd(32)} ${r.ms.toFixed(1).padStart(8)} ms (again ${(Number.isFinite(r.warmMs) ? r.warmMs.toFixed(1) : '—').padStart(7)} ms)   RSS growth ${r.rssGrowthMiB.toFixed(1).padStart(7)} MiB` +
          `   peak growth ${r.peakGrowthMiB.toFixed(1).padStart(7)} MiB   ${(r.ms / reference.ms).toFixed(2)}× unzip   ` +
          `${r.count} entries, largest ${r.largest.toLocaleString('en')} B` +
          (file.includes('zip64') && r.largest !== ZIP64_SIZE ? ' (WRONG: true size is 5,368,709,120 B)' : ''),
      );
    }
  }
  // Reading the over-4-GiB entry's data end to end (inflate + CRC-32), beside `unzip -tq`.
  const zip64 = files[1]!;
  let started = performance.now();
  await run('unzip', ['-tq', zip64]);
  const unzipTest = performance.now() - started;
  started = performance.now();
  const report = await verifyArchive(zip64);
  const ours = performance.now() - started;
  console.log(`\nverify ${zip64}: ours ${(ours / 1000).toFixed(1)} s (ok: ${report.ok}), unzip -tq ${(unzipTest / 1000).toFixed(1)} s, ${(ours / unzipTest).toFixed(2)}× unzip`);
  console.log('\nTargets: 1 GB archive ≤ 100 ms and ≤ 32 MiB RSS growth; the zip64 entry at its true size (5,368,709,120 B).');
}

await main();
