import { describe, expect, it } from 'vitest';
import { appErrorThrownBy } from '../../../helpers/app-error-thrown';
import { checkedBaseUrl, checkKeyAllowedFor, checkProfileBaseUrl, keyAllowedFor } from '../../../../main/core/http/key-policy';

describe('checkProfileBaseUrl', () => {
  it('trims and drops trailing slashes', () => {
    expect(checkProfileBaseUrl('  https://backend.example.com/api/ ', true)).toBe('https://backend.example.com/api');
  });

  it('allows plain http to another host only while the profile has no key', () => {
    expect(checkProfileBaseUrl('http://staging.local/api', false)).toBe('http://staging.local/api');
    expect(appErrorThrownBy(() => checkProfileBaseUrl('http://staging.local/api', true))).toMatchObject({ kind: 'validation' });
    expect(checkProfileBaseUrl('http://127.0.0.1:3000/api', true)).toBe('http://127.0.0.1:3000/api');
    expect(checkProfileBaseUrl('http://localhost:3000/api', true)).toBe('http://localhost:3000/api');
  });

  it('refuses non-http schemes, invalid URLs and credentials in the URL', () => {
    expect(appErrorThrownBy(() => checkProfileBaseUrl('ftp://h/api', false))?.message).toMatch(/https:\/\//);
    expect(appErrorThrownBy(() => checkProfileBaseUrl('not a url', false))?.kind).toBe('validation');
    expect(appErrorThrownBy(() => checkProfileBaseUrl('https://u:p@h/api', false))?.message).toMatch(/user name and password/);
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
    expect(appErrorThrownBy(() => checkKeyAllowedFor('https://h/api'))).toBeNull();
    expect(appErrorThrownBy(() => checkKeyAllowedFor('http://localhost:3000/api'))).toBeNull();
    expect(appErrorThrownBy(() => checkKeyAllowedFor('http://intranet.example/api'))).toEqual({
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
      expect(appErrorThrownBy(() => checkProfileBaseUrl(url, true)) === null, url).toBe(allowed);
      expect(appErrorThrownBy(() => checkKeyAllowedFor(url)) === null, url).toBe(allowed);
      expect(appErrorThrownBy(() => checkedBaseUrl(url, 'k')) === null, url).toBe(allowed);
      // Without a key, every http(s) base URL is acceptable.
      expect(appErrorThrownBy(() => checkedBaseUrl(url, null)), url).toBeNull();
    }
  });
});
