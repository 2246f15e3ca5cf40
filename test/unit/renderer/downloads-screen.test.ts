import { render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { DownloadJob } from '../../../shared/api/downloads';
import { downloads } from '../../../renderer/src/lib/downloads.svelte';
import DownloadsScreen from '../../../renderer/src/screens/DownloadsScreen.svelte';
import { installFakeExportManager } from './fake-export-manager';

/** A zip job as main pushes it when it starts: no headers yet, so no name. */
function runningZip(jobId: string): DownloadJob {
  return {
    jobId,
    profileId: 'sample',
    profileName: 'Sample backend',
    mode: 'zip',
    itemCount: 3,
    state: 'running',
    startedAt: '2026-01-01T10:00:00.000Z',
    finishedAt: null,
    filename: null,
    progress: null,
    result: null,
    error: null,
  };
}

let stop: (() => void) | undefined;
afterEach(() => stop?.());

describe('DownloadsScreen', () => {
  it('shows a running zip’s file name as soon as downloads.named arrives', async () => {
    const main = installFakeExportManager();
    stop = downloads.connect();
    render(DownloadsScreen);
    main.emit('downloads.started', runningZip('job-1'));
    await tick();
    const card = screen.getByTestId('download-job');
    expect(card).toHaveTextContent('Zip archive');

    main.emit('downloads.named', { jobId: 'job-1', filename: 'Canvas exports – sample.zip' });
    await tick();
    expect(card).toHaveTextContent('Canvas exports – sample.zip');
    expect(card).not.toHaveTextContent('Zip archive');
    expect(screen.getByTestId('job-state')).toHaveTextContent('Downloading');

    main.emit('downloads.progress', { jobId: 'job-1', bytes: 1024, total: 4096, bytesPerSecond: 2048, etaSeconds: 2 });
    await tick();
    expect(card).toHaveTextContent('Canvas exports – sample.zip');
  });

  it('keeps a name that arrived while the list was on its way', async () => {
    let answerList: (jobs: DownloadJob[]) => void = () => {};
    const main = installFakeExportManager({ 'downloads.list': () => new Promise((resolve) => (answerList = resolve)) });
    stop = downloads.connect();
    render(DownloadsScreen);
    const loading = downloads.load();
    main.emit('downloads.started', runningZip('job-2'));
    main.emit('downloads.named', { jobId: 'job-2', filename: 'late-list.zip' });
    // The list was read before the headers came in.
    answerList([runningZip('job-2')]);
    await loading;
    await tick();
    const card = screen.getAllByTestId('download-job').find((element) => element.textContent?.includes('late-list.zip'));
    expect(card).toBeDefined();
  });

  it('stops following every download event once connect’s cleanup runs', () => {
    const main = installFakeExportManager();
    const disconnect = downloads.connect();
    const events = ['downloads.started', 'downloads.named', 'downloads.progress', 'downloads.finished'] as const;
    expect(events.map((name) => main.listeners(name))).toEqual([1, 1, 1, 1]);
    disconnect();
    expect(events.map((name) => main.listeners(name))).toEqual([0, 0, 0, 0]);
  });
});
