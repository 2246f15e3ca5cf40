import type { FileRef } from '../../../shared/api/file-ref';
import type { ConflictChoice, DownloadJob, DownloadMode, DownloadProgress, ExportScope, NameConflict } from '../../../shared/api/downloads';
import type { AppError } from '../../../shared/errors';
import { exportManager, stopAll, unwrap } from './api';
import { FeatureState } from './feature-state.svelte';
import { splitConfirm } from './split-confirm.svelte';
import { resumesFromPart } from './resume';

/** The check on screen: its job, and the profile and scope it answers about (shown only while those are the ones on screen). */
interface ShownCheck {
  jobId: string;
  profileId: string;
  scopeKey: string;
}

/** A scope as a comparable key (the selection's order does not matter). */
export function scopeKey(scope: ExportScope): string {
  if ('ids' in scope) return `ids:${[...scope.ids].sort().join(',')}`;
  if ('filter' in scope) return `filter:${scope.filter.trim()}${scope.undelivered ? ':undelivered' : ''}`;
  return `check:${scope.checkJobId}`;
}

/** Running and recent download jobs, kept current by main's events. */
class DownloadsState extends FeatureState {
  /** Every job main announced, checks included (a check's answer arrives as a job's events). */
  #jobs = $state<DownloadJob[]>([]);
  #check = $state<ShownCheck | null>(null);
  /** The check "Show which and why" started for a zip job, by the zip job's id. */
  #explanations = $state<Record<string, string>>({});
  /** Starts sent to main and not answered yet: while one is, no start button acts (a double click makes one job). */
  #starting = $state(0);

  /** Downloads, newest first. A check is a preview, not a download: the Exports screen and its zip's card show it, not this list. */
  get jobs(): DownloadJob[] {
    return this.#jobs.filter((job) => !job.check);
  }

  /** How many downloads are still running. */
  get running(): number {
    return this.jobs.filter((job) => job.state === 'running').length;
  }

  /** How many downloads have finished and did not fail (what "Clear finished" hides). */
  get finished(): number {
    return this.jobs.filter((job) => job.state === 'succeeded' || job.state === 'cancelled').length;
  }

  /** The failed downloads, newest first ("Retry all failed", "Clear failed too"). */
  get failed(): DownloadJob[] {
    return this.jobs.filter((job) => job.state === 'failed');
  }

  /** Whether a start is on its way to main: the start buttons are disabled meanwhile. */
  get starting(): boolean {
    return this.#starting > 0;
  }

  /** The check that explains what a finished zip job left out ("Show which and why"), or null. */
  explanationOf(jobId: string): DownloadJob | null {
    const checkId = this.#explanations[jobId];
    return checkId ? (this.#jobs.find((job) => job.jobId === checkId) ?? null) : null;
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
      // A later download replaced a file this one saved: its card stops offering it.
      api.on('downloads.updated', (job) => this.#upsert(job)),
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
  async start(profileId: string, mode: DownloadMode, scope: ExportScope, resume?: { jobId: string }): Promise<string | null> {
    return this.#oneAtATime(async () => {
      this.dismissError();
      // A resume continues a split the person already agreed to: no second confirmation.
      if (mode === 'zip' && !resume && !(await this.#confirmSplit(profileId, scope))) return null;
      const started = await this.call(exportManager().downloads.start({ profileId, mode, scope, ...(resume ? { resume } : {}) }));
      return started?.jobId ?? null;
    });
  }

  /** Asks the backend what a zip of the scope would hold; the Exports screen shows the answer while the scope is on screen. */
  async check(profileId: string, scope: Exclude<ExportScope, { checkJobId: string }>): Promise<string | null> {
    return this.#oneAtATime(async () => {
      this.dismissError();
      const started = await this.call(exportManager().downloads.check({ profileId, scope }));
      this.#check = started ? { jobId: started.jobId, profileId, scopeKey: scopeKey(scope) } : null;
      return started?.jobId ?? null;
    });
  }

  /**
   * Runs one start; while it is on its way, another start does nothing (null) and the buttons
   * show disabled. Main refuses a duplicate of a running job too: this spares the round trip
   * and the error banner a double click would bring.
   */
  async #oneAtATime(start: () => Promise<string | null>): Promise<string | null> {
    if (this.#starting > 0) return null;
    this.#starting++;
    try {
      return await start();
    } finally {
      this.#starting--;
    }
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
      const sourceJobId = job.sourceJobId;
      if (!sourceJobId) return null;
      return this.#oneAtATime(async () => (await this.fetchUrls(sourceJobId, (error) => this.fail(error))) ?? null);
    }
    if (!job.exportIds?.length) return null;
    // A split zip that stopped part-way resumes: the parts it saved are kept, not asked for again.
    const resume = resumesFromPart(job) !== null ? { jobId: job.jobId } : undefined;
    return this.start(job.profileId, job.mode, { ids: job.exportIds }, resume);
  }

  /** Resumes a zip job an earlier run left interrupted (History lists it), from the parts it saved. */
  async resumeInterrupted(item: { jobId: string; profileId: string; exportIds: string[] | null }): Promise<string | null> {
    return this.start(item.profileId, 'zip', item.exportIds ? { ids: item.exportIds } : { filter: '' }, { jobId: item.jobId });
  }

  /**
   * Asks the backend, as a check, about what a zip job asked for, to show on its card which
   * exports it left out and why. A check, not a URL-mode download: no new card, no history row.
   */
  async explainSkipped(job: DownloadJob): Promise<string | null> {
    if (!job.exportIds?.length) return null;
    const ids = job.exportIds;
    return this.#oneAtATime(async () => {
      this.dismissError();
      const started = await this.call(exportManager().downloads.check({ profileId: job.profileId, scope: { ids } }));
      if (started) this.#explanations[job.jobId] = started.jobId;
      return started?.jobId ?? null;
    });
  }

  /** Starts every failed download again, oldest first (each as Retry would); resolves to the new jobs' ids. */
  async retryAllFailed(): Promise<string[]> {
    const started: string[] = [];
    for (const job of [...this.failed].reverse()) {
      const jobId = await this.retry(job);
      if (jobId) started.push(jobId);
    }
    return started;
  }

  /** A zip that main's plan splits into parts is saved as several files: the person says yes first. */
  async #confirmSplit(profileId: string, scope: ExportScope): Promise<boolean> {
    const plan = await this.call(exportManager().downloads.plan({ profileId, scope }));
    if (!plan) return false;
    if (plan.parts === 1) return true;
    return splitConfirm.ask(plan);
  }

  /**
   * Forgets the downloads that succeeded or were cancelled, and with `failed` the failed ones
   * too, here and in main (the history and the files keep them). A failure stays unless asked:
   * it is still to be retried.
   */
  async clearFinished(failed = false): Promise<void> {
    if ((await this.call(exportManager().downloads.clearFinished({ failed }))) === undefined) return;
    this.#jobs = this.#jobs.filter((job) => job.check || job.state === 'running' || (job.state === 'failed' && !failed));
  }

  /** Forgets one finished download, here and in main; false when main refused (see `error`). */
  async remove(jobId: string): Promise<boolean> {
    if ((await this.call(exportManager().downloads.remove({ jobId }))) === undefined) return false;
    this.#jobs = this.#jobs.filter((job) => job.jobId !== jobId);
    return true;
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
