import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import VerifyPanel from '../../../renderer/src/components/VerifyPanel.svelte';

describe('VerifyPanel', () => {
  it('shows progress with thousands separators and cancels', async () => {
    const oncancel = vi.fn();
    render(VerifyPanel, { running: { jobId: 'j', done: 1_500, total: 10_000, entry: 'a.png' }, report: null, oncancel });
    expect(screen.getByRole('progressbar', { name: 'Verify progress' })).toHaveAttribute('aria-valuenow', '15');
    expect(screen.getByRole('status')).toHaveTextContent('Verifying 1,500 of 10,000 entries');
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel verify' }));
    expect(oncancel).toHaveBeenCalledOnce();
  });

  it('lists the entries that failed, and says when it was cancelled', () => {
    const { unmount } = render(VerifyPanel, {
      running: null,
      report: { ok: false, checked: 3, failed: [{ name: 'b.txt', reason: 'CRC mismatch' }] },
      oncancel: vi.fn(),
    });
    expect(screen.getByTestId('verify-report')).toHaveTextContent('1 entry of 3 failed the check');
    expect(screen.getByTestId('verify-report')).toHaveTextContent('b.txt — CRC mismatch');
    unmount();
    render(VerifyPanel, { running: null, report: 'cancelled', oncancel: vi.fn() });
    expect(screen.getByTestId('verify-report')).toHaveTextContent('Verification was cancelled');
  });
});
