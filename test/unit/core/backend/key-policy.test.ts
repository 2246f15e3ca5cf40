import { describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../../main/core/app-error';
import { checkedBaseUrl, checkKeyAllowedFor, checkProfileBaseUrl, keyAllowedFor } from '../../../../main/core/backend/key-policy';

function errorOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    return appErrorOf(error);
  }
  return null;
}

describe('checkProfileBaseUrl', () => {
  it('trims and drops trailing slashes', () => {
    expect(checkProfileBaseUrl('  https://backend.example.com/api/ ', true)).toBe('https://backend.example.com/api');
  });

  it('allows plain http to another host only while the profile has no key', () => {
    expect(checkProfileBaseUrl('http://staging.local/api', false)).toBe('http://staging.local/api');
    expect(errorOf(() => checkProfileBaseUrl('http://staging.local/api', true))).toMatchObject({ kind: 'validation' });
    expect(checkProfileBaseUrl('http://127.0.0.1:3000/api', true)).toBe('http://127.0.0.1:3000/api');
    expect(checkProfileBaseUrl('http://localhost:3000/api', true)).toBe('http://localhost:3000/api');
  });

  it('refuses non-http schemes, invalid URLs and credentials in the URL', () => {
    expect(errorOf(() => checkProfileBaseUrl('ftp://h/api', false))?.message).toMatch(/https:\/\//);
    expect(errorOf(() => checkProfileBaseUrl('not a url', false))?.kind).toBe('validation');
    expect(errorOf(() => checkProfileBaseUrl('https://u:p@h/api', false))?.message).toMatch(/user name and password/);
  });

});

describe('keyAllowedFor', () => {
  it('accepts https and loopback http only', () => {
    expect(keyAllowedFor('https://h/api')).toBe(true);
    expect(keyAllowedFor('http://[::1]:80/api')).toBe(true);
    expect(keyAllowedFor('http://h/api')).toBe(false);
  });
});

describe('checkKeyAllowedFor', () => {
  it('lets a key be set for https and loopback http, and refuses plain http elsewhere with the host named', () => {
    expect(errorOf(() => checkKeyAllowedFor('https://h/api'))).toBeNull();
    expect(errorOf(() => checkKeyAllowedFor('http://localhost:3000/api'))).toBeNull();
    expect(errorOf(() => checkKeyAllowedFor('http://intranet.example/api'))).toEqual({
      kind: 'validation',
      message: "This profile's base URL uses plain http to intranet.example, which would send the key in clear text. Change it to https:// first.",
    });
  });
});

describe('one policy for every check', () => {
  it('saving a profile with a key, setting a key and sending a request agree on every base URL', () => {
    const urls = ['https://h/api', 'http://h/api', 'http://127.0.0.1:9/api', 'http://[::1]/api', 'http://app.localhost/api', 'http://10.0.0.1/api'];
    for (const url of urls) {
      const allowed = keyAllowedFor(url);
      expect(errorOf(() => checkProfileBaseUrl(url, true)) === null, url).toBe(allowed);
      expect(errorOf(() => checkKeyAllowedFor(url)) === null, url).toBe(allowed);
      expect(errorOf(() => checkedBaseUrl(url, 'k')) === null, url).toBe(allowed);
      // Without a key, every http(s) base URL is acceptable.
      expect(errorOf(() => checkedBaseUrl(url, null)), url).toBeNull();
    }
  });
});
