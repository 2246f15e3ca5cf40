import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { ArchiveJob, ArchiveJobOf, ArchiveOp, ArchiveResults } from '../../../shared/api/archive';
import type { AppError } from '../../../shared/errors';
import { appErrorOf, fail } from '../app-error';
import type { EventSink } from '../ports';
import type { ProgressListener } from './job-progress';

/** What a job's work receives: its abort signal, its progress channel, and where a partial result goes. */
export interface JobContext<R> {
  signal: AbortSignal;
  onProgress: ProgressListener;
  /** Keeps what the work produced before it failed or was cancelled (a cancelled extraction's files), for the finished job. */
  keepPartial(result: R): void;
}

/** What identifies a job to start: the zip (its id to report, its path to name it) and what counts as the same job. */
export interface JobSubject {
  fileId: string;
  zipPath: string;
  /** Jobs of one key do not run twice at once (the same zip and op, and entry for `open`). */
  key: string;
  /** The `state` error's message when a job of that key is running. */
  whenBusy: string;
}

interface Running {
  key: string;
  controller: AbortController;
  settled: Promise<void>;
}

/** An exception that is not an AppError is a bug: said as `internal`, its detail logged for whoever debugs it. */
function internalError(error: unknown): AppError {
  console.error('Archive job failed unexpectedly:', error);
  return { kind: 'internal', message: 'The archive job stopped because of a fault in Export Manager; please report it.' };
}

/**
 * The inspector's running jobs by id, under the one convention of every long operation: main
 * mints the id, pushes `archive.started`, throttled `archive.progress` and exactly one
 * `archive.finished`, and cancels by id. A job of the same zip and op (see JobSubject.key)
 * while one runs is refused with `state` rather than joined: the renderer disables the action
 * while its job runs, so a second request is a mistake to report, not a wish to share.
 */
export class ArchiveJobs {
  readonly #running = new Map<string, Running>();
  #closing = false;

  constructor(private readonly events: EventSink) {}

  /** Starts `work` as a job of `op` and answers its id at once; the outcome arrives as `archive.finished`. */
  start<Op extends ArchiveOp>(op: Op, subject: JobSubject, work: (context: JobContext<ArchiveResults[Op]>) => Promise<ArchiveResults[Op]>): { jobId: string } {
    if (this.#closing) fail('state', 'Export Manager is closing; the archive was not opened.');
    for (const running of this.#running.values()) if (running.key === subject.key) fail('state', subject.whenBusy);
    const job: ArchiveJobOf<Op> = {
      jobId: randomUUID(),
      op,
      fileId: subject.fileId,
      zipName: basename(subject.zipPath),
      state: 'running',
      startedAt: new Date().toISOString(),
      finishedAt: null,
      progress: null,
      result: null,
      error: null,
    };
    const controller = new AbortController();
    const context: JobContext<ArchiveResults[Op]> = {
      signal: controller.signal,
      onProgress: (progress) => {
        job.progress = { jobId: job.jobId, ...progress };
        this.events.emit('archive.progress', job.progress);
      },
      keepPartial: (result) => (job.result = result),
    };
    this.events.emit('archive.started', { ...job } as ArchiveJob);
    this.#running.set(job.jobId, { key: subject.key, controller, settled: this.#run(job, () => work(context)) });
    return { jobId: job.jobId };
  }

  /** Asks a running job to stop; false when no job of that id is running. */
  cancel(jobId: string): boolean {
    const running = this.#running.get(jobId);
    running?.controller.abort();
    return running !== undefined;
  }

  /** Refuses new jobs, aborts the running ones and waits until each has finished (its workers stopped, its partial files removed). */
  async close(): Promise<void> {
    this.#closing = true;
    const running = [...this.#running.values()];
    for (const entry of running) entry.controller.abort();
    await Promise.all(running.map((entry) => entry.settled));
  }

  /** Runs the work to its end and settles the job once: state, time, result or error, one `archive.finished`. */
  async #run<Op extends ArchiveOp>(job: ArchiveJobOf<Op>, work: () => Promise<ArchiveResults[Op]>): Promise<void> {
    // One turn first: the job is listed (and its id answered) before anything can finish it.
    await Promise.resolve();
    try {
      job.result = await work();
      job.state = 'succeeded';
    } catch (error) {
      job.error = appErrorOf(error) ?? internalError(error);
      job.state = job.error.kind === 'cancelled' ? 'cancelled' : 'failed';
    }
    job.finishedAt = new Date().toISOString();
    this.#running.delete(job.jobId);
    this.events.emit('archive.finished', { ...job } as ArchiveJob);
  }
}
