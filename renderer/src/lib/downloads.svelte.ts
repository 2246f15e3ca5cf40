import type { FileRef } from '../../../shared/api/file-ref';
import type { DownloadJob, DownloadMode, DownloadProgress } from '../../../shared/api/downloads';
import type { AppError } from '../../../shared/errors';
import { exportManager, stopAll, unwrap } from './api';
import { FeatureState } from './feature-state.svelte';

/** Running and recent download jobs, kept current by main's events. */
class DownloadsState extends FeatureState {
  #jobs = $state<DownloadJob[]>([]);

  /** Jobs, newest first. */
  get jobs(): DownloadJob[] {
    return this.#jobs;
  }

  /** How many jobs are still running. */
  get running(): number {
    return this.#jobs.filter((job) => job.state === 'running').length;
  }

  /** Follows every job from its start to its end. */
  override connect(): () => void {
    const api = exportManager();
    return stopAll([
      api.on('downloads.started', (job) => this.#upsert(job)),
      api.on('downloads.named', ({ jobId, filename }) => this.#name(jobId, filename)),
      api.on('downloads.progress', (progress) => this.#progress(progress)),
      api.on('downloads.finished', (job) => this.#upsert(job)),
    ]);
  }

  /** Loads the list once; the events keep it current from then on. */
  async load(): Promise<void> {
    const listed = await this.call(exportManager().downloads.list());
    if (listed) this.#jobs = this.#merge(listed);
  }

  /** Starts a job; resolves to its id, or null when it could not start (see `error`). */
  async start(profileId: string, mode: DownloadMode, exportIds?: string[]): Promise<string | null> {
    this.dismissError();
    const started = await this.call(exportManager().downloads.start({ profileId, mode, exportIds }));
    return started?.jobId ?? null;
  }

  /** Cancels a running job. */
  async cancel(jobId: string): Promise<void> {
    await this.call(exportManager().downloads.cancel({ jobId }));
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

  #progress(progress: DownloadProgress): void {
    const job = this.#running(progress.jobId);
    if (job) job.progress = progress;
  }
}

/** The app's download jobs. */
export const downloads = new DownloadsState();
