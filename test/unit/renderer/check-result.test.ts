import { render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { DownloadJob } from '../../../shared/api/downloads';
import CheckResult from '../../../renderer/src/components/CheckResult.svelte';

const job: DownloadJob = {
  jobId: 'j1',
  profileId: 'p1',
  profileName: 'Sample backend',
  mode: 'urls',
  itemCount: 2,
  state: 'succeeded',
  startedAt: '2026-12-02T10:00:00Z',
  finishedAt: '2026-12-02T10:00:01Z',
  filename: null,
  progress: null,
  result: { mode: 'urls', exportedUrls: ['https://files.example/a.png'], skipped: [{ sourceFileUrl: 'skip-strings', raw: '"skip-strings"', reason: 'not registered' }] },
  error: null,
  check: true,
};

describe('CheckResult', () => {
  it('says each skipped export and its reason apart, with a space before the dash', () => {
    render(CheckResult, { job, ondownload: vi.fn(), onclose: vi.fn() });
    expect(screen.getByRole('listitem').textContent).toBe('skip-strings — not registered');
  });
});
