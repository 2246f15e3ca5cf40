import type { ArchiveJob, ArchiveProgress } from '../../../shared/api/archive';

/** How many jobs' events are held for a call that has not answered yet (one screen runs one job at a time). */
const HELD_JOBS = 20;

/**
 * Events of the jobs this screen starts, by id. Main mints the id and may push a job's first
 * events, even its end, before the call that started it has answered (the bridge sends events
 * and answers on separate connections), so the last record of each recent job is held until the
 * call's answer claims it.
 */
export class JobEvents {
  readonly #latest = new Map<string, ArchiveJob>();
  readonly #waiting = new Map<string, { update: (job: ArchiveJob) => void; end: (job: ArchiveJob) => void }>();

  /** Takes a job's record from `archive.started` or `archive.finished`. */
  record(job: ArchiveJob): void {
    this.#latest.delete(job.jobId);
    this.#latest.set(job.jobId, job);
    if (this.#latest.size > HELD_JOBS) this.#latest.delete(this.#latest.keys().next().value!);
    const waiting = this.#waiting.get(job.jobId);
    waiting?.update(job);
    if (waiting && job.state !== 'running') this.#claimEnd(job, waiting.end);
  }

  /** Takes `archive.progress`; one about a job already ended is late and changes nothing. */
  progress(progress: ArchiveProgress): void {
    const job = this.#latest.get(progress.jobId);
    if (job?.state === 'running') this.record({ ...job, progress });
  }

  /** Follows a job from what is held of it to its end: `update` on every record, resolves to the ended job. */
  follow(jobId: string, update: (job: ArchiveJob) => void): Promise<ArchiveJob> {
    const held = this.#latest.get(jobId);
    if (held) update(held);
    return new Promise((end) => {
      if (held && held.state !== 'running') this.#claimEnd(held, end);
      else this.#waiting.set(jobId, { update, end });
    });
  }

  /** Hands an ended job to its follower and forgets it (a large extraction's report is not kept twice). */
  #claimEnd(job: ArchiveJob, end: (job: ArchiveJob) => void): void {
    this.#waiting.delete(job.jobId);
    this.#latest.delete(job.jobId);
    end(job);
  }
}
