import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy, isCspNonce, withPolicy } from '../../../main/electron/content-security-policy';

describe('the development Content-Security-Policy', () => {
  const nonce = 'dGhpcyBpcyBhIG5vbmNlIQ==';

  it('adds only the dev server nonce to style-src and its WebSocket to connect-src', () => {
    const policy = devContentSecurityPolicy(nonce, 'http://localhost:5173');
    expect(policy).toContain(`style-src 'self' 'nonce-${nonce}'`);
    expect(policy).toContain("connect-src 'self' ws://localhost:5173");
    // Everything else is the strict policy, word for word.
    const strict = CONTENT_SECURITY_POLICY.split('; ').filter((directive) => !/^(style|connect)-src/.test(directive));
    for (const directive of strict) expect(policy.split('; ')).toContain(directive);
    expect(policy).not.toContain('unsafe');
  });

  it('refuses a nonce that could smuggle in another directive', () => {
    expect(isCspNonce(nonce)).toBe(true);
    expect(isCspNonce("abc'; script-src *")).toBe(false);
    expect(isCspNonce('short')).toBe(false);
    expect(() => devContentSecurityPolicy("x'; script-src * 'unsafe-inline", 'http://localhost:5173')).toThrow(TypeError);
  });
});

describe('withPolicy', () => {
  it('replaces a policy header of any case and keeps every other header', () => {
    const headers = withPolicy({ 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] }, "default-src 'none'");
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'none'"] });
  });

  it('adds the policy where a response had none', () => {
    expect(withPolicy(undefined, "default-src 'none'")).toEqual({ 'Content-Security-Policy': ["default-src 'none'"] });
  });
});
