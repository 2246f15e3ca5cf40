import type { HistoryEntry } from './download-ports';

/**
 * What history offers besides recording finished jobs: a journal of the jobs while they run, so
 * that a job whose process stopped (quit mid-download, a crash, the machine off) is listed as
 * interrupted after the next start, with Resume; and, for Resume, where a job's part 1 went.
 * Optional on the history port: without it, jobs are recorded only when they end.
 */
export interface JobJournal {
  /** A job history will record is starting; `entry` is what `record` would write now. */
  began(entry: HistoryEntry): Promise<void>;
  /** The running job saved its part 1 (a whole zip, or the first of a split one) at `path`. */
  savedFirstPart(jobId: string, path: string, bytes: number): Promise<void>;
  /** Where part 1 of a job that history lists went, and the exports it asked for; null when history has no such job. */
  resumeFrom(jobId: string): ResumePoint | null;
}

/** Where a job to resume left off: part 1's path (null when it saved none) and the profile it ran for. */
export interface ResumePoint {
  profileId: string;
  firstPartPath: string | null;
}
