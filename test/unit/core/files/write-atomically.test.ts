import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppError } from '../../../../shared/errors';
import { appErrorOf } from '../../../../main/core/app-error';
import { writeFileAtomically } from '../../../../main/core/files/write-atomically';

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, writeFile: vi.fn(actual.writeFile) };
});

/** What a failed call threw, as the AppError the user would see. */
async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const error = appErrorOf(await promise.then(() => null, (caught: unknown) => caught));
  if (!error) throw new Error('expected the write to fail with an AppError');
  return error;
}

describe('writeFileAtomically', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'em-atomic-'));
  });
  afterEach(() => {
    vi.mocked(fsPromises.writeFile).mockClear();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the whole text and leaves nothing else beside it', async () => {
    const path = join(dir, 'list.txt');
    await writeFileAtomically(path, 'one\ntwo\n');
    expect(readFileSync(path, 'utf8')).toBe('one\ntwo\n');
    expect(readdirSync(dir)).toEqual(['list.txt']);
  });

  it('replaces an existing file only with a complete one: a write that fails halfway leaves the old file and no partial file', async () => {
    const path = join(dir, 'list.txt');
    writeFileSync(path, 'the old list\n');
    const actual = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
    vi.mocked(fsPromises.writeFile).mockImplementationOnce(async (file, data) => {
      await actual.writeFile(file as string, String(data).slice(0, 4)); // half the text reached the disk
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });

    const error = await failureOf(writeFileAtomically(path, 'the new, longer list\n'));
    expect(error.kind).toBe('disk');
    expect(error.message).toContain(path);
    expect(error.message).toContain('no space left on device');
    expect(readFileSync(path, 'utf8')).toBe('the old list\n');
    expect(readdirSync(dir)).toEqual(['list.txt']);
  });

  it('leaves no temp file when the finished file cannot be moved into place', async () => {
    const path = join(dir, 'taken');
    mkdirSync(path);
    writeFileSync(join(path, 'inside'), 'x'); // a non-empty folder where the file should go

    const error = await failureOf(writeFileAtomically(path, 'text'));
    expect(error.kind).toBe('disk');
    expect(error.message).toContain(path);
    expect(readdirSync(dir)).toEqual(['taken']);
  });

  it('keeps the partial file private (0600) while it is written, whatever the umask', async () => {
    const path = join(dir, 'list.txt');
    const actual = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
    let partialMode: number | null = null;
    vi.mocked(fsPromises.writeFile).mockImplementationOnce(async (file, data, options) => {
      await actual.writeFile(file as string, data as string, options);
      partialMode = (await actual.stat(file as string)).mode & 0o777;
    });
    const umask = process.umask(0o022);
    try {
      await writeFileAtomically(path, 'https://h/a.png\n');
    } finally {
      process.umask(umask);
    }
    expect(partialMode).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toBe('https://h/a.png\n');
  });

  it('fails as disk, naming the file, when its folder does not exist', async () => {
    const path = join(dir, 'missing', 'list.txt');
    const error = await failureOf(writeFileAtomically(path, 'text'));
    expect(error).toMatchObject({ kind: 'disk' });
    expect(error.message).toContain(path);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
});
