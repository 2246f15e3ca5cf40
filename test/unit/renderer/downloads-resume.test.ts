import { afterEach, describe, expect, it } from 'vitest';
import type { DownloadJob, ZipPart } from '../../../shared/api/downloads';
import { downloads } from '../../../renderer/src/lib/downloads.svelte';
import { splitConfirm } from '../../../renderer/src/lib/split-confirm.svelte';
import { installFakeExportManager } from './fake-export-manager';

function part(n: number): ZipPart {
  const filename = `Exports (part ${n} of 3).zip`;
  return { part: n, path: `/home/u/Downloads/${filename}`, fileId: `f${n}`, bytes: 1024, entries: 2, filename };
}

function stoppedSplit(saved: ZipPart[]): DownloadJob {
  return {
    jobId: 'job-split', profileId: 'prod', profileName: 'Production', mode: 'zip', itemCount: 6, state: 'failed',
    startedAt: '2026-01-01T10:00:00.000Z', finishedAt: '2026-01-01T10:00:05.000Z', filename: 'Exports.zip', progress: null,
    result: { mode: 'zip', parts: saved, partCount: 3, bytes: 1024 * saved.length, entries: 2 * saved.length, filenameSource: 'content-disposition' },
    error: { kind: 'server', status: 500, message: 'Part 2 of 3 failed.' },
    exportIds: ['1', '2', '3', '4', '5', '6'],
  };
}

let stop: (() => void) | undefined;
afterEach(() => stop?.());

/** The calls main received, by method, with their payloads. */
function recordingMain() {
  const calls: Array<{ method: string; payload: unknown }> = [];
  installFakeExportManager({
    'downloads.plan': (payload) => {
      calls.push({ method: 'downloads.plan', payload });
      return { profileName: 'Production', exports: 6, maxBatchSize: 2, parts: 3, asks: false, folder: '/home/u/Downloads' };
    },
    'downloads.start': (payload) => {
      calls.push({ method: 'downloads.start', payload });
      return { jobId: 'job-new' };
    },
  });
  return calls;
}

describe('Retry of a split zip that stopped part-way', () => {
  it('resumes it: main is asked to keep the earlier job’s parts, and the split is not confirmed a second time', async () => {
    const calls = recordingMain();
    stop = downloads.connect();
    expect(await downloads.retry(stoppedSplit([part(1)]))).toBe('job-new');
    expect(calls).toEqual([{ method: 'downloads.start', payload: { profileId: 'prod', mode: 'zip', scope: { ids: ['1', '2', '3', '4', '5', '6'] }, resume: { jobId: 'job-split' } } }]);
  });

  it('one that saved no part starts over, asking main for its plan first as any new zip does', async () => {
    const calls = recordingMain();
    stop = downloads.connect();
    const retried = downloads.retry(stoppedSplit([]));
    // The split confirmation waits for the person: the plan was asked for, nothing started yet.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls.map((call) => call.method)).toEqual(['downloads.plan']);
    expect(splitConfirm.pending).toMatchObject({ parts: 3 });
    splitConfirm.answer(true);
    expect(await retried).toBe('job-new');
    expect(calls[1]).toEqual({ method: 'downloads.start', payload: { profileId: 'prod', mode: 'zip', scope: { ids: ['1', '2', '3', '4', '5', '6'] } } });
  });

  it('an interrupted job from History resumes by its job id', async () => {
    const calls = recordingMain();
    stop = downloads.connect();
    expect(await downloads.resumeInterrupted({ jobId: 'old-job', profileId: 'prod', exportIds: ['7', '8'] })).toBe('job-new');
    expect(calls).toEqual([{ method: 'downloads.start', payload: { profileId: 'prod', mode: 'zip', scope: { ids: ['7', '8'] }, resume: { jobId: 'old-job' } } }]);
  });
});
