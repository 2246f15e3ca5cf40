import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryItem } from '../../../shared/api/history';
import { downloads } from '../../../renderer/src/lib/downloads.svelte';
import HistoryScreen from '../../../renderer/src/screens/HistoryScreen.svelte';
import { installFakeExportManager } from './fake-export-manager';

function row(id: string, result: HistoryItem['result']): HistoryItem {
  return {
    id, jobId: `job-${id}`, when: '2026-01-01T10:00:00.000Z', profileId: 'prod', profileName: 'Production', itemCount: 6, mode: 'zip', result,
    errorKind: null, path: result === 'interrupted' ? '/home/u/Downloads/Exports (part 1 of 3).zip' : null, fileState: null, fileId: null, bytes: null,
    exportIds: ['1', '2'], sourceFileUrls: [], exportedUrlCount: null, urlsKept: false,
  };
}

let stop: (() => void) | undefined;
afterEach(() => stop?.());

describe('History of a job the app stopped under', () => {
  it('says "Interrupted" and offers Resume, which asks main to resume that job; other rows offer Re-run', async () => {
    const started: unknown[] = [];
    installFakeExportManager({
      'history.list': () => ({ items: [row('2', 'interrupted'), row('1', 'success')], total: 2, recorded: 2, profiles: [{ profileId: 'prod', profileName: 'Production' }] }),
      'downloads.start': (payload) => {
        started.push(payload);
        return { jobId: 'job-resumed' };
      },
    });
    stop = downloads.connect();
    render(HistoryScreen);
    const rows = await screen.findAllByTestId('history-row');
    expect(rows[0]).toHaveTextContent('Interrupted');
    expect(within(rows[0]!).queryByRole('button', { name: 'Re-run' })).not.toBeInTheDocument();
    expect(within(rows[1]!).getByRole('button', { name: 'Re-run' })).toBeInTheDocument();
    expect(within(rows[1]!).queryByRole('button', { name: 'Resume' })).not.toBeInTheDocument();
    await fireEvent.click(within(rows[0]!).getByRole('button', { name: 'Resume' }));
    await expect.poll(() => started).toEqual([{ profileId: 'prod', mode: 'zip', scope: { ids: ['1', '2'] }, resume: { jobId: 'job-2' } }]);
    expect(screen.getByRole('combobox', { name: 'Result' })).toHaveTextContent('Interrupted');
  });
});
