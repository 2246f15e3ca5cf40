/**
 * `npm run bench:download`: zips of 256 MiB and 1 GiB from the sample backend to disk, over
 * http and over https (a per-run authority: curl gets it with --cacert, the Node contenders
 * through NODE_EXTRA_CA_CERTS), by each contender in every round, side by side:
 * - curl, the machine's own reference;
 * - bare node:http(s) into a file stream (bare-node-download.ts): what plain Node streams reach;
 * - the got path (runZipDownload with `bodyPath: 'got'`): got's stream into a file stream;
 * - the fast path (the engine's default, issue 21): its own socket read into one reused
 *   buffer in a worker thread, written with writeSync; the engine's own figure.
 * Every Node contender runs in a child process of its own, bundled with esbuild and run by plain
 * node as the app runs it (the fast path's worker bundled beside it, as the build puts it beside
 * main.js), so its CPU (all threads) and peak RSS are its own. The sample backend runs in this
 * process, which only waits while a round runs. The order of the contenders alternates by round.
 * Per size and protocol it prints each contender's median speed, its speed against curl (curl's
 * time ÷ its own, per round: > 1 is faster than curl; median, min–max), its CPU per GiB and
 * against curl's (its CPU ÷ curl's, per round: < 1 is less), and its peak RSS.
 * Knobs: BENCH_SIZES (MiB, default 256,1024), BENCH_ROUNDS (default 5), BENCH_PROTOCOLS
 * (default http,https), BENCH_EXTRAS=1 (adds the fast path with the manifest's entry digests:
 * what they cost), BENCH_CONTENDERS (which run beside curl: bare, got, fast, fast-unhashed,
 * fast-manifest, compare; default bare,got,fast,fast-unhashed and the extras). With and without
 * its streamed SHA-256, the fast path's rounds give the hash's cost (issue 19: at most 10%), BENCH_COMPARE (path of another
 * zip-download.ts, e.g. an older one from `git archive` inside this checkout, run as one more
 * contender with its own worker), BENCH_DIR
 * (where the zips are written, default the temp folder: on a machine whose disk is the limit,
 * e.g. a VM whose writeback stalls every contender alike, `/dev/shm` measures the contenders
 * rather than the disk; the figures say which it was).
 * Goals (issue 21), for the fast path: at 1 GiB over http ≥ 1.0× curl's speed and ≤ curl's CPU,
 * ≤ 80 MB RSS; over https ≥ 0.9× curl's speed.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { startSampleBackend } from '../../main/core/sample-backend/server';
import type { SampleBackend } from '../../main/core/sample-backend/server';
import { bulkExportUrl, resolveSourceFileUrl, zipEntryFor } from '../../main/core/sample-backend/sample-catalog';
import { hasOpenssl, makeTestPki } from '../integration/network/test-pki';

const run = promisify(execFile);
const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const engineModule = fileURLToPath(new URL('../../main/core/downloads/zip-download.ts', import.meta.url));
const workerModule = fileURLToPath(new URL('../../main/core/http/fast-body/fast-body-worker.ts', import.meta.url));
const bareNodeModule = fileURLToPath(new URL('./bare-node-download.ts', import.meta.url));

/** What a child prints: one timed download (or none, for the baseline). */
interface ChildResult {
  bytes: number;
  seconds: number;
  maxRssKiB: number;
  /** User + system CPU seconds of the whole process, every thread. */
  cpuSeconds: number;
  /** The engine's body path, when the contender is the engine. */
  bodyPath: string | null;
}

/** The child's source: one download through runZipDownload, then its own time, CPU and peak RSS as JSON. */
const childSource = (module: string) => `
import { runZipDownload } from ${JSON.stringify(module)};
const args = JSON.parse(process.argv[2]);
let bytes = 0, seconds = 0, cpuSeconds = 0, bodyPath = null;
if (args) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await runZipDownload({
    baseUrl: args.baseUrl, apiKey: null, sourceFileUrls: [args.url],
    destination: { kind: 'folder', dir: args.dir }, tempDir: args.dir, onProgress: () => {},
    ...args.options,
  });
  seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  cpuSeconds = (used.user + used.system) / 1e6;
  bytes = result.bytes;
  bodyPath = result.bodyPath ?? null;
}
process.stdout.write(JSON.stringify({ bytes, seconds, cpuSeconds, bodyPath, maxRssKiB: process.resourceUsage().maxRSS }) + '\\n');
`;

// Bundled CommonJS dependencies require Node built-ins; ESM output needs a require for them.
const BANNER = { js: "import { createRequire as benchCreateRequire } from 'node:module'; const require = benchCreateRequire(import.meta.url);" };

async function bundle(entryPoints: string[], outfile: string): Promise<void> {
  await build({ entryPoints, outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning', banner: BANNER });
}

async function bundleChild(dir: string, module: string, name: string): Promise<string> {
  const entry = join(dir, `${name}.ts`);
  const outfile = join(dir, `${name}.mjs`);
  writeFileSync(entry, childSource(module));
  await bundle([entry], outfile);
  return outfile;
}

/**
 * The compared engine in a folder of its own, with its own fast body worker beside it (the
 * worker's messages may differ between versions). Its tree must sit inside this checkout
 * (e.g. `git archive <commit> main shared | tar -x -C .bench-old`) so its packages resolve.
 */
async function bundleCompared(work: string, module: string): Promise<string> {
  const dir = join(work, 'compared');
  mkdirSync(dir);
  const worker = join(dirname(module), '../http/fast-body/fast-body-worker.ts');
  if (existsSync(worker)) await bundle([worker], join(dir, 'fast-body-worker.mjs'));
  return bundleChild(dir, module, 'compare');
}

type EngineOptions = { bodyPath?: 'fast' | 'got'; hashBody?: boolean; digestEntries?: boolean };

function child(file: string, args: { baseUrl: string; url: string; dir: string; options?: EngineOptions } | null, env: NodeJS.ProcessEnv): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [file, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as ChildResult) : reject(new Error(`child exited ${code}`))));
  });
}

/** Children's user and system CPU from bash's `times` (second line: "0m0.123s 0m0.456s"). */
function childCpu(timesOutput: string): number {
  const line = timesOutput.trim().split('\n').pop() ?? '';
  return [...line.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + Number(m[1]) * 60 + Number(m[2]), 0);
}

async function curl(baseUrl: string, url: string, dir: string, caFile: string | null): Promise<ChildResult> {
  const body = join(dir, 'body.json');
  writeFileSync(body, JSON.stringify({ items: [{ sourceFileUrl: url }] }));
  const out = join(dir, 'curl.zip');
  const trust = caFile ? `--cacert "$4"` : '';
  const started = performance.now();
  // Through bash only to read curl's CPU time with `times`; bash's start-up (a few ms) counts against curl, under 1 % here.
  const { stdout } = await run('bash', ['-c', `curl -sS -f ${trust} -o "$1" -H "content-type: application/json" --data-binary "@$2" "$3" && times`, 'bench', out, body, `${baseUrl}/viewer/exports/download-batch`, caFile ?? '']);
  const seconds = (performance.now() - started) / 1000;
  const bytes = statSync(out).size;
  rmSync(out);
  return { bytes, seconds, cpuSeconds: childCpu(stdout), maxRssKiB: 0, bodyPath: null };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** One contender of every round. */
interface Contender {
  /** Which contender it is (BENCH_CONTENDERS names it so). */
  key: string;
  name: string;
  file: string | 'curl';
  options?: EngineOptions;
  /** The body path it must report (a fast path that fell back to got would measure the wrong thing). */
  expectPath?: 'fast' | 'got';
}

/** A contender's rounds at one size. */
type Rounds = ChildResult[];

/**
 * What the streamed SHA-256 costs (issue 19's goal: at most 10% of the throughput), from the
 * fast path with and without it in the same rounds: per round, 1 − its speed ÷ the speed without
 * it; the median and range. Null when either did not run.
 */
function hashCost(contenders: Contender[], results: Map<Contender, Rounds>): string | null {
  const hashed = contenders.find((contender) => contender.key === 'fast');
  const unhashed = contenders.find((contender) => contender.key === 'fast-unhashed');
  if (!hashed || !unhashed) return null;
  const withHash = results.get(hashed)!;
  const costs = results.get(unhashed)!.map((round, i) => 1 - round.seconds / withHash[i]!.seconds);
  const percent = (value: number) => `${(value * 100).toFixed(0)}%`;
  return `the streamed SHA-256 costs ${percent(median(costs))} of the fast path's throughput (median of the rounds; ${percent(Math.min(...costs))}–${percent(Math.max(...costs))}); goal (issue 19): at most 10%`;
}

/** This machine's SHA-256 speed on one core (Node's, as the hasher thread runs it), and its cores: what bounds the hash's cost. */
function hashContext(): string {
  const slice = Buffer.alloc(256 * 1024, 7);
  const hash = createHash('sha256');
  const started = performance.now();
  let bytes = 0;
  while (performance.now() - started < 500) {
    hash.update(slice);
    bytes += slice.length;
  }
  hash.digest();
  const gibPerSecond = bytes / GiB / ((performance.now() - started) / 1000);
  return `SHA-256 on one core here: ${gibPerSecond.toFixed(2)} GiB/s (${(1 / gibPerSecond).toFixed(2)} CPU s per GiB); ${availableParallelism()} cores, shared by the backend in this process, the reading thread and the hashing thread`;
}

function report(title: string, contenders: Contender[], results: Map<Contender, Rounds>): void {
  const curlRounds = results.get(contenders[0]!)!;
  const rows = contenders.map((contender) => {
    const rounds = results.get(contender)!;
    const speed = rounds.map((r, i) => curlRounds[i]!.seconds / r.seconds);
    const cpu = rounds.map((r, i) => r.cpuSeconds / curlRounds[i]!.cpuSeconds);
    const mibPerSecond = median(rounds.map((r) => r.bytes / MiB / r.seconds));
    const cpuPerGiB = median(rounds.map((r) => r.cpuSeconds / (r.bytes / GiB)));
    const rss = Math.max(...rounds.map((r) => r.maxRssKiB));
    const paths = [...new Set(rounds.map((r) => r.bodyPath).filter((path) => path !== null))].join('/');
    return [
      contender.name + (paths ? ` [${paths}]` : ''),
      `${mibPerSecond.toFixed(0)}`,
      `${median(speed).toFixed(2)} (${Math.min(...speed).toFixed(2)}–${Math.max(...speed).toFixed(2)})`,
      `${cpuPerGiB.toFixed(2)}`,
      `${median(cpu).toFixed(2)}`,
      contender.file === 'curl' ? '—' : `${((rss * 1024) / 1e6).toFixed(0)}`,
    ];
  });
  console.log(`\n${title}`);
  console.log('| contender | MiB/s (median) | speed vs curl (median, min–max) | CPU s per GiB | CPU vs curl | max RSS MB |');
  console.log('|---|---|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  const cost = hashCost(contenders, results);
  if (cost) console.log(cost);
}

async function roundsOf(backend: SampleBackend, size: number, rounds: number, contenders: Contender[], work: string, caFile: string | null, label: string): Promise<Map<Contender, Rounds>> {
  const url = bulkExportUrl(backend.url, size);
  // The server computes a bulk entry's CRC on its first request and caches it; do it now so the
  // first timed download does not pay for it.
  const resolved = resolveSourceFileUrl(url);
  if (resolved) zipEntryFor(resolved, resolved.fileName);
  const env = caFile ? { NODE_EXTRA_CA_CERTS: caFile } : {};
  const results = new Map<Contender, Rounds>(contenders.map((contender) => [contender, []]));
  for (let round = 0; round < rounds; round++) {
    const dir = mkdtempSync(join(work, 'round-'));
    // Alternate the order so no contender always runs first (page cache, server state).
    const order = round % 2 === 0 ? contenders : [...contenders].reverse();
    for (const contender of order) {
      const result = contender.file === 'curl'
        ? await curl(backend.url, url, dir, caFile)
        : await child(contender.file, { baseUrl: backend.url, url, dir, options: contender.options }, env);
      if (contender.expectPath && result.bodyPath !== contender.expectPath) console.log(`  warning: ${contender.name} was served by the ${result.bodyPath} path`);
      results.get(contender)!.push(result);
      console.log(`  ${label} ${size} MiB round ${round + 1} ${contender.name}: ${(result.bytes / MiB / result.seconds).toFixed(0)} MiB/s (${result.seconds.toFixed(2)} s), CPU ${result.cpuSeconds.toFixed(2)} s${result.maxRssKiB ? `, peak RSS ${((result.maxRssKiB * 1024) / 1e6).toFixed(0)} MB` : ''}`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'bench-download-'));
  const sizes = (process.env.BENCH_SIZES ?? '256,1024').split(',').map(Number);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  const protocols = (process.env.BENCH_PROTOCOLS ?? 'http,https').split(',').filter((protocol) => protocol === 'http' || protocol === 'https');
  const pki = protocols.includes('https') && hasOpenssl ? makeTestPki() : null;
  try {
    const engine = await bundleChild(work, engineModule, 'engine');
    // Beside the engine's bundle, where the fast path looks for its worker (worker-entry.ts).
    await bundle([workerModule], join(work, 'fast-body-worker.mjs'));
    const everyContender: Contender[] = [
      { key: 'curl', name: 'curl', file: 'curl' },
      { key: 'bare', name: 'bare node:http(s)', file: await bundleChild(work, bareNodeModule, 'bare') },
      { key: 'got', name: 'got path', file: engine, options: { bodyPath: 'got' }, expectPath: 'got' },
      { key: 'fast', name: 'fast path (the engine)', file: engine, options: { bodyPath: 'fast' }, expectPath: 'fast' },
      { key: 'fast-unhashed', name: 'fast path without its streamed SHA-256', file: engine, options: { bodyPath: 'fast', hashBody: false }, expectPath: 'fast' },
      { key: 'fast-manifest', name: 'fast path with the manifest (entries read back and hashed)', file: engine, options: { bodyPath: 'fast', digestEntries: true }, expectPath: 'fast' },
    ];
    // BENCH_COMPARE=/path/to/an/older/zip-download.ts (e.g. from `git archive`) adds that engine to every round.
    if (process.env.BENCH_COMPARE) everyContender.push({ key: 'compare', name: 'compared engine', file: await bundleCompared(work, process.env.BENCH_COMPARE), options: { bodyPath: 'fast' } });
    const chosen = new Set(['curl', ...(process.env.BENCH_CONTENDERS ?? `bare,got,fast,fast-unhashed${process.env.BENCH_EXTRAS === '1' ? ',fast-manifest' : ''}${process.env.BENCH_COMPARE ? ',compare' : ''}`).split(',')]);
    const contenders: Contender[] = everyContender.filter((contender) => chosen.has(contender.key));
    const baseline = await child(engine, null, {});
    console.log(`download benchmark: ${rounds} rounds per size, sizes ${sizes.join(', ')} MiB, over ${protocols.join(' and ')}, written to ${work}`);
    console.log(`engine child baseline (node + bundled engine loaded, no download): peak RSS ${((baseline.maxRssKiB * 1024) / 1e6).toFixed(0)} MB`);
    console.log(hashContext());
    for (const protocol of protocols) {
      if (protocol === 'https' && !pki) {
        console.log('https skipped: openssl is needed for the per-run authority');
        continue;
      }
      const backend = await startSampleBackend(protocol === 'https' ? { tls: pki!.server } : {});
      try {
        for (const size of sizes) {
          const results = await roundsOf(backend, size, rounds, contenders, work, protocol === 'https' ? pki!.caFile : null, protocol);
          report(`${protocol}, ${size} MiB, ${rounds} rounds`, contenders, results);
        }
      } finally {
        await backend.close();
      }
    }
    console.log('\nGoals for the fast path (issue 21): 1 GiB over http ≥ 1.00× curl\'s speed and CPU vs curl ≤ 1.00, ≤ 80 MB RSS; over https ≥ 0.90×; 256 MiB the same ratios.');
  } finally {
    pki?.cleanup();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
