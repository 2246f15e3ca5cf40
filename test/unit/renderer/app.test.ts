import { within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { eventNames } from '../../../shared/api';
import type { Settings } from '../../../shared/api/settings';
import type { TrackedPage } from '../../../shared/api/tracked';
import { startApp } from '../../../renderer/src/lib/startup';
import { installFakeExportManager } from './fake-export-manager';

const SETTINGS: Settings = {
  saveMode: 'ask',
  defaultFolder: null,
  lastSaveFolder: null,
  theme: 'system',
  activeProfileId: 'p1',
  writeManifest: true,
  proxyMode: 'system',
  proxyUrl: null,
  proxyBypass: null,
  extraCaFile: null,
  nameConflict: 'ask',
};
const PROFILE = { id: 'p1', name: 'Sample backend', baseUrl: 'http://127.0.0.1:1/api', builtIn: true, createdAt: '2026-11-30T00:00:00Z', trackedCount: 2, maxBatchSize: null };

let stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops) stop();
  stops = [];
  document.body.innerHTML = '';
});

/** Starts the app in a fresh element, as the page does; returns that element. */
async function start(): Promise<HTMLElement> {
  const target = document.body.appendChild(document.createElement('div'));
  stops.push(await startApp(target));
  return target;
}

describe('startApp', () => {
  it('follows each event once while it runs, and none after', async () => {
    const main = installFakeExportManager({ 'downloads.list': () => [], 'profiles.list': () => [] });
    await start();
    // Every event the window shows (the Inspect screen's jobs' included), once by each
    // state that shows it: a tracked list change moves the list, the profiles' counts and the check card;
    // a job's end moves its screen and the live region that announces it.
    const followers: Partial<Record<(typeof eventNames)[number], number>> = { 'tracked.changed': 3, 'downloads.finished': 2, 'archive.finished': 2 };
    expect(Object.fromEntries(eventNames.map((name) => [name, main.listeners(name)]))).toEqual(Object.fromEntries(eventNames.map((name) => [name, followers[name] ?? 1])));
    stops.pop()!();
    expect(eventNames.filter((name) => main.listeners(name) > 0)).toEqual([]);
  });

  it("draws the active profile's exports at once, asked for once and before the profile list answered", async () => {
    const calls: string[] = [];
    let answerProfiles: () => void = () => {};
    installFakeExportManager({
      'settings.get': () => (calls.push('settings.get'), SETTINGS),
      'profiles.list': () => new Promise((resolve) => (answerProfiles = () => (calls.push('profiles.list'), resolve([PROFILE])))),
      'downloads.list': () => [],
      'keys.status': () => ({ hasKey: true, hint: '…abcd', backend: 'keychain' }),
      'tracked.list': (payload): TrackedPage => {
        calls.push(`tracked.list ${(payload as { profileId: string }).profileId}`);
        answerProfiles();
        const items = ['a.png', 'b.png'].map((name, i) => ({ id: String(i + 1), sourceFileUrl: `https://cdn.example.com/${name}`, label: name, addedAt: '2026-11-30T00:00:00Z' }));
        return { items, total: items.length };
      },
    });
    const target = await start();
    // On screen in the first draw: nothing was waited for after mounting.
    expect(within(target).getAllByTestId('tracked-row')).toHaveLength(2);
    expect(calls).toEqual(['settings.get', 'tracked.list p1', 'profiles.list']);
  });

  it('shows the window after a short wait even when main is slow to answer', async () => {
    installFakeExportManager({ 'settings.get': () => new Promise(() => {}), 'profiles.list': () => new Promise(() => {}), 'downloads.list': () => [] });
    const began = performance.now();
    const target = await start();
    expect(performance.now() - began).toBeLessThan(2_000);
    expect(within(target).getByRole('navigation', { name: 'Main' })).toBeTruthy();
  });
});

describe('App notices', () => {
  const status = {
    recoveredFrom: '/data/export-manager.db.damaged-2026-11-30',
    databasePath: '/data/export-manager.db',
    secretsBackend: 'keychain' as const,
    secretsWarning: null,
    secretsWarningDetail: null,
    recoveryNotice: "Export Manager's data was damaged, so a fresh database was started. The damaged copy is kept at /data/export-manager.db.damaged-2026-11-30.",
  };

  it('says once, in a banner, that damaged data was set aside and where, until dismissed', async () => {
    installFakeExportManager({ 'downloads.list': () => [], 'profiles.list': () => [], 'settings.status': () => status });
    const screen = within(await start());
    const banner = await screen.findByTestId('recovery-banner');
    expect(banner.textContent).toContain('damaged-2026-11-30');
    (banner.querySelector('button') as HTMLButtonElement).click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(screen.queryByTestId('recovery-banner')).toBeNull();
  });

  it('shows no banner when nothing was recovered', async () => {
    installFakeExportManager({ 'downloads.list': () => [], 'profiles.list': () => [], 'settings.status': () => ({ ...status, recoveredFrom: null, recoveryNotice: null }) });
    const screen = within(await start());
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(screen.queryByTestId('recovery-banner')).toBeNull();
  });
});
