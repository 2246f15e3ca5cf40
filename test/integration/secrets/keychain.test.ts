/**
 * The keytar store against a real Secret Service (gnome-keyring in CI's keyring session).
 * Locally: XDG_DATA_HOME=$(mktemp -d) dbus-run-session -- sh -c 'echo -n pw |
 * gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; npx vitest run --project node test/integration/secrets'
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../main/core/app-error';
import { KeytarSecretStore } from '../../../main/core/secrets/keytar-secret-store';

const store = new KeytarSecretStore({ timeoutMs: 5_000 });
const probe = await store.list().then(
  () => null,
  (error: unknown) => appErrorOf(error)?.message ?? String(error),
);
const inCi = process.env.CI === 'true';
const run = `em-test-${randomUUID()}`;
const account = (name: string) => `${run}-${name}`;
const created = new Set<string>();

async function set(name: string, secret: string): Promise<void> {
  created.add(account(name));
  await store.set(account(name), secret);
}

describe.runIf(probe !== null && inCi)('keychain (unreachable under CI)', () => {
  it('has a reachable Secret Service, which CI must provide', () => {
    expect.fail(`No usable keychain: ${probe}`);
  });
});

describe.skipIf(probe !== null)(`keychain (real Secret Service)${probe ? ` — skipped: ${probe}` : ''}`, () => {
  afterAll(async () => {
    for (const acc of created) await store.delete(acc).catch(() => false);
  });

  it('sets, reads and replaces a key', async () => {
    await set('a', 'first-key-0001');
    expect(await store.get(account('a'))).toBe('first-key-0001');
    await set('a', 'second-key-0002');
    expect(await store.get(account('a'))).toBe('second-key-0002');
  });

  it('keeps two profiles apart and lists both', async () => {
    await set('p1', 'key-of-profile-one');
    await set('p2', 'key-of-profile-two');
    expect(await store.get(account('p1'))).toBe('key-of-profile-one');
    expect(await store.get(account('p2'))).toBe('key-of-profile-two');
    const listed = await store.list();
    expect(listed).toEqual(expect.arrayContaining([account('p1'), account('p2')]));
  });

  it('stores unicode keys unchanged', async () => {
    const key = 'ключ-密钥-🔑-ñ';
    await set('unicode', key);
    expect(await store.get(account('unicode'))).toBe(key);
  });

  it('deletes a key: true the first time, false after, and it reads back as null', async () => {
    await set('gone', 'to-be-deleted-key');
    expect(await store.delete(account('gone'))).toBe(true);
    expect(await store.delete(account('gone'))).toBe(false);
    expect(await store.get(account('gone'))).toBeNull();
    expect(await store.list()).not.toContain(account('gone'));
  });

  it('reads null for an account that never had a key', async () => {
    expect(await store.get(account('never'))).toBeNull();
  });
});
