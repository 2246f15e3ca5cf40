import { afterEach, describe, expect, it } from 'vitest';
import type { DownloadJob } from '../../../shared/api/downloads';
import { downloads } from '../../../renderer/src/lib/downloads.svelte';
import { installFakeExportManager } from './fake-export-manager';

function runningZip(jobId: string, startedAt: string): DownloadJob {
  return {
    jobId, profileId: 'sample', profileName: 'Sample backend', mode: 'zip', itemCount: 1, state: 'running',
    startedAt, finishedAt: null, filename: 'x.zip', progress: null, result: null, error: null,
  };
}

const conflict = { filename: 'x.zip', folder: '/home/u/Downloads' };

let stop: (() => void) | undefined;
afterEach(() => stop?.());

describe('downloads state and name conflicts', () => {
  it('shows the oldest waiting question first, and never sends "remember" with Cancel', async () => {
    const sent: unknown[] = [];
    const main = installFakeExportManager({
      'downloads.resolveConflict': (payload) => {
        sent.push(payload);
        const { choice } = payload as { choice: 'keep-both' | 'replace' | 'cancel' };
        return { choice, remembered: false };
      },
    });
    stop = downloads.connect();
    main.emit('downloads.started', runningZip('old', '2026-01-01T10:00:00.000Z'));
    main.emit('downloads.started', runningZip('new', '2026-01-01T10:01:00.000Z'));
    expect(downloads.asking).toBeNull();
    main.emit('downloads.conflict', { jobId: 'new', conflict });
    main.emit('downloads.conflict', { jobId: 'old', conflict });
    expect(downloads.asking).toEqual({ jobId: 'old', conflict });

    await downloads.resolveConflict('old', 'cancel', true);
    expect(sent).toEqual([{ jobId: 'old', choice: 'cancel', remember: false }]);
    expect(downloads.asking).toEqual({ jobId: 'new', conflict });

    // A question that closed in main (the job was cancelled) closes here too.
    main.emit('downloads.conflict', { jobId: 'new', conflict: null });
    expect(downloads.asking).toBeNull();
  });
});
