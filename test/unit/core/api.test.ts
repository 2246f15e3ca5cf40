import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FileGrants } from '../../../main/core/file-grants';
import { createApi, FAULT_MESSAGE } from '../../../main/core/api';
import { DatabaseBusyNow } from '../../../main/core/store/busy-now';
import { openSqlite } from '../../../main/core/store/sqlite';
import { createAppFeature } from '../../../main/core/app/feature';
import { createCore } from '../../../main/core/core';
import type { Core } from '../../../main/core/core';
import { methodNames } from '../../../shared/api';
import { failure, value } from '../../helpers/result-value';
import { createTestPorts } from '../../helpers/test-ports';
import type { TestPorts } from '../../helpers/test-ports';

describe('createApi through createCore', () => {
  let ports: TestPorts;
  let core: Core;

  afterEach(async () => {
    await core?.close();
    ports?.cleanup();
  });

  async function start() {
    ports = createTestPorts();
    core = await createCore(ports, { identity: { name: 'Export Manager', version: '9.9.9', platform: 'linux' } });
    return core;
  }

  it('serves a handler for every method of shared/api.ts', async () => {
    const { api } = await start();
    expect(Object.keys(api).sort()).toEqual([...methodNames].sort());
  });

  it('app.info answers with the identity and where state lives', async () => {
    const { api } = await start();
    expect(await value(api['app.info'](undefined))).toMatchObject({ name: 'Export Manager', version: '9.9.9', platform: 'linux', dataDir: ports.paths.dataDir });
  });

  it('refuses a payload that does not pass the schema, as a validation error', async () => {
    const { api } = await start();
    const refused = await failure(api['app.info']({ unexpected: true }));
    expect(refused).toMatchObject({ kind: 'validation', message: expect.stringContaining('app.info') });
  });
});

describe('app.openExternal and app.showInFolder', () => {
  it('opens only http(s) URLs and refuses other schemes before reaching the shell', async () => {
    const ports = createTestPorts();
    const core = await createCore(ports, { identity: { name: 'Export Manager', version: '1.0.0', platform: 'linux' } });
    try {
      expect(await core.api['app.openExternal']({ url: 'https://example.com/a.png' })).toEqual({ ok: true, value: null });
      expect(await failure(core.api['app.openExternal']({ url: 'file:///etc/passwd' }))).toMatchObject({ kind: 'validation' });
      expect(ports.opened.urls).toEqual(['https://example.com/a.png']);
      const granted = core.grants.grant('/tmp/x.zip', 'file');
      expect(await core.api['app.showInFolder']({ id: granted.id })).toEqual({ ok: true, value: null });
      expect(ports.opened.revealed).toEqual(['/tmp/x.zip']);
      // A path is not an id: the page cannot name a file main never handed out (it must pick one again).
      expect(await failure(core.api['app.showInFolder']({ id: '/etc/passwd' }))).toMatchObject({ kind: 'state', message: expect.stringMatching(/choose it again/) });
      expect(ports.opened.revealed).toEqual(['/tmp/x.zip']);
      // A folder is opened, so what was saved or extracted into it shows at once.
      const folder = core.grants.grant('/tmp/extracted', 'folder');
      expect(await core.api['app.showInFolder']({ id: folder.id })).toEqual({ ok: true, value: null });
      expect(ports.opened.paths).toEqual(['/tmp/extracted']);
      expect(ports.opened.revealed).toEqual(['/tmp/x.zip']);
    } finally {
      await core.close();
      ports.cleanup();
    }
  });
});

describe('createApi over a subset of handlers', () => {
  const app = () =>
    createAppFeature({
      identity: { name: 'Export Manager', version: '1.0.0', platform: 'linux' },
      dataDir: '/data',
      sampleBackendUrl: () => null,
      shell: { showInFolder: () => {}, openPath: async () => {}, openExternal: async () => {} },
      grants: new FileGrants(),
    }).handlers;

  it('serves exactly the methods it is given', async () => {
    const api = createApi(app());
    expect(Object.keys(api).sort()).toEqual(['app.info', 'app.openExternal', 'app.showInFolder']);
    expect(await api['app.info'](undefined)).toMatchObject({ ok: true, value: { dataDir: '/data', sampleBackendUrl: null } });
  });

  it('describes a refused payload as its caller asks, with every issue', async () => {
    const api = createApi(app(), { describeInvalid: (_name, issues) => issues.map((issue) => issue.message).join('; ') });
    expect(await api['app.openExternal']({ url: 'ftp://example.com/a' })).toEqual({
      ok: false,
      // Every issue is about one input: the error names it, for the window to say beside that field.
      error: { kind: 'validation', message: 'Only http and https links can be opened.', field: 'url' },
    });
  });
});

describe('createApi and a database another process holds', () => {
  const busyNow = () => new DatabaseBusyNow(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }));
  const quick = { budgetMs: 200, firstDelayMs: 5, maxDelayMs: 20 };

  it('runs the handler again while the database is busy, and answers with its first success', async () => {
    let calls = 0;
    const api = createApi(
      {
        'profiles.list': () => {
          if (++calls < 3) throw busyNow();
          return [];
        },
      },
      { busy: quick },
    );
    expect(await api['profiles.list'](undefined)).toEqual({ ok: true, value: [] });
    expect(calls).toBe(3);
  });

  it('answers with the disk error that says to try again once the budget is spent', async () => {
    const api = createApi({ 'profiles.list': () => { throw busyNow(); } }, { busy: quick });
    const started = performance.now();
    expect(await api['profiles.list'](undefined)).toEqual({
      ok: false,
      error: { kind: 'disk', message: 'Another Export Manager process (the app or an export-manager command) is busy with the database; try again in a moment.' },
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(quick.budgetMs / 2);
  });

  it('does not run again a handler that committed before the database turned busy', async () => {
    const root = mkdtempSync(join(tmpdir(), 'api-busy-'));
    const db = openSqlite(join(root, 'x.db'));
    const holder = openSqlite(join(root, 'x.db'));
    try {
      db.exec('PRAGMA journal_mode = WAL; CREATE TABLE t (v TEXT)');
      let calls = 0;
      const api = createApi(
        {
          'profiles.list': () => {
            calls++;
            db.prepare('INSERT INTO t VALUES (?)').run('first write');
            holder.exec('BEGIN IMMEDIATE');
            db.prepare('INSERT INTO t VALUES (?)').run('second write');
            return [];
          },
        },
        { busy: quick },
      );
      expect(await api['profiles.list'](undefined)).toMatchObject({ ok: false, error: { kind: 'disk' } });
      expect(calls).toBe(1);
      holder.exec('ROLLBACK');
      expect(db.prepare('SELECT v FROM t').pluck().all()).toEqual(['first write']);
    } finally {
      holder.close();
      db.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('createApi and a bug in a handler', () => {
  const buggy = () => ({
    'profiles.list': (): never => {
      throw new TypeError('Cannot read properties of undefined (reading "name") in /home/ana/.config/export-manager/state.db');
    },
  });

  it('answers a throw that is not an AppError as internal, with none of its details, and hands it to onFault', async () => {
    const faults: Array<{ name: string; error: unknown }> = [];
    const api = createApi(buggy(), { onFault: (name, error) => void faults.push({ name, error }) });
    const answer = await failure(api['profiles.list'](undefined));
    expect(answer).toEqual({ kind: 'internal', message: FAULT_MESSAGE });
    // Nothing of the thrown error reaches the page: not its type, its words, nor the path in it.
    expect(JSON.stringify(answer)).not.toMatch(/TypeError|Cannot read|\/home\/ana|state\.db/);
    expect(FAULT_MESSAGE).toMatch(/report it/);
    expect(faults).toEqual([{ name: 'profiles.list', error: expect.any(TypeError) }]);
  });

  it('logs the fault with its stack by default, and never rejects', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await expect(createApi(buggy())['profiles.list'](undefined)).resolves.toMatchObject({ ok: false, error: { kind: 'internal' } });
      expect(logged).toHaveBeenCalledOnce();
      expect(logged.mock.calls[0]).toEqual([expect.stringContaining('profiles.list'), expect.any(TypeError)]);
    } finally {
      logged.mockRestore();
    }
  });
});
