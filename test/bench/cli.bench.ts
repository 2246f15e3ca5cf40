/**
 * Command-line start-up benchmark: the built `export-manager` run as whole processes, the way a
 * script or a shell calls it. `--version` and `--help` must stay within 2x of `node -e 0` (a
 * bare Node start, timed in the same run as the reference, since the machine is shared and
 * noisy); a state command (`profiles list` on a fresh data folder) is shown beside them.
 * Knobs: `BENCH_ROUNDS=8`, `BENCH_CLI=<another checkout's bin/export-manager.js>`. Needs
 * `npm run build` first.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The installed command (bin/), which runs the bundle in dist-electron/.
const CLI = process.env.BENCH_CLI ?? fileURLToPath(new URL('../../bin/export-manager.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../../dist-electron/cli.js', import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const TARGET_RATIO = 2;
// GNU time reports the child's peak RSS; where it is missing, Node's view of the child is used.
const GNU_TIME = '/usr/bin/time';

interface Case {
  name: string;
  args: string[];
  /** Whether the 2x target applies (the state command opens the database: shown, not judged). */
  judged: boolean;
}

interface Sample {
  ms: number;
  rssKiB: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Runs one process to its end; wall time from spawn to exit, peak RSS in KiB. */
function runOnce(args: string[], env: NodeJS.ProcessEnv, useGnuTime: boolean): Promise<Sample> {
  const [command, argv] = useGnuTime ? [GNU_TIME, ['-f', '%M', process.execPath, ...args]] : [process.execPath, args];
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, argv, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) return reject(new Error(`${args.join(' ')} exited with ${code}: ${stderr.trim()}`));
      const reported = useGnuTime ? Number(stderr.trim().split('\n').at(-1)) : NaN;
      // Without GNU time: maxRSS of all children so far, which only grows; a rough upper bound.
      resolve({ ms, rssKiB: Number.isFinite(reported) ? reported : process.resourceUsage().maxRSS });
    });
  });
}

if (!process.env.BENCH_CLI && !existsSync(BUILT)) {
  console.error('bench:cli: the command line is not built; run `npm run build` first.');
  process.exit(1);
}

const dataDir = mkdtempSync(join(tmpdir(), 'cli-bench-'));
try {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, EXPORT_MANAGER_USER_DATA: dataDir };
  const useGnuTime = existsSync(GNU_TIME);
  const cases: Case[] = [
    { name: 'node -e 0 (reference)', args: ['-e', '0'], judged: false },
    { name: 'export-manager --version', args: [CLI, '--version'], judged: true },
    { name: 'export-manager --help', args: [CLI, '--help'], judged: true },
    { name: 'export-manager profiles list', args: [CLI, 'profiles', 'list'], judged: false },
  ];
  // One warm-up each (file cache, the database's first creation), then interleaved rounds so
  // a burst of load on the machine touches every case alike.
  for (const c of cases) await runOnce(c.args, env, useGnuTime);
  const samples = new Map<Case, Sample[]>(cases.map((c) => [c, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of cases) samples.get(c)!.push(await runOnce(c.args, env, useGnuTime));
  }
  const reference = median(samples.get(cases[0]!)!.map((s) => s.ms));
  console.log(`${ROUNDS} runs each, median wall time and peak RSS of the whole process (${useGnuTime ? 'GNU time' : 'Node resourceUsage'})`);
  for (const c of cases) {
    const runs = samples.get(c)!;
    const ms = median(runs.map((s) => s.ms));
    const rssMiB = median(runs.map((s) => s.rssKiB)) / 1024;
    const ratio = ms / reference;
    const verdict = c.judged ? ` — target <= ${TARGET_RATIO}x: ${ratio <= TARGET_RATIO ? 'met' : 'MISSED'}` : '';
    console.log(`${c.name.padEnd(30)} ${ms.toFixed(0).padStart(5)} ms  ${rssMiB.toFixed(0).padStart(4)} MiB  ${ratio.toFixed(2)}x${verdict}`);
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
