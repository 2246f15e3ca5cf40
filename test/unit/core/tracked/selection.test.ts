import { describe, expect, it } from 'vitest';
import { useStateFeatures } from '../../../helpers/state-features-fixture';

/** What the window's selection stands on: main resolves which exports a filter matches, and hands back what a removal took. */
describe('the tracked selection, as main resolves it', () => {
  const state = useStateFeatures();
  const h = () => state.handlers();

  async function profileWith(urls: string[]): Promise<{ profileId: string; ids: string[] }> {
    const p = await h()['profiles.create']({ name: 'P', baseUrl: 'https://p/api' });
    await h()['tracked.add']({ profileId: p.id, text: urls.join('\n') });
    const ids = state.fx.store.tracked.all(p.id).map((item) => item.id);
    return { profileId: p.id, ids };
  }

  it('names every export a filter matches, across pages, oldest first (the empty filter: all)', async () => {
    const urls = Array.from({ length: 120 }, (_, i) => `https://h/${i % 3 === 0 ? 'report' : 'photo'}-${i}.pdf`);
    const { profileId, ids } = await profileWith(urls);
    const reports = ids.filter((_, i) => i % 3 === 0);
    expect((await h()['tracked.matching']({ profileId, filter: 'REPORT' })).ids).toEqual(reports);
    expect((await h()['tracked.matching']({ profileId, filter: '  ' })).ids).toEqual(ids);
  });

  it('tells which of the given ids a filter matches, so the window can say how many of its selection it hides', async () => {
    const { profileId, ids } = await profileWith(['https://h/a.pdf', 'https://h/b.png', 'https://h/c.pdf']);
    const selected = [ids[0]!, ids[1]!, 'not-an-id'];
    expect((await h()['tracked.matching']({ profileId, filter: '.pdf', among: selected })).ids).toEqual([ids[0]]);
    expect((await h()['tracked.matching']({ profileId, filter: '', among: selected })).ids).toEqual([ids[0], ids[1]]);
  });

  it('answers a removal with the rows it took, as they were, so Undo can put them back', async () => {
    const { profileId, ids } = await profileWith(['https://h/a.pdf', 'https://h/b.png', 'https://h/c.pdf']);
    await h()['tracked.setLabel']({ profileId, id: ids[2]!, label: 'Renamed' });
    const before = state.fx.store.tracked.all(profileId);
    const removed = await h()['tracked.remove']({ profileId, ids: [ids[2]!, ids[0]!, 'gone'] });
    expect(removed).toEqual({ removed: 2, items: [before[0], before[2]] });
    expect(await h()['tracked.restore']({ profileId, items: removed.items })).toEqual({ restored: 2 });
    expect(state.fx.store.tracked.all(profileId)).toEqual(before);
  });
});
