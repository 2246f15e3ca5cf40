import { describe, expect, it } from 'vitest';
import type { Settings } from '../../../../shared/api/settings';
import { ConflictQuestions } from '../../../../main/core/downloads/conflict-questions';
import type { DownloadPreferences } from '../../../../main/core/downloads/download-ports';
import { newJob } from '../../../../main/core/downloads/job-records';
import { createTestPorts } from '../../../helpers/test-ports';

function setup(setting: Settings['nameConflict'] = 'ask') {
  const ports = createTestPorts();
  ports.cleanup(); // only its event and notification recorders are used
  const remembered: string[] = [];
  const preferences: DownloadPreferences = {
    askWhereToSave: async () => false,
    defaultFolder: async () => null,
    lastFolder: async () => null,
    rememberFolder: async () => {},
    nameConflict: async () => setting,
    rememberNameConflict: async (choice) => void remembered.push(choice),
    writeManifest: async () => false,
  };
  const questions = new ConflictQuestions({ events: ports.events, notifier: ports.notifier, preferences });
  const job = newJob('p1', 'Sample', 'zip', 3);
  const asked = () => ports.events.recorded.filter((e) => e.name === 'downloads.conflict' && (e.payload as { conflict: unknown }).conflict !== null);
  return { questions, job, asked, remembered, ports };
}

/** Lets the policy reach its question (it reads the setting first). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

const part = (n: number) => ({ path: `/d/x (part ${n} of 2).zip`, filename: `x (part ${n} of 2).zip`, folder: '/d' });

describe('ConflictQuestions', () => {
  it('asks once per job: the answer holds for the job’s later files, and a new job asks again', async () => {
    const { questions, job, asked } = setup();
    const policy = questions.policyFor(job);
    const first = policy(part(1), new AbortController().signal);
    await settle();
    expect(job.conflict).toEqual({ filename: 'x (part 1 of 2).zip', folder: '/d' });
    await questions.answer(job.jobId, 'replace', false);
    expect(await first).toBe('replace');
    expect(job.conflict).toBeNull();
    expect(await policy(part(2), new AbortController().signal)).toBe('replace');
    expect(asked()).toHaveLength(1);

    const other = newJob('p1', 'Sample', 'zip', 3);
    void questions.policyFor(other)(part(1), new AbortController().signal);
    await settle();
    expect(asked()).toHaveLength(2);
  });

  it('does not carry Cancel over, never remembers it, and closes the question on abort', async () => {
    const { questions, job, remembered, ports } = setup();
    const policy = questions.policyFor(job);
    const asking = policy(part(1), new AbortController().signal);
    await settle();
    expect(ports.notifications[0]?.title).toBe('A file with that name exists');
    expect(await questions.answer(job.jobId, 'cancel', true)).toEqual({ choice: 'cancel', remembered: false });
    expect(await asking).toBe('cancel');
    expect(remembered).toEqual([]);

    const abort = new AbortController();
    const again = policy(part(2), abort.signal);
    await settle();
    expect(job.conflict).not.toBeNull();
    abort.abort();
    expect(await again).toBe('cancel');
    expect(job.conflict).toBeNull();
    await expect(questions.answer(job.jobId, 'keep-both', false)).rejects.toMatchObject({ appError: { kind: 'state' } });
  });

  it('follows the setting without asking, and stores a remembered answer', async () => {
    const kept = setup('keep-both');
    expect(await kept.questions.policyFor(kept.job)(part(1), new AbortController().signal)).toBe('keep-both');
    expect(kept.asked()).toEqual([]);

    const { questions, job, remembered } = setup();
    const asking = questions.policyFor(job)(part(1), new AbortController().signal);
    await settle();
    await questions.answer(job.jobId, 'keep-both', true);
    expect(await asking).toBe('keep-both');
    expect(remembered).toEqual(['keep-both']);
  });
});
