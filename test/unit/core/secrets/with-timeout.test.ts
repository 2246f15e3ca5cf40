import { execFile } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { withTimeout } from '../../../../main/core/secrets/with-timeout';
import { appErrorOf } from '../../../../main/core/app-error';

describe('withTimeout', () => {
  it('answers like the call when it settles in time', async () => {
    await expect(withTimeout(Promise.resolve('key'), 1_000, 'read the key')).resolves.toBe('key');
  });

  it('gives up on a call that never answers as `keychain`, saying what it was doing', async () => {
    const error = await withTimeout(new Promise<never>(() => {}), 50, 'read the key').catch((thrown: unknown) => thrown);
    expect(appErrorOf(error)).toMatchObject({ kind: 'keychain', message: expect.stringMatching(/did not answer within .* read the key/) });
  });

  it('holds its process until it gives up, when the stalled call is all that is left', async () => {
    // A keychain call that stalls outside libuv (a prompt nobody answers) leaves nothing to run: an
    // unref'd timer would let Node exit mid-await with code 13 and no word of why.
    const module = pathToFileURL(fileURLToPath(new URL('../../../../main/core/secrets/with-timeout.ts', import.meta.url))).href;
    const script = `import(${JSON.stringify(module)}).then(({ withTimeout }) =>
      withTimeout(new Promise(() => {}), 300, 'read the key').catch((error) => console.log('gave up:', error.appError?.kind)));`;
    const run = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', '-e', script], { timeout: 20_000 }, (error, stdout) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout }),
      );
    });
    expect(run).toEqual({ code: 0, stdout: 'gave up: keychain\n' });
  }, 30_000);
});
