import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArchiveJobOf, ArchiveListing, ArchiveOp, ArchiveProgress, ArchiveResults } from '../../../shared/api/archive';
import VerifyPanel from '../../../renderer/src/components/VerifyPanel.svelte';
import { confirmation } from '../../../renderer/src/lib/confirmation.svelte';
import { archive } from '../../../renderer/src/lib/archive.svelte';
import ArchiveScreen from '../../../renderer/src/screens/ArchiveScreen.svelte';
import { installFakeExportManager, type FakeAnswers, type FakeMain } from './fake-export-manager';

/** A job record as main pushes it. */
function job<Op extends ArchiveOp>(op: Op, jobId: string, changes: Partial<ArchiveJobOf<Op>> = {}): ArchiveJobOf<Op> {
  return {
    jobId, op, fileId: 'file-1', zipName: 'exports.zip', state: 'running', startedAt: '2026-01-01T10:00:00.000Z',
    finishedAt: null, progress: null, result: null, error: null, ...changes,
  };
}
/** A progress report of job `jobId`. */
function progress(jobId: string, entriesDone: number, entriesTotal: number, entry: string | null = 'a.png'): ArchiveProgress {
  return { jobId, entriesDone, entriesTotal, bytesDone: entriesDone * 10, bytesTotal: entriesTotal * 10, entry };
}
const VERIFIED: ArchiveResults['verify'] = { ok: false, checked: 3, failed: [{ name: 'b.txt', reason: 'CRC mismatch' }] };

describe('VerifyPanel', () => {
  it('counts entries with thousands separators, moves its bar, and cancels', async () => {
    const oncancel = vi.fn();
    render(VerifyPanel, { running: { op: 'verify', jobId: 'j', progress: progress('j', 1_500, 10_000) }, ended: null, oncancel });
    expect(screen.getByRole('progressbar', { name: 'Verify progress' })).toHaveAttribute('aria-valuenow', '15');
    expect(screen.getByTestId('verify-count')).toHaveTextContent('Verifying 1,500 of 10,000 entries…');
    // The live region says that it runs, not every tick of the count.
    expect(screen.getByRole('status')).toHaveTextContent('Verifying the archive.');
    expect(screen.getByRole('status')).not.toHaveTextContent('1,500');
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel verify' }));
    expect(oncancel).toHaveBeenCalledOnce();
  });

  it('waits for its id before offering Cancel, and for its first report before counting', () => {
    render(VerifyPanel, { running: { op: 'verify', jobId: null, progress: null }, ended: null, oncancel: vi.fn() });
    expect(screen.getByRole('button', { name: 'Cancel verify' })).toBeDisabled();
    expect(screen.getByTestId('verify-count')).toHaveTextContent(/^Verifying…$/);
    expect(screen.getByRole('progressbar')).not.toHaveAttribute('aria-valuenow');
  });

  it('lists the entries that failed, and says when it was cancelled', () => {
    const { unmount } = render(VerifyPanel, { running: null, ended: job('verify', 'j', { state: 'succeeded', result: VERIFIED }), oncancel: vi.fn() });
    expect(screen.getByTestId('verify-report')).toHaveTextContent('1 entry of 3 failed the check');
    expect(screen.getByTestId('verify-report')).toHaveTextContent('b.txt — CRC mismatch');
    unmount();
    render(VerifyPanel, { running: null, ended: job('verify', 'j', { state: 'cancelled', error: { kind: 'cancelled', message: 'Verification was cancelled.' } }), oncancel: vi.fn() });
    expect(screen.getByTestId('verify-report')).toHaveTextContent('Verification was cancelled');
  });
});

describe('the Inspect screen following archive jobs (fake main)', () => {
  const LISTING: ArchiveListing = {
    path: '/downloads/exports.zip', count: 100_000, totalSize: 1_000_000, totalCompressedSize: 500_000, comment: null, warnings: [], manifest: null,
    entries: [{ name: 'a.png', size: 10, compressedSize: 5, modified: null, directory: false, encrypted: false, unsafe: null, flags: [] }],
  };
  let main: FakeMain;
  const calls: Array<{ name: string; payload: unknown }> = [];
  let stop: (() => void) | undefined;

  /** The fake main with a zip listed on the screen; `answers` add to the archive calls it answers. */
  async function openScreen(answers: FakeAnswers): Promise<void> {
    const recorded = (name: string, answer: (payload: unknown) => unknown) => (payload: unknown) => {
      calls.push({ name, payload });
      return answer(payload);
    };
    main = installFakeExportManager({
      'archive.list': () => LISTING,
      'archive.chooseFolder': () => ({ id: 'folder-1', path: '/out', name: 'out' }),
      'archive.cancel': recorded('archive.cancel', () => ({ cancelled: true })) as FakeAnswers['archive.cancel'],
      ...Object.fromEntries(Object.entries(answers).map(([name, answer]) => [name, recorded(name, answer as (payload: unknown) => unknown)])),
    });
    stop = archive.connect();
    render(ArchiveScreen);
    await archive.open({ id: 'file-1', path: LISTING.path });
  }

  beforeEach(() => {
    calls.length = 0;
  });
  afterEach(() => stop?.());

  it('shows an extraction counting entries with a bar and Cancel, other actions disabled, then the partial report of a cancel', async () => {
    await openScreen({ 'archive.extract': () => ({ jobId: 'x1' }) });
    const extracting = archive.extract(false);
    await waitFor(() => expect(calls.map((call) => call.name)).toContain('archive.extract'));
    main.emit('archive.started', job('extract', 'x1'));
    main.emit('archive.progress', progress('x1', 12_345, 100_000, 'part-1/item-12345.txt'));
    await waitFor(() => expect(screen.getByTestId('extract-count')).toHaveTextContent('Extracting 12,345 of 100,000 entries…'));
    expect(screen.getByRole('progressbar', { name: 'Extraction progress' })).toHaveAttribute('aria-valuenow', '12');
    for (const name of [/Open zip/, 'Verify', 'Extract all…', 'Open a.png']) expect(screen.getByRole('button', { name })).toBeDisabled();
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel extraction' }));
    expect(calls.find((call) => call.name === 'archive.cancel')?.payload).toEqual({ jobId: 'x1' });

    const written = ['part-0/item-0.txt', 'part-1/item-1.txt'];
    main.emit('archive.finished', job('extract', 'x1', {
      state: 'cancelled',
      progress: progress('x1', 12_346, 100_000, null),
      error: { kind: 'cancelled', message: 'Extraction was cancelled.' },
      result: { destination: '/out/exports', destinationId: 'folder-2', extracted: written, refused: [], renamed: [] },
    }));
    await extracting;
    const report = await screen.findByTestId('extract-report');
    expect(report).toHaveTextContent('Cancelled after 12,346 of 100,000 entries; these were written into');
    expect(screen.getByTestId('written')).toHaveTextContent('part-0/item-0.txt');
    expect(screen.getByTestId('written')).toHaveTextContent('part-1/item-1.txt');
    expect(screen.queryByTestId('extract-progress')).toBeNull();
    expect(screen.getByRole('button', { name: 'Extract all…' })).toBeEnabled();
    // A cancel the person asked for is a report, not an error.
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('follows a verify whose events, its end included, came before the call answered', async () => {
    await openScreen({
      'archive.verify': () => {
        main.emit('archive.started', job('verify', 'v1'));
        main.emit('archive.progress', progress('v1', 100_000, 100_000, null));
        main.emit('archive.finished', job('verify', 'v1', { state: 'succeeded', result: { ok: true, checked: 100_000, failed: [] } }));
        return { jobId: 'v1' };
      },
    });
    await archive.verify();
    expect(screen.getByTestId('verify-report')).toHaveTextContent('All 100,000 entries read back intact.');
    expect(screen.getByRole('button', { name: 'Verify' })).toBeEnabled();
  });

  it('asks about a zip-bomb refusal that ends the job, and runs it again with allowLarge once confirmed', async () => {
    const limit = { kind: 'archive' as const, message: 'Not extracted: over a safety limit against zip bombs.', extractLimit: true as const };
    let runs = 0;
    await openScreen({
      'archive.extract': () => {
        const jobId = `x${++runs}`;
        const end = runs === 1
          ? job('extract', jobId, { state: 'failed', error: limit })
          : job('extract', jobId, { state: 'succeeded', result: { destination: '/out/exports', destinationId: 'folder-2', extracted: ['zeros.bin'], refused: [], renamed: [] } });
        queueMicrotask(() => main.emit('archive.finished', end));
        return { jobId };
      },
    });
    const extracting = archive.extract(false);
    // Asked in the app's own dialog, with the refusal's words, before anything runs again.
    await vi.waitFor(() => expect(confirmation.pending).not.toBeNull());
    expect(confirmation.pending).toMatchObject({ title: 'Extract this archive anyway?', message: expect.stringContaining('safety limit'), confirm: 'Extract anyway' });
    confirmation.answer(true);
    await extracting;
    expect(calls.filter((call) => call.name === 'archive.extract').map((call) => (call.payload as { allowLarge?: boolean }).allowLarge)).toEqual([undefined, true]);
    expect(await screen.findByTestId('extract-report')).toHaveTextContent('Extracted 1 entry');
  });
});
