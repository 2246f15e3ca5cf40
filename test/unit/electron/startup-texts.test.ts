import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appError } from '../../../main/core/app-error';
import { APP_ID, appUserModelId, claimsProtocolAtStart } from '../../../main/electron/app-identity';
import { isLoadFailure, loadFailureText } from '../../../main/electron/load-failure';
import { startupFailureText } from '../../../main/electron/startup-failure';
import { userDataOverride } from '../../../main/electron/user-data';
import { appErrorThrownBy } from '../../helpers/app-error-thrown';

describe('startupFailureText', () => {
  it('shows an error of the product’s own kinds as it is: it already says what to do', () => {
    const text = startupFailureText(appError('disk', 'Could not open the database /x/export-manager.db: readonly. Check that the folder exists and is writable.'));
    expect(text.title).toBe('Export Manager could not start');
    expect(text.message).toMatch(/Check that the folder exists and is writable\.$/);
  });

  it('adds what to do to anything else', () => {
    const text = startupFailureText(new Error('boom'));
    expect(text.message).toMatch(/^boom\n\nStart Export Manager again; if this keeps happening, reinstall it/);
  });
});

describe('loadFailureText', () => {
  it('names the page, the reason and what to do; a cancelled navigation is not a failure', () => {
    expect(isLoadFailure(-3)).toBe(false);
    expect(isLoadFailure(-6)).toBe(true);
    const text = loadFailureText(-6, 'ERR_FILE_NOT_FOUND', 'app://export-manager/index.html');
    expect(text.message).toMatch(/could not load its page/);
    expect(text.detail).toContain('app://export-manager/index.html failed: ERR_FILE_NOT_FOUND (-6)');
    expect(text.detail).toMatch(/reinstall Export Manager/);
  });
});

describe('userDataOverride', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'user-data-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is null when the variable is unset or empty', () => {
    expect(userDataOverride(undefined, root)).toBeNull();
    expect(userDataOverride('', root)).toBeNull();
  });

  it('makes a relative folder absolute against the working folder and creates it (app.setPath wants both)', () => {
    const folder = userDataOverride(join('state', 'nested'), root);
    expect(folder).toBe(join(root, 'state', 'nested'));
    expect(statSync(folder!).isDirectory()).toBe(true);
  });

  it('explains a folder that cannot be created, as disk, naming the variable', () => {
    writeFileSync(join(root, 'a-file'), 'x');
    const error = appErrorThrownBy(() => userDataOverride(join(root, 'a-file', 'data'), root));
    expect(error?.kind).toBe('disk');
    expect(error?.message).toContain(join(root, 'a-file', 'data'));
    expect(error?.message).toMatch(/EXPORT_MANAGER_USER_DATA/);
  });
});

describe('the app’s identity', () => {
  it('is electron-builder’s appId, so Windows ties notifications to the installed shortcut', () => {
    const config = readFileSync(join(import.meta.dirname, '..', '..', '..', 'electron-builder.yml'), 'utf8');
    expect(config).toMatch(new RegExp(`^appId: ${APP_ID.replace(/\./g, '\\.')}$`, 'm'));
    expect(appUserModelId('win32', true, 'C:\\Program Files\\Export Manager\\Export Manager.exe')).toBe(APP_ID);
    expect(appUserModelId('win32', false, 'C:\\dev\\node_modules\\electron\\dist\\electron.exe')).toBe('C:\\dev\\node_modules\\electron\\dist\\electron.exe');
    // Elsewhere there is nothing to set (macOS and Linux tie windows by bundle id and desktop entry).
    expect(appUserModelId('linux', true, '/opt/Export Manager/export-manager')).toBeNull();
    expect(appUserModelId('darwin', true, '/Applications/Export Manager.app/Contents/MacOS/Export Manager')).toBeNull();
  });

  it('claims the deep-link scheme at start only when packaged, never from a checkout, and on Windows leaves it to the installer', () => {
    expect(claimsProtocolAtStart('linux', true)).toBe(true);
    expect(claimsProtocolAtStart('darwin', true)).toBe(true);
    expect(claimsProtocolAtStart('win32', true)).toBe(false);
    for (const platform of ['linux', 'darwin', 'win32'] as const) expect(claimsProtocolAtStart(platform, false)).toBe(false);
  });
});
