import { describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../../main/core/app-error';
import { kindForStatus } from '../../../../shared/errors';
import { backendMessageOf, statusError } from '../../../../main/core/http/error-mapping';
import { batchUrl, checkedBaseUrl, isLoopbackHost } from '../../../../main/core/http/key-policy';
import { retryAfterSeconds } from '../../../../main/core/http/retry';
import { normaliseSkipped } from '../../../../main/core/http/skipped';
import { toAppError } from '../../../../main/core/http/to-app-error';

function refusal(baseUrl: string, key: string | null) {
  try {
    checkedBaseUrl(baseUrl, key);
    return null;
  } catch (error) {
    return appErrorOf(error);
  }
}

describe('key policy', () => {
  it('treats only literal 127.0.0.0/8, ::1 and localhost as this machine, not *.localhost', () => {
    expect(['127.0.0.1', '127.1.2.3', '[::1]', 'localhost', 'LOCALHOST'].every(isLoopbackHost)).toBe(true);
    const others = ['10.0.0.1', '192.168.1.2', 'example.com', '[::ffff:8.8.8.8]', '127.0.0.1.nip.io', 'app.localhost', 'evil.localhost'];
    expect(others.filter(isLoopbackHost)).toEqual([]);
    expect(refusal('http://app.localhost:8080/api', 'k')).toMatchObject({ kind: 'validation' });
  });

  it('refuses a key over plain http to another machine as validation, and allows https or loopback', () => {
    expect(refusal('http://api.example.com/api', 'k')).toMatchObject({ kind: 'validation' });
    expect(refusal('https://api.example.com/api', 'k')).toBeNull();
    expect(refusal('http://127.0.0.1:8080/api', 'k')).toBeNull();
    expect(refusal('http://api.example.com/api', null)).toBeNull();
  });

  it('refuses base URLs that are not http(s) URLs', () => {
    expect(refusal('ftp://x/api', null)).toMatchObject({ kind: 'validation' });
    expect(refusal('not a url', null)).toMatchObject({ kind: 'validation' });
  });

  it('builds the batch route under the base URL, with responseType only in URL mode', () => {
    const base = new URL('https://db.example/api/');
    expect(batchUrl(base, 'zip').href).toBe('https://db.example/api/viewer/exports/download-batch');
    expect(batchUrl(base, 'urls').href).toBe('https://db.example/api/viewer/exports/download-batch?responseType=urls');
  });
});

describe('error mapping', () => {
  it('maps statuses to the kinds of SPEC.md, 429 as server', () => {
    expect([400, 401, 403, 404, 408, 429, 500, 503].map(kindForStatus)).toEqual(['bad-request', 'unauthorized', 'forbidden', 'not-found', 'timeout', 'server', 'server', 'server']);
  });

  it('gives a batch that is too large (413) its own kind and advice', () => {
    const error = statusError(413, undefined, null).appError;
    expect(error).toMatchObject({ kind: 'bad-request', status: 413 });
    expect(error.message).toMatch(/too large \(413\)\. Set a maximum batch size on the profile.*--max-batch.*fewer exports/);
  });

  it('says a 401 asked without a key that no key is set (noKey), a refused key that it was refused, and neither for a file URL', () => {
    const unset = statusError(401, 'Missing x-api-key header.', null, 'unset').appError;
    expect(unset).toMatchObject({ kind: 'unauthorized', status: 401, noKey: true, backendMessage: 'Missing x-api-key header.' });
    expect(unset.message).toMatch(/this profile has none: set one on the Profiles screen.*export-manager key set --profile NAME/);
    expect(unset.message).not.toMatch(/rejected/);
    const refused = statusError(401, undefined, null, 'sent').appError;
    expect(refused.noKey).toBeUndefined();
    expect(refused.message).toMatch(/rejected the API key \(401\)/);
    // An exported file's URL never gets the key, so its 401 says nothing about the profile's key.
    const withheld = statusError(401, undefined, null, 'withheld').appError;
    expect(withheld).toMatchObject({ kind: 'unauthorized', status: 401 });
    expect(withheld.noKey).toBeUndefined();
    expect(withheld.message).not.toMatch(/has none|rejected the API key/);
  });

  it('reads the backend message from JSON message, error and error.message', () => {
    expect(backendMessageOf('{"message":"m1"}', 'application/json', null)).toBe('m1');
    expect(backendMessageOf('{"error":"m2"}', 'application/json', null)).toBe('m2');
    expect(backendMessageOf('{"error":{"message":"m3"}}', undefined, null)).toBe('m3');
  });

  it('takes a short text body, ignores HTML pages and masks an echoed key', () => {
    expect(backendMessageOf('Service down', 'text/plain', null)).toBe('Service down');
    expect(backendMessageOf('<html><body>502</body></html>', 'text/html', null)).toBeUndefined();
    expect(backendMessageOf('{"message":"key sk-123 is revoked"}', 'application/json', 'sk-123')).toBe('key [key hidden] is revoked');
  });

  it('maps got timeouts to timeout and refused connections to network', () => {
    expect(toAppError({ name: 'TimeoutError', code: 'ETIMEDOUT', event: 'connect' }).appError.kind).toBe('timeout');
    expect(toAppError({ code: 'ECONNREFUSED' }).appError.kind).toBe('network');
    expect(toAppError({ code: 'ENOTFOUND' }).appError.message).toMatch(/does not resolve/);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterSeconds({ 'retry-after': '7' })).toBe(7);
    expect(retryAfterSeconds({ 'retry-after': new Date(Date.now() + 5000).toUTCString() })).toBeGreaterThanOrEqual(4);
    expect(retryAfterSeconds({})).toBeNull();
  });
});

describe('skipped items of URL mode', () => {
  it('normalises strings, objects with sourceFileUrl/reason/message, and anything else', () => {
    expect(normaliseSkipped('https://a/x')).toEqual({ sourceFileUrl: 'https://a/x', raw: '"https://a/x"' });
    expect(normaliseSkipped({ sourceFileUrl: 'u', reason: 'gone' })).toMatchObject({ sourceFileUrl: 'u', reason: 'gone' });
    expect(normaliseSkipped({ url: 'u', message: 'm' })).toMatchObject({ sourceFileUrl: 'u', reason: 'm' });
    expect(normaliseSkipped(42)).toEqual({ raw: '42' });
    expect(normaliseSkipped(null)).toEqual({ raw: 'null' });
    expect(normaliseSkipped({ id: 3 })).toEqual({ raw: '{"id":3}' });
  });
});
