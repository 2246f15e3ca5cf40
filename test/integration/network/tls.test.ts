import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionCheck } from '../../../shared/api/profiles';
import { appErrorOf } from '../../../main/core/app-error';
import { openBatch } from '../../../main/core/http/batch-client';
import { checkConnection } from '../../../main/core/http/check-connection';
import { requestExportUrls } from '../../../main/core/http/export-urls';
import { noProxyChooser } from '../../../main/core/http/network/fixed-proxy';
import { createNetwork } from '../../../main/core/http/network/network';
import type { Network } from '../../../main/core/http/network/network';
import { createTrustStore } from '../../../main/core/http/network/trust-store';
import { sampleExportUrls, startSampleBackend } from '../../../main/core/sample-backend';
import type { SampleBackend } from '../../../main/core/sample-backend';
import { hasOpenssl, makeTestPki } from './test-pki';
import type { TestPki } from './test-pki';

const timeouts = { connectMs: 3000, idleMs: 5000 };
const KEY = `key-${Math.random().toString(36).slice(2)}`;
const CHILD = fileURLToPath(new URL('./fixtures/check-in-child.ts', import.meta.url));

/** A network that trusts these extra files (as --cacert does) besides Node's roots. */
const trusting = (...files: string[]): Network =>
  createNetwork({ proxies: noProxyChooser, trust: createTrustStore({ extraCaFiles: files.map((file) => ({ file, from: '--cacert' })) }) });

async function failureOf(promise: Promise<unknown>) {
  return appErrorOf(await promise.then(() => null, (error: unknown) => error));
}

/** Runs the connection check in a new Node process with `env` (NODE_EXTRA_CA_CERTS is read at start). */
function checkInChild(baseUrl: string, args: string[], env: NodeJS.ProcessEnv): Promise<ConnectionCheck> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, baseUrl, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TEST_API_KEY: KEY, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout) as ConnectionCheck) : reject(new Error(`child exited ${code}: ${stderr}`))));
  });
}

describe.skipIf(!hasOpenssl)('https backends signed by an organization’s own authority', () => {
  let pki: TestPki;
  let secure: SampleBackend;
  let misnamed: SampleBackend;
  let selfSigned: SampleBackend;
  beforeAll(async () => {
    pki = makeTestPki();
    secure = await startSampleBackend({ apiKey: KEY, tls: pki.server });
    misnamed = await startSampleBackend({ apiKey: KEY, tls: pki.wrongName });
    selfSigned = await startSampleBackend({ apiKey: KEY, tls: pki.selfSigned });
  });
  afterAll(async () => {
    await secure?.close();
    await misnamed?.close();
    await selfSigned?.close();
    pki?.cleanup();
  });

  it('refuses the backend without its authority, names the issuer, and sends neither request nor key', async () => {
    const error = await failureOf(openBatch({ baseUrl: secure.url, apiKey: KEY, sourceFileUrls: ['https://x/a.png'], mode: 'zip', timeouts, retry: { limit: 2, baseDelayMs: 1 } }));
    expect(error?.kind).toBe('network');
    expect(error?.message).toContain(`The backend's certificate for 127.0.0.1 was issued by "${pki.caName} (Export Manager tests)", an authority this computer does not trust`);
    expect(error?.message).toMatch(/Extra certificate authorities.*--cacert FILE or NODE_EXTRA_CA_CERTS/);
    expect(secure.received).toEqual([]);
  });

  it('tries an untrusted server once: retrying cannot make its certificate trusted', async () => {
    const server = createHttpsServer({ key: pki.server.key, cert: pki.server.cert }, (_request, response) => response.end());
    let connections = 0;
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
      const error = await failureOf(openBatch({ baseUrl, apiKey: KEY, sourceFileUrls: [], mode: 'zip', timeouts, retry: { limit: 2, baseDelayMs: 1 } }));
      expect(error?.message).toContain(pki.caName);
      expect(connections).toBe(1);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('downloads with the authority given as an extra PEM file (--cacert), and still refuses with an unrelated one', async () => {
    const result = await requestExportUrls({ baseUrl: secure.url, apiKey: KEY, sourceFileUrls: sampleExportUrls(secure.url).slice(0, 2), timeouts, network: trusting(pki.caFile) });
    expect(result.exportedUrls).toHaveLength(2);
    expect(secure.received.at(-1)).toMatchObject({ apiKey: KEY });
    const check = await checkConnection({ baseUrl: secure.url, apiKey: KEY, timeouts, network: trusting(pki.otherCaFile) });
    expect(check).toMatchObject({ outcome: 'certificate-untrusted', kind: 'network' });
    expect(check.message).toContain(pki.caName);
  });

  it('reads a bundle of many certificates, as curl’s --cacert does', async () => {
    const bundle = join(pki.dir, 'bundle.pem');
    writeFileSync(bundle, `# corporate bundle\n${readPkiFile(pki, 'other-ca.pem')}\nsome comment\n${pki.caPem}`);
    expect(await checkConnection({ baseUrl: secure.url, apiKey: KEY, timeouts, network: trusting(bundle) })).toMatchObject({ outcome: 'reachable' });
  });

  it('says a certificate for another name is for another name, and a self-signed one is self-signed', async () => {
    const wrongName = await checkConnection({ baseUrl: misnamed.url, apiKey: KEY, timeouts, network: trusting(pki.caFile) });
    expect(wrongName).toMatchObject({ outcome: 'certificate-untrusted' });
    expect(wrongName.message).toMatch(/certificate for 127\.0\.0\.1 was issued for another name \(wrong-name\)\. Check the host name in the URL/);
    const self = await checkConnection({ baseUrl: selfSigned.url, apiKey: KEY, timeouts });
    expect(self).toMatchObject({ outcome: 'certificate-untrusted' });
    expect(self.message).toContain(`The backend's certificate for 127.0.0.1 is self-signed ("${pki.selfSignedName}"), and this computer does not trust it.`);
    expect(misnamed.received).toEqual([]);
    expect(selfSigned.received).toEqual([]);
  });

  it('fails as disk for a file that is not there, and as validation for one with no PEM certificate, sending nothing', async () => {
    const before = secure.received.length;
    const missing = await failureOf(checkConnection({ baseUrl: secure.url, apiKey: KEY, timeouts, network: trusting(join(pki.dir, 'nope.pem')) }));
    expect(missing).toMatchObject({ kind: 'disk' });
    expect(missing?.message).toMatch(/nope\.pem \(--cacert\) does not exist/);
    const notPem = join(pki.dir, 'not-pem.txt');
    writeFileSync(notPem, 'hello');
    const invalid = await failureOf(checkConnection({ baseUrl: secure.url, apiKey: KEY, timeouts, network: trusting(notPem) }));
    expect(invalid).toMatchObject({ kind: 'validation' });
    expect(invalid?.message).toMatch(/holds no PEM certificate/);
    expect(secure.received.length).toBe(before);
  });

  it('honours NODE_EXTRA_CA_CERTS, read at process start, alone and beside --cacert', async () => {
    const without = await checkInChild(secure.url, [], {});
    expect(without).toMatchObject({ outcome: 'certificate-untrusted' });
    expect(await checkInChild(secure.url, [], { NODE_EXTRA_CA_CERTS: pki.caFile })).toMatchObject({ outcome: 'reachable' });
    // --cacert with another authority builds our own list, which must keep NODE_EXTRA_CA_CERTS' authorities.
    expect(await checkInChild(secure.url, ['--cacert', pki.otherCaFile], { NODE_EXTRA_CA_CERTS: pki.caFile })).toMatchObject({ outcome: 'reachable' });
    expect(await checkInChild(secure.url, ['--cacert', pki.caFile], {})).toMatchObject({ outcome: 'reachable' });
  });
});

function readPkiFile(pki: TestPki, file: string): string {
  return readFileSync(join(pki.dir, file), 'utf8');
}
