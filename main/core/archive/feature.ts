import { mkdir, mkdtemp, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fail } from '../app-error';
import type { FileGrants } from '../file-grants';
import type { Feature, MethodsOf } from '../handlers';
import type { Dialogs, DesktopShell, EventSink, Paths } from '../ports';
import { executableType } from './executable-types';
import { newExtractFolder } from './extract-folder';
import { runArchiveJob } from './worker-client';

/** Runs an archive job somewhere (a worker thread in the app; injectable for tests). */
export type ArchiveJobRunner = typeof runArchiveJob;

/** A verify job in flight: how to stop it, and when it has stopped. */
interface RunningJob {
  controller: AbortController;
  settled: Promise<unknown>;
}

/**
 * `archive.*`: every read of an archive runs on a worker thread. The feature keeps the verify
 * jobs it started, by the renderer's job id, so they can be cancelled one by one, and `close`
 * aborts those still running and waits for their workers to stop.
 */
export function createArchiveFeature(deps: {
  dialogs: Pick<Dialogs, 'openFiles' | 'chooseFolder'>;
  shell: Pick<DesktopShell, 'openPath' | 'showInFolder'>;
  events: EventSink;
  paths: Pick<Paths, 'tempDir' | 'downloadsDir'>;
  grants: FileGrants;
  runJob?: ArchiveJobRunner;
}): Feature<MethodsOf<'archive'>> {
  const runJob = deps.runJob ?? runArchiveJob;
  const zip = (fileId: string) => deps.grants.resolve(fileId, 'file');
  const jobs = new Map<string, RunningJob>();

  const verify = async (path: string, jobId: string) => {
    if (jobs.has(jobId)) fail('validation', `A job with id "${jobId}" is already running.`);
    const controller = new AbortController();
    const running = runJob(
      { op: 'verify', path },
      { signal: controller.signal, onProgress: (progress) => deps.events.emit('archive.progress', { jobId, ...progress }) },
    );
    jobs.set(jobId, { controller, settled: running.catch(() => undefined) });
    try {
      return await running;
    } finally {
      jobs.delete(jobId);
    }
  };

  return {
    handlers: {
      'archive.list': async ({ fileId }) => runJob({ op: 'list', path: zip(fileId) }),
      'archive.chooseFile': async () => {
        const files = await deps.dialogs.openFiles({
          title: 'Open a zip archive',
          filters: [{ name: 'Zip archives', extensions: ['zip'] }, { name: 'All files', extensions: ['*'] }],
          multiple: false,
        });
        return files?.[0] ? deps.grants.grant(files[0], 'file') : null;
      },
      'archive.chooseFolder': async () => {
        const folder = await deps.dialogs.chooseFolder({ title: 'Extract into folder', defaultPath: deps.paths.downloadsDir });
        return folder === null ? null : deps.grants.grant(folder, 'folder');
      },
      'archive.extract': async ({ fileId, folderId, entries, allowLarge }) => {
        const path = zip(fileId);
        // A new folder named after the zip, inside the chosen one: nothing lands loose among its files.
        const destination = await newExtractFolder(deps.grants.resolve(folderId, 'folder'), path);
        try {
          const report = await runJob({ op: 'extract', path, destination, entries, allowLarge });
          return { ...report, destinationId: deps.grants.grant(report.destination, 'folder').id };
        } catch (error) {
          // Refused before anything was written (a limit, a damaged zip): leave no empty folder behind.
          await rmdir(destination).catch(() => {});
          throw error;
        }
      },
      'archive.openEntry': async ({ fileId, name }) => {
        const path = zip(fileId);
        await mkdir(deps.paths.tempDir, { recursive: true });
        // A fresh folder each time: nothing there to collide with, and nothing else is touched.
        const folder = await mkdtemp(join(deps.paths.tempDir, 'open-'));
        const report = await runJob({ op: 'extract', path, destination: folder, entries: [name] });
        const refused = report.refused[0];
        if (refused) fail('archive', `"${name}" cannot be opened: ${refused.reason}.`);
        const saved = report.extracted[0];
        if (!saved) fail('validation', `"${name}" is a folder; only files can be opened.`);
        const file = join(report.destination, ...saved.split('/'));
        // Opening a program or script would run it: show it in its folder, and let the person decide.
        const type = executableType(saved);
        if (type) {
          deps.shell.showInFolder(file);
          return { action: 'revealed' as const, type };
        }
        await deps.shell.openPath(file);
        return { action: 'opened' as const, type: null };
      },
      'archive.verify': async ({ fileId, jobId }) => verify(zip(fileId), jobId),
      'archive.cancel': ({ jobId }) => {
        const job = jobs.get(jobId);
        job?.controller.abort();
        return { cancelled: job !== undefined };
      },
    },
    async close() {
      const running = [...jobs.values()];
      for (const job of running) job.controller.abort();
      await Promise.all(running.map((job) => job.settled));
    },
  };
}
