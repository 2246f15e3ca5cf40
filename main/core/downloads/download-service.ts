import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import type { DownloadJob, DownloadMode, DownloadProgress, DownloadResult } from '../../../shared/api/downloads';
import { AppErrorException, fail } from '../app-error';
import type { Timeouts } from '../backend/batch-client';
import { requestErrorToAppError } from '../backend/error-mapping';
import { requestExportUrls } from '../backend/export-urls';
import { checkedBaseUrl } from '../backend/key-policy';
import type { RetryOptions } from '../backend/retry';
import type { Dialogs, EventSink, Notifier, Paths } from '../ports';
import type { DownloadHistory, DownloadPreferences, DownloadSource, DownloadSources } from './download-ports';
import { failureOf } from './failure';
import { runZipDownload } from './zip-download';
import type { ZipDestination } from './zip-download';

/** What the download service is built from: the narrow store interfaces and the ports. */
export interface DownloadServiceDeps {
  sources: DownloadSources;
  history: DownloadHistory;
  paths: Pick<Paths, 'tempDir' | 'downloadsDir'>;
  dialogs: Pick<Dialogs, 'saveAs'>;
  notifier: Notifier;
  events: EventSink;
  preferences?: DownloadPreferences;
  timeouts?: Partial<Timeouts>;
  retry?: Partial<RetryOptions>;
}

/** What `start` takes (the validated payload of `downloads.start`). */
export interface StartRequest {
  profileId: string;
  exportIds?: string[];
  mode: DownloadMode;
  saveTo?: 'ask' | 'default';
}

const KEEP_FINISHED = 50;

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

  constructor(deps: DownloadServiceDeps) {
    this.deps = deps;
  }

  /** Resolves the profile and exports, then starts the job; fails at once for a bad profile or no exports. */
  async start(request: StartRequest): Promise<{ jobId: string }> {
    const source = await this.deps.sources.resolve(request.profileId, request.exportIds);
    if (source.sourceFileUrls.length === 0) fail('validation', 'There are no exports to download: track some exports first.');
    checkedBaseUrl(source.baseUrl, source.apiKey); // refuse an unsafe profile before a job exists
    const job: DownloadJob = {
      jobId: randomUUID(),
      profileId: request.profileId,
      profileName: source.profileName,
      mode: request.mode,
      itemCount: source.sourceFileUrls.length,
      state: 'running',
      startedAt: new Date().toISOString(),
      finishedAt: null,
      filename: null,
      progress: null,
      result: null,
      error: null,
    };
    const controller = new AbortController();
    const entry: Running = { job, controller, done: Promise.resolve() };
    this.running.set(job.jobId, entry);
    this.deps.events.emit('downloads.started', { ...job });
    entry.done = this.run(entry, source, request);
    return { jobId: job.jobId };
  }

  /** Cancels a running job; false when it is not running. */
  cancel(jobId: string): boolean {
    const entry = this.running.get(jobId);
    if (!entry) return false;
    entry.controller.abort();
    return true;
  }

  /** Running and recent jobs, newest first. */
  list(): DownloadJob[] {
    const all = [...[...this.running.values()].map((entry) => entry.job), ...this.finished];
    return all.map((job) => ({ ...job })).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  /** Cancels every running job and waits for them to clean up. */
  async close(): Promise<void> {
    const entries = [...this.running.values()];
    for (const entry of entries) entry.controller.abort();
    await Promise.all(entries.map((entry) => entry.done));
  }

  private async run(entry: Running, source: DownloadSource, request: StartRequest): Promise<void> {
    const { job, controller } = entry;
    try {
      if (request.mode === 'urls') {
        const urls = await requestExportUrls({ ...this.common(source), signal: controller.signal });
        job.result = { mode: 'urls', ...urls };
      } else {
        const { destination, asks } = await this.destination(request.saveTo);
        const saved = await runZipDownload({
          ...this.common(source),
          destination,
          tempDir: this.deps.paths.tempDir,
          signal: controller.signal,
          onFilename: (filename) => void (job.filename = filename),
          onProgress: (snapshot) => this.progress(job, { jobId: job.jobId, ...snapshot }),
        });
        job.result = { mode: 'zip', ...saved };
        if (asks) await this.deps.preferences?.rememberFolder(dirname(saved.path)).catch(() => {});
      }
      job.state = 'succeeded';
    } catch (error) {
      const failure = failureOf(error, requestErrorToAppError).appError;
      job.error = failure;
      job.state = failure.kind === 'cancelled' ? 'cancelled' : 'failed';
    }
    await this.finish(job, request, source.sourceFileUrls);
  }

  private common(source: DownloadSource) {
    return { baseUrl: source.baseUrl, apiKey: source.apiKey, sourceFileUrls: source.sourceFileUrls, timeouts: this.deps.timeouts, retry: this.deps.retry };
  }

  private async destination(saveTo: StartRequest['saveTo']): Promise<{ destination: ZipDestination; asks: boolean }> {
    const prefs = this.deps.preferences;
    const ask = saveTo === 'ask' || (saveTo === undefined && (prefs ? await prefs.askWhereToSave() : true));
    const folder = (await prefs?.defaultFolder()) ?? this.deps.paths.downloadsDir;
    if (!ask) return { destination: { kind: 'folder', dir: folder }, asks: false };
    const defaultDir = (await prefs?.lastFolder()) ?? folder;
    return { destination: { kind: 'ask', dialogs: this.deps.dialogs, defaultDir }, asks: true };
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

  private async finish(job: DownloadJob, request: StartRequest, sourceFileUrls: string[]): Promise<void> {
    job.finishedAt = new Date().toISOString();
    this.running.delete(job.jobId);
    this.finished = [job, ...this.finished].slice(0, KEEP_FINISHED);
    this.updateTaskbar();
    this.deps.events.emit('downloads.finished', { ...job });
    if (job.state !== 'cancelled') this.deps.notifier.notify(notification(job));
    const zip = job.result?.mode === 'zip' ? job.result : null;
    try {
      await this.deps.history.record({
        jobId: job.jobId,
        when: job.startedAt,
        profileId: job.profileId,
        profileName: job.profileName,
        itemCount: job.itemCount,
        mode: job.mode,
        result: job.state === 'succeeded' ? 'success' : job.state === 'cancelled' ? 'cancelled' : 'failed',
        errorKind: job.error?.kind ?? null,
        path: zip?.path ?? null,
        bytes: zip?.bytes ?? null,
        exportIds: request.exportIds ?? null,
        sourceFileUrls,
      });
    } catch (error) {
      // The download itself is done; a history failure must not turn it into a failed job.
      if (!(error instanceof AppErrorException)) console.error('Could not record the download in history:', (error as Error)?.message);
    }
  }
}

function notification(job: DownloadJob): { title: string; body: string } {
  const result: DownloadResult | null = job.result;
  if (result?.mode === 'zip') return { title: 'Download complete', body: `${result.filename} saved (${(result.bytes / 1048576).toFixed(1)} MiB, ${result.entries} files).` };
  if (result?.mode === 'urls') return { title: 'Export URLs ready', body: `${result.exportedUrls.length} URLs, ${result.skipped.length} skipped.` };
  return { title: 'Download failed', body: job.error?.message ?? 'The download failed.' };
}
