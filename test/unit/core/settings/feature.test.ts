import { describe, expect, it } from 'vitest';
import { failure } from '../../../helpers/result-value';
import { useStateFeatures } from '../../../helpers/state-features-fixture';

describe('the settings feature', () => {
  const state = useStateFeatures();
  const h = () => state.handlers();

  it('names the first profile as active until one is chosen, and again when the chosen one is deleted', async () => {
    expect((await h()['settings.get'](undefined)).activeProfileId).toBeNull();
    const first = await h()['profiles.create']({ name: 'A first', baseUrl: 'https://a/api' });
    const second = await h()['profiles.create']({ name: 'B second', baseUrl: 'https://b/api' });
    expect((await h()['settings.get'](undefined)).activeProfileId).toBe(first.id);
    expect((await h()['settings.set']({ activeProfileId: second.id })).activeProfileId).toBe(second.id);
    expect((await h()['settings.get'](undefined)).activeProfileId).toBe(second.id);
    await h()['profiles.delete']({ id: second.id });
    expect((await h()['settings.get'](undefined)).activeProfileId).toBe(first.id);
  });

  it('refuses a setting that is not one of its values through the API, as input that cannot be used', async () => {
    expect(await failure(state.api()['settings.set']({ theme: 'purple' }))).toMatchObject({ kind: 'validation' });
  });

  it('sets the default folder only through the folder dialog, and resets it to Downloads', async () => {
    const { deps } = state;
    deps.dialogs.folderAnswers.push('/home/ana/Exports');
    expect(await h()['settings.chooseDefaultFolder'](undefined)).toMatchObject({ defaultFolder: '/home/ana/Exports' });
    expect(deps.dialogs.asked.at(-1)!.options).toMatchObject({ defaultPath: state.fx.root });
    deps.dialogs.folderAnswers.push(null);
    expect(await h()['settings.chooseDefaultFolder'](undefined)).toMatchObject({ defaultFolder: '/home/ana/Exports' });
    expect(await h()['settings.set']({ defaultFolder: null })).toMatchObject({ defaultFolder: null });
    expect(state.emitted.filter((e) => e === 'settings.changed')).toHaveLength(2);
  });

  it('reports state status: recovered database, database path, secrets backend and warning', async () => {
    state.deps.secretsStatus = { backend: 'session', warning: 'kept until quit', warningDetail: 'the keychain said no' };
    expect(await h()['settings.status'](undefined)).toEqual({
      recoveredFrom: null,
      recoveryNotice: null,
      databasePath: state.fx.store.path,
      secretsBackend: 'session',
      secretsWarning: 'kept until quit',
      secretsWarningDetail: 'the keychain said no',
    });
  });
});
