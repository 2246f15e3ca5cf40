import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrackedExport, TrackedPage } from '../../../shared/api/tracked';
import { tracked } from '../../../renderer/src/lib/tracked.svelte';
import { installFakeExportManager } from './fake-export-manager';

const ITEMS: TrackedExport[] = Array.from({ length: 3 }, (_, i) => ({
  id: `id-${i}`,
  sourceFileUrl: `https://cdn.example.com/file-${i}.pdf`,
  label: `file-${i}.pdf`,
  addedAt: '2026-01-01T10:00:00.000Z',
}));

let calls: Array<{ filter?: string; limit?: number }> = [];
let profile = 0;
let restored: TrackedExport[] = [];
let matchingCalls = 0;

beforeEach(async () => {
  vi.useFakeTimers();
  calls = [];
  restored = [];
  installFakeExportManager({
    'tracked.list': (payload): TrackedPage => {
      const query = payload as { filter?: string; limit?: number };
      calls.push(query);
      const items = ITEMS.filter((item) => !query.filter || item.label.includes(query.filter));
      return { items, total: items.length };
    },
    'tracked.remove': (payload) => {
      const removed = ITEMS.filter((item) => (payload as { ids: string[] }).ids.includes(item.id));
      return { removed: removed.length, items: removed };
    },
    'tracked.matching': (payload) => {
      const { filter, among } = payload as { filter: string; among?: string[] };
      if (!among) matchingCalls++;
      const ids = ITEMS.filter((item) => item.label.includes(filter) && (!among || among.includes(item.id))).map((item) => item.id);
      return { ids };
    },
    'tracked.add': () => ({ lines: [], added: 1, duplicates: 0, invalid: 0 }),
    'tracked.restore': (payload) => {
      restored.push(...(payload as { items: TrackedExport[] }).items);
      return { restored: (payload as { items: TrackedExport[] }).items.length };
    },
  });
  // A profile of its own per test: the state is the app's single instance.
  await tracked.show(`profile-${++profile}`);
  tracked.setFilter('');
  await vi.advanceTimersByTimeAsync(1_000);
  calls = [];
});

afterEach(() => vi.useRealTimers());

describe('tracked state', () => {
  it('asks once for a keystroke after a pause, and once more when a burst settles', async () => {
    tracked.setFilter('f');
    expect(calls.map((call) => call.filter)).toEqual(['f']);
    tracked.setFilter('fi');
    tracked.setFilter('fil');
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(calls.map((call) => call.filter)).toEqual(['f', 'fil']);
  });

  it('keeps the selection across a filter change and says how much of it the filter hides', async () => {
    tracked.toggle(ITEMS[0]!);
    tracked.toggle(ITEMS[2]!);
    expect(tracked.scope).toEqual({ kind: 'selected', count: 2 });
    tracked.setFilter('file-2');
    await vi.advanceTimersByTimeAsync(200);
    expect(tracked.selection).toEqual({ count: 2, onPage: 1, onOtherPages: 0, hidden: 1 });
    // What is acted on is still the whole selection, as the footer says.
    expect(tracked.exportScope).toEqual({ ids: [ITEMS[0]!.id, ITEMS[2]!.id] });
    tracked.clearSelection();
    expect(tracked.scope).toEqual({ kind: 'filtered', count: 1 });
    // Main resolves the filter: the window sends it, not every id it matches.
    expect(tracked.exportScope).toEqual({ filter: 'file-2' });
  });

  it('selects every export the filter matches at once, as a filter main resolves, with no ids asked for', async () => {
    tracked.setFilter('file-');
    await vi.advanceTimersByTimeAsync(200);
    matchingCalls = 0;
    tracked.selectAllMatching();
    expect(matchingCalls).toBe(0);
    expect(tracked.scope).toEqual({ kind: 'selected', count: 3 });
    expect(ITEMS.every((item) => tracked.isSelected(item.id))).toBe(true);
    expect(tracked.selection).toEqual({ count: 3, onPage: 3, onOtherPages: 0, hidden: 0 });
    expect(tracked.exportScope).toEqual({ filter: 'file-' });
    tracked.clearSelection();
    expect(tracked.isSelected(ITEMS[0]!.id)).toBe(false);
    expect(tracked.scope).toEqual({ kind: 'filtered', count: 3 });
  });

  it('after selecting every match, unselecting one row asks main for their ids once and keeps the others', async () => {
    tracked.selectAllMatching();
    tracked.toggle(ITEMS[1]!);
    await vi.advanceTimersByTimeAsync(0);
    expect(matchingCalls).toBe(1);
    expect(tracked.exportScope).toEqual({ ids: [ITEMS[0]!.id, ITEMS[2]!.id] });
    expect(tracked.scope).toEqual({ kind: 'selected', count: 2 });
  });

  it('after selecting every match, a filter change keeps them selected, as ids, and says how many it hides', async () => {
    tracked.selectAllMatching();
    tracked.setFilter('file-2');
    await vi.advanceTimersByTimeAsync(200);
    expect(tracked.exportScope).toEqual({ ids: ITEMS.map((item) => item.id) });
    expect(tracked.selection).toEqual({ count: 3, onPage: 1, onOtherPages: 0, hidden: 2 });
  });

  it('after selecting every match, Remove takes every one of them, by id, for Undo to put back', async () => {
    tracked.selectAllMatching();
    expect(await tracked.removeSelected()).toBe(true);
    expect(tracked.removed).toEqual({ count: 3, items: ITEMS });
    expect(tracked.scope.kind).toBe('all');
  });

  it('acts on every export (the empty filter) with neither selection nor filter', () => {
    expect(tracked.scope.kind).toBe('all');
    expect(tracked.exportScope).toEqual({ filter: '' });
  });

  it('acts on the selected ids, on every page, when rows are selected', () => {
    tracked.toggle(ITEMS[0]!);
    tracked.toggle(ITEMS[1]!);
    expect(tracked.exportScope).toEqual({ ids: [ITEMS[0]!.id, ITEMS[1]!.id] });
  });

  it('keeps what main says a removal took, so Undo puts the same rows back as they were', async () => {
    tracked.toggle(ITEMS[1]!);
    expect(await tracked.removeSelected()).toBe(true);
    expect(tracked.removed).toEqual({ count: 1, items: [ITEMS[1]] });
    await tracked.undoRemove();
    expect(restored).toEqual([ITEMS[1]]);
    expect(tracked.removed).toBeNull();
  });
});
