import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isExtractLimitError } from '../../../shared/api/archive';
import { appErrorOf } from '../../../main/core/app-error';
import { createArchiveFeature } from '../../../main/core/archive/feature';
import { FileGrants } from '../../../main/core/file-grants';
import { createTestPorts, type TestPorts } from '../../helpers/test-ports';
import { fixtureDir, runArchiver, writeZip } from '../../helpers/zip-fixtures';

// These run the real worker thread (from source through tsx), as the app does.
const { dir, cleanup } = fixtureDir();
let ports: TestPorts;
let feature: ReturnType<typeof createArchiveFeature>;
let handlers: ReturnType<typeof createArchiveFeature>['handlers'];
let grants: FileGrants;
/** The id main would have handed out for a zip the user picked. */
const zipId = (name: string) => grants.grant(join(dir, name), 'file').id;

beforeAll(() => {
  ports = createTestPorts();
  grants = new FileGrants();
  feature = createArchiveFeature({ dialogs: ports.dialogs, shell: ports.shell, events: ports.events, paths: ports.paths, grants });
  handlers = feature.handlers;
  const src = join(dir, 'src');
  mkdirSync(join(src, 'docs'), { recursive: true });
  writeFileSync(join(src, 'docs', 'note.txt'), 'open me');
  runArchiver('bsdtar', ['--format', 'zip', '-cf', '../tar.zip', 'docs'], src);
});
afterAll(() => {
  ports.cleanup();
  cleanup();
});

describe('archive feature', () => {
  it('lists on the worker thread', async () => {
    const listing = await handlers['archive.list']({ fileId: zipId('tar.zip') });
    expect(listing.entries.map((entry) => entry.name)).toContain('docs/note.txt');
  });

  it('turns a non-zip into an archive AppError across the worker boundary', async () => {
    writeFileSync(join(dir, 'fake.zip'), 'nope');
    const error = await Promise.resolve(handlers['archive.list']({ fileId: zipId('fake.zip') })).then(() => null, (e: unknown) => e);
    expect(appErrorOf(error)).toMatchObject({ kind: 'archive', message: expect.stringMatching(/not a zip/) });
  });

  it('asks for a zip and a folder through the dialogs, null when cancelled', async () => {
    ports.dialogs.openAnswers.push([join(dir, 'tar.zip')]);
    ports.dialogs.folderAnswers.push('/chosen');
    const zip = await handlers['archive.chooseFile'](undefined);
    expect(zip).toMatchObject({ path: join(dir, 'tar.zip'), name: 'tar.zip' });
    expect(grants.resolve(zip!.id, 'file')).toBe(join(dir, 'tar.zip'));
    const folder = await handlers['archive.chooseFolder'](undefined);
    expect(folder).toMatchObject({ path: '/chosen', name: 'chosen' });
    expect(grants.resolve(folder!.id, 'folder')).toBe('/chosen');
    expect(await handlers['archive.chooseFile'](undefined)).toBeNull();
    expect(ports.dialogs.asked[0]?.options).toMatchObject({ filters: [{ extensions: ['zip'] }, { extensions: ['*'] }] });
  });

  it('acts only on ids it handed out: a path or an unknown id is refused', async () => {
    const asPath = await Promise.resolve(handlers['archive.list']({ fileId: join(dir, 'tar.zip') })).then(() => null, (e: unknown) => e);
    expect(appErrorOf(asPath)).toMatchObject({ kind: 'validation', message: expect.stringMatching(/choose it again/) });
    const folderAsFile = await Promise.resolve(
      handlers['archive.extract']({ fileId: zipId('tar.zip'), folderId: zipId('tar.zip') }),
    ).then(() => null, (e: unknown) => e);
    expect(appErrorOf(folderAsFile)).toMatchObject({ kind: 'validation' });
  });

  it('extracts through the worker and reports what it wrote', async () => {
    const dest = join(dir, 'dest');
    const report = await handlers['archive.extract']({ fileId: zipId('tar.zip'), folderId: grants.grant(dest, 'folder').id });
    expect(report.extracted).toEqual(['docs/note.txt']);
    expect(grants.resolve(report.destinationId, 'folder')).toBe(report.destination);
    // Into a new folder named after the zip, never loose among the chosen folder's files.
    expect(report.destination).toBe(join(dest, 'tar'));
    expect(readFileSync(join(dest, 'tar', 'docs', 'note.txt'), 'utf8')).toBe('open me');
    const again = await handlers['archive.extract']({ fileId: zipId('tar.zip'), folderId: grants.grant(dest, 'folder').id });
    expect(again.destination).toBe(join(dest, 'tar (1)'));
  });

  it('refuses a zip bomb with the limit error the app can ask about, and extracts it with allowLarge: true', async () => {
    writeZip(join(dir, 'bomb.zip'), [{ name: 'zeros.bin', data: Buffer.alloc(4 * 1024 * 1024), deflate: true }]);
    const folderId = grants.grant(join(dir, 'bomb-dest'), 'folder').id;
    const refused = await Promise.resolve(handlers['archive.extract']({ fileId: zipId('bomb.zip'), folderId })).then(() => null, (e: unknown) => e);
    const error = appErrorOf(refused)!;
    expect(isExtractLimitError(error)).toBe(true);
    expect(error.message).toMatch(/"zeros.bin" would grow/);
    // Refused before writing: not even the new folder is left behind.
    expect(existsSync(join(dir, 'bomb-dest', 'bomb'))).toBe(false);
    const report = await handlers['archive.extract']({ fileId: zipId('bomb.zip'), folderId, allowLarge: true });
    expect(report.extracted).toEqual(['zeros.bin']);
  });

  it('opens one entry from a fresh folder under the temp dir with the default app', async () => {
    expect(await handlers['archive.openEntry']({ fileId: zipId('tar.zip'), name: 'docs/note.txt' })).toEqual({ action: 'opened', type: null });
    const opened = ports.opened.paths.at(-1)!;
    expect(relative(ports.paths.tempDir, opened)).toMatch(/^open-[^/]+\/docs\/note\.txt$/);
    expect(readFileSync(opened, 'utf8')).toBe('open me');
  });

  it('shows a program or script in its folder instead of opening it', async () => {
    writeZip(join(dir, 'tools.zip'), [
      { name: 'bin/setup.exe', data: Buffer.from('MZ') },
      { name: 'run.sh', data: Buffer.from('#!/bin/sh\n') },
    ]);
    const opened = ports.opened.paths.length;
    expect(await handlers['archive.openEntry']({ fileId: zipId('tools.zip'), name: 'bin/setup.exe' })).toEqual({ action: 'revealed', type: 'exe' });
    expect(await handlers['archive.openEntry']({ fileId: zipId('tools.zip'), name: 'run.sh' })).toEqual({ action: 'revealed', type: 'sh' });
    expect(ports.opened.paths).toHaveLength(opened);
    expect(ports.opened.revealed.slice(-2).map((path) => relative(ports.paths.tempDir, path))).toEqual([
      expect.stringMatching(/^open-[^/]+\/bin\/setup\.exe$/),
      expect.stringMatching(/^open-[^/]+\/run\.sh$/),
    ]);
  });

  it('refuses to open an unsafe entry with its reason', async () => {
    writeZip(join(dir, 'evil.zip'), [{ name: '../../x.sh', data: Buffer.from('x') }]);
    const error = await Promise.resolve(handlers['archive.openEntry']({ fileId: zipId('evil.zip'), name: '../../x.sh' })).then(() => null, (e: unknown) => e);
    expect(appErrorOf(error)).toMatchObject({ kind: 'archive', message: expect.stringMatching(/leaves the folder/) });
  });

  it('verifies with progress events under the job id', async () => {
    const report = await handlers['archive.verify']({ fileId: zipId('tar.zip'), jobId: 'v1' });
    expect(report.ok).toBe(true);
    const last = ports.events.recorded.filter((event) => event.name === 'archive.progress').at(-1);
    expect(last?.payload).toEqual({ jobId: 'v1', done: 7, total: 7, entry: null });
  });

  it('cancels a running verify job, and says when there was nothing to cancel', async () => {
    const running = Promise.resolve(handlers['archive.verify']({ fileId: zipId('tar.zip'), jobId: 'v2' })).then(() => null, (e: unknown) => e);
    expect(await handlers['archive.cancel']({ jobId: 'v2' })).toEqual({ cancelled: true });
    expect(appErrorOf(await running)?.kind).toBe('cancelled');
    expect(await handlers['archive.cancel']({ jobId: 'v2' })).toEqual({ cancelled: false });
  });

  it('aborts running verify jobs on close and waits for them to stop', async () => {
    const running = Promise.resolve(handlers['archive.verify']({ fileId: zipId('tar.zip'), jobId: 'v3' })).then(() => null, (e: unknown) => e);
    await feature.close?.();
    expect(appErrorOf(await running)?.kind).toBe('cancelled');
    expect(await handlers['archive.cancel']({ jobId: 'v3' })).toEqual({ cancelled: false });
  });
});
