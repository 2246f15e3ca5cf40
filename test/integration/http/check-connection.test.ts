import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../main/core/app-error';
import { checkConnection } from '../../../main/core/http/check-connection';
import { createSampleFixture } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';

let fx: SampleFixture;
beforeEach(() => {
  fx = createSampleFixture();
});
afterEach(async () => {
  await fx.cleanup();
});

const timeouts = { connectMs: 1000, idleMs: 1000 };

describe('checkConnection', () => {
  it('says reachable when the route answers and the key is accepted', async () => {
    const backend = await fx.start({ apiKey: 'k' });
    const check = await checkConnection({ baseUrl: backend.url, apiKey: 'k', timeouts });
    expect(check).toMatchObject({ outcome: 'reachable', status: 400 });
    expect(backend.received).toHaveLength(1);
  });

  it('says key-rejected for a wrong key (403) and for a missing one (401)', async () => {
    const backend = await fx.start({ apiKey: 'k' });
    expect(await checkConnection({ baseUrl: backend.url, apiKey: 'nope', timeouts })).toMatchObject({ outcome: 'key-rejected', status: 403 });
    const missing = await checkConnection({ baseUrl: backend.url, apiKey: null, timeouts });
    expect(missing).toMatchObject({ outcome: 'key-rejected', status: 401 });
    // Asked without a key, nothing was rejected: it says none is set, and how to set one.
    expect(missing.message).toMatch(/no API key is set for this profile.*Set key.*export-manager key set --profile NAME/);
    expect(missing.message).not.toMatch(/rejected/);
  });

  it('says wrong-url for a 404 path', async () => {
    const backend = await fx.start();
    expect(await checkConnection({ baseUrl: `${backend.origin}/v2`, apiKey: null, timeouts })).toMatchObject({ outcome: 'wrong-url', status: 404 });
  });

  it('says wrong-url when nothing listens (network)', async () => {
    const backend = await fx.start();
    await backend.close();
    expect(await checkConnection({ baseUrl: backend.url, apiKey: null, timeouts })).toMatchObject({ outcome: 'wrong-url', kind: 'network' });
  });

  it('says wrong-url when the URL serves a web page', async () => {
    const backend = await fx.start({ faults: [{ kind: 'html' }] });
    expect(await checkConnection({ baseUrl: backend.url, apiKey: null, timeouts })).toMatchObject({ outcome: 'wrong-url', kind: 'invalid-response' });
  });

  it('says server-error for a 5xx without retrying', async () => {
    const backend = await fx.start({ faults: () => ({ kind: 'status', status: 503 }) });
    expect(await checkConnection({ baseUrl: backend.url, apiKey: null, timeouts })).toMatchObject({ outcome: 'server-error', status: 503 });
    expect(backend.received).toHaveLength(1);
  });

  it('refuses to probe with a key over plain http to another machine', async () => {
    const error = appErrorOf(await checkConnection({ baseUrl: 'http://203.0.113.9/api', apiKey: 'k', timeouts }).then(() => null, (e: unknown) => e));
    expect(error).toMatchObject({ kind: 'validation' });
  });
});
