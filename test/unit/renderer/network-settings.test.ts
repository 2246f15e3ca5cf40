import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings, SettingsPatch } from '../../../shared/api/settings';
import NetworkSettings from '../../../renderer/src/components/NetworkSettings.svelte';
import { settings } from '../../../renderer/src/lib/settings.svelte';
import { installFakeExportManager } from './fake-export-manager';

const BASE: Settings = {
  saveMode: 'ask', defaultFolder: null, lastSaveFolder: null, theme: 'system', activeProfileId: null, nameConflict: 'ask', writeManifest: true,
  proxyMode: 'system', proxyUrl: null, proxyBypass: null, extraCaFile: null,
};

/** A fake main that keeps the settings and records every change the window asks for. */
async function withMain(initial: Partial<Settings> = {}) {
  let current: Settings = { ...BASE, ...initial };
  const patches: SettingsPatch[] = [];
  installFakeExportManager({
    'settings.get': () => current,
    'settings.status': () => ({ recoveredFrom: null, recoveryNotice: null, databasePath: '/d.db', secretsBackend: 'keychain', secretsWarning: null, secretsWarningDetail: null }),
    'settings.set': (patch) => {
      patches.push(patch as SettingsPatch);
      return (current = { ...current, ...(patch as Partial<Settings>) });
    },
    'settings.chooseExtraCaFile': () => (current = { ...current, extraCaFile: '/etc/ssl/corp-root.pem' }),
  });
  await settings.load();
  render(NetworkSettings);
  return { patches };
}

afterEach(() => (document.body.innerHTML = ''));

describe('Settings → Network', () => {
  it('shows the system proxy as the default and switches to No proxy at once', async () => {
    const { patches } = await withMain();
    expect(screen.getByRole('radio', { name: /Use the system’s proxy settings/ })).toBeChecked();
    await fireEvent.click(screen.getByRole('radio', { name: /No proxy/ }));
    expect(patches).toEqual([{ proxyMode: 'none' }]);
  });

  it('saves Manual only with a usable URL, refusing a login in it before anything is sent', async () => {
    const { patches } = await withMain();
    await fireEvent.click(screen.getByRole('radio', { name: /Manual proxy/ }));
    expect(patches).toEqual([]);
    const field = screen.getByLabelText('Proxy URL') as HTMLInputElement;
    await fireEvent.input(field, { target: { value: 'http://ana:secret@proxy.corp:3128' } });
    await fireEvent.submit(field.form!);
    expect(screen.getByRole('alert')).toHaveTextContent(/Leave the user name and password out/);
    expect(patches).toEqual([]);
    await fireEvent.input(field, { target: { value: ' proxy.corp:3128 ' } });
    await fireEvent.submit(field.form!);
    await tick();
    expect(patches).toEqual([{ proxyMode: 'manual', proxyUrl: 'proxy.corp:3128' }]);
    expect(screen.getByTestId('proxy-url')).toHaveTextContent('proxy.corp:3128');
  });

  it('chooses the extra authorities with main’s dialog and can remove them', async () => {
    const { patches } = await withMain();
    expect(screen.getByTestId('extra-ca-file')).toHaveTextContent('none');
    await fireEvent.click(screen.getByRole('button', { name: /Choose…/ }));
    await tick();
    expect(screen.getByTestId('extra-ca-file')).toHaveTextContent('/etc/ssl/corp-root.pem');
    await fireEvent.click(screen.getByRole('button', { name: 'Remove' }));
    expect(patches).toEqual([{ extraCaFile: null }]);
  });
});
