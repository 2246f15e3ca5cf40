import { dirname } from 'node:path';
import type { DownloadJob, DownloadResult } from '../../../shared/api/downloads';
import type { FileGrants } from '../file-grants';
import type { Timeouts } from '../http/http-stream';
import type { RetryOptions } from '../http/retry';
import type { Dialogs, Paths } from '../ports';
import type { ConflictQuestions } from './conflict-questions';
import type { DownloadPreferences, DownloadSource } from './download-ports';
import type { JobRegistry } from './job-registry';
import type { ZipDestination } from './zip-download';
import { downloadZip } from './zip-job';
import type { ManifestContext } from './zip-parts';
import type { Network } from '../http/network/network';
import { zipResult } from './zip-result';
import type { ResumePoint } from './job-journal';
import { keptPartsBeside } from './resume-parts';
import type { SavedPart } from './zip-parts';

/** Where `downloads.start` saves: `ask` the save dialog, `default` the default folder, absent: the setting. */
export type SaveTo = 'ask' | 'default' | undefined;

/** What the window's zip jobs are run with. */
export interface ZipModeDeps {
  paths: Pick<Paths, 'tempDir' | 'downloadsDir'>;
  dialogs: Pick<Dialogs, 'saveAs'>;
  preferences?: DownloadPreferences;
  timeouts?: Partial<Timeouts>;
  network?: Network;
  retry?: Partial<RetryOptions>;
  grants: FileGrants;
  conflicts: ConflictQuestions;
  jobs: JobRegistry;
  /** Who writes the manifest beside a zip; absent: none is written. */
  app?: ManifestContext['app'];
}

/** Whether a download with `saveTo` shows the save dialog, and the default folder it goes to otherwise. */
export async function whereToSave(prefs: DownloadPreferences | undefined, downloadsDir: string, saveTo: SaveTo): Promise<{ asks: boolean; folder: string }> {
  const asks = saveTo === 'ask' || (saveTo === undefined && (prefs ? await prefs.askWhereToSave() : true));
  return { asks, folder: (await prefs?.defaultFolder()) ?? downloadsDir };
}

/**
 * Zip mode in the window: the destination from the settings (the save dialog, which confirms a
 * replacement itself, or the default folder, which asks in the window), then the one zip runner
 * the command line uses too. A split download that stops part-way keeps the parts it saved in
 * the job's result. Resuming an earlier job (`resume`), the parts it saved that are still there
 * unchanged are kept, and the rest go beside them without asking where.
 */
export async function runZipMode(deps: ZipModeDeps, job: DownloadJob, source: DownloadSource, saveTo: SaveTo, signal: AbortSignal, resume?: ResumePoint): Promise<DownloadResult> {
  const keep: SavedPart[] = resume?.firstPartPath ? await keptPartsBeside(resume.firstPartPath, source) : [];
  const resumeIn = keep.length > 0 && resume?.firstPartPath ? dirname(resume.firstPartPath) : null;
  const { asks, folder } = resumeIn ? { asks: false, folder: resumeIn } : await whereToSave(deps.preferences, deps.paths.downloadsDir, saveTo);
  const destination: ZipDestination = asks
    ? { kind: 'ask', dialogs: deps.dialogs, defaultDir: (await deps.preferences?.lastFolder()) ?? folder, onConflict: deps.conflicts.policyFor(job) }
    : { kind: 'folder', dir: folder, onConflict: deps.conflicts.policyFor(job) };
  let remembering: Promise<void> | undefined;
  // On unless the setting turns it off (no settings: on, as the setting's default).
  const withManifest = deps.app !== undefined && (deps.preferences ? await deps.preferences.writeManifest() : true);
  const outcome = await downloadZip({
    baseUrl: source.baseUrl,
    apiKey: source.apiKey,
    sourceFileUrls: source.sourceFileUrls,
    maxBatchSize: source.maxBatchSize,
    timeouts: deps.timeouts,
    network: deps.network,
    retry: deps.retry,
    destination,
    tempDir: deps.paths.tempDir,
    signal,
    keep,
    manifest: withManifest && deps.app ? { app: deps.app, profileName: source.profileName, check: source.checked ?? null } : null,
    onFilename: (filename) => deps.jobs.named(job, filename),
    onProgress: (snapshot) => deps.jobs.progress(job, snapshot),
    onPartSaved: (part) => {
      if (part.part === 1) deps.jobs.savedFirstPart(job, part.path, part.bytes);
      if (asks && part.part === 1) remembering = deps.preferences?.rememberFolder(dirname(part.path)).catch(() => {});
    },
  });
  await remembering;
  const result = zipResult(outcome.parts.map((part) => ({ ...part, fileId: deps.grants.grant(part.path, 'file').id })), outcome.partCount);
  if (outcome.error) {
    // A split download that stopped part-way still reports the parts it saved.
    if (outcome.parts.length > 0) job.result = result;
    throw outcome.error;
  }
  return result;
}
