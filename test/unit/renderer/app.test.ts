import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { eventNames } from '../../../shared/api';
import App from '../../../renderer/src/App.svelte';
import { installFakeExportManager } from './fake-export-manager';

describe('App', () => {
  it('follows each event once while it is shown, and none after', () => {
    const main = installFakeExportManager({ 'downloads.list': () => [], 'profiles.list': () => [] });
    const { unmount } = render(App);
    // Every event, archive.progress included (the Inspect screen's verify follows it).
    const followed = eventNames;
    expect(Object.fromEntries(followed.map((name) => [name, main.listeners(name)]))).toEqual(Object.fromEntries(followed.map((name) => [name, 1])));
    unmount();
    expect(eventNames.filter((name) => main.listeners(name) > 0)).toEqual([]);
  });
});

describe('App notices', () => {
  const status = {
    recoveredFrom: '/data/export-manager.db.damaged-2026-11-30',
    databasePath: '/data/export-manager.db',
    secretsBackend: 'keychain' as const,
    secretsWarning: null,
    recoveryNotice: "Export Manager's data was damaged, so a fresh database was started. The damaged copy is kept at /data/export-manager.db.damaged-2026-11-30.",
  };

  it('says once, in a banner, that damaged data was set aside and where, until dismissed', async () => {
    installFakeExportManager({ 'downloads.list': () => [], 'profiles.list': () => [], 'settings.status': () => status });
    const screen = render(App);
    const banner = await screen.findByTestId('recovery-banner');
    expect(banner.textContent).toContain('damaged-2026-11-30');
    (banner.querySelector('button') as HTMLButtonElement).click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(screen.queryByTestId('recovery-banner')).toBeNull();
  });

  it('shows no banner when nothing was recovered', async () => {
    installFakeExportManager({ 'downloads.list': () => [], 'profiles.list': () => [], 'settings.status': () => ({ ...status, recoveredFrom: null, recoveryNotice: null }) });
    const screen = render(App);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(screen.queryByTestId('recovery-banner')).toBeNull();
  });
});
