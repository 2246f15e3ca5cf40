import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { OpenOutcome } from '../../../shared/api/archive';
import { appErrorOf, cancelled, fail } from '../app-error';
import type { DesktopShell } from '../ports';
import type { JobContext } from './archive-jobs';
import { fileExtension, opensWithDefaultApp } from './openable-types';
import type { runArchiveJob } from './worker-client';

/**
 * The work of an open job: extracts one entry safely into a fresh folder under the temp dir
 * (nothing there to collide with, nothing else touched) and opens it with the default app when
 * it is a passive document, image or media type (openable-types.ts); any other type is shown in
 * its folder instead, since opening it could run it. Failed or cancelled, the fresh folder is
 * removed again.
 */
export async function runOpenEntryJob(
  request: { zipPath: string; name: string; tempDir: string },
  context: JobContext<OpenOutcome>,
  deps: { shell: Pick<DesktopShell, 'openPath' | 'showInFolder'>; runJob: typeof runArchiveJob },
): Promise<OpenOutcome> {
  const { zipPath, name, tempDir } = request;
  await mkdir(tempDir, { recursive: true });
  const folder = await mkdtemp(join(tempDir, 'open-'));
  try {
    const report = await deps.runJob({ op: 'extract', path: zipPath, destination: folder, entries: [name] }, { signal: context.signal, onProgress: context.onProgress });
    const refused = report.refused[0];
    if (refused) fail('archive', `"${name}" cannot be opened: ${refused.reason}.`);
    const saved = report.extracted[0];
    if (!saved) fail('validation', `"${name}" is a folder; only files can be opened.`);
    // Cancelled after the last byte but before it opened: the person asked for nothing to open.
    if (context.signal.aborted) throw cancelled(`Opening "${name}" was cancelled.`);
    const file = join(report.destination, ...saved.split('/'));
    if (!opensWithDefaultApp(saved)) {
      deps.shell.showInFolder(file);
      return { action: 'revealed', type: fileExtension(saved) };
    }
    await deps.shell.openPath(file);
    return { action: 'opened', type: null };
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    // Said as what the person asked for: the extraction underneath is a detail.
    if (appErrorOf(error)?.kind === 'cancelled') throw cancelled(`Opening "${name}" was cancelled.`);
    throw error;
  }
}
