import { dirname, join } from 'node:path';
import type { HandlerPayload } from '../../../shared/api';
import type { ConflictChoice, DownloadJob, DownloadProgress, DownloadResult } from '../../../shared/api/downloads';
import { batchCount } from '../../../shared/batches';
import { AppErrorException, appError, cancelled, fail } from '../app-error';
import type { Timeouts } from '../http/http-stream';
import { checkedBaseUrl } from '../http/key-policy';
import type { RetryOptions } from '../http/retry';
import { toAppError } from '../http/to-app-error';
import type { FileRef } from '../../../shared/api/file-ref';
import { FileGrants } from '../file-grants';
import type { Dialogs, EventSink, Notifier, Paths } from '../ports';
import { ConflictQuestions } from './conflict-questions';
import type { DownloadHistory, DownloadPreferences, DownloadSource, DownloadSources } from './download-ports';
import { fetchUrls } from './fetch-urls';
import { historyEntry, newJob, notification } from './job-records';
import type { UrlList, UrlListFormat } from './url-list-file';
import { writeUrlList } from './url-list-file';
import { requestExportUrlsInBatches } from './url-batches';
import type { ZipDestination } from './zip-download';
import { runZipParts } from './zip-parts';
import type { SavedPart } from './zip-parts';
import { zipResult } from './zip-result';

/** What the download service is built from: the narrow store interfaces and the ports. */
export interface DownloadServiceDeps {
  sources: DownloadSources;
  history: DownloadHistory;
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
}

/** What `start` takes: the validated payload of `downloads.start`, as the contract declares it. */
export type StartRequest = HandlerPayload<'downloads.start'>;

/** What history records of a job: only `downloads.start` jobs (a files job is re-run from its URL-mode job). */
interface HistorySubject {
  request: StartRequest;
  sourceFileUrls: string[];
}

const KEEP_FINISHED = 50;
const FORMAT_NAMES: Record<UrlListFormat, string> = { txt: 'Text file', csv: 'CSV file', json: 'JSON file' };

interface Running {
  job: DownloadJob;
  controller: AbortController;
  done: Promise<void>;
}

/** Runs download jobs in the background, keeps their state for `list`, and pushes events. */
export class DownloadService {
  private readonly deps: DownloadServiceDeps;
  private readonly running = new Map<string, Running>();
  private finished: DownloadJob[] = [];
  private readonly grants: FileGrants;
  private readonly conflicts: ConflictQuestions;

  constructor(deps: DownloadServiceDeps) {
    this.deps = deps;
    this.grants = deps.grants ?? new FileGrants();
    this.conflicts = new ConflictQuestions(deps);
  }

  /** Resolves the profile and exports, then starts the job; fails at once for a bad profile or no exports. */
  async start(request: StartRequest): Promise<{ jobId: string }> {
    const source = await this.deps.sources.resolve(request.profileId, request.exportIds);
    if (source.sourceFileUrls.length === 0) fail('validation', 'There are no exports to download: track some exports first.');
    checkedBaseUrl(source.baseUrl, source.apiKey); // refuse an unsafe profile before a job exists
    const entry = this.register({
      ...newJob(request.profileId, source.profileName, request.mode, source.sourceFileUrls.length),
      exportIds: request.exportIds ?? null,
    });
    entry.done = this.runJob(entry, (signal) => this.download(entry.job, source, request, signal), { request, sourceFileUrls: source.sourceFileUrls });
    return { jobId: entry.job.jobId };
  }

  /** Saves a finished URL-mode job's lists where the save dialog says; `path` null when it was cancelled. */
  async saveUrls(jobId: string, format: UrlListFormat): Promise<{ file: FileRef | null }> {
    const list = this.urlList(jobId);
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
    const list = this.urlList(jobId);
    const sourceJob = this.finished.find((job) => job.jobId === jobId)!;
    if (list.exportedUrls.length === 0) fail('validation', 'This URL-mode job has no exported URLs to download.');
    const folder = await this.deps.dialogs.chooseFolder({ title: 'Choose a folder for the exported files', defaultPath: this.deps.paths.downloadsDir });
    if (folder === null) return { jobId: null };
    const job = newJob(sourceJob.profileId, sourceJob.profileName, 'files', list.exportedUrls.length);
    job.sourceJobId = jobId;
    const entry = this.register(job);
    entry.done = this.runJob(entry, (signal) => this.fetchFiles(job, [...list.exportedUrls], folder, signal), null);
    return { jobId: job.jobId };
  }

  /** Cancels a running job; false when it is not running. */
  cancel(jobId: string): boolean {
    const entry = this.running.get(jobId);
    if (!entry) return false;
    entry.controller.abort();
    return true;
  }

  /** Answers a running job's question about a taken name; `not-found` when the job is not running. */
  resolveConflict(jobId: string, choice: ConflictChoice, remember: boolean): Promise<{ choice: ConflictChoice; remembered: boolean }> {
    if (!this.running.has(jobId)) fail('not-found', 'That download is not running any more: it asks nothing.');
    return this.conflicts.answer(jobId, choice, remember);
  }

  /** Running and recent jobs, newest first. */
  list(): DownloadJob[] {
    const all = [...[...this.running.values()].map((entry) => entry.job), ...this.finished];
    return all.map((job) => ({ ...job })).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  /** Forgets the finished jobs; returns how many. Their files stay on disk. */
  clearFinished(): number {
    const removed = this.finished.length;
    this.finished = [];
    return removed;
  }

  /** Cancels every running job and waits for them to clean up. */
  async close(): Promise<void> {
    const entries = [...this.running.values()];
    for (const entry of entries) entry.controller.abort();
    await Promise.all(entries.map((entry) => entry.done));
  }

  private register(job: DownloadJob): Running {
    const entry: Running = { job, controller: new AbortController(), done: Promise.resolve() };
    this.running.set(job.jobId, entry);
    this.deps.events.emit('downloads.started', { ...job });
    return entry;
  }

  /** The lists of a finished, successful URL-mode job (kept among the recent jobs). */
  private urlList(jobId: string): UrlList {
    if (this.running.has(jobId)) fail('validation', 'That job is still running: wait until it finishes.');
    const job = this.finished.find((candidate) => candidate.jobId === jobId);
    if (!job) fail('not-found', 'That download job is no longer in the recent jobs: run URL mode again.');
    if (job.result?.mode !== 'urls') fail('validation', 'Only a finished URL-mode job has exported URLs to save or download.');
    return job.result;
  }

  /**
   * Runs one job to its end: `work` produces the result or throws; either way the job's state,
   * events, notification and history are settled in one place.
   */
  private async runJob(entry: Running, work: (signal: AbortSignal) => Promise<DownloadResult>, subject: HistorySubject | null): Promise<void> {
    const { job, controller } = entry;
    try {
      job.result = await work(controller.signal);
      job.state = 'succeeded';
    } catch (error) {
      job.error = toAppError(error).appError;
      job.state = job.error.kind === 'cancelled' ? 'cancelled' : 'failed';
    }
    await this.finish(job, subject);
  }

  /** Zip or URL mode: one batch request, or one per batch when the profile's maximum batch size splits the download. */
  private async download(job: DownloadJob, source: DownloadSource, request: StartRequest, signal: AbortSignal): Promise<DownloadResult> {
    if (request.mode === 'urls') {
      const onBatch = (part: number, parts: number) => this.progress(job, { jobId: job.jobId, bytes: 0, total: null, bytesPerSecond: 0, etaSeconds: null, part, parts });
      return { mode: 'urls', ...(await requestExportUrlsInBatches({ ...this.common(source), signal }, source.maxBatchSize, onBatch)) };
    }
    const { destination, asks } = await this.destination(job, request.saveTo);
    const partCount = batchCount(source.sourceFileUrls.length, source.maxBatchSize);
    const saved: Array<SavedPart & { fileId: string }> = [];
    let remembering: Promise<void> | undefined;
    try {
      await runZipParts({
        ...this.common(source),
        maxBatchSize: source.maxBatchSize,
        destination,
        tempDir: this.deps.paths.tempDir,
        signal,
        onFilename: (filename) => this.named(job, filename),
        onProgress: (snapshot) => this.progress(job, { jobId: job.jobId, ...snapshot }),
        onPartSaved: (part) => {
          saved.push({ ...part, fileId: this.grants.grant(part.path, 'file').id });
          if (asks && part.part === 1) remembering = this.deps.preferences?.rememberFolder(dirname(part.path)).catch(() => {});
        },
      });
    } finally {
      // A split download that stopped part-way still reports the parts it saved.
      if (saved.length > 0) job.result = zipResult(saved, partCount);
      await remembering;
    }
    return job.result!;
  }

  /** Files mode: each exported URL into `folder`. Fails only when none could be saved; a cancel keeps the files saved so far in the result. */
  private async fetchFiles(job: DownloadJob, urls: string[], folder: string, signal: AbortSignal): Promise<DownloadResult> {
    const result = await fetchUrls({
      urls, folder, tempDir: this.deps.paths.tempDir, signal, timeouts: this.deps.timeouts,
      concurrency: this.deps.fetchConcurrency,
      onProgress: (progress) => this.progress(job, { jobId: job.jobId, ...progress }),
    });
    const files: DownloadResult = { mode: 'files', folder, folderId: this.grants.grant(folder, 'folder').id, ...result };
    job.result = files;
    const first = result.failures[0];
    if (signal.aborted) throw cancelled(`The download was cancelled after ${result.saved.length} of ${urls.length} files.`);
    if (result.saved.length === 0 && first) {
      const { kind, message, ...extra } = first.error;
      throw appError(kind, `None of the ${urls.length} files could be downloaded. First failure: ${message}`, extra);
    }
    return files;
  }

  private common(source: DownloadSource) {
    return { baseUrl: source.baseUrl, apiKey: source.apiKey, sourceFileUrls: source.sourceFileUrls, timeouts: this.deps.timeouts, retry: this.deps.retry };
  }

  private async destination(job: DownloadJob, saveTo: StartRequest['saveTo']): Promise<{ destination: ZipDestination; asks: boolean }> {
    const prefs = this.deps.preferences;
    const ask = saveTo === 'ask' || (saveTo === undefined && (prefs ? await prefs.askWhereToSave() : true));
    const folder = (await prefs?.defaultFolder()) ?? this.deps.paths.downloadsDir;
    // The save dialog confirms a replacement itself; the default folder asks in the window.
    if (!ask) return { destination: { kind: 'folder', dir: folder, onConflict: this.conflicts.policyFor(job) }, asks: false };
    const defaultDir = (await prefs?.lastFolder()) ?? folder;
    return { destination: { kind: 'ask', dialogs: this.deps.dialogs, defaultDir }, asks: true };
  }

  /** The response headers are in: the running card can show the real file name at once. */
  private named(job: DownloadJob, filename: string): void {
    job.filename = filename;
    this.deps.events.emit('downloads.named', { jobId: job.jobId, filename });
  }

  private progress(job: DownloadJob, progress: DownloadProgress): void {
    job.progress = progress;
    this.deps.events.emit('downloads.progress', progress);
    this.updateTaskbar();
  }

  /** The taskbar shows the share of bytes done over running jobs with a known total. */
  private updateTaskbar(): void {
    let done = 0;
    let total = 0;
    for (const { job } of this.running.values()) {
      if (job.state === 'running' && job.progress?.total) {
        done += job.progress.bytes;
        total += job.progress.total;
      }
    }
    this.deps.notifier.progress(total > 0 ? Math.min(1, done / total) : null);
  }

  /** `subject` null: a files job, which history does not record (it is re-run from its URL-mode job). */
  private async finish(job: DownloadJob, subject: HistorySubject | null): Promise<void> {
    job.finishedAt = new Date().toISOString();
    this.running.delete(job.jobId);
    this.finished = [job, ...this.finished].slice(0, KEEP_FINISHED);
    this.updateTaskbar();
    this.deps.events.emit('downloads.finished', { ...job });
    if (job.state !== 'cancelled') this.deps.notifier.notify(notification(job));
    if (subject === null) return;
    try {
      await this.deps.history.record(historyEntry(job, subject.request, subject.sourceFileUrls));
    } catch (error) {
      // The download itself is done; a history failure must not turn it into a failed job.
      if (!(error instanceof AppErrorException)) console.error('Could not record the download in history:', (error as Error)?.message);
    }
  }
}
