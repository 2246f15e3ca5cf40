import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSourceUrls } from '../../../../main/core/files/parse-source-urls';
import { createStoreFixture } from '../../../helpers/store-fixture';
import type { StoreFixture } from '../../../helpers/store-fixture';

describe('ProfilesRepo', () => {
  let fx: StoreFixture;
  beforeEach(() => (fx = createStoreFixture()));
  afterEach(() => fx.cleanup());

  it('creates, renames and finds profiles by name, case-insensitively', () => {
    const p = fx.store.profiles.create('Staging', 'https://staging/api');
    expect(p).toMatchObject({ name: 'Staging', baseUrl: 'https://staging/api', builtIn: false, trackedCount: 0 });
    expect(fx.store.profiles.byName(' staging ')?.id).toBe(p.id);
    expect(fx.store.profiles.rename(p.id, 'Production').name).toBe('Production');
    expect(fx.store.profiles.byName('staging')).toBeNull();
  });

  it('refuses a second profile whose name differs only in case', () => {
    fx.store.profiles.create('Prod', 'https://a/api');
    expect(() => fx.store.profiles.create('PROD', 'https://b/api')).toThrow(/already exists/);
    const other = fx.store.profiles.create('Other', 'https://b/api');
    expect(() => fx.store.profiles.rename(other.id, 'prod')).toThrow(/already exists/);
  });

  it('deletes a profile with its tracked exports', () => {
    const p = fx.store.profiles.create('P', 'https://p/api');
    fx.store.tracked.add(p.id, parseSourceUrls('https://h/a', 'txt'));
    fx.store.profiles.delete(p.id);
    expect(fx.store.profiles.get(p.id)).toBeNull();
    expect(fx.store.tracked.count(p.id)).toBe(0);
  });

  it('keeps one built-in sample profile: created with its exports once, then only re-pointed', () => {
    const first = fx.store.ensureSampleProfile('http://127.0.0.1:1111/api', ['http://127.0.0.1:1111/sample-exports/a.png']);
    expect(first).toMatchObject({ builtIn: true, trackedCount: 1 });
    fx.store.tracked.remove(first.id, fx.store.tracked.list(first.id).items.map((i) => i.id));
    const again = fx.store.ensureSampleProfile('http://127.0.0.1:2222/api', ['http://127.0.0.1:2222/sample-exports/a.png']);
    expect(again).toMatchObject({ id: first.id, baseUrl: 'http://127.0.0.1:2222/api', trackedCount: 0 });
    expect(fx.store.profiles.list().filter((p) => p.builtIn)).toHaveLength(1);
  });

  it('refuses to rename or delete the built-in profile', () => {
    const sample = fx.store.ensureSampleProfile('http://127.0.0.1:1/api', []);
    expect(() => fx.store.profiles.rename(sample.id, 'Mine')).toThrow(/cannot be renamed/);
    expect(() => fx.store.profiles.delete(sample.id)).toThrow(/cannot be deleted/);
  });

  it('gives the sample profile another name when the user already took its name', () => {
    fx.store.profiles.create('sample backend', 'https://mine/api');
    expect(fx.store.ensureSampleProfile('http://127.0.0.1:1/api', []).name).toBe('Sample backend (built-in)');
  });

  it('lists the built-in profile first, then by name', () => {
    fx.store.profiles.create('beta', 'https://b/api');
    fx.store.profiles.create('Alpha', 'https://a/api');
    fx.store.ensureSampleProfile('http://127.0.0.1:1/api', []);
    expect(fx.store.profiles.list().map((p) => p.name)).toEqual(['Sample backend', 'Alpha', 'beta']);
  });
});
