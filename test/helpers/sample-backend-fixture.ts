import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
  /** Runs `close` at cleanup, before the backends stop (e.g. a feature's running jobs). */
  onCleanup(close: () => Promise<void> | void): void;
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
  const closers: Array<() => Promise<void> | void> = [];
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
    onCleanup: (close) => void closers.push(close),
    async cleanup() {
      for (const close of closers.splice(0)) await close();
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

/**
 * POSTs one batch of `sourceFileUrls` to a sample backend in zip mode and saves the answer at
 * `path` as it came (no checks, no manifest: the bytes a browser or curl would save). Throws
 * when the backend does not answer 200.
 */
export async function saveBatchZip(backend: SampleBackend, sourceFileUrls: string[], path: string): Promise<void> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (backend.apiKey) headers['x-api-key'] = backend.apiKey;
  const response = await fetch(`${backend.url}/viewer/exports/download-batch`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ items: sourceFileUrls.map((sourceFileUrl) => ({ sourceFileUrl })) }),
  });
  if (response.status !== 200) throw new Error(`The sample backend answered ${response.status}: ${await response.text()}`);
  writeFileSync(path, Buffer.from(await response.arrayBuffer()));
}
