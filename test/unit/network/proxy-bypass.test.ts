import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../main/core/app-error';
import { appNetwork } from '../../../main/core/http/network/app-network';
import type { AppNetworkSettings } from '../../../main/core/http/network/app-network';
import { bypassesProxy } from '../../../main/core/http/network/no-proxy';
import { proxyLabel } from '../../../main/core/http/network/proxy-url';
import { proxyBypassProblem } from '../../../shared/api/network';
import { createStoreFixture } from '../../helpers/store-fixture';
import type { StoreFixture } from '../../helpers/store-fixture';

const manual = (proxyBypass: string | null): AppNetworkSettings => ({ proxyMode: 'manual', proxyUrl: 'http://proxy.corp:3128', proxyBypass, extraCaFile: null });

/** Where the app's network sends a URL: `direct` or the proxy's `host:port`. */
async function routeOf(settings: AppNetworkSettings, url: string): Promise<string> {
  const [entry] = await appNetwork(settings, { resolver: null, logins: null }).routeFor(new URL(url));
  return entry?.kind === 'proxy' ? proxyLabel(entry.proxy) : String(entry?.kind);
}

describe('Settings → Network → Manual → "No proxy for"', () => {
  it('accepts NO_PROXY’s entries, comma- or space-separated, and each one then matches what it says', () => {
    const list = 'intranet.corp, .corp.example *.lab.example,10.0.0.0/8, 192.168.1.7:8443, [fd00::1]:8080, fd00::/8, localhost:4000, *';
    expect(proxyBypassProblem(list)).toBeNull();
    for (const [entry, host] of [
      ['intranet.corp', 'https://api.intranet.corp/'],
      ['.corp.example', 'https://corp.example/'],
      ['*.lab.example', 'https://x.lab.example/'],
      ['10.0.0.0/8', 'https://10.9.8.7/'],
      ['192.168.1.7:8443', 'https://192.168.1.7:8443/'],
      ['[fd00::1]:8080', 'http://[fd00::1]:8080/'],
      ['fd00::/8', 'https://[fd12::5]/'],
    ] as const) {
      expect(proxyBypassProblem(entry), entry).toBeNull();
      expect(bypassesProxy(new URL(host), entry), `${entry} → ${host}`).toBe(true);
    }
  });

  it('refuses what NO_PROXY cannot read, quoting the entry at fault and how to write the list', () => {
    expect(proxyBypassProblem('intranet.corp; other.corp')).toMatch(/“intranet\.corp;” is not a host name, IP address or range\. Separate hosts with commas/);
    expect(proxyBypassProblem('https://intranet.corp/')).toMatch(/“https:\/\/intranet\.corp\/” is not a host name/);
    expect(proxyBypassProblem('10.0.0.0/33')).toMatch(/“10\.0\.0\.0\/33”/);
    expect(proxyBypassProblem('300.1.1.1')).toMatch(/“300\.1\.1\.1”/);
    expect(proxyBypassProblem('host:99999')).toMatch(/“host:99999”/);
    expect(proxyBypassProblem('bücher.example')).toMatch(/xn-- form/);
    // A hidden character is shown, not passed on as it is.
    expect(proxyBypassProblem('intra\u202enet')).toContain('\\u202e');
    expect(proxyBypassProblem(`${'a'.repeat(60)}!`)).toMatch(/“a{39}…”/);
  });

  it('sends the listed hosts straight and the rest through the proxy; a list of none sends all through it', async () => {
    const settings = manual('intranet.corp, 10.0.0.0/8');
    expect(await routeOf(settings, 'https://wiki.intranet.corp/api')).toBe('direct');
    expect(await routeOf(settings, 'https://10.1.2.3/api')).toBe('direct');
    expect(await routeOf(settings, 'https://api.example.com/api')).toBe('proxy.corp:3128');
    expect(await routeOf(manual(null), 'https://wiki.intranet.corp/api')).toBe('proxy.corp:3128');
  });

  it('keeps this computer’s own addresses off a proxy on another computer, listed or not', async () => {
    for (const url of ['http://127.0.0.1:4000/api', 'http://localhost:4000/api', 'http://[::1]:4000/api']) {
      expect(await routeOf(manual(null), url), url).toBe('direct');
    }
  });
});

describe('the "No proxy for" setting in the store', () => {
  let fx: StoreFixture;
  beforeEach(() => (fx = createStoreFixture()));
  afterEach(() => fx.cleanup());

  it('is none by default, and keeps a list as typed (trimmed)', () => {
    expect(fx.store.settings.get().proxyBypass).toBeNull();
    expect(fx.store.settings.set({ proxyBypass: '  intranet.corp, 10.0.0.0/8 ' }).proxyBypass).toBe('intranet.corp, 10.0.0.0/8');
    expect(fx.store.settings.set({ proxyBypass: null }).proxyBypass).toBeNull();
  });

  it('refuses a list it could not apply, as validation, keeping the one before', () => {
    fx.store.settings.set({ proxyBypass: 'intranet.corp' });
    let error: unknown = null;
    try {
      fx.store.settings.set({ proxyBypass: 'intranet.corp; other' });
    } catch (caught) {
      error = caught;
    }
    expect(appErrorOf(error)).toMatchObject({ kind: 'validation' });
    expect(appErrorOf(error)?.message).toMatch(/“intranet\.corp;” is not a host name/);
    expect(fx.store.settings.get().proxyBypass).toBe('intranet.corp');
  });
});
