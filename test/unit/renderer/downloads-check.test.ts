import { afterEach, describe, expect, it } from 'vitest';
import type { DownloadJob } from '../../../shared/api/downloads';
import { downloads } from '../../../renderer/src/lib/downloads.svelte';
import { splitConfirm } from '../../../renderer/src/lib/split-confirm.svelte';
import { installFakeExportManager } from './fake-export-manager';

function checkJob(jobId: string, profileId: string): DownloadJob {
  return {
    jobId, profileId, profileName: profileId, mode: 'urls', itemCount: 2, state: 'succeeded', check: true,
    startedAt: '2026-01-01T10:00:00.000Z', finishedAt: '2026-01-01T10:00:01.000Z', filename: null, progress: null,
    result: { mode: 'urls', exportedUrls: ['https://cdn/a.png'], skipped: [{ sourceFileUrl: 'https://x/b.png', reason: 'Export not found', raw: '{}' }] },
    error: null, exportIds: ['1', '2'],
  };
}

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  downloads.dismissCheck();
});

describe('the check on the Exports screen', () => {
  it('answers only about its own profile and scope, and its download names the check, not ids', async () => {
    const started: unknown[] = [];
    const main = installFakeExportManager({
      'downloads.check': () => ({ jobId: 'check-1' }),
      'downloads.plan': () => ({ profileName: 'A', exports: 1, maxBatchSize: null, parts: 1, asks: true, folder: '/d' }),
      'downloads.start': (payload) => {
        started.push(payload);
        return { jobId: 'zip-1' };
      },
    });
    stop = downloads.connect();
    expect(await downloads.check('profile-a', { filter: 'report' })).toBe('check-1');
    main.emit('downloads.finished', checkJob('check-1', 'profile-a'));
    expect(downloads.checkFor('profile-a', { filter: ' report ' })?.jobId).toBe('check-1');
    // After switching profile, or with another scope on screen, there is no answer to act on.
    expect(downloads.checkFor('profile-b', { filter: 'report' })).toBeNull();
    expect(downloads.checkFor('profile-a', { filter: 'other' })).toBeNull();
    expect(downloads.checkFor('profile-a', { ids: ['1'] })).toBeNull();
    expect(await downloads.downloadChecked()).toBe('zip-1');
    expect(started).toEqual([{ profileId: 'profile-a', mode: 'zip', scope: { checkJobId: 'check-1' } }]);
  });

  it('is dropped when its profile\'s exports change, and kept when another profile\'s do', async () => {
    const main = installFakeExportManager({ 'downloads.check': () => ({ jobId: 'check-2' }) });
    stop = downloads.connect();
    await downloads.check('profile-a', { ids: ['2', '1'] });
    main.emit('downloads.finished', checkJob('check-2', 'profile-a'));
    expect(downloads.checkFor('profile-a', { ids: ['1', '2'] })?.jobId).toBe('check-2');
    main.emit('tracked.changed', { profileId: 'profile-b' });
    expect(downloads.checkFor('profile-a', { ids: ['1', '2'] })).not.toBeNull();
    main.emit('tracked.changed', { profileId: 'profile-a' });
    expect(downloads.checkFor('profile-a', { ids: ['1', '2'] })).toBeNull();
  });

  it('confirms a split with the plan main gave, and starts nothing when the person declines', async () => {
    const plan = { profileName: 'A', exports: 30, maxBatchSize: 10, parts: 3, asks: false, folder: '/data/exports' };
    const started: unknown[] = [];
    installFakeExportManager({ 'downloads.plan': () => plan, 'downloads.start': (payload) => (started.push(payload), { jobId: 'z' }) });
    const answer = downloads.start('profile-a', 'zip', { filter: '' });
    await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(splitConfirm.pending).toEqual(plan);
    splitConfirm.answer(false);
    expect(await answer).toBeNull();
    expect(started).toEqual([]);
  });
});
