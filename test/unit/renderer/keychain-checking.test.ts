import { tick } from 'svelte';
import { within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { KeyStatus } from '../../../shared/api/keys';
import type { Settings, StateStatus } from '../../../shared/api/settings';
import { navigation } from '../../../renderer/src/lib/navigation.svelte';
import { startApp } from '../../../renderer/src/lib/startup';
import { installFakeExportManager } from './fake-export-manager';

const SETTINGS: Settings = { saveMode: 'ask', defaultFolder: null, lastSaveFolder: null, theme: 'system', activeProfileId: 'p1', nameConflict: 'ask', writeManifest: true, proxyMode: 'system', proxyUrl: null, proxyBypass: null, extraCaFile: null };
const PROFILE = { id: 'p1', name: 'Sample backend', baseUrl: 'http://127.0.0.1:1/api', builtIn: true, createdAt: '2026-11-30T00:00:00Z', trackedCount: 0, maxBatchSize: null };
const status = (secretsBackend: StateStatus['secretsBackend']): StateStatus => ({
  recoveredFrom: null,
  recoveryNotice: null,
  databasePath: '/data/export-manager.db',
  secretsBackend,
  secretsWarning: null,
  secretsWarningDetail: null,
});

let stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops) stop();
  stops = [];
  document.body.innerHTML = '';
});

describe('the window before the keychain answers', () => {
  it('says the keychain is being checked, then shows the key once main knows', async () => {
    let answerKey: (status: KeyStatus) => void = () => {};
    const main = installFakeExportManager({
      'settings.get': () => SETTINGS,
      'settings.status': () => status('checking'),
      'profiles.list': () => [PROFILE],
      'downloads.list': () => [],
      'tracked.list': () => ({ items: [], total: 0 }),
      'keys.status': () => new Promise<KeyStatus>((resolve) => (answerKey = resolve)),
    });
    const target = document.body.appendChild(document.createElement('div'));
    stops.push(await startApp(target));
    navigation.go('profiles');
    await tick();
    const screen = within(target);
    expect(screen.getByTestId('keychain-checking')).toHaveTextContent('Checking the keychain');
    expect(screen.getByTestId('key-status')).toHaveTextContent('checking the keychain…');

    main.emit('settings.statusChanged', status('keychain'));
    answerKey({ hasKey: false, hint: null, backend: 'keychain' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    await tick();
    expect(screen.queryByTestId('keychain-checking')).toBeNull();
    expect(screen.getByTestId('key-status')).toHaveTextContent('API key: none');
  });

  it('says where keys went in one sentence with one thing to do, and keeps what failed folded under it', async () => {
    const warning = 'The system keychain cannot be used, nor an encrypted file, so API keys are kept only until the app quits: to keep keys in the keychain, unlock it and restart Export Manager.';
    const detail = 'The keychain: org.freedesktop.DBus.Error.ServiceUnknown (The name is not activatable) The encrypted file: none here.';
    installFakeExportManager({
      'settings.get': () => SETTINGS,
      'settings.status': () => ({ ...status('session'), secretsWarning: warning, secretsWarningDetail: detail }),
      'profiles.list': () => [PROFILE],
      'downloads.list': () => [],
      'tracked.list': () => ({ items: [], total: 0 }),
      'keys.status': () => ({ hasKey: false, hint: null, backend: 'session' }),
    });
    const target = document.body.appendChild(document.createElement('div'));
    stops.push(await startApp(target));
    navigation.go('profiles');
    await new Promise((resolve) => setTimeout(resolve, 0));
    await tick();
    const shown = within(target).getByTestId('keychain-warning');
    expect(shown.querySelector(':scope > p')).toHaveTextContent(warning);
    const folded = shown.querySelector('details')!;
    expect(folded.open).toBe(false);
    expect(folded.querySelector('summary')).toHaveTextContent('What failed');
    expect(folded).toHaveTextContent(detail);
    // No key, so nothing to say about where it is kept.
    expect(within(target).getByTestId('key-status')).toHaveTextContent(/^\s*API key:\s*none\s*$/);
  });
});
