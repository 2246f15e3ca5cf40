import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { DownloadJob } from '../../../shared/api/downloads';
import JobCard from '../../../renderer/src/components/JobCard.svelte';

function failed(kind: 'unauthorized' | 'server', status: number): DownloadJob {
  return {
    jobId: 'job-9',
    profileId: 'prod',
    profileName: 'Production',
    mode: 'zip',
    itemCount: 10_000,
    state: 'failed',
    startedAt: '2026-01-01T10:00:00.000Z',
    finishedAt: '2026-01-01T10:00:01.000Z',
    filename: null,
    progress: null,
    result: null,
    error: { kind, status, message: 'The backend refused the request.' },
  };
}

describe('JobCard', () => {
  it('says a body that broke off is being asked for again: "retrying (2 of 3)"', () => {
    const progress = { jobId: 'job-9', bytes: 0, total: null, bytesPerSecond: 0, etaSeconds: null, attempt: 2, attempts: 3 };
    render(JobCard, { job: { ...failed('server', 502), state: 'running', finishedAt: null, error: null, progress }, oncancel: vi.fn(), onretry: vi.fn(), onprofile: vi.fn() });
    expect(screen.getByTestId('job-retrying')).toHaveTextContent('The download broke off; retrying (2 of 3)');
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeEnabled();
  });

  it('offers Retry and, for a refused key, Open profile, in words instead of the raw kind', async () => {
    const onretry = vi.fn();
    const onprofile = vi.fn();
    render(JobCard, { job: failed('unauthorized', 401), oncancel: vi.fn(), onretry, onprofile });
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The API key was rejected');
    expect(alert).not.toHaveTextContent('unauthorized');
    expect(screen.getByRole('article')).toHaveTextContent('10,000 exports');
    await fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onretry).toHaveBeenCalledWith(expect.objectContaining({ jobId: 'job-9' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Open profile' }));
    expect(onprofile).toHaveBeenCalledWith('prod');
  });

  it('offers no Open profile when the key is not the problem', () => {
    render(JobCard, { job: failed('server', 502), oncancel: vi.fn(), onretry: vi.fn(), onprofile: vi.fn() });
    expect(screen.getByRole('alert')).toHaveTextContent('The backend had a problem');
    expect(screen.queryByRole('button', { name: 'Open profile' })).toBeNull();
  });
});
