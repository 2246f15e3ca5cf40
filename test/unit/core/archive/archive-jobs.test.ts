import { describe, expect, it, vi } from 'vitest';
import type { EventName } from '../../../../shared/api';
import type { ArchiveJob, ArchiveResults } from '../../../../shared/api/archive';
import { appError, cancelled } from '../../../../main/core/app-error';
import { ArchiveJobs, type JobContext } from '../../../../main/core/archive/archive-jobs';
import { appErrorThrownBy } from '../../../helpers/app-error-thrown';

/** The jobs over a sink that records what they push. */
function recordedJobs() {
  const pushed: Array<{ name: EventName; payload: unknown }> = [];
  const jobs = new ArchiveJobs({ emit: (name, payload) => void pushed.push({ name, payload }) });
  const named = (name: EventName) => pushed.filter((event) => event.name === name).map((event) => event.payload as ArchiveJob);
  return { jobs, pushed, named };
}
const subject = (key = 'verify:/z.zip') => ({ fileId: 'file-1', zipPath: '/downloads/z.zip', key, whenBusy: 'This zip is already being verified.' });
const REPORT: ArchiveResults['verify'] = { ok: true, checked: 2, failed: [] };
/** Work that runs until its signal aborts, then ends cancelled after `delayMs` (the abort may come before it starts). */
function untilAborted(delayMs = 0) {
  return (context: JobContext<ArchiveResults['verify']>) =>
    new Promise<ArchiveResults['verify']>((_resolve, reject) => {
      const stop = () => setTimeout(() => reject(cancelled('Verification was cancelled.')), delayMs);
      if (context.signal.aborted) stop();
      else context.signal.addEventListener('abort', stop);
    });
}
/** A moment: enough for a job whose work has settled (timers included) to finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('ArchiveJobs', () => {
  it('answers a minted id at once, then pushes started, progress with the id, and one finished with the result', async () => {
    const { jobs, pushed, named } = recordedJobs();
    let release: () => void = () => {};
    const { jobId } = jobs.start('verify', subject(), async (context) => {
      context.onProgress({ entriesDone: 1, entriesTotal: 2, bytesDone: 5, bytesTotal: 9, entry: 'a.txt' });
      await new Promise<void>((resolve) => (release = resolve));
      return REPORT;
    });
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    expect(named('archive.started')).toEqual([expect.objectContaining({ jobId, op: 'verify', zipName: 'z.zip', state: 'running', finishedAt: null })]);
    await settle();
    expect(pushed.map((event) => event.name)).toEqual(['archive.started', 'archive.progress']);
    expect(pushed[1]!.payload).toEqual({ jobId, entriesDone: 1, entriesTotal: 2, bytesDone: 5, bytesTotal: 9, entry: 'a.txt' });
    release();
    await settle();
    expect(named('archive.finished')).toEqual([
      expect.objectContaining({ jobId, state: 'succeeded', result: REPORT, error: null, finishedAt: expect.any(String), progress: expect.objectContaining({ entriesDone: 1 }) }),
    ]);
  });

  it('ends cancelled with the partial result the work kept, and failed with an expected error as it was', async () => {
    const { jobs, named } = recordedJobs();
    const partial = { destination: '/out/z', destinationId: 'folder-1', extracted: ['a.txt'], refused: [], renamed: [] };
    jobs.start('extract', subject('extract:/z.zip'), async (context: JobContext<ArchiveResults['extract']>) => {
      context.keepPartial(partial);
      throw cancelled('Extraction was cancelled.');
    });
    jobs.start('verify', subject(), async () => {
      throw appError('disk', 'The file "z.zip" does not exist.');
    });
    await settle();
    expect(named('archive.finished')).toEqual([
      expect.objectContaining({ op: 'extract', state: 'cancelled', result: partial, error: { kind: 'cancelled', message: 'Extraction was cancelled.' } }),
      expect.objectContaining({ op: 'verify', state: 'failed', result: null, error: { kind: 'disk', message: 'The file "z.zip" does not exist.' } }),
    ]);
  });

  it('says a bug in the work (not an AppError) as internal, and still finishes the job once', async () => {
    const { jobs, named } = recordedJobs();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    jobs.start('verify', subject(), async () => {
      throw new TypeError('x is undefined');
    });
    await settle();
    expect(named('archive.finished')).toEqual([expect.objectContaining({ state: 'failed', error: expect.objectContaining({ kind: 'internal' }) })]);
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
  });

  it('refuses a job of a key already running with state, and cancels by id through the signal', async () => {
    const { jobs, named } = recordedJobs();
    const { jobId } = jobs.start('verify', subject(), untilAborted());
    expect(appErrorThrownBy(() => jobs.start('verify', subject(), async () => REPORT))).toEqual({ kind: 'state', message: 'This zip is already being verified.' });
    expect(jobs.cancel(jobId)).toBe(true);
    await settle();
    expect(named('archive.finished')).toEqual([expect.objectContaining({ jobId, state: 'cancelled' })]);
    expect(jobs.cancel(jobId)).toBe(false);
    // Ended: the key is free again.
    jobs.start('verify', subject(), async () => REPORT);
    await settle();
    expect(named('archive.finished')).toHaveLength(2);
  });

  it('aborts every running job on close, resolves once each has finished, and refuses new ones with state', async () => {
    const { jobs, named } = recordedJobs();
    jobs.start('verify', subject('a'), untilAborted(20));
    jobs.start('verify', subject('b'), untilAborted(20));
    await jobs.close();
    expect(named('archive.finished').map((job) => job.state)).toEqual(['cancelled', 'cancelled']);
    expect(appErrorThrownBy(() => jobs.start('verify', subject('c'), async () => REPORT))?.kind).toBe('state');
  });
});
