/**
 * `npm run bench:download`: streams a 256 MiB and a 1 GiB zip from the sample backend to disk
 * through the engine and with curl on the same route, in the same run. Prints throughput of
 * each, the ratio and the engine's peak RSS. The engine runs in a child process, bundled with
 * esbuild and run by plain node as the app runs it (no tsx), so its peak RSS is its own.
 * The sample backend runs in this (parent) process, which only waits while a round runs: curl
 * and the engine child hit the same server process, each in a process of its own.
 * Prints best-of, median and the median of per-round ratios (each round runs both back to back,
 * so that ratio shares the machine's load), and CPU seconds of each download.
 * A second reference, bare `node:http` into a file (bare-node-download.ts), runs in every round:
 * the engine is Node code, so it shows how much of a gap to curl is Node's own.
 * The engine hashes every body with SHA-256 as it streams (the manifest's file hash): one more
 * contender is the same engine with that hash off, so the hash's cost is printed per round
 * (issue 19: at most 10 %); another adds the manifest's entry digests (every entry read back,
 * CRC-checked and hashed before the move), the whole price of a manifest.
 * Knobs: BENCH_SIZES (MiB, default 256,1024), BENCH_ROUNDS (default 5), BENCH_COMPARE (path of
 * another zip-download.ts, e.g. an older one from `git archive`, run as one more contender).
 * Targets (issue 3): engine ≥ 0.9× curl; peak RSS ≤ 150 MB and flat across sizes.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { startSampleBackend } from '../../main/core/sample-backend/server';
import { bulkExportUrl, resolveSourceFileUrl, zipEntryFor } from '../../main/core/sample-backend/sample-catalog';

const run = promisify(execFile);
const MiB = 1024 * 1024;
const engineModule = fileURLToPath(new URL('../../main/core/downloads/zip-download.ts', import.meta.url));
const bareNodeModule = fileURLToPath(new URL('./bare-node-download.ts', import.meta.url));

/** What the child prints: one timed engine download (or none, for the baseline). */
interface ChildResult {
  bytes: number;
  seconds: number;
  maxRssKiB: number;
  /** User + system CPU seconds of the download. */
  cpuSeconds: number;
}

/** The child's source: one download through runZipDownload, then its own time, CPU and peak RSS as JSON. */
const childSource = (module: string) => `
import { runZipDownload } from ${JSON.stringify(module)};
const args = JSON.parse(process.argv[2]);
let bytes = 0;
let seconds = 0;
let cpuSeconds = 0;
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
}
process.stdout.write(JSON.stringify({ bytes, seconds, cpuSeconds, maxRssKiB: process.resourceUsage().maxRSS }) + '\\n');
`;

async function bundleChild(dir: string, module: string, name: string): Promise<string> {
  const entry = join(dir, `${name}.ts`);
  const outfile = join(dir, `${name}.mjs`);
  writeFileSync(entry, childSource(module));
  await build({
    entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning',
    // Bundled CommonJS dependencies require Node built-ins; ESM output needs a require for them.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  return outfile;
}

/** Options of runZipDownload a contender sets (the hash off, the entry digests on). */
type EngineOptions = { hashBody?: boolean; digestEntries?: boolean };

function engine(child: string, args: { baseUrl: string; url: string; dir: string; options?: EngineOptions } | null): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as ChildResult) : reject(new Error(`engine child exited ${code}`))));
  });
}

/** Children's user and system CPU from bash's `times` (second line: "0m0.123s 0m0.456s"). */
function childCpu(timesOutput: string): number {
  const line = timesOutput.trim().split('\n').pop() ?? '';
  return [...line.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + Number(m[1]) * 60 + Number(m[2]), 0);
}

async function curl(baseUrl: string, url: string, dir: string): Promise<{ bytes: number; seconds: number; cpuSeconds: number }> {
  const body = join(dir, 'body.json');
  writeFileSync(body, JSON.stringify({ items: [{ sourceFileUrl: url }] }));
  const out = join(dir, 'curl.zip');
  const started = performance.now();
  // Through bash only to read curl's CPU time with `times`; bash's start-up (a few ms) counts against curl, under 1 % here.
  const { stdout } = await run('bash', ['-c', 'curl -sS -f -o "$1" -H "content-type: application/json" --data-binary "@$2" "$3" && times', 'bench', out, body, `${baseUrl}/viewer/exports/download-batch`]);
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = childCpu(stdout);
  const bytes = statSync(out).size;
  rmSync(out);
  return { bytes, seconds, cpuSeconds };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const rate = (bytes: number, seconds: number) => `${(bytes / MiB / seconds).toFixed(0)} MiB/s (${seconds.toFixed(2)} s)`;

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'bench-download-'));
  const backend = await startSampleBackend();
  const sizes = (process.env.BENCH_SIZES ?? '256,1024').split(',').map(Number);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  const peaks: number[] = [];
  try {
    const child = await bundleChild(work, engineModule, 'engine');
    // Contenders besides curl and the engine, each a child of its own: bare node:http always, BENCH_COMPARE when given.
    const others: Array<{ name: string; label: string; child: string; options?: EngineOptions }> = [
      { name: 'bare node:http', label: 'bare node', child: await bundleChild(work, bareNodeModule, 'bare') },
      { name: 'engine without its streamed SHA-256', label: 'no sha256', child, options: { hashBody: false } },
      { name: 'engine with the manifest (entries read back and hashed)', label: 'manifest', child, options: { digestEntries: true } },
    ];
    // BENCH_COMPARE=/path/to/an/older/zip-download.ts (e.g. from `git archive`) adds that engine to every round.
    if (process.env.BENCH_COMPARE) others.push({ name: 'compared engine', label: 'compare', child: await bundleChild(work, process.env.BENCH_COMPARE, 'compare') });
    console.log(`download benchmark: sample backend ${backend.url}; ${rounds} rounds per size, best-of and median compared`);
    const baseline = await engine(child, null);
    console.log(`engine child baseline (node + bundled engine loaded, no download): peak RSS ${(baseline.maxRssKiB / 1024).toFixed(0)} MiB`);
    for (const size of sizes) {
      const url = bulkExportUrl(backend.url, size);
      // The server computes a bulk entry's CRC on its first request and caches it; do it now so the
      // first timed download (curl's, in round 1) does not pay for it.
      const resolved = resolveSourceFileUrl(url);
      if (resolved) zipEntryFor(resolved, resolved.fileName);
      const curlTimes: number[] = [];
      const engineTimes: number[] = [];
      const otherTimes = others.map(() => [] as number[]);
      let peak = 0;
      for (let round = 0; round < rounds; round++) {
        const dir = mkdtempSync(join(work, 'round-'));
        // Alternate the order so neither side always runs first (cold server CRC cache, page cache).
        const order = ['curl', 'engine', ...others.map((_, i) => i)] as const;
        for (const who of round % 2 === 0 ? order : [...order].reverse()) {
          if (who === 'curl') {
            const c = await curl(backend.url, url, dir);
            curlTimes.push(c.seconds);
            console.log(`  ${size} MiB round ${round + 1} curl:   ${rate(c.bytes, c.seconds)}, CPU ${c.cpuSeconds.toFixed(2)} s`);
          } else if (who === 'engine') {
            const e = await engine(child, { baseUrl: backend.url, url, dir });
            engineTimes.push(e.seconds);
            peak = Math.max(peak, e.maxRssKiB);
            console.log(`  ${size} MiB round ${round + 1} engine: ${rate(e.bytes, e.seconds)}, CPU ${e.cpuSeconds.toFixed(2)} s, peak RSS ${(e.maxRssKiB / 1024).toFixed(0)} MiB`);
          } else {
            const e = await engine(others[who]!.child, { baseUrl: backend.url, url, dir, options: others[who]!.options });
            otherTimes[who]!.push(e.seconds);
            console.log(`  ${size} MiB round ${round + 1} ${others[who]!.label}: ${rate(e.bytes, e.seconds)}, CPU ${e.cpuSeconds.toFixed(2)} s, peak RSS ${(e.maxRssKiB / 1024).toFixed(0)} MiB`);
          }
        }
        rmSync(dir, { recursive: true, force: true });
      }
      peaks.push(peak);
      const bestCurl = Math.min(...curlTimes);
      const bestEngine = Math.min(...engineTimes);
      // Each round runs both back to back, so its own ratio shares the machine's load at that moment.
      const paired = median(curlTimes.map((c, i) => c / engineTimes[i]!));
      console.log(
        `${size} MiB best-of: curl ${(size / bestCurl).toFixed(0)} MiB/s, engine ${(size / bestEngine).toFixed(0)} MiB/s, ratio ${(bestCurl / bestEngine).toFixed(2)}; ` +
          `median: curl ${(size / median(curlTimes)).toFixed(0)} MiB/s, engine ${(size / median(engineTimes)).toFixed(0)} MiB/s, ratio ${(median(curlTimes) / median(engineTimes)).toFixed(2)}; ` +
          `median per-round ratio ${paired.toFixed(2)} (target ≥ 0.90); engine peak RSS ${((peak * 1024) / 1e6).toFixed(0)} MB (target ≤ 150 MB)`,
      );
      others.forEach((other, i) => {
        const times = otherTimes[i]!;
        const pairedOther = median(curlTimes.map((c, round) => c / times[round]!));
        const againstEngine = median(engineTimes.map((e, round) => times[round]! / e));
        console.log(
          `${size} MiB ${other.name}: best-of ${(size / Math.min(...times)).toFixed(0)} MiB/s, ratio to curl ${(bestCurl / Math.min(...times)).toFixed(2)}; ` +
            `median ${(size / median(times)).toFixed(0)} MiB/s, median per-round ratio to curl ${pairedOther.toFixed(2)}; the engine's speed against it, median per round: ${againstEngine.toFixed(2)}×`,
        );
        // The engine hashes and this one does not: what the hash costs, as throughput lost, per round.
        if (other.options?.hashBody === false) {
          console.log(`${size} MiB streamed SHA-256: the engine runs at ${(againstEngine * 100).toFixed(0)} % of its speed without the hash, median per round (target ≥ 90 %)`);
        }
      });
    }
    if (peaks.length > 1) console.log(`engine peak RSS by size: ${peaks.map((p) => `${((p * 1024) / 1e6).toFixed(0)} MB`).join(' vs ')} (must not grow with size)`);
  } finally {
    await backend.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
