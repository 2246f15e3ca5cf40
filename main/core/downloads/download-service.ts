import { join } from 'node:path';
import type { HandlerPayload } from '../../../shared/api';
import type { ConflictChoice, DownloadJob, DownloadPlan, ExportScope } from '../../../shared/api/downloads';
import type { FileRef } from '../../../shared/api/file-ref';
import { batchCount } from '../../../shared/batches';
import { fail } from '../app-error';
import { FileGrants } from '../file-grants';
import type { Timeouts } from '../http/http-stream';
import { checkedBaseUrl } from '../http/key-policy';
import type { RetryOptions } from '../http/retry';
import type { Dialogs, EventSink, Notifier, Paths } from '../ports';
import { ScopeResolver } from './checks';
import { ConflictQuestions } from './conflict-questions';
import { DeliveryRecorder } from './delivery-recorder';
import type { DownloadHistory, DownloadPreferences, DownloadSource, DownloadSources, TrackedScope } from './download-ports';
import { runFilesMode } from './files-mode';
import { JobRegistry } from './job-registry';
import type { JobJournal } from './job-journal';
import { resumePoint } from './resume-job';
import { coveredLabels, filesFolderName, historyEntry, newJob } from './job-records';
import { runUrlMode } from './url-mode';
import type { UrlList, UrlListFormat } from './url-list-file';
import type { ManifestContext } from './zip-parts';
import { writeUrlList } from './url-list-file';
import { runZipMode, whereToSave } from './zip-mode';
import type { Network } from '../http/network/network';
import type { SaveTo } from './zip-mode';

/** What the download service is built from: the narrow store interfaces and the ports. */
export interface DownloadServiceDeps {
  sources: DownloadSources;
  /** Records finished jobs; with the journal's members, also running ones (interrupted jobs, Resume). */
  history: DownloadHistory & Partial<JobJournal>;
  paths: Pick<Paths, 'tempDir' | 'downloadsDir'>;
  dialogs: Pick<Dialogs, 'saveAs' | 'chooseFolder'>;
  notifier: Notifier;
  events: EventSink;
  preferences?: DownloadPreferences;
  timeouts?: Partial<Timeouts>;
  retry?: Partial<RetryOptions>;
  /** Files mode: exported URLs downloaded at the same time (default 3). */
  fetchConcurrency?: number;
  /** Hands out the ids by which the renderer may show or inspect what a job saved (a private registry when absent). */
  grants?: FileGrants;
  /** Proxies and trusted authorities for every request (default: direct, Node's roots). */
  network?: Network;
  /** The app that writes a zip's manifest (its name and version go into it); absent: no manifest is written. */
  app?: ManifestContext['app'];
}

/** What `start` takes: the validated payload of `downloads.start`, as the contract declares it. */
export type StartRequest = HandlerPayload<'downloads.start'>;

const FORMAT_NAMES: Record<UrlListFormat, string> = { txt: 'Text file', csv: 'CSV file', json: 'JSON file' };

/**
 * The downloads room's calls: resolves what a call names (main decides), plans, and starts each
 * mode's work (zip-mode.ts, url-mode.ts, files-mode.ts) as a job of the one registry.
 */
export class DownloadService {
  private readonly deps: DownloadServiceDeps;
  private readonly jobs: JobRegistry;
  private readonly grants: FileGrants;
  private readonly conflicts: ConflictQuestions;
  private readonly scopes: ScopeResolver;
  private readonly deliveries: DeliveryRecorder;

  constructor(deps: DownloadServiceDeps) {
    this.deps = deps;
    this.jobs = new JobRegistry(deps);
    this.grants = deps.grants ?? new FileGrants();
    this.conflicts = new ConflictQuestions(deps);
    this.scopes = new ScopeResolver(deps.sources, this.jobs);
    this.deliveries = new DeliveryRecorder(deps.sources, deps.events);
  }

  /** Resolves the scope, then starts the job; fails before a job exists for a bad profile, no exports or an unsafe base URL. */
  async start(request: StartRequest): Promise<{ jobId: string }> {
    const source = await this.resolve(request.profileId, request.scope);
    const job = this.newJob(request.profileId, source, request.mode);
    this.refuseDuplicate(job);
    const resume = request.mode === 'zip' && request.resume ? resumePoint(request.resume.jobId, request.profileId, this.jobs, this.deps.history) : undefined;
    const work = request.mode === 'zip'
      ? (running: DownloadJob, signal: AbortSignal) => runZipMode(this.zipDeps(), running, source, request.saveTo, signal, resume)
      : (running: DownloadJob, signal: AbortSignal) => runUrlMode(this.modeDeps(), running, source, signal);
    // As it ends, what it delivered goes to its exports; its history entry to history.
    const record = (done: DownloadJob) => historyEntry(done, request.mode, source.sourceFileUrls);
    return { jobId: this.jobs.start(job, work, record, (done) => this.deliveries.afterJob(done, source)) };
  }

  /** What a zip of the scope would do, resolved as `start` would resolve it. */
  async plan(profileId: string, scope: ExportScope, saveTo: SaveTo): Promise<DownloadPlan> {
    const source = await this.resolve(profileId, scope);
    const { asks, folder } = await whereToSave(this.deps.preferences, this.deps.paths.downloadsDir, saveTo);
    const exports = source.sourceFileUrls.length;
    return { profileName: source.profileName, exports, maxBatchSize: source.maxBatchSize, parts: batchCount(exports, source.maxBatchSize), asks, folder };
  }

  /** URL mode as a check of what a zip of the scope would hold: a job marked `check`, not recorded in history. */
  async check(profileId: string, scope: TrackedScope): Promise<{ jobId: string }> {
    const source = await this.resolve(profileId, scope);
    const job = { ...this.newJob(profileId, source, 'urls'), check: true };
    this.refuseDuplicate(job);
    this.scopes.remember(job.jobId, profileId, scope, source);
    return { jobId: this.jobs.start(job, (running, signal) => runUrlMode(this.modeDeps(), running, source, signal), null) };
  }

  /** Saves a finished URL-mode job's lists where the save dialog says; `file` null when it was cancelled. */
  async saveUrls(jobId: string, format: UrlListFormat): Promise<{ file: FileRef | null }> {
    const list = this.urlList(jobId).result;
    const path = await this.deps.dialogs.saveAs({
      title: 'Save the exported URLs',
      defaultPath: join(this.deps.paths.downloadsDir, `exported-urls.${format}`),
      filters: [{ name: FORMAT_NAMES[format], extensions: [format] }],
    });
    if (path === null) return { file: null };
    await writeUrlList(path, list, format);
    return { file: this.grants.grant(path, 'file') };
  }

  /** Asks for a folder and downloads every exported URL of a finished URL-mode job into it as a new `files` job. */
  async fetchUrls(jobId: string): Promise<{ jobId: string | null }> {
    const { job: sourceJob, result: list } = this.urlList(jobId);
    if (list.exportedUrls.length === 0) fail('state', 'This URL-mode job has no exported URLs to download.');
    const folder = await this.deps.dialogs.chooseFolder({ title: 'Choose a folder for the exported files', defaultPath: this.deps.paths.downloadsDir });
    if (folder === null) return { jobId: null };
    const job = { ...newJob(sourceJob.profileId, sourceJob.profileName, 'files', list.exportedUrls.length), sourceJobId: jobId };
    const urls = [...list.exportedUrls];
    const deps = { jobs: this.jobs, grants: this.grants, tempDir: this.deps.paths.tempDir, timeouts: this.deps.timeouts, network: this.deps.network, concurrency: this.deps.fetchConcurrency };
    const into = { parent: folder, name: filesFolderName(sourceJob.profileName) };
    return { jobId: this.jobs.start(job, (running, signal) => runFilesMode(deps, running, urls, into, signal), null) };
  }

  /** Answers a running job's question about a taken name; `state` when the job is not running. */
  resolveConflict(jobId: string, choice: ConflictChoice, remember: boolean): Promise<{ choice: ConflictChoice; remembered: boolean }> {
    if (!this.jobs.isRunning(jobId)) fail('state', 'That download is not running any more: it asks nothing.');
    return this.conflicts.answer(jobId, choice, remember);
  }

  cancel(jobId: string): boolean {
    return this.jobs.cancel(jobId);
  }

  list(): DownloadJob[] {
    return this.jobs.list();
  }

  clearFinished(failed: boolean): number {
    return this.jobs.clearFinished(failed);
  }

  /** Forgets one finished job; `state` while it runs (cancel it first). */
  remove(jobId: string): boolean {
    if (this.jobs.isRunning(jobId)) fail('state', 'That download is still running: cancel it before removing it from the list.');
    return this.jobs.remove(jobId);
  }

  /** Cancels running jobs and waits until each has settled, its history and its deliveries written. */
  async close(): Promise<void> {
    await this.jobs.close();
    await this.deliveries.settled();
  }

  /** The profile and exports a call names, refused when there are none or the profile's base URL is unsafe for its key. */
  private async resolve(profileId: string, scope: ExportScope): Promise<DownloadSource> {
    const source = await this.scopes.resolve(profileId, scope);
    if (source.sourceFileUrls.length === 0) fail('validation', nothingToDownload(scope));
    checkedBaseUrl(source.baseUrl, source.apiKey); // refuse an unsafe profile before a job exists
    return source;
  }

  private newJob(profileId: string, source: DownloadSource, mode: StartRequest['mode']): DownloadJob {
    return { ...newJob(profileId, source.profileName, mode, source.sourceFileUrls.length), exportIds: source.exportIds, coveredLabels: coveredLabels(source, this.labelsOf(profileId)) };
  }

  /** The store's labels of a profile's exports, when the sources can say (the command line's cannot). */
  private labelsOf(profileId: string): ((ids: string[]) => string[]) | undefined {
    const sources = this.deps.sources;
    return sources.labelsOf ? (ids) => sources.labelsOf!(profileId, ids) : undefined;
  }

  /** A second start of what is running (a double click, a repeated Space) makes no second job. */
  private refuseDuplicate(job: DownloadJob): void {
    if (!this.jobs.runningLike(job)) return;
    fail('state', `${job.check ? 'That check' : 'That download'} is already running: wait for it, or cancel it first.`);
  }

  private modeDeps() {
    return { jobs: this.jobs, timeouts: this.deps.timeouts, retry: this.deps.retry, network: this.deps.network };
  }

  private zipDeps() {
    return { ...this.modeDeps(), paths: this.deps.paths, dialogs: this.deps.dialogs, preferences: this.deps.preferences, grants: this.grants, conflicts: this.conflicts, app: this.deps.app };
  }

  /** A finished, successful URL-mode job's lists and profile: from the recent jobs, else from what history kept of it. */
  private urlList(jobId: string): { job: Pick<DownloadJob, 'profileId' | 'profileName'>; result: UrlList } {
    if (this.jobs.isRunning(jobId)) fail('state', 'That job is still running: wait until it finishes.');
    const job = this.jobs.finishedJob(jobId);
    if (!job) {
      const kept = this.deps.history.keptUrls?.(jobId);
      if (!kept) fail('state', 'That download job is no longer in the recent jobs, and history kept no URLs for it: run URL mode again.');
      return { job: kept, result: { exportedUrls: kept.exportedUrls, skipped: kept.skipped } };
    }
    if (job.result?.mode !== 'urls') fail('state', 'Only a finished URL-mode job has exported URLs to save or download.');
    return { job, result: job.result };
  }
}

/** Why a scope names nothing to download, in the words of what it asked for. */
function nothingToDownload(scope: ExportScope): string {
  if ('checkJobId' in scope) return 'The check found no export the backend would include: there is nothing to download.';
  if ('undelivered' in scope && scope.undelivered) return 'Every export here was delivered since it was added: there is nothing new to download.';
  return 'There are no exports to download here: track some exports, or change the filter or selection.';
}
