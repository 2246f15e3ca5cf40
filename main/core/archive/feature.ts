import type { FileGrants } from '../file-grants';
import type { Feature, MethodsOf } from '../handlers';
import type { Dialogs, DesktopShell, EventSink, Paths } from '../ports';
import { ArchiveJobs } from './archive-jobs';
import { runExtractJob } from './extract-job';
import { runOpenEntryJob } from './open-entry-job';
import { runArchiveJob } from './worker-client';

/** Runs an archive job somewhere (a worker thread in the app; injectable for tests). */
export type ArchiveJobRunner = typeof runArchiveJob;

/**
 * `archive.*`: every read of an archive runs on a worker thread. Listing answers directly (it
 * reads only the directory); verify, extract and openEntry are jobs (archive-jobs.ts): they
 * answer their id at once and report through events. `close` aborts the running jobs and waits
 * for their workers to stop.
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
  const jobs = new ArchiveJobs(deps.events);
  // Ids are resolved when the call comes, so an unknown one fails the call itself, not a job.
  const zip = (fileId: string) => deps.grants.resolve(fileId, 'file');

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
      'archive.extract': ({ fileId, folderId, entries, allowLarge }) => {
        const zipPath = zip(fileId);
        const parent = deps.grants.resolve(folderId, 'folder');
        const subject = { fileId, zipPath, key: `extract:${zipPath}`, whenBusy: 'This zip is already being extracted; wait for it or cancel it.' };
        return jobs.start('extract', subject, (context) => runExtractJob({ zipPath, parent, entries, allowLarge }, context, { grants: deps.grants, runJob }));
      },
      'archive.openEntry': ({ fileId, name }) => {
        const zipPath = zip(fileId);
        const subject = { fileId, zipPath, key: `open:${zipPath}:${name}`, whenBusy: `"${name}" is already being opened.` };
        return jobs.start('open', subject, (context) => runOpenEntryJob({ zipPath, name, tempDir: deps.paths.tempDir }, context, { shell: deps.shell, runJob }));
      },
      'archive.verify': ({ fileId }) => {
        const zipPath = zip(fileId);
        const subject = { fileId, zipPath, key: `verify:${zipPath}`, whenBusy: 'This zip is already being verified; wait for it or cancel it.' };
        return jobs.start('verify', subject, (context) => runJob({ op: 'verify', path: zipPath }, { signal: context.signal, onProgress: context.onProgress }));
      },
      'archive.cancel': ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    },
    close: () => jobs.close(),
  };
}
