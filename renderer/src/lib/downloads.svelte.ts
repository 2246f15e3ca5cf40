import type { DownloadJob, DownloadMode, DownloadProgress } from '../../../shared/api/downloads';
import type { AppError } from '../../../shared/errors';
import { exportManager } from './api';

/** Running and recent download jobs, kept current by main's events. */
class DownloadsState {
  #jobs = $state<DownloadJob[]>([]);
  #error = $state<AppError | null>(null);
  #listening = false;

  /** Jobs, newest first. */
  get jobs(): DownloadJob[] {
    return this.#jobs;
  }

  /** The last failure to start or cancel a job. */
  get error(): AppError | null {
    return this.#error;
  }

  /** How many jobs are still running. */
  get running(): number {
    return this.#jobs.filter((job) => job.state === 'running').length;
  }

  /** Loads the list once and listens to events from then on. */
  async load(): Promise<void> {
    this.#listen();
    const result = await exportManager().downloads.list();
    if (result.ok) this.#jobs = this.#merge(result.value);
    else this.#error = result.error;
  }

  /** Starts a job; resolves to its id, or null when it could not start (see `error`). */
  async start(profileId: string, mode: DownloadMode, exportIds?: string[]): Promise<string | null> {
    this.#listen();
    this.#error = null;
    const result = await exportManager().downloads.start({ profileId, mode, exportIds });
    if (result.ok) return result.value.jobId;
    this.#error = result.error;
    return null;
  }

  /** Cancels a running job. */
  async cancel(jobId: string): Promise<void> {
    const result = await exportManager().downloads.cancel({ jobId });
    if (!result.ok) this.#error = result.error;
  }

  dismissError(): void {
    this.#error = null;
  }

  #listen(): void {
    if (this.#listening) return;
    this.#listening = true;
    const api = exportManager();
    api.on('downloads.started', (job) => this.#upsert(job));
    api.on('downloads.finished', (job) => this.#upsert(job));
    api.on('downloads.progress', (progress) => this.#progress(progress));
  }

  /**
   * Events may have arrived while the list was on its way: a job the events already saw end
   * keeps that state, and jobs started after the snapshot stay listed.
   */
  #merge(listed: DownloadJob[]): DownloadJob[] {
    const known = new Map(this.#jobs.map((job) => [job.jobId, job]));
    const merged = listed.map((job) => {
      const seen = known.get(job.jobId);
      return seen && seen.state !== 'running' ? seen : job;
    });
    const listedIds = new Set(listed.map((job) => job.jobId));
    return [...this.#jobs.filter((job) => !listedIds.has(job.jobId)), ...merged];
  }

  #upsert(job: DownloadJob): void {
    const index = this.#jobs.findIndex((candidate) => candidate.jobId === job.jobId);
    if (index === -1) this.#jobs = [job, ...this.#jobs];
    else this.#jobs[index] = job;
  }

  #progress(progress: DownloadProgress): void {
    const job = this.#jobs.find((candidate) => candidate.jobId === progress.jobId);
    if (job && job.state === 'running') job.progress = progress;
  }
}

/** The app's download jobs. */
export const downloads = new DownloadsState();
