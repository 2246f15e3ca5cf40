import { describe, expect, it } from 'vitest';
import { useStateFeatures, STATE_TEST_KEY as KEY } from '../../../helpers/state-features-fixture';
import { UNSENDABLE_KEYS } from '../../../helpers/unsendable-keys';


describe('the keys feature refuses a key that cannot be sent', () => {
  const state = useStateFeatures();
  const h = () => state.handlers();

  it.each(UNSENDABLE_KEYS)('with %s: validation, nothing stored, the key not echoed', async (_what, bad) => {
    const p = await h()['profiles.create']({ name: 'P', baseUrl: 'https://p.example/api' });
    const error = await Promise.resolve(h()['keys.set']({ profileId: p.id, key: bad })).then(() => null, (e: unknown) => e as { appError?: { kind: string; message: string } });
    expect(error?.appError?.kind).toBe('validation');
    expect(error?.appError?.message).toMatch(/API key/);
    expect(error?.appError?.message).not.toContain('0123');
    expect(error?.appError?.message).not.toContain('abcdef');
    expect(await state.deps.secrets.get(p.id)).toBeNull();
    expect(state.emitted).not.toContain('keys.changed');
  });

  it('refuses spaces at either end and an over-long key, and keeps an ordinary one', async () => {
    const p = await h()['profiles.create']({ name: 'P', baseUrl: 'https://p.example/api' });
    for (const bad of [` ${KEY}`, `${KEY} `, 'k'.repeat(4097)]) {
      await expect(h()['keys.set']({ profileId: p.id, key: bad })).rejects.toMatchObject({ appError: { kind: 'validation' } });
    }
    expect(await state.deps.secrets.get(p.id)).toBeNull();
    const printable = 'Ab0-._~+/=!#$%&*?@[]{}|^`\'"(),:;<>\\ inner space';
    await h()['keys.set']({ profileId: p.id, key: printable });
    expect(await state.deps.secrets.get(p.id)).toBe(printable);
  });
});
