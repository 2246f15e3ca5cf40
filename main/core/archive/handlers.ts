import { mkdir, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import type { archiveMethods } from '../../../shared/api/archive';
import { fail } from '../app-error';
import type { HandlerTable } from '../handlers';
import type { Dialogs, DesktopShell, EventSink, Paths } from '../ports';
import { runArchiveJob } from './worker-client';

/** Runs an archive job somewhere (a worker thread in the app; injectable for tests). */
export type ArchiveJobRunner = typeof runArchiveJob;

/** Handlers for `archive.*`: every read of an archive runs on a worker thread. */
export function createArchiveHandlers(deps: {
  dialogs: Dialogs;
  shell: DesktopShell;
  events: EventSink;
  paths: Paths;
  runJob?: ArchiveJobRunner;
}): HandlerTable<keyof typeof archiveMethods> {
  const runJob = deps.runJob ?? runArchiveJob;
  /** Verify jobs in flight, by the renderer's job id. */
  const jobs = new Map<string, AbortController>();

  return {
    'archive.list': ({ path }) => runJob({ op: 'list', path }),
    'archive.chooseFile': async () => {
      const files = await deps.dialogs.openFiles({
        title: 'Open a zip archive',
        filters: [{ name: 'Zip archives', extensions: ['zip'] }, { name: 'All files', extensions: ['*'] }],
        multiple: false,
      });
      return files?.[0] ?? null;
    },
    'archive.chooseFolder': () => deps.dialogs.chooseFolder({ title: 'Extract into folder', defaultPath: deps.paths.downloadsDir }),
    'archive.extract': ({ path, destination, entries }) => runJob({ op: 'extract', path, destination, entries }),
    'archive.openEntry': async ({ path, name }) => {
      await mkdir(deps.paths.tempDir, { recursive: true });
      // A fresh folder each time: nothing there to collide with, and nothing else is touched.
      const folder = await mkdtemp(join(deps.paths.tempDir, 'open-'));
      const report = await runJob({ op: 'extract', path, destination: folder, entries: [name] });
      const refused = report.refused[0];
      if (refused) fail('archive', `"${name}" cannot be opened: ${refused.reason}.`);
      const saved = report.extracted[0];
      if (!saved) fail('validation', `"${name}" is a folder; only files can be opened.`);
      await deps.shell.openPath(join(report.destination, ...saved.split('/')));
      return null;
    },
    'archive.verify': async ({ path, jobId }) => {
      if (jobs.has(jobId)) fail('validation', `A job with id "${jobId}" is already running.`);
      const controller = new AbortController();
      jobs.set(jobId, controller);
      try {
        return await runJob(
          { op: 'verify', path },
          { signal: controller.signal, onProgress: (progress) => deps.events.emit('archive.progress', { jobId, ...progress }) },
        );
      } finally {
        jobs.delete(jobId);
      }
    },
    'archive.cancel': ({ jobId }) => {
      const controller = jobs.get(jobId);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },
  };
}
