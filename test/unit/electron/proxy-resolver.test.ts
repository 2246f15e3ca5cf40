import { describe, expect, it, vi } from 'vitest';
import { systemProxyChooser } from '../../../main/core/http/network/system-proxy';
import { proxyLabel } from '../../../main/core/http/network/proxy-url';
import { electronProxyResolver } from '../../../main/electron/proxy-resolver';

/** Chromium's answers for the URLs a test names, as `session.defaultSession.resolveProxy` gives them. */
const asked: string[] = [];
vi.mock('electron', () => ({
  session: {
    defaultSession: {
      resolveProxy: async (url: string) => {
        asked.push(url);
        return url.startsWith('https://intranet.corp') ? 'DIRECT' : 'PROXY proxy.corp:8080; PROXY backup.corp:3128; DIRECT';
      },
    },
  },
}));

describe('the Electron adapter of the ProxyResolver port', () => {
  it('hands core Chromium’s PAC-style answer per URL, read as entries in order', async () => {
    const choose = systemProxyChooser(electronProxyResolver());
    const entries = await choose(new URL('https://user:pw@api.example.com/api/viewer/exports/download-batch#x'));
    expect(entries.map((entry) => (entry.kind === 'direct' ? 'DIRECT' : `${proxyLabel(entry.proxy)} (${entry.from})`))).toEqual([
      "proxy.corp:8080 (the system's proxy settings)",
      "backup.corp:3128 (the system's proxy settings)",
      'DIRECT',
    ]);
    expect(await choose(new URL('https://intranet.corp/api'))).toEqual([{ kind: 'direct' }]);
    // Chromium is asked about the URL without the user name, password or fragment.
    expect(asked[0]).toBe('https://api.example.com/api/viewer/exports/download-batch');
  });
});
