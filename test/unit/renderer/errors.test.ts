import { describe, expect, it } from 'vitest';
import { ERROR_KINDS } from '../../../shared/errors';
import { errorTitle, isKeyProblem } from '../../../renderer/src/lib/errors';

describe('errorTitle', () => {
  it('gives every error kind a sentence that never shows the raw kind', () => {
    for (const kind of ERROR_KINDS) {
      const title = errorTitle(kind);
      expect(title.length).toBeGreaterThan(5);
      // The jargon kinds never show; plain words such as "keychain" may.
      if (kind.includes('-') || ['validation', 'unauthorized', 'forbidden'].includes(kind)) expect(title.toLowerCase()).not.toContain(kind);
    }
    expect(errorTitle({ kind: 'unauthorized' })).toBe('The API key was rejected');
  });

  it('says "no key is set" for a 401 sent without one, not that a key was rejected; the fix is still on the profile', () => {
    expect(errorTitle({ kind: 'unauthorized', noKey: true })).toBe('No API key is set');
    expect(errorTitle({ kind: 'unauthorized', noKey: true })).not.toMatch(/rejected/);
    expect(isKeyProblem({ kind: 'unauthorized', noKey: true })).toBe(true);
    // noKey only ever changes a 401's title.
    expect(errorTitle({ kind: 'forbidden', noKey: true })).toBe(errorTitle('forbidden'));
  });

  it('titles each kind by who failed: the backend only for what it said, never for this machine or the app', () => {
    const local = ['disk', 'archive', 'keychain', 'validation', 'cancelled', 'state', 'internal'] as const;
    for (const kind of local) expect(errorTitle(kind), kind).not.toMatch(/backend/i);
    // A reset mid-download is a network failure too: the title does not claim it was never reached.
    expect(errorTitle('network')).not.toMatch(/reached/);
    expect(errorTitle('disk')).toMatch(/file or folder/);
    expect(errorTitle('state')).toBe('That cannot be done right now');
    expect(errorTitle('internal')).toBe('Something went wrong in Export Manager');
    // One meaning, one title: no two kinds share one.
    expect(new Set(ERROR_KINDS.map((kind) => errorTitle(kind))).size).toBe(ERROR_KINDS.length);
  });

  it('sends 401 and 403 to the profile', () => {
    expect(isKeyProblem({ kind: 'unauthorized' })).toBe(true);
    expect(isKeyProblem({ kind: 'forbidden' })).toBe(true);
    expect(isKeyProblem({ kind: 'not-found' })).toBe(false);
  });
});
