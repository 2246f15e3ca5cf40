import { describe, expect, it } from 'vitest';
import { AppErrorException, appErrorOf } from '../../../../../main/core/app-error';
import { parsePacAnswer } from '../../../../../main/core/http/network/pac-answer';
import { proxyLabel } from '../../../../../main/core/http/network/proxy-url';

const read = (answer: string) => parsePacAnswer(answer).map((entry) => (entry.kind === 'direct' ? 'DIRECT' : proxyLabel(entry.proxy)));

describe('a PAC-style answer (FindProxyForURL, Electron resolveProxy)', () => {
  it('keeps the order of its entries, so the next one is tried when one is down', () => {
    expect(read('PROXY proxy-a.corp:8080; PROXY proxy-b.corp:3128; DIRECT')).toEqual(['proxy-a.corp:8080', 'proxy-b.corp:3128', 'DIRECT']);
    expect(read('DIRECT')).toEqual(['DIRECT']);
    expect(read('HTTP web.corp:80')).toEqual(['web.corp:80']);
  });

  it('reads an empty answer as DIRECT and tolerates spacing and case', () => {
    expect(read('')).toEqual(['DIRECT']);
    expect(read('  proxy   p.corp:81 ;;  direct ')).toEqual(['p.corp:81', 'DIRECT']);
  });

  it('skips the proxy types it cannot use, keeping the rest', () => {
    expect(read('SOCKS5 s.corp:1080; PROXY p.corp:8080')).toEqual(['p.corp:8080']);
    expect(read('HTTPS secure.corp:443; DIRECT')).toEqual(['DIRECT']);
  });

  it('fails as validation when nothing usable is left, naming what was asked for and where to choose', () => {
    const error = appErrorOf((() => {
      try {
        parsePacAnswer('SOCKS5 s.corp:1080; SOCKS s.corp:1081');
        return null;
      } catch (caught) {
        return caught instanceof AppErrorException ? caught : null;
      }
    })());
    expect(error?.kind).toBe('validation');
    expect(error?.message).toMatch(/system's proxy settings.*SOCKS5, SOCKS.*Settings → Network/);
  });
});
