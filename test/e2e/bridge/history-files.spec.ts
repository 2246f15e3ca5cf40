import { utimesSync, writeFileSync } from 'node:fs';
import { expect, test } from '../fixtures';
import { recordRows } from '../history-rows';
import { goTo } from '../screens';

test('a History row offers Reveal and Inspect only while its file is still the one the job wrote', async ({ page, bridge }) => {
  test.setTimeout(90_000);
  await recordRows(bridge, ['zip', 'zip']);
  const listed = await bridge.core.api['history.list']({ offset: 0, limit: 10 });
  const [newer, older] = listed.ok ? listed.value.items : [];
  // Something other than the app rewrites the older zip (same name, other content).
  writeFileSync(older!.path!, 'not the zip the job saved');
  utimesSync(older!.path!, new Date(2031, 0, 1), new Date(2031, 0, 1));

  await goTo(page, 'History');
  const rows = page.getByTestId('history-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByRole('button', { name: 'Inspect' })).toBeVisible();
  await expect(rows.nth(0).getByRole('button', { name: 'Reveal' })).toBeVisible();
  await expect(rows.nth(1).getByRole('button', { name: 'Inspect' })).toHaveCount(0);
  await expect(rows.nth(1).getByRole('button', { name: 'Reveal' })).toHaveCount(0);
  await expect(rows.nth(1).getByTestId('file-state')).toHaveText('changed since');
  expect(newer!.fileState).toBe('saved');
});

test('a History row forgets a file a later download replaced', async ({ page, bridge }) => {
  test.setTimeout(90_000);
  await recordRows(bridge, ['zip']);
  await bridge.core.api['settings.set']({ nameConflict: 'replace' });
  const profiles = await bridge.core.api['profiles.list'](undefined);
  const profileId = profiles.ok ? profiles.value.find((profile) => profile.builtIn)!.id : '';
  await bridge.core.api['downloads.start']({ profileId, scope: { filter: '' }, mode: 'zip', saveTo: 'default' });
  await goTo(page, 'History');
  const rows = page.getByTestId('history-row');
  await expect(rows).toHaveCount(2, { timeout: 30_000 });
  await expect(rows.nth(0).getByRole('button', { name: 'Inspect' })).toBeVisible();
  await expect(rows.nth(1).getByRole('button', { name: 'Inspect' })).toHaveCount(0);
  await expect(rows.nth(1).getByRole('button', { name: 'Reveal' })).toHaveCount(0);
});
