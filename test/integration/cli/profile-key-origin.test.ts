import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { sampleExportUrls } from '../../../main/core/sample-backend';
import type { SampleBackend } from '../../../main/core/sample-backend';
import { skipWithoutKeychain } from '../../helpers/keychain-probe';
import { runBuiltCli } from '../../helpers/run-cli';
import { createSampleFixture } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';

const keychainMissing = await skipWithoutKeychain();

describe.skipIf(keychainMissing)("download --profile: the profile's key stays with the profile's origin", () => {
  let fixture: SampleFixture;
  let prod: SampleBackend;
  let other: SampleBackend;
  let env: NodeJS.ProcessEnv;
  const key = `prod-key-${Date.now()}-abcdef`;
  const profile = `Prod origin ${process.pid}`;

  beforeEach(async () => {
    fixture = createSampleFixture();
    prod = await fixture.start({ apiKey: key });
    other = await fixture.start({});
    env = { ...process.env, EXPORT_MANAGER_USER_DATA: join(fixture.root, 'state'), EXPORT_MANAGER_API_KEY: '' };
    expect((await runBuiltCli(['profiles', 'add', profile, '--base-url', prod.url], { env })).code).toBe(0);
    expect((await runBuiltCli(['key', 'set', '--profile', profile], { env, stdin: key })).code).toBe(0);
  });

  afterEach(async () => {
    await runBuiltCli(['profiles', 'remove', profile], { env });
    await fixture.cleanup();
  });

  it('refuses to send the keychain key to --base-url on another origin; the other server gets no request', async () => {
    const url = sampleExportUrls(other.url)[0]!;
    const run = await runBuiltCli(['download', '--profile', profile, '--base-url', other.url, '--url', url, '--urls', '--json'], { env });
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(run.json<{ error: { message: string } }>().error.message).toMatch(/API key of .* is for http:\/\/127\.0\.0\.1:\d+/);
    expect(other.received).toEqual([]);
    expect(prod.received).toEqual([]);
  });

  it('sends a key from the environment wherever the user says, and the profile\'s own key to its own origin', async () => {
    const url = sampleExportUrls(other.url)[0]!;
    const explicit = await runBuiltCli(['download', '--profile', profile, '--base-url', other.url, '--url', url, '--urls', '--json'], {
      env: { ...env, EXPORT_MANAGER_API_KEY: 'a-key-for-other' },
    });
    expect(explicit.code, explicit.stdout + explicit.stderr).toBe(0);
    expect(other.received.map((r) => r.apiKey)).toEqual(['a-key-for-other']);
    const own = await runBuiltCli(['download', '--profile', profile, '--base-url', `${prod.url}/`, '--url', url, '--urls', '--json'], { env });
    expect(own.code, own.stdout + own.stderr).toBe(0);
    expect(prod.received.map((r) => r.apiKey)).toEqual([key]);
  });
});
