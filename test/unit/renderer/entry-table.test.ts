import { render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { ArchiveEntry } from '../../../shared/api/archive';
import EntryTable from '../../../renderer/src/components/EntryTable.svelte';
import { duplicateNames } from '../../../renderer/src/lib/duplicates';

function entry(name: string): ArchiveEntry {
  return { name, size: 5, compressedSize: 5, modified: null, directory: false, encrypted: false, unsafe: null, flags: [] };
}

describe('EntryTable', () => {
  it('lists two entries of one name, each flagged, instead of failing', () => {
    const entries = [entry('same.txt'), entry('same.txt'), entry('other.txt')];
    render(EntryTable, {
      entries,
      limit: 500,
      selected: new Set<string>(),
      duplicates: duplicateNames(entries),
      sortKey: 'name',
      sortAscending: true,
      onsort: vi.fn(),
      ontoggle: vi.fn(),
      selectable: { count: 3, selected: 0 },
      ontoggleall: vi.fn(),
      onopen: vi.fn(),
    });
    const rows = screen.getAllByTestId('archive-entry');
    expect(rows).toHaveLength(3);
    expect(rows.filter((row) => row.textContent?.includes('duplicate name'))).toHaveLength(2);
    expect(screen.getByRole('columnheader', { name: 'Actions' })).toBeInTheDocument();
  });

  it('offers Open on files only, and not while a job runs', () => {
    const entries = [entry('a.txt'), { ...entry('folder/'), directory: true }];
    const props = { entries, limit: 500, selected: new Set<string>(), duplicates: new Set<string>(), sortKey: 'name' as const, sortAscending: true, onsort: vi.fn(), ontoggle: vi.fn(), selectable: { count: 1, selected: 0 }, ontoggleall: vi.fn(), onopen: vi.fn() };
    const { unmount } = render(EntryTable, props);
    expect(screen.getAllByRole('button', { name: /^Open / }).map((button) => button.getAttribute('aria-label'))).toEqual(['Open a.txt']);
    expect(screen.getByRole('button', { name: 'Open a.txt' })).toBeEnabled();
    unmount();
    render(EntryTable, { ...props, disabled: true });
    expect(screen.getByRole('button', { name: 'Open a.txt' })).toBeDisabled();
  });
});
