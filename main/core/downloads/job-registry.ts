import type { DownloadJob, DownloadProgress, DownloadResult } from '../../../shared/api/downloads';
import { AppErrorException } from '../app-error';
import { toAppError } from '../http/to-app-error';
import type { EventSink, Notifier } from '../ports';
import type { DownloadHistory, HistoryEntry } from './download-ports';
import type { JobJournal } from './job-journal';
import { notification } from './job-records';
import { sameRequest } from './same-request';
import { forgetReplacedParts } from './replaced-files';

const KEEP_FINISHED = 50;

interface Running {
  job: DownloadJob;
  controller: AbortController;
  done: Promise<void>;
  /** The journal row written as it started (history records over it): settled before anything else is written about it. */
  journaled: Promise<void>;
}

/** What a job's work is handed: its record (to keep a partial result on) and its cancel signal. */
export type JobWork = (job: DownloadJob, signal: AbortSignal) => Promise<DownloadResult>;

/**
 * The downloads room's jobs, whatever their mode: main mints the id, the job is announced with
 * `downloads.started`, pushes progress, and ends with exactly one `downloads.finished`
 * (succeeded, failed or cancelled); `cancel` stops it by id. Running and recent jobs are kept
 * for `downloads.list`.
 */
export class JobRegistry {
  private readonly running = new Map<string, Running>();
  private finished: DownloadJob[] = [];
  /** Every job until it has settled (history written), running or not. */
  private readonly settling = new Set<Promise<void>>();
  /** Set by `close`: the jobs it stops were interrupted by the app quitting, not cancelled by the person. */
  private closing = false;

  constructor(private readonly deps: { events: EventSink; notifier: Notifier; history: DownloadHistory & Partial<JobJournal> }) {}

  /**
   * Announces `job` and runs `work` in the background. `record` builds the job's history entry
   * (also as it starts, for the journal: it must only build); null: history does not record it (a
   * check, or a files job re-run from its URL-mode job). `ended` hears the job once, as it ends.
   */
  start(job: DownloadJob, work: JobWork, record: ((job: DownloadJob) => HistoryEntry) | null, ended?: (job: DownloadJob) => void): string {
    const entry: Running = { job, controller: new AbortController(), done: Promise.resolve(), journaled: Promise.resolve() };
    this.running.set(job.jobId, entry);
    // Journaled while it runs, so a job whose process dies is listed as interrupted after the
    // next start. In the background: a database another process holds must not delay the job.
    if (record !== null && this.deps.history.began) entry.journaled = this.journal(() => this.deps.history.began!(record(job)));
    this.deps.events.emit('downloads.started', { ...job });
    entry.done = this.run(entry, work, record, ended);
    // Kept until its history is written too, which is after the job has left `running`.
    this.settling.add(entry.done);
    void entry.done.finally(() => this.settling.delete(entry.done));
    return job.jobId;
  }

  isRunning(jobId: string): boolean {
    return this.running.has(jobId);
  }

  /** A running job that asks for what `job` asks for (a double click's second start), or undefined. */
  runningLike(job: DownloadJob): DownloadJob | undefined {
    for (const entry of this.running.values()) if (sameRequest(entry.job, job)) return entry.job;
    return undefined;
  }

  /** A finished job still among the recent ones, or undefined. */
  finishedJob(jobId: string): DownloadJob | undefined {
    return this.finished.find((job) => job.jobId === jobId);
  }

  /** Cancels a running job; false when it is not running. */
  cancel(jobId: string): boolean {
    const entry = this.running.get(jobId);
    entry?.controller.abort();
    return entry !== undefined;
  }

  /** Running and recent downloads, newest first. A check is a preview, not a download: its events carry it, the list does not. */
  list(): DownloadJob[] {
    const all = [...[...this.running.values()].map((entry) => entry.job), ...this.finished].filter((job) => !job.check);
    return all.map((job) => ({ ...job })).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  /**
   * Forgets the finished downloads that succeeded or were cancelled, and the failed ones only
   * when `failed` (a failure stays to be retried unless asked); returns how many. Checks stay (a
   * zip of what one found may still follow), and every file stays on disk.
   */
  clearFinished(failed: boolean): number {
    const before = this.finished.length;
    this.finished = this.finished.filter((job) => job.check || (job.state === 'failed' && !failed));
    return before - this.finished.length;
  }

  /** Forgets one finished download; false when it is not among them (a running job is the caller's to refuse). */
  remove(jobId: string): boolean {
    const before = this.finished.length;
    this.finished = this.finished.filter((job) => job.check || job.jobId !== jobId);
    return this.finished.length < before;
  }

  /**
   * Cancels every running job and waits until every job has settled, history included: closing
   * the store under a job still recording it would write to a closed database.
   */
  async close(): Promise<void> {
    this.closing = true;
    for (const entry of this.running.values()) entry.controller.abort();
    await Promise.all([...this.settling]);
  }

  /** The response headers are in: the running card can show the real file name at once. */
  named(job: DownloadJob, filename: string): void {
    job.filename = filename;
    this.deps.events.emit('downloads.named', { jobId: job.jobId, filename });
  }

  /** A running job saved its part 1: the journal keeps where, for Resume if the job is interrupted. */
  savedFirstPart(job: DownloadJob, path: string, bytes: number): void {
    const entry = this.running.get(job.jobId);
    const journal = this.deps.history.savedFirstPart;
    if (!entry || !journal) return;
    entry.journaled = entry.journaled.then(() => this.journal(() => journal.call(this.deps.history, job.jobId, path, bytes)));
  }

  progress(job: DownloadJob, progress: Omit<DownloadProgress, 'jobId'>): void {
    job.progress = { jobId: job.jobId, ...progress };
    this.deps.events.emit('downloads.progress', job.progress);
    this.updateTaskbar();
  }

  /** Runs one job to its end: its state, events, notification and history are settled here only. */
  private async run(entry: Running, work: JobWork, record: ((job: DownloadJob) => HistoryEntry) | null, ended?: (job: DownloadJob) => void): Promise<void> {
    const { job, controller } = entry;
    try {
      job.result = await work(job, controller.signal);
      job.state = 'succeeded';
    } catch (error) {
      job.error = toAppError(error).appError;
      job.state = job.error.kind === 'cancelled' ? 'cancelled' : 'failed';
    }
    job.finishedAt = new Date().toISOString();
    this.running.delete(job.jobId);
    // What this job saved replaced any file an earlier job saved at the same path: that job forgets it first.
    for (const older of forgetReplacedParts(job, this.finished)) this.deps.events.emit('downloads.updated', { ...older });
    this.finished = [job, ...this.finished].slice(0, KEEP_FINISHED);
    this.updateTaskbar();
    this.deps.events.emit('downloads.finished', { ...job });
    if (job.state !== 'cancelled' && !job.check) this.deps.notifier.notify(notification(job));
    ended?.(job);
    if (record === null) return;
    // After the finished event: a database another process holds must not keep the job looking
    // busy. History follows (its own `history.changed`), and `close` waits for it.
    try {
      await entry.journaled;
      const recorded = record(job);
      // Quitting stopped it, not the person: History offers Resume, as after a crash.
      if (this.closing && job.state === 'cancelled') recorded.result = 'interrupted';
      await this.deps.history.record(recorded);
    } catch (error) {
      // The download itself is done; a history failure must not turn it into a failed job.
      if (!(error instanceof AppErrorException)) console.error('Could not record the download in history:', (error as Error)?.message);
    }
  }

  /** Writes to the journal; a failure only costs the job its entry there (it is recorded when it ends as always). */
  private async journal(write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (!(error instanceof AppErrorException)) console.error('Could not journal the running download:', (error as Error)?.message);
    }
  }

  /** The taskbar shows the share of bytes done over running jobs with a known total. */
  private updateTaskbar(): void {
    let done = 0;
    let total = 0;
    for (const { job } of this.running.values()) {
      if (job.progress?.total) {
        done += job.progress.bytes;
        total += job.progress.total;
      }
    }
    this.deps.notifier.progress(total > 0 ? Math.min(1, done / total) : null);
  }
}
