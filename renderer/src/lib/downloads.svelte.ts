import type { FileRef } from '../../../shared/api/file-ref';
import type { ConflictChoice, DownloadJob, DownloadMode, DownloadProgress, NameConflict } from '../../../shared/api/downloads';
import type { AppError } from '../../../shared/errors';
import { exportManager, stopAll, unwrap } from './api';
import { batchCount } from '../../../shared/batches';
import { FeatureState } from './feature-state.svelte';
import { profiles } from './profiles.svelte';
import { settings } from './settings.svelte';
import { splitConfirm } from './split-confirm.svelte';

/** What a job was asked to do, so it can be asked again. */
interface JobRequest {
  profileId: string;
  mode: DownloadMode;
  exportIds?: string[];
}

/** Running and recent download jobs, kept current by main's events. */
class DownloadsState extends FeatureState {
  #jobs = $state<DownloadJob[]>([]);
  #requests = new Map<string, JobRequest>();
  #checkJobId = $state<string | null>(null);

  /** Jobs, newest first. */
  get jobs(): DownloadJob[] {
    return this.#jobs;
  }

  /** How many jobs are still running. */
  get running(): number {
    return this.#jobs.filter((job) => job.state === 'running').length;
  }

  /** How many shown jobs have finished (what "Clear finished" would hide). */
  get finished(): number {
    return this.jobs.filter((job) => job.state !== 'running').length;
  }

  /** The question of the oldest running job that waits for an answer about a taken name, or null. */
  get asking(): { jobId: string; conflict: NameConflict } | null {
    const job = this.#jobs.findLast((candidate) => candidate.state === 'running' && candidate.conflict);
    return job?.conflict ? { jobId: job.jobId, conflict: job.conflict } : null;
  }

  /** The URL-mode job "Check first" started, while its result is shown on the Exports screen. */
  get checkJob(): DownloadJob | null {
    return this.#jobs.find((job) => job.jobId === this.#checkJobId) ?? null;
  }

  /** Follows every job from its start to its end. */
  override connect(): () => void {
    const api = exportManager();
    return stopAll([
      api.on('downloads.started', (job) => this.#upsert(job)),
      api.on('downloads.named', ({ jobId, filename }) => this.#name(jobId, filename)),
      api.on('downloads.progress', (progress) => this.#progress(progress)),
      api.on('downloads.conflict', ({ jobId, conflict }) => this.#conflict(jobId, conflict)),
      api.on('downloads.finished', (job) => this.#upsert(job)),
    ]);
  }

  /** Loads the list once; the events keep it current from then on. */
  async load(): Promise<void> {
    const listed = await this.call(exportManager().downloads.list());
    if (listed) this.#jobs = this.#merge(listed);
  }

  /**
   * Starts a job; resolves to its id, or null when it could not start (see `error`) or the
   * person declined a zip split into parts.
   */
  async start(profileId: string, mode: DownloadMode, exportIds?: string[]): Promise<string | null> {
    this.dismissError();
    if (mode === 'zip' && !(await this.#confirmSplit(profileId, exportIds))) return null;
    const started = await this.call(exportManager().downloads.start({ profileId, mode, exportIds }));
    if (started) this.#requests.set(started.jobId, { profileId, mode, exportIds });
    return started?.jobId ?? null;
  }

  /** Runs URL mode as a check of what a zip would hold; the Exports screen shows the outcome. */
  async check(profileId: string, exportIds?: string[]): Promise<string | null> {
    this.#checkJobId = await this.start(profileId, 'urls', exportIds);
    return this.#checkJobId;
  }

  /** Hides the check's result. */
  dismissCheck(): void {
    this.#checkJobId = null;
  }

  /** Starts a zip of the same exports the check asked about. */
  async downloadChecked(): Promise<string | null> {
    const request = this.#checkJobId ? this.#requests.get(this.#checkJobId) : undefined;
    if (!request) return null;
    const jobId = await this.start(request.profileId, 'zip', request.exportIds);
    // Declined (a zip in parts) or refused: the check's answer stays on screen to decide again.
    if (jobId) this.#checkJobId = null;
    return jobId;
  }

  /**
   * Starts a failed or cancelled job again: the same request, or for files, the same URL list.
   * `exportIds` come from this session's request, else from the history row of the job.
   */
  async retry(job: DownloadJob): Promise<string | null> {
    if (job.mode === 'files') {
      if (!job.sourceJobId) return null;
      return (await this.fetchUrls(job.sourceJobId, (error) => this.fail(error))) ?? null;
    }
    return this.start(job.profileId, job.mode, await this.#exportIdsOf(job));
  }

  /** Runs URL mode for what a zip job asked for, to show which exports the backend skipped and why. */
  async explainSkipped(job: DownloadJob): Promise<string | null> {
    return this.start(job.profileId, 'urls', await this.#exportIdsOf(job));
  }

  /** A zip larger than the profile's maximum batch size is saved as several files: the person says yes first. */
  async #confirmSplit(profileId: string, exportIds: string[] | undefined): Promise<boolean> {
    const profile = profiles.list.find((candidate) => candidate.id === profileId);
    if (!profile?.maxBatchSize) return true;
    const exports = exportIds?.length ?? profile.trackedCount;
    const parts = batchCount(exports, profile.maxBatchSize);
    if (parts === 1) return true;
    const asks = settings.settings?.saveMode !== 'default-folder';
    return splitConfirm.ask({ profileName: profile.name, exports, maxBatchSize: profile.maxBatchSize, parts, asks });
  }

  /** The exports a job asked for (undefined: every tracked export), as main reported it, else as remembered. */
  async #exportIdsOf(job: DownloadJob): Promise<string[] | undefined> {
    if (job.exportIds !== undefined) return job.exportIds ?? undefined;
    const known = this.#requests.get(job.jobId) ?? (await this.#fromHistory(job));
    return known?.exportIds;
  }

  /** Forgets the finished jobs, here and in main (the history and the files keep them). */
  async clearFinished(): Promise<void> {
    if ((await this.call(exportManager().downloads.clearFinished())) === undefined) return;
    this.#jobs = this.#jobs.filter((job) => job.state === 'running');
  }

  /** Cancels a running job. */
  async cancel(jobId: string): Promise<void> {
    await this.call(exportManager().downloads.cancel({ jobId }));
  }

  /**
   * Answers a job's question about a taken name. Cancel is never remembered. The question
   * closes here either way: answered, or already closed in main (the banner then says why).
   */
  async resolveConflict(jobId: string, choice: ConflictChoice, remember: boolean): Promise<void> {
    await this.call(exportManager().downloads.resolveConflict({ jobId, choice, remember: remember && choice !== 'cancel' }));
    this.#conflict(jobId, null);
  }

  /** Saves a URL-mode job's list via the save dialog; resolves to the saved file, null when cancelled, undefined on failure. */
  async saveUrls(jobId: string, format: 'txt' | 'csv' | 'json', onerror: (error: AppError) => void): Promise<FileRef | null | undefined> {
    // The job's card shows this error beside its buttons, not in the screen's banner.
    return (await unwrap(exportManager().downloads.saveUrls({ jobId, format }), onerror))?.file;
  }

  /** Downloads each URL of a URL-mode job into a folder the user picks, as a new job; resolves to its id (null: cancelled). */
  async fetchUrls(jobId: string, onerror: (error: AppError) => void): Promise<string | null | undefined> {
    return (await unwrap(exportManager().downloads.fetchUrls({ jobId }), onerror))?.jobId;
  }

  /** The request of a job started before this session, as history recorded it (null ids: every export). */
  async #fromHistory(job: DownloadJob): Promise<JobRequest | undefined> {
    const page = await unwrap(exportManager().history.list({ offset: 0, limit: 200 }), () => {});
    const item = page?.items.find((candidate) => candidate.jobId === job.jobId);
    return item ? { profileId: item.profileId, mode: item.mode, exportIds: item.exportIds ?? undefined } : undefined;
  }

  /**
   * Events may have arrived while the list was on its way: a job the events already saw end
   * keeps that state, a running one keeps the name it was given, and jobs started after the
   * snapshot stay listed.
   */
  #merge(listed: DownloadJob[]): DownloadJob[] {
    const known = new Map(this.#jobs.map((job) => [job.jobId, job]));
    const merged = listed.map((job) => {
      const seen = known.get(job.jobId);
      if (!seen) return job;
      return seen.state !== 'running' ? seen : { ...job, filename: job.filename ?? seen.filename };
    });
    const listedIds = new Set(listed.map((job) => job.jobId));
    return [...this.#jobs.filter((job) => !listedIds.has(job.jobId)), ...merged];
  }

  #upsert(job: DownloadJob): void {
    const index = this.#jobs.findIndex((candidate) => candidate.jobId === job.jobId);
    if (index === -1) this.#jobs = [job, ...this.#jobs];
    else this.#jobs[index] = job;
  }

  /** The running job with this id; an event about a job that has ended is late and changes nothing. */
  #running(jobId: string): DownloadJob | undefined {
    return this.#jobs.find((job) => job.jobId === jobId && job.state === 'running');
  }

  /** The response headers are in: the card shows the file's name instead of "Zip archive". */
  #name(jobId: string, filename: string): void {
    const job = this.#running(jobId);
    if (job) job.filename = filename;
  }

  #conflict(jobId: string, conflict: NameConflict | null): void {
    const job = this.#running(jobId);
    if (job) job.conflict = conflict;
  }

  #progress(progress: DownloadProgress): void {
    const job = this.#running(progress.jobId);
    if (job) job.progress = progress;
  }
}

/** The app's download jobs. */
export const downloads = new DownloadsState();
