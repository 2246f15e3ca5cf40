import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSampleBackend } from '../../main/core/sample-backend/server';
import type { SampleBackend, SampleBackendOptions } from '../../main/core/sample-backend/server';

/** Temp folders and sample backends for one test, all removed by `cleanup`. */
export interface SampleFixture {
  root: string;
  tempDir: string;
  saveDir: string;
  start(options?: SampleBackendOptions): Promise<SampleBackend>;
  /** Every file under a folder, as sorted relative names (hidden `.part` files included). */
  files(dir: string): string[];
  cleanup(): Promise<void>;
}

/** Creates a fixture under the OS temp folder. */
export function createSampleFixture(): SampleFixture {
  const root = mkdtempSync(join(tmpdir(), 'export-manager-dl-'));
  const tempDir = join(root, 'tmp');
  const saveDir = join(root, 'save');
  mkdirSync(tempDir);
  mkdirSync(saveDir);
  const backends: SampleBackend[] = [];
  return {
    root,
    tempDir,
    saveDir,
    async start(options) {
      const backend = await startSampleBackend(options);
      backends.push(backend);
      return backend;
    },
    files: (dir) => readdirSync(dir, { recursive: true }).map(String).sort(),
    async cleanup() {
      await Promise.all(backends.map((backend) => backend.close()));
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** How many file descriptors this process holds (Linux), or null where /proc is absent. */
export function openFdCount(): number | null {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return null;
  }
}
