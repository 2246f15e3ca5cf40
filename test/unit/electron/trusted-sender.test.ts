import { describe, expect, it } from 'vitest';
import { isTrustedSender, originOf } from '../../../main/electron/trusted-sender';

const allowed = ['app://export-manager'];
const main = { webContentsId: 7, isMainFrame: true, url: 'app://export-manager/index.html' };

describe('isTrustedSender', () => {
  it('answers the main frame of the app window at the app origin', () => {
    expect(isTrustedSender(main, 7, allowed)).toBe(true);
    expect(isTrustedSender({ ...main, url: 'app://export-manager/index.html#/history' }, 7, allowed)).toBe(true);
  });

  it('refuses another window, an iframe, a gone frame, or another origin', () => {
    expect(isTrustedSender(main, 8, allowed)).toBe(false);
    expect(isTrustedSender(main, null, allowed)).toBe(false);
    expect(isTrustedSender({ ...main, isMainFrame: false }, 7, allowed)).toBe(false);
    expect(isTrustedSender({ ...main, url: null }, 7, allowed)).toBe(false);
    for (const url of ['file:///opt/app/index.html', 'https://evil.example/', 'app://other/index.html', 'app://export-manager.evil/x', 'about:blank', 'data:text/html,x']) {
      expect(isTrustedSender({ ...main, url }, 7, allowed), url).toBe(false);
    }
  });

  it('trusts the dev server origin only when it is listed', () => {
    const dev = { ...main, url: 'http://localhost:5173/' };
    expect(isTrustedSender(dev, 7, allowed)).toBe(false);
    expect(isTrustedSender(dev, 7, [...allowed, 'http://localhost:5173'])).toBe(true);
  });
});

describe('originOf', () => {
  it('gives scheme and host, also for custom schemes', () => {
    expect(originOf('app://export-manager/index.html')).toBe('app://export-manager');
    expect(originOf('http://127.0.0.1:5199/x')).toBe('http://127.0.0.1:5199');
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf('nonsense')).toBeNull();
  });
});
