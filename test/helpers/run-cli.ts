import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built command line (npm run build makes it; `npm test` builds before the suites). */
export const BUILT_CLI = fileURLToPath(new URL('../../dist-electron/cli.js', import.meta.url));

/** What a run of the command printed and returned. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (throws when it is not exactly one JSON value). */
  json<T = Record<string, unknown>>(): T;
}

/** Runs the built CLI as a separate process, as a script or cron job would. */
export function runBuiltCli(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; stdin?: string; signalAfterMs?: number } = {},
): Promise<CliRun> {
  if (!existsSync(BUILT_CLI)) throw new Error('The command line is not built: run `npm run build` first.');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUILT_CLI, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    if (options.signalAfterMs !== undefined) setTimeout(() => child.kill('SIGINT'), options.signalAfterMs);
    child.stdin.end(options.stdin ?? '');
    child.on('close', (code) =>
      resolve({ code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T }),
    );
  });
}
