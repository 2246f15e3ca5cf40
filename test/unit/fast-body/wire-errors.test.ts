import { describe, expect, it } from 'vitest';
import { CertificateFailure, ProxyFailure, ServerConnectTimeout } from '../../../main/core/http/network/network-failure';
import { toAppError } from '../../../main/core/http/to-app-error';
import { fromWire, toWire } from '../../../main/core/http/fast-body/wire-errors';

describe('a failure crossing from the worker to main', () => {
  it.each<[string, Error]>([
    ['a proxy that asked for a login', new ProxyFailure('login-required', '127.0.0.1:3128', 'HTTPS_PROXY', { status: 407 })],
    ['a proxy that timed out', new ProxyFailure('timeout', '127.0.0.1:3128', '--proxy')],
    ['a certificate not accepted', new CertificateFailure('SELF_SIGNED_CERT_IN_CHAIN', 'backend.test', { subject: 'backend.test', issuer: 'Corp CA', validTo: null, selfSigned: false })],
    ['a server that took too long to connect', new ServerConnectTimeout('backend.test')],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED', syscall: 'connect' })],
    ['a full disk', Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' })],
    ['no answer in time', Object.assign(new Error("Timeout awaiting 'response' for 30000ms"), { name: 'TimeoutError', event: 'response', code: 'ETIMEDOUT' })],
    ['a broken chunk size', Object.assign(new Error('Invalid character in chunk size'), { code: 'HPE_INVALID_CHUNK_SIZE' })],
  ])('%s is worded as it would have been in main', (_label, error) => {
    const crossed = fromWire(structuredClone(toWire(error)));
    expect(toAppError(crossed).appError).toEqual(toAppError(error).appError);
  });
});
