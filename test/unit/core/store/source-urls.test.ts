import { describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../../main/core/app-error';
import { checkProfileBaseUrl, keyAllowedFor, labelFor, sourceUrlProblem } from '../../../../main/core/store/source-urls';

function errorOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    return appErrorOf(error);
  }
  return null;
}

describe('sourceUrlProblem', () => {
  it('accepts absolute http and https URLs', () => {
    expect(sourceUrlProblem('https://cdn.example.com/a/b.png')).toBeNull();
    expect(sourceUrlProblem('http://127.0.0.1:8080/x')).toBeNull();
  });

  it('refuses relative URLs, other schemes, garbage and over-long URLs with a reason', () => {
    expect(sourceUrlProblem('/exports/a.png')).toMatch(/absolute http/);
    expect(sourceUrlProblem('ftp://host/a')).toMatch(/absolute http/);
    expect(sourceUrlProblem('https://exa mple.com/a')).toMatch(/not a valid URL/);
    expect(sourceUrlProblem(`https://h/${'a'.repeat(2048)}`)).toMatch(/longer than 2048/);
  });
});

describe('labelFor', () => {
  it('uses the last path segment, decoded', () => {
    expect(labelFor('https://h/exports/Q1%20report.pdf?x=1')).toBe('Q1 report.pdf');
    expect(labelFor('https://h/exports/dir/')).toBe('dir');
  });

  it('falls back to the host when the path is empty, and keeps a bad escape as written', () => {
    expect(labelFor('https://cdn.example.com:8443/')).toBe('cdn.example.com:8443');
    expect(labelFor('https://h/100%.png')).toBe('100%.png');
    expect(labelFor('https://h?next=/a/b')).toBe('h');
    expect(labelFor('https://h/dir/file.pdf#page=/2')).toBe('file.pdf');
  });
});

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

  it('keyAllowedFor accepts https and loopback http only', () => {
    expect(keyAllowedFor('https://h/api')).toBe(true);
    expect(keyAllowedFor('http://[::1]:80/api')).toBe(true);
    expect(keyAllowedFor('http://h/api')).toBe(false);
  });
});
