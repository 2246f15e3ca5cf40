import { describe, expect, it } from 'vitest';
import { bypassesProxy } from '../../../../../main/core/http/network/no-proxy';

const bypasses = (url: string, list: string) => bypassesProxy(new URL(url), list);

describe('NO_PROXY matching (curl rules and the common extensions)', () => {
  it('exempts nothing without a list, and everything with a lone *', () => {
    expect(bypassesProxy(new URL('https://example.com/'), undefined)).toBe(false);
    expect(bypasses('https://example.com/', '')).toBe(false);
    expect(bypasses('https://example.com/', '*')).toBe(true);
    expect(bypasses('http://10.1.2.3:8080/', 'a.com, *')).toBe(true);
  });

  it('matches a host name and every host under it, never a name that only ends the same', () => {
    expect(bypasses('https://example.com/api', 'example.com')).toBe(true);
    expect(bypasses('https://www.example.com/api', 'example.com')).toBe(true);
    expect(bypasses('https://a.b.example.com/api', 'example.com')).toBe(true);
    expect(bypasses('https://notexample.com/api', 'example.com')).toBe(false);
    expect(bypasses('https://example.com.evil.net/api', 'example.com')).toBe(false);
  });

  it('reads .example.com and *.example.com as the domain', () => {
    expect(bypasses('https://www.example.com/', '.example.com')).toBe(true);
    expect(bypasses('https://example.com/', '.example.com')).toBe(true);
    expect(bypasses('https://www.example.com/', '*.example.com')).toBe(true);
    expect(bypasses('https://www.other.com/', '.example.com')).toBe(false);
  });

  it('ignores case, a final dot, and separates entries by commas or spaces', () => {
    expect(bypasses('https://WWW.Example.COM./', 'other.org example.com')).toBe(true);
    expect(bypasses('https://www.example.com/', 'other.org,,  EXAMPLE.com ')).toBe(true);
    expect(bypasses('https://www.example.com/', 'other.org intranet')).toBe(false);
  });

  it('matches an IP literal exactly, IPv6 in any spelling, and never as a suffix', () => {
    expect(bypasses('http://127.0.0.1:3000/', '127.0.0.1')).toBe(true);
    expect(bypasses('http://127.0.0.10/', '127.0.0.1')).toBe(false);
    expect(bypasses('http://[::1]:3000/', '::1')).toBe(true);
    expect(bypasses('http://[::1]:3000/', '0:0:0:0:0:0:0:1')).toBe(true);
    expect(bypasses('http://[::1]/', '[::1]')).toBe(true);
    expect(bypasses('http://1.127.0.0.1.nip.io/', '127.0.0.1')).toBe(false);
  });

  it('matches CIDR ranges for addresses, never for host names', () => {
    expect(bypasses('http://10.20.30.40/', '10.0.0.0/8')).toBe(true);
    expect(bypasses('http://11.0.0.1/', '10.0.0.0/8')).toBe(false);
    expect(bypasses('http://[fd00::5]/', 'fd00::/8')).toBe(true);
    expect(bypasses('http://ten.example/', '10.0.0.0/8')).toBe(false);
  });

  it('limits an entry with a port to that port, counting the scheme default', () => {
    expect(bypasses('http://example.com:8080/', 'example.com:8080')).toBe(true);
    expect(bypasses('http://example.com:9090/', 'example.com:8080')).toBe(false);
    expect(bypasses('https://example.com/', 'example.com:443')).toBe(true);
    expect(bypasses('http://example.com/', 'example.com:443')).toBe(false);
    expect(bypasses('http://127.0.0.1:5000/', '127.0.0.1:5000')).toBe(true);
    expect(bypasses('http://127.0.0.1:5001/', '127.0.0.1:5000')).toBe(false);
    expect(bypasses('http://[::1]:5000/', '[::1]:5000')).toBe(true);
  });
});
