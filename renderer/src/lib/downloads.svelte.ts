import type { FileRef } from '../../../shared/api/file-ref';
import type { ConflictChoice, DownloadJob, DownloadMode, DownloadProgress, ExportScope, NameConflict } from '../../../shared/api/downloads';
import type { AppError } from '../../../shared/errors';
import { exportManager, stopAll, unwrap } from './api';
import { FeatureState } from './feature-state.svelte';
import { splitConfirm } from './split-confirm.svelte';

/** The check on screen: its job, and the profile and scope it answers about (shown only while those are the ones on screen). */
interface ShownCheck {
  jobId: string;
  profileId: string;
  scopeKey: string;
}

/** A scope as a comparable key (the selection's order does not matter). */
export function scopeKey(scope: ExportScope): string {
  if ('ids' in scope) return `ids:${[...scope.ids].sort().join(',')}`;
  if ('filter' in scope) return `filter:${scope.filter.trim()}`;
  return `check:${scope.checkJobId}`;
}

/** Running and recent download jobs, kept current by main's events. */
class DownloadsState extends FeatureState {
  #jobs = $state<DownloadJob[]>([]);
  #check = $state<ShownCheck | null>(null);

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

  /**
   * The check job "Check first" started, while it answers about what is on screen: `profileId`
   * and `scope` are the Exports screen's now; a check about another profile or scope is not shown.
   */
  checkFor(profileId: string | null, scope: ExportScope): DownloadJob | null {
    const check = this.#check;
    if (!check || check.profileId !== profileId || check.scopeKey !== scopeKey(scope)) return null;
    return this.#jobs.find((job) => job.jobId === check.jobId) ?? null;
  }

  /** Follows every job from its start to its end; a check goes when its profile's exports change. */
  override connect(): () => void {
    const api = exportManager();
    return stopAll([
      api.on('downloads.started', (job) => this.#upsert(job)),
      api.on('downloads.named', ({ jobId, filename }) => this.#name(jobId, filename)),
      api.on('downloads.progress', (progress) => this.#progress(progress)),
      api.on('downloads.conflict', ({ jobId, conflict }) => this.#conflict(jobId, conflict)),
      api.on('downloads.finished', (job) => this.#upsert(job)),
      // Main refuses a download from a check whose exports changed; the card does not wait to be refused.
      api.on('tracked.changed', ({ profileId }) => {
        if (this.#check?.profileId === profileId) this.#check = null;
      }),
    ]);
  }

  /** Loads the list once; the events keep it current from then on. */
  async load(): Promise<void> {
    const listed = await this.call(exportManager().downloads.list());
    if (listed) this.#jobs = this.#merge(listed);
  }

  /**
   * Starts a job on a scope main resolves; resolves to its id, or null when it could not start
   * (see `error`) or the person declined a zip split into parts. A zip asks main for its plan
   * first: the confirmation shows what main will do, not a guess.
   */
  async start(profileId: string, mode: DownloadMode, scope: ExportScope): Promise<string | null> {
    this.dismissError();
    if (mode === 'zip' && !(await this.#confirmSplit(profileId, scope))) return null;
    const started = await this.call(exportManager().downloads.start({ profileId, mode, scope }));
    return started?.jobId ?? null;
  }

  /** Asks the backend what a zip of the scope would hold; the Exports screen shows the answer while the scope is on screen. */
  async check(profileId: string, scope: Exclude<ExportScope, { checkJobId: string }>): Promise<string | null> {
    this.dismissError();
    const started = await this.call(exportManager().downloads.check({ profileId, scope }));
    this.#check = started ? { jobId: started.jobId, profileId, scopeKey: scopeKey(scope) } : null;
    return started?.jobId ?? null;
  }

  /** Hides the check's answer. */
  dismissCheck(): void {
    this.#check = null;
  }

  /** Starts a zip of exactly the exports the check on screen found (main holds what it found). */
  async downloadChecked(): Promise<string | null> {
    const check = this.#check;
    if (!check) return null;
    const jobId = await this.start(check.profileId, 'zip', { checkJobId: check.jobId });
    // Declined (a zip in parts) or refused: the check's answer stays on screen to decide again.
    if (jobId) this.#check = null;
    return jobId;
  }

  /** Starts a failed or cancelled job again: the same exports (as main resolved them), or for files, the same URL list. */
  async retry(job: DownloadJob): Promise<string | null> {
    if (job.mode === 'files') {
      if (!job.sourceJobId) return null;
      return (await this.fetchUrls(job.sourceJobId, (error) => this.fail(error))) ?? null;
    }
    if (!job.exportIds?.length) return null;
    return this.start(job.profileId, job.mode, { ids: job.exportIds });
  }

  /** Runs URL mode for what a zip job asked for, to show which exports the backend skipped and why. */
  async explainSkipped(job: DownloadJob): Promise<string | null> {
    if (!job.exportIds?.length) return null;
    return this.start(job.profileId, 'urls', { ids: job.exportIds });
  }

  /** A zip that main's plan splits into parts is saved as several files: the person says yes first. */
  async #confirmSplit(profileId: string, scope: ExportScope): Promise<boolean> {
    const plan = await this.call(exportManager().downloads.plan({ profileId, scope }));
    if (!plan) return false;
    if (plan.parts === 1) return true;
    return splitConfirm.ask(plan);
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
