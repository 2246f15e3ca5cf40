import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ERROR_KINDS } from '../../../shared/errors';
import { appError } from '../../../main/core/app-error';
import { EXIT } from '../../../main/cli/exit-codes';
import type { CliIo } from '../../../main/cli/io';
import { reportError } from '../../../main/cli/report-error';
import { UsageError } from '../../../main/cli/usage-error';

/** A command's streams in memory, and what was printed on each. */
function memoryIo(env: NodeJS.ProcessEnv = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const io: CliIo = { stdout, stderr, stdin: new PassThrough(), env, cwd: '/', warnings: [] };
  const text = (stream: PassThrough) => (stream.read() as Buffer | null)?.toString('utf8') ?? '';
  return { io, out: () => text(stdout), err: () => text(stderr) };
}

describe('reportError', () => {
  it('exits 1 for a failure of every kind, state and internal included, and keeps the kind in the JSON', () => {
    for (const kind of ERROR_KINDS) {
      const { io, out } = memoryIo();
      expect(reportError(io, appError(kind, `a ${kind} failure`), true), kind).toBe(EXIT.failure);
      expect(JSON.parse(out())).toMatchObject({ ok: false, error: { kind } });
    }
  });

  it('exits 2 for a mistake in the command line itself, printed as validation', () => {
    const { io, out } = memoryIo();
    expect(reportError(io, new UsageError('unknown option "--nope"', 'track'), true)).toBe(EXIT.usage);
    expect(JSON.parse(out())).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });

  it('reports an error no layer anticipated as internal (a fault to report), not as bad input', () => {
    const { io, out } = memoryIo();
    expect(reportError(io, new TypeError('x is not a function'), true)).toBe(EXIT.failure);
    const { error } = JSON.parse(out()) as { error: { kind: string; message: string } };
    expect(error.kind).toBe('internal');
    expect(error.message).toMatch(/^Unexpected failure: x is not a function\. This is a fault in Export Manager; please report it\. Set EXPORT_MANAGER_DEBUG=1 for details\.$/);
  });

  it('says where a fault\'s details are only when they are not being shown already', () => {
    const quiet = memoryIo();
    reportError(quiet.io, appError('internal', 'A fault.'), false);
    expect(quiet.err()).toBe('export-manager: A fault. Set EXPORT_MANAGER_DEBUG=1 for details.\n');
    const debugging = memoryIo({ EXPORT_MANAGER_DEBUG: '1' });
    reportError(debugging.io, appError('internal', 'A fault.'), false);
    expect(debugging.err()).toBe('export-manager: A fault.\n');
    // Other kinds are the person's to act on: no hint about debugging.
    const state = memoryIo();
    reportError(state.io, appError('state', 'That check is still running.'), false);
    expect(state.err()).toBe('export-manager: That check is still running.\n');
  });

  it('tells a script that a 401 was asked without a key (noKey), and says nothing of it otherwise', () => {
    const unset = memoryIo();
    reportError(unset.io, appError('unauthorized', 'No key is set.', { status: 401, noKey: true }), true);
    expect(JSON.parse(unset.out())).toEqual({ ok: false, error: { kind: 'unauthorized', status: 401, message: 'No key is set.', backendMessage: null, noKey: true } });
    const refused = memoryIo();
    reportError(refused.io, appError('forbidden', 'Refused.', { status: 403 }), true);
    expect(JSON.parse(refused.out()).error).not.toHaveProperty('noKey');
  });

  it('keeps a file operation\'s error code as a disk failure', () => {
    const { io, out } = memoryIo();
    reportError(io, Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }), true);
    expect(JSON.parse(out())).toMatchObject({ error: { kind: 'disk' } });
  });
});
