import type { ConflictChoice, DownloadJob, NameConflict, StandingConflictChoice } from '../../../shared/api/downloads';
import { fail } from '../app-error';
import type { EventSink, Notifier } from '../ports';
import type { DownloadPreferences } from './download-ports';
import type { ConflictPolicy } from './name-conflict';

interface OpenQuestion {
  job: DownloadJob;
  answer: (choice: ConflictChoice) => void;
}

/**
 * The questions jobs ask when the name they save under is taken in the default folder. A job
 * waits on its question while its body keeps streaming; the question lives on the job
 * (`job.conflict`, so `downloads.list` shows it after a reload) and is announced with
 * `downloads.conflict` when it opens and when it closes.
 */
export class ConflictQuestions {
  private readonly open = new Map<string, OpenQuestion>();

  constructor(private readonly deps: { events: EventSink; notifier: Notifier; preferences?: DownloadPreferences }) {}

  /**
   * The policy a job saves with: the `nameConflict` setting, or a question when it is `ask`.
   * The first answer holds for the job's later files, so a job saving several files asks once.
   */
  policyFor(job: DownloadJob): ConflictPolicy {
    let answered: StandingConflictChoice | null = null;
    return async ({ filename, folder }, signal) => {
      if (answered) return answered;
      const setting = (await this.deps.preferences?.nameConflict()) ?? 'ask';
      if (setting !== 'ask') return setting;
      const choice = await this.ask(job, { filename, folder }, signal);
      if (choice !== 'cancel') answered = choice;
      return choice;
    };
  }

  /** Answers a job's open question; `state` when it asks nothing. Remembering stores the setting. */
  async answer(jobId: string, choice: ConflictChoice, remember: boolean): Promise<{ choice: ConflictChoice; remembered: boolean }> {
    const question = this.open.get(jobId);
    if (!question) fail('state', 'That download is not waiting for an answer about an existing file.');
    // The job goes on with the answer first; storing it as the setting is the extra.
    question.answer(choice);
    const remembered = remember && choice !== 'cancel';
    if (remembered) await this.deps.preferences?.rememberNameConflict(choice);
    return { choice, remembered };
  }

  private ask(job: DownloadJob, conflict: NameConflict, signal: AbortSignal): Promise<ConflictChoice> {
    if (signal.aborted) return Promise.resolve('cancel');
    return new Promise((resolve) => {
      const close = (choice: ConflictChoice) => {
        signal.removeEventListener('abort', onAbort);
        this.open.delete(job.jobId);
        job.conflict = null;
        this.deps.events.emit('downloads.conflict', { jobId: job.jobId, conflict: null });
        resolve(choice);
      };
      // The job was cancelled or failed while asking: the question closes, nothing is saved.
      const onAbort = () => close('cancel');
      signal.addEventListener('abort', onAbort, { once: true });
      this.open.set(job.jobId, { job, answer: close });
      job.conflict = conflict;
      this.deps.events.emit('downloads.conflict', { jobId: job.jobId, conflict });
      // The window may be in the background: the question must not wait unseen.
      this.deps.notifier.notify({ title: 'A file with that name exists', body: `${conflict.filename} is already in ${conflict.folder}: choose Keep both, Replace or Cancel in Export Manager.` });
    });
  }
}
