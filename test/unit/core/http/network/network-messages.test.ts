import { describe, expect, it } from 'vitest';
import { CertificateFailure, ProxyFailure, ServerConnectTimeout } from '../../../../../main/core/http/network/network-failure';
import { isLastingNetworkFailure, networkFailureError } from '../../../../../main/core/http/network/network-messages';
import { toAppError } from '../../../../../main/core/http/to-app-error';

const names = { subject: 'api.corp.example', issuer: 'Corp Issuing CA 2 (Corp)', validTo: 'Jan  1 00:00:00 2024 GMT', selfSigned: false };

describe('what a person is told about the way to the server', () => {
  it('says an expired certificate expired, when, and that the server must renew it (no authority to add)', () => {
    const error = networkFailureError(new CertificateFailure('CERT_HAS_EXPIRED', 'api.corp.example', names), 'backend');
    expect(error.kind).toBe('network');
    expect(error.message).toContain("The backend's certificate for api.corp.example has expired (on Jan  1 00:00:00 2024 GMT)");
    expect(error.message).not.toMatch(/--cacert/);
  });

  it('names the issuer of a certificate from an unknown authority, and the file host when it is the file host', () => {
    const error = networkFailureError(new CertificateFailure('UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'cdn.corp.example', names), 'file-host');
    expect(error.message).toMatch(/^The file host's certificate for cdn\.corp\.example was issued by "Corp Issuing CA 2 \(Corp\)", an authority this computer does not trust/);
    expect(error.message).toMatch(/Extra certificate authorities.*--cacert FILE/);
  });

  it('tells a proxy that blocks the destination from one that cannot reach it', () => {
    expect(networkFailureError(new ProxyFailure('refused', 'proxy.corp:3128', 'HTTPS_PROXY', { status: 403 }), 'backend').message).toMatch(
      /proxy\.corp:3128 \(set in HTTPS_PROXY\) refuses to connect to the backend \(403\)/,
    );
    expect(networkFailureError(new ProxyFailure('refused', 'proxy.corp:3128', 'HTTPS_PROXY', { status: 502 }), 'backend').message).toMatch(/could not connect to the backend \(502\)/);
    expect(networkFailureError(new ProxyFailure('timeout', 'proxy.corp:3128', '--proxy'), 'backend')).toMatchObject({ kind: 'timeout' });
    expect(networkFailureError(new ServerConnectTimeout('api.corp.example'), 'backend')).toMatchObject({ kind: 'timeout', message: expect.stringContaining('Timed out connecting to the backend') });
  });

  it('retries what may pass (a proxy down, a 502) and not what answers the same every time', () => {
    expect(isLastingNetworkFailure(new CertificateFailure('CERT_HAS_EXPIRED', 'h', names))).toBe(true);
    expect(isLastingNetworkFailure(new ProxyFailure('login-required', 'p:1', '--proxy', { status: 407 }))).toBe(true);
    expect(isLastingNetworkFailure(new ProxyFailure('refused', 'p:1', '--proxy', { status: 403 }))).toBe(true);
    expect(isLastingNetworkFailure(new ProxyFailure('refused', 'p:1', '--proxy', { status: 502 }))).toBe(false);
    expect(isLastingNetworkFailure(new ProxyFailure('unreachable', 'p:1', '--proxy', { code: 'ECONNREFUSED' }))).toBe(false);
    expect(isLastingNetworkFailure(null)).toBe(false);
  });

  it('finds the failure inside the error got wraps it in, and keeps status off it (statuses are the server’s)', () => {
    const wrapped = Object.assign(new Error('request failed', { cause: new ProxyFailure('login-required', 'p.corp:8080', 'HTTP_PROXY', { status: 407 }) }), { code: 'ERR_GOT_REQUEST_ERROR' });
    const error = toAppError(wrapped).appError;
    expect(error.message).toMatch(/p\.corp:8080 \(set in HTTP_PROXY\) asks for a user name and password \(407\): put them in the proxy URL/);
    expect(error.status).toBeUndefined();
  });
});
