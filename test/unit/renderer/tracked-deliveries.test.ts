import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrackedExport, TrackedPage } from '../../../shared/api/tracked';
import { tracked } from '../../../renderer/src/lib/tracked.svelte';
import { installFakeExportManager } from './fake-export-manager';
import type { FakeMain } from './fake-export-manager';

const ITEMS: TrackedExport[] = Array.from({ length: 3 }, (_, i) => ({
  id: `id-${i}`,
  sourceFileUrl: `https://cdn.example.com/file-${i}.pdf`,
  label: `file-${i}.pdf`,
  addedAt: '2026-01-01T10:00:00.000Z',
  ...(i === 0 ? { delivery: { at: '2026-01-02T10:00:00.000Z', jobId: 'j', file: '/x.zip', how: 'zip' as const } } : {}),
}));

type Query = { undelivered?: boolean; countNew?: boolean; filter?: string };
let calls: Query[] = [];
let matchingCalls: Array<{ undelivered?: boolean }> = [];
let main: FakeMain;
let profile = 0;
let disconnect: () => void = () => {};

beforeEach(async () => {
  calls = [];
  matchingCalls = [];
  main = installFakeExportManager({
    'tracked.list': (payload): TrackedPage => {
      const query = payload as Query;
      calls.push(query);
      const items = ITEMS.filter((item) => !query.undelivered || !item.delivery);
      return { items, total: items.length, ...(query.countNew ? { newCount: ITEMS.filter((item) => !item.delivery).length } : {}) };
    },
    'tracked.matching': (payload) => {
      const query = payload as { undelivered?: boolean; among?: string[] };
      matchingCalls.push(query);
      return { ids: ITEMS.filter((item) => (!query.undelivered || !item.delivery) && (!query.among || query.among.includes(item.id))).map((item) => item.id) };
    },
  });
  await tracked.show(`profile-${++profile}`);
});

afterEach(() => {
  disconnect();
  disconnect = () => {};
});

describe('tracked state and deliveries', () => {
  it('learns how many exports are new in the first page’s answer, and not again on a keystroke', async () => {
    expect(calls).toEqual([expect.objectContaining({ countNew: true })]);
    expect(tracked.newCount).toBe(2);
    tracked.setFilter('file');
    expect(calls[1]?.countNew).toBeUndefined();
    expect(tracked.newCount).toBe(2);
  });

  it('"Not delivered yet" narrows the list, the footer’s scope and what a download sends, and keeps the selection', async () => {
    tracked.toggle(ITEMS[0]!);
    tracked.setUndelivered(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls.at(-1)).toMatchObject({ undelivered: true });
    expect(tracked.items.map((item) => item.id)).toEqual(['id-1', 'id-2']);
    // The delivered one stays selected, hidden by the filter, and a download takes it.
    expect(matchingCalls.at(-1)).toMatchObject({ undelivered: true });
    expect(tracked.selection).toMatchObject({ count: 1, hidden: 1 });
    expect(tracked.exportScope).toEqual({ ids: ['id-0'] });
    tracked.clearSelection();
    expect(tracked.scope).toEqual({ kind: 'filtered', count: 2 });
    expect(tracked.exportScope).toEqual({ filter: '', undelivered: true });
    expect(tracked.newScope).toEqual({ filter: '', undelivered: true });
  });

  it('follows a download’s deliveries (tracked.delivered) with the page and the count, for its own profile only', async () => {
    disconnect = tracked.connect();
    calls = [];
    main.emit('tracked.delivered', { profileId: 'someone-else' });
    expect(calls).toEqual([]);
    main.emit('tracked.delivered', { profileId: `profile-${profile}` });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toEqual([expect.objectContaining({ countNew: true })]);
  });

  it('opens another profile with "Not delivered yet" off', async () => {
    tracked.setUndelivered(true);
    await tracked.show(`profile-${++profile}`);
    expect(tracked.undelivered).toBe(false);
    expect(tracked.exportScope).toEqual({ filter: '' });
  });
});
