import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HOLDER = fileURLToPath(new URL('./lock-holder-process.ts', import.meta.url));
const ROOT_DIR = fileURLToPath(new URL('../../..', import.meta.url));

/** Another process holding the database's write lock (lock-holder-process.ts). */
export interface HeldWriteLock {
  child: ChildProcess;
  /** The process's exit code once it has ended: 0 when it committed and let go (after its time, or on `release`). */
  ended: Promise<number | null>;
  /** Asks the process to let go now. */
  release(): void;
  /** Ends the process whatever it is doing (for afterEach). */
  kill(): void;
}

/** Starts a process that takes the write lock of the database in `dataDir` and keeps it `holdMs`; resolves once it holds it. */
export async function holdWriteLock(dataDir: string, holdMs: number): Promise<HeldWriteLock> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dataDir, String(holdMs)], { cwd: ROOT_DIR, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve();
    });
    void exited.then(() => reject(new Error(`the lock holder exited before it held the lock: ${stderr}`)));
  });
  return {
    child,
    ended: exited,
    release: () => void child.stdin!.write('release\n'),
    kill: () => void (child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')),
  };
}
