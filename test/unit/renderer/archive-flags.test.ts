import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ArchiveEntry, ArchiveListing } from '../../../shared/api/archive';
import EntryTable from '../../../renderer/src/components/EntryTable.svelte';
import { archive } from '../../../renderer/src/lib/archive.svelte';
import ArchiveScreen from '../../../renderer/src/screens/ArchiveScreen.svelte';
import { installFakeExportManager } from './fake-export-manager';

function entry(name: string, flags: ArchiveEntry['flags'] = []): ArchiveEntry {
  return { name, size: 412, compressedSize: 412, modified: null, directory: false, encrypted: false, unsafe: null, flags };
}

const STUB_REASON = 'says .png but holds an HTML page (412 bytes): “502 Bad Gateway” — likely an error page the server saved in its place';

function listing(changes: Partial<ArchiveListing> = {}): ArchiveListing {
  const entries = [entry('cover.png', [{ kind: 'error-stub', reason: STUB_REASON }]), entry('page-01.png'), entry('notes.txt')];
  return { path: '/downloads/exports.zip', count: entries.length, totalSize: 1_236, totalCompressedSize: 1_236, comment: null, entries, warnings: [], manifest: null, ...changes };
}

/** The Inspect screen with `answer` as the listing main gives. */
async function openScreen(answer: ArchiveListing): Promise<void> {
  installFakeExportManager({ 'archive.list': () => answer });
  render(ArchiveScreen);
  await archive.open({ id: 'file-1', path: answer.path });
}

describe('EntryTable: flagged entries', () => {
  it('shows each flag under the name, its kind in words and its whole reason, with a decorative icon', () => {
    render(EntryTable, {
      entries: listing().entries,
      limit: 500,
      selected: new Set<string>(),
      duplicates: new Set<string>(),
      sortKey: 'name',
      sortAscending: true,
      onsort: vi.fn(),
      ontoggle: vi.fn(),
      selectable: { count: 3, selected: 0 },
      ontoggleall: vi.fn(),
      onopen: vi.fn(),
    });
    const [flagged, plain] = screen.getAllByTestId('archive-entry');
    const flag = within(flagged!).getByTestId('entry-flag');
    expect(flag).toHaveAttribute('data-kind', 'error-stub');
    expect(flag).toHaveTextContent(`Error page: ${STUB_REASON}`);
    expect(flag.querySelector('svg')).toHaveAttribute('aria-hidden', 'true');
    expect(within(plain!).queryByTestId('entry-flag')).toBeNull();
    // A flag changes nothing about what can be done with the entry.
    expect(within(flagged!).getByRole('button', { name: 'Open cover.png' })).toBeEnabled();
  });

  it('describes the row\'s checkbox and Open button by its flags, so a screen reader says why where the entry is acted on', () => {
    const notUtf8 = { kind: 'not-utf8-name' as const, reason: 'name stored without the UTF-8 flag in a legacy code page: shown decoded as CP437' };
    render(EntryTable, {
      entries: [entry('cover.png', [{ kind: 'error-stub', reason: STUB_REASON }, notUtf8]), entry('page-01.png')],
      limit: 500,
      selected: new Set<string>(),
      duplicates: new Set<string>(),
      sortKey: 'name',
      sortAscending: true,
      onsort: vi.fn(),
      ontoggle: vi.fn(),
      selectable: { count: 2, selected: 0 },
      ontoggleall: vi.fn(),
      onopen: vi.fn(),
    });
    const described = `Error page: ${STUB_REASON} Name encoding: ${notUtf8.reason}`;
    expect(screen.getByRole('button', { name: 'Open cover.png' })).toHaveAccessibleDescription(described);
    expect(screen.getByRole('checkbox', { name: 'Select cover.png' })).toHaveAccessibleDescription(described);
    // The name stays the name: the flags describe, they do not rename.
    expect(screen.getByRole('button', { name: 'Open cover.png' })).toHaveAccessibleName('Open cover.png');
    expect(screen.getByRole('button', { name: 'Open page-01.png' })).not.toHaveAttribute('aria-describedby');
    expect(screen.getByRole('checkbox', { name: 'Select page-01.png' })).toHaveAccessibleDescription('');
  });
});

describe('the Inspect screen', () => {
  afterEach(() => archive.dismissError());

  it('says "Verify against manifest" when a manifest is beside the zip, naming it in the button\'s title; "Verify" otherwise', async () => {
    installFakeExportManager({
      'archive.list': (payload) => ((payload as { fileId: string }).fileId === 'with' ? listing({ manifest: 'exports.manifest.json' }) : listing()),
    });
    render(ArchiveScreen);
    await archive.open({ id: 'with', path: '/downloads/exports.zip' });
    const button = screen.getByTestId('verify-button');
    expect(button).toHaveAccessibleName('Verify against manifest');
    expect(button).toHaveAttribute('title', expect.stringContaining('exports.manifest.json'));
    await archive.open({ id: 'without', path: '/downloads/exports.zip' });
    await waitFor(() => expect(screen.getByTestId('verify-button')).toHaveAccessibleName('Verify'));
    expect(screen.getByTestId('verify-button')).toHaveAttribute('title', 'Read every entry back and check its CRC');
  });

  it('shows the archive\'s warnings, and narrows the entries to the flagged ones on request', async () => {
    await openScreen(listing({ warnings: [{ kind: 'missing-zip64', reason: 'The end record counts 4,464 entries but the central directory holds 70,000.' }] }));
    expect(screen.getByTestId('archive-warnings')).toHaveTextContent('Made without zip64 records: The end record counts 4,464 entries but the central directory holds 70,000.');
    expect(screen.getAllByTestId('archive-entry')).toHaveLength(3);
    const only = screen.getByRole('checkbox', { name: 'Only flagged (1)' });
    await fireEvent.click(only);
    await waitFor(() => expect(screen.getAllByTestId('archive-entry')).toHaveLength(1));
    expect(screen.getByTestId('archive-matches')).toHaveTextContent('1 of 3 match');
    // Opening another zip starts unnarrowed.
    await archive.open({ id: 'file-3', path: '/downloads/exports.zip' });
    expect(archive.onlyFlagged).toBe(false);
  });

  it('offers no "only flagged" filter and no warnings for a zip without either', async () => {
    await openScreen(listing({ entries: [entry('a.png')], count: 1 }));
    expect(screen.queryByTestId('archive-flagged')).toBeNull();
    expect(screen.queryByTestId('archive-warnings')).toBeNull();
  });
});
