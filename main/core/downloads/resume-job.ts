import { fail } from '../app-error';
import type { DownloadHistory } from './download-ports';
import type { JobJournal, ResumePoint } from './job-journal';
import type { JobRegistry } from './job-registry';

/**
 * Where `downloads.start` with `resume` picks up: the earlier job among the recent ones (a failed
 * or cancelled split zip keeps its parts in its result), else as history lists it (an interrupted
 * job of an earlier session). `state` when that job still runs, is of another profile, or is gone.
 */
export function resumePoint(jobId: string, profileId: string, jobs: JobRegistry, history: DownloadHistory & Partial<JobJournal>): ResumePoint {
  if (jobs.isRunning(jobId)) fail('state', 'That download is still running: it cannot be resumed until it stops.');
  const recent = jobs.finishedJob(jobId);
  const point: ResumePoint | null = recent
    ? { profileId: recent.profileId, firstPartPath: recent.result?.mode === 'zip' ? (recent.result.parts.find((part) => part.part === 1)?.path ?? null) : null }
    : (history.resumeFrom?.(jobId) ?? null);
  if (!point) fail('state', 'That download is no longer listed in Downloads or History: start it again instead.');
  if (point.profileId !== profileId) fail('state', 'That download was made with another profile: resume it from its own profile.');
  return point;
}
