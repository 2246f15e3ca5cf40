import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { DownloadJob, ZipPart } from '../../../shared/api/downloads';
import JobCard from '../../../renderer/src/components/JobCard.svelte';

function part(n: number): ZipPart {
  const filename = `Exports (part ${n} of 3).zip`;
  return { part: n, path: `/home/u/Downloads/${filename}`, fileId: `f${n}`, bytes: 1024 * n, entries: 4, filename };
}

function splitJob(state: DownloadJob['state'], saved: ZipPart[], extra: Partial<DownloadJob> = {}): DownloadJob {
  return {
    jobId: 'job-split',
    profileId: 'prod',
    profileName: 'Production',
    mode: 'zip',
    itemCount: 10,
    state,
    startedAt: '2026-01-01T10:00:00.000Z',
    finishedAt: '2026-01-01T10:00:05.000Z',
    filename: 'Exports.zip',
    progress: null,
    result: {
      mode: 'zip', parts: saved, partCount: 3, filenameSource: 'content-disposition',
      bytes: saved.reduce((sum, p) => sum + p.bytes, 0), entries: saved.reduce((sum, p) => sum + p.entries, 0),
    },
    error: null,
    ...extra,
  };
}

describe('JobCard for a zip split into parts', () => {
  it('says "Saved as 3 parts" and lists each part with its own Show in folder and Inspect', async () => {
    const onreveal = vi.fn();
    const oninspect = vi.fn();
    render(JobCard, { job: splitJob('succeeded', [part(1), part(2), part(3)]), oncancel: vi.fn(), onreveal, oninspect });
    expect(screen.getByTestId('zip-parts-summary')).toHaveTextContent('Saved as 3 parts');
    const rows = screen.getAllByTestId('zip-part');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent('Exports (part 2 of 3).zip');
    await fireEvent.click(within(rows[1]!).getByRole('button', { name: 'Show in folder: part 2 of 3' }));
    expect(onreveal).toHaveBeenCalledWith('f2');
    await fireEvent.click(screen.getByRole('button', { name: 'Inspect part 3 of 3' }));
    expect(oninspect).toHaveBeenCalledWith({ id: 'f3', path: '/home/u/Downloads/Exports (part 3 of 3).zip' });
    expect(screen.getByTestId('zip-contained')).toHaveTextContent('Asked for 10 exports; the 3 parts hold 12 files.');
  });

  it('after a failure in part 2, shows the error and still lists part 1 as kept', () => {
    const error = { kind: 'server' as const, status: 500, message: 'Part 2 of 3 failed: The backend failed (500). Kept part 1: Exports (part 1 of 3).zip.' };
    render(JobCard, { job: splitJob('failed', [part(1)], { error }), oncancel: vi.fn(), onreveal: vi.fn() });
    expect(screen.getByRole('alert')).toHaveTextContent('Part 2 of 3 failed');
    expect(screen.getAllByTestId('zip-part')).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Show in folder: part 1 of 3' })).toBeInTheDocument();
  });

  it('after a cancel, says what was kept instead of "nothing was saved"', () => {
    const error = { kind: 'cancelled' as const, message: 'The download was cancelled during part 3 of 3. Kept parts 1–2: a, b.' };
    render(JobCard, { job: splitJob('cancelled', [part(1), part(2)], { error }), oncancel: vi.fn() });
    expect(screen.getByRole('article')).toHaveTextContent('cancelled during part 3 of 3');
    expect(screen.getByRole('article')).not.toHaveTextContent('nothing was saved');
    expect(screen.getAllByTestId('zip-part')).toHaveLength(2);
  });

  it('a split zip that stopped part-way offers "Resume from part k" where Retry was; one that saved nothing offers Retry', async () => {
    const onretry = vi.fn();
    const error = { kind: 'server' as const, status: 500, message: 'Part 3 of 3 failed.' };
    const { unmount } = render(JobCard, { job: splitJob('failed', [part(1), part(2)], { error }), oncancel: vi.fn(), onretry });
    await fireEvent.click(screen.getByRole('button', { name: 'Resume from part 3' }));
    expect(onretry).toHaveBeenCalledWith(expect.objectContaining({ jobId: 'job-split' }));
    expect(screen.queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
    unmount();
    const cancelled = { kind: 'cancelled' as const, message: 'Cancelled during part 2 of 3.' };
    render(JobCard, { job: splitJob('cancelled', [part(1)], { error: cancelled }), oncancel: vi.fn(), onretry });
    expect(screen.getByRole('button', { name: 'Resume from part 2' })).toBeInTheDocument();
  });

  it('a failed zip with no part saved offers Retry', () => {
    const error = { kind: 'server' as const, status: 500, message: 'Part 1 of 3 failed.' };
    render(JobCard, { job: splitJob('failed', [], { error }), oncancel: vi.fn(), onretry: vi.fn() });
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Resume/ })).not.toBeInTheDocument();
  });

  it('shows which part is running and fills the bar across parts', () => {
    const progress = { jobId: 'job-split', bytes: 50, total: 100, bytesPerSecond: 10, etaSeconds: 5, part: 2, parts: 3 };
    render(JobCard, { job: { ...splitJob('running', [part(1)]), result: null, progress }, oncancel: vi.fn() });
    expect(screen.getByTestId('job-bytes')).toHaveTextContent(/^Part 2 of 3 ·/);
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '50');
  });
});

describe('JobCard says how a zip\'s body was read', () => {
  it('by the app\'s own downloader, by the general client for some parts, or nothing for parts kept from before', () => {
    const fast = (n: number): ZipPart => ({ ...part(n), bodyPath: 'fast' });
    const { unmount } = render(JobCard, { job: splitJob('succeeded', [fast(1), fast(2), fast(3)]), oncancel: vi.fn() });
    expect(screen.getByTestId('body-path')).toHaveTextContent('Read by the app’s own downloader');
    unmount();
    const mixed = render(JobCard, { job: splitJob('succeeded', [fast(1), { ...part(2), bodyPath: 'got' }, part(3)]), oncancel: vi.fn() });
    expect(screen.getByTestId('body-path')).toHaveTextContent('1 of 2 parts read by the general HTTP client');
    mixed.unmount();
    render(JobCard, { job: splitJob('succeeded', [part(1), part(2), part(3)]), oncancel: vi.fn() });
    expect(screen.queryByTestId('body-path')).not.toBeInTheDocument();
  });
});
