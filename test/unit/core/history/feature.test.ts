import { describe, expect, it } from 'vitest';
import { createHistoryFeature } from '../../../../main/core/history/feature';
import { useStateFeatures } from '../../../helpers/state-features-fixture';

describe('the history feature', () => {
  const state = useStateFeatures();
  const h = () => state.handlers();

  it('lists, removes and clears history', async () => {
    for (let i = 0; i < 3; i++) {
      state.fx.store.history.record({
        jobId: `j${i}`, when: `2026-01-0${i + 1}T00:00:00.000Z`, profileId: 'p', profileName: 'P', itemCount: 1,
        mode: 'zip', result: 'success', errorKind: null, path: '/x.zip', bytes: 10, exportIds: null, sourceFileUrls: ['https://h/a'],
      });
    }
    const page = await h()['history.list']({ offset: 0, limit: 2 });
    expect(page.total).toBe(3);
    // The saved file comes with the id to show or inspect it.
    expect(state.deps.grants.resolve(page.items[0]!.fileId!, 'file')).toBe('/x.zip');
    expect(page.items.map((i) => i.jobId)).toEqual(['j2', 'j1']);
    expect(await h()['history.remove']({ id: page.items[0]!.id })).toEqual({ removed: true });
    expect(await h()['history.clear'](undefined)).toEqual({ removed: 2 });
    expect(state.emitted.filter((e) => e === 'history.changed')).toHaveLength(2);
  });

  it('records finished downloads through the history feature, which announces each one', async () => {
    const history = createHistoryFeature(state.deps);
    await history.downloadHistory.record({
      jobId: 'j', when: '2026-11-26T10:00:00.000Z', profileId: 'p', profileName: 'P', itemCount: 2, mode: 'urls',
      result: 'failed', errorKind: 'unauthorized', path: null, bytes: null, exportIds: ['4', '7'], sourceFileUrls: ['https://h/4', 'https://h/7'],
    });
    const [item] = state.fx.store.history.list().items;
    expect(item).toMatchObject({ jobId: 'j', result: 'failed', errorKind: 'unauthorized', exportIds: ['4', '7'], sourceFileUrls: ['https://h/4', 'https://h/7'] });
    expect(state.emitted).toEqual(['history.changed']);
  });
});
