import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import SplitConfirmDialog from '../../../renderer/src/components/SplitConfirmDialog.svelte';

const plan = { profileName: 'Production', exports: 22_000, maxBatchSize: 2_000, parts: 11, asks: false, folder: '/home/u/Downloads' };

describe('SplitConfirmDialog', () => {
  it('names the first parts and the last, summarising the ones between, and answers yes or no', async () => {
    const onanswer = vi.fn();
    render(SplitConfirmDialog, { plan, onanswer });
    expect(screen.getByText(/at most 2,000 exports a request/)).toBeInTheDocument();
    const items = screen.getAllByRole('listitem').map((item) => item.textContent?.trim());
    expect(items).toEqual(['name (part 1 of 11).zip', 'name (part 2 of 11).zip', '…parts 3 to 10, named alike', 'name (part 11 of 11).zip']);
    // Where they go is main's answer (the plan), shown as it said.
    expect(screen.getByText('/home/u/Downloads')).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Download 11 parts' }));
    expect(onanswer).toHaveBeenCalledWith(true);
  });

  it('declines on Cancel', async () => {
    const onanswer = vi.fn();
    render(SplitConfirmDialog, { plan: { ...plan, parts: 2, exports: 3_000, asks: true }, onanswer });
    expect(screen.getByText(/You choose where part 1 goes/)).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onanswer).toHaveBeenCalledWith(false);
  });
});
