import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../../main/core/app-error';
import { openSqlite } from '../../../../main/core/store/sqlite';
import { proxyUrlProblem, settingsPatchSchema } from '../../../../shared/api/settings';
import { createStoreFixture } from '../../../helpers/store-fixture';
import type { StoreFixture } from '../../../helpers/store-fixture';

describe('the network settings (Settings → Network)', () => {
  let fx: StoreFixture;
  beforeEach(() => (fx = createStoreFixture()));
  afterEach(() => fx.cleanup());

  it('starts with the system proxy, no manual URL and no extra authorities', () => {
    expect(fx.store.settings.get()).toMatchObject({ proxyMode: 'system', proxyUrl: null, extraCaFile: null });
  });

  it('keeps a manual proxy and an extra authority file across a reopen', () => {
    fx.store.settings.set({ proxyMode: 'manual', proxyUrl: ' proxy.corp:3128 ' });
    fx.store.settings.set({ extraCaFile: '/etc/ssl/corp-root.pem' });
    const again = openSqlite(fx.store.path);
    const rows = again.prepare<[], { key: string; value: string }>("SELECT key, value FROM settings WHERE key LIKE 'proxy%' OR key = 'extraCaFile'").all();
    again.close();
    expect(Object.fromEntries(rows.map(({ key, value }) => [key, JSON.parse(value) as unknown]))).toEqual({
      proxyMode: 'manual',
      proxyUrl: 'proxy.corp:3128',
      extraCaFile: '/etc/ssl/corp-root.pem',
    });
  });

  it('never stores a proxy login: a URL with a user name or password is refused, saying why', () => {
    let error: unknown = null;
    try {
      fx.store.settings.set({ proxyUrl: 'http://alice:s3cret@proxy.corp:3128' });
    } catch (caught) {
      error = caught;
    }
    expect(appErrorOf(error)).toMatchObject({ kind: 'validation' });
    expect(appErrorOf(error)?.message).toMatch(/Leave the user name and password out: the app asks for them/);
    expect(appErrorOf(error)?.message).not.toContain('s3cret');
    expect(fx.store.settings.get().proxyUrl).toBeNull();
  });

  it('lets the window clear the authority file but never name one (main chooses it with a dialog)', () => {
    expect(settingsPatchSchema.safeParse({ extraCaFile: null }).success).toBe(true);
    expect(settingsPatchSchema.safeParse({ extraCaFile: '/home/ana/evil.pem' }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ proxyMode: 'pac' }).success).toBe(false);
  });

  it('accepts the proxies the app can use and explains the rest', () => {
    expect(proxyUrlProblem('proxy.corp:3128')).toBeNull();
    expect(proxyUrlProblem('http://10.0.0.1:8080')).toBeNull();
    expect(proxyUrlProblem('socks5://proxy.corp:1080')).toMatch(/socks5 proxies are not supported/);
    expect(proxyUrlProblem('https://proxy.corp')).toMatch(/https proxies are not supported/);
    expect(proxyUrlProblem('http://[broken')).toMatch(/http:\/\/host:port/);
  });
});
