import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../main/core/app-error';
import { createArchiveFeature } from '../../../main/core/archive/feature';
import { createTestPorts, type TestPorts } from '../../helpers/test-ports';
import { fixtureDir, runArchiver, writeZip } from '../../helpers/zip-fixtures';

// These run the real worker thread (from source through tsx), as the app does.
const { dir, cleanup } = fixtureDir();
let ports: TestPorts;
let feature: ReturnType<typeof createArchiveFeature>;
let handlers: ReturnType<typeof createArchiveFeature>['handlers'];

beforeAll(() => {
  ports = createTestPorts();
  feature = createArchiveFeature({ dialogs: ports.dialogs, shell: ports.shell, events: ports.events, paths: ports.paths });
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
    const listing = await handlers['archive.list']({ path: join(dir, 'tar.zip') });
    expect(listing.entries.map((entry) => entry.name)).toContain('docs/note.txt');
  });

  it('turns a non-zip into an archive AppError across the worker boundary', async () => {
    writeFileSync(join(dir, 'fake.zip'), 'nope');
    const error = await Promise.resolve(handlers['archive.list']({ path: join(dir, 'fake.zip') })).then(() => null, (e: unknown) => e);
    expect(appErrorOf(error)).toMatchObject({ kind: 'archive', message: expect.stringMatching(/not a zip/) });
  });

  it('asks for a zip and a folder through the dialogs, null when cancelled', async () => {
    ports.dialogs.openAnswers.push([join(dir, 'tar.zip')]);
    ports.dialogs.folderAnswers.push('/chosen');
    expect(await handlers['archive.chooseFile'](undefined)).toBe(join(dir, 'tar.zip'));
    expect(await handlers['archive.chooseFolder'](undefined)).toBe('/chosen');
    expect(await handlers['archive.chooseFile'](undefined)).toBeNull();
    expect(ports.dialogs.asked[0]?.options).toMatchObject({ filters: [{ extensions: ['zip'] }, { extensions: ['*'] }] });
  });

  it('extracts through the worker and reports what it wrote', async () => {
    const dest = join(dir, 'dest');
    const report = await handlers['archive.extract']({ path: join(dir, 'tar.zip'), destination: dest });
    expect(report.extracted).toEqual(['docs/note.txt']);
    expect(readFileSync(join(dest, 'docs', 'note.txt'), 'utf8')).toBe('open me');
  });

  it('opens one entry from a fresh folder under the temp dir with the default app', async () => {
    await handlers['archive.openEntry']({ path: join(dir, 'tar.zip'), name: 'docs/note.txt' });
    const opened = ports.opened.paths.at(-1)!;
    expect(relative(ports.paths.tempDir, opened)).toMatch(/^open-[^/]+\/docs\/note\.txt$/);
    expect(readFileSync(opened, 'utf8')).toBe('open me');
  });

  it('refuses to open an unsafe entry with its reason', async () => {
    writeZip(join(dir, 'evil.zip'), [{ name: '../../x.sh', data: Buffer.from('x') }]);
    const error = await Promise.resolve(handlers['archive.openEntry']({ path: join(dir, 'evil.zip'), name: '../../x.sh' })).then(() => null, (e: unknown) => e);
    expect(appErrorOf(error)).toMatchObject({ kind: 'archive', message: expect.stringMatching(/leaves the folder/) });
  });

  it('verifies with progress events under the job id', async () => {
    const report = await handlers['archive.verify']({ path: join(dir, 'tar.zip'), jobId: 'v1' });
    expect(report.ok).toBe(true);
    const last = ports.events.recorded.filter((event) => event.name === 'archive.progress').at(-1);
    expect(last?.payload).toEqual({ jobId: 'v1', done: 7, total: 7, entry: null });
  });

  it('cancels a running verify job, and says when there was nothing to cancel', async () => {
    const running = Promise.resolve(handlers['archive.verify']({ path: join(dir, 'tar.zip'), jobId: 'v2' })).then(() => null, (e: unknown) => e);
    expect(await handlers['archive.cancel']({ jobId: 'v2' })).toEqual({ cancelled: true });
    expect(appErrorOf(await running)?.kind).toBe('cancelled');
    expect(await handlers['archive.cancel']({ jobId: 'v2' })).toEqual({ cancelled: false });
  });

  it('aborts running verify jobs on close and waits for them to stop', async () => {
    const running = Promise.resolve(handlers['archive.verify']({ path: join(dir, 'tar.zip'), jobId: 'v3' })).then(() => null, (e: unknown) => e);
    await feature.close?.();
    expect(appErrorOf(await running)?.kind).toBe('cancelled');
    expect(await handlers['archive.cancel']({ jobId: 'v3' })).toEqual({ cancelled: false });
  });
});
