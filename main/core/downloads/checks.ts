import type { DownloadJob, ExportScope } from '../../../shared/api/downloads';
import { fail } from '../app-error';
import type { DownloadSource, DownloadSources, TrackedScope } from './download-ports';
import type { JobRegistry } from './job-registry';

/** What a check asked about: its profile, its scope and the exports that scope named then. */
interface CheckSubject {
  profileId: string;
  scope: TrackedScope;
  exportIds: string[];
}

/**
 * Resolves what a download names, checks included. A check (`downloads.check`) remembers its
 * subject, so a zip "of what the check found" is main's to decide: tied to the check's profile
 * and scope, refused once that scope names other exports than it did (added, removed), and
 * sending exactly the exports the backend did not skip.
 */
export class ScopeResolver {
  private readonly checks = new Map<string, CheckSubject>();

  constructor(private readonly sources: DownloadSources, private readonly jobs: JobRegistry) {}

  /** The profile and the exports `scope` names now; a check's scope: the exports it found exportable. */
  async resolve(profileId: string, scope: ExportScope): Promise<DownloadSource> {
    if (!('checkJobId' in scope)) return this.sources.resolve(profileId, scope);
    const { subject, job } = this.finishedCheck(scope.checkJobId, profileId);
    const now = await this.sources.resolve(profileId, subject.scope);
    if (!sameList(now.exportIds, subject.exportIds)) {
      fail('state', 'The exports changed since that check (some were added or removed): check again before downloading.');
    }
    const answer = job.result?.mode === 'urls' ? job.result : { exportedUrls: [], skipped: [] };
    const skipped = new Set(answer.skipped.map((item) => item.sourceFileUrl));
    const found = now.sourceFileUrls.map((url, i) => ({ url, id: now.exportIds[i]! })).filter((item) => !skipped.has(item.url));
    // The manifest beside the zip keeps what the check said, the skipped exports' reasons above all.
    const checked = { exportedUrls: answer.exportedUrls, skipped: answer.skipped.map(({ sourceFileUrl, reason }) => ({ sourceFileUrl, reason })) };
    return { ...now, sourceFileUrls: found.map((item) => item.url), exportIds: found.map((item) => item.id), checked };
  }

  /** Remembers what a check job asks about (checks are forgotten with the recent jobs). */
  remember(jobId: string, profileId: string, scope: TrackedScope, source: DownloadSource): void {
    for (const id of this.checks.keys()) if (!this.jobs.isRunning(id) && !this.jobs.finishedJob(id)) this.checks.delete(id);
    this.checks.set(jobId, { profileId, scope, exportIds: source.exportIds });
  }

  private finishedCheck(jobId: string, profileId: string): { subject: CheckSubject; job: DownloadJob } {
    const subject = this.checks.get(jobId);
    const job = this.jobs.finishedJob(jobId);
    if (!subject || (!job && !this.jobs.isRunning(jobId))) fail('state', 'That check is no longer among the recent jobs: check again.');
    if (subject.profileId !== profileId) fail('state', 'That check was made for another profile: check this one first.');
    if (!job) fail('state', 'That check is still running: wait for its answer.');
    if (job.state !== 'succeeded') fail('state', 'That check did not finish: check again.');
    return { subject, job };
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
