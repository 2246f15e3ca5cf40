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

  it('sends 401 and 403 to the profile', () => {
    expect(isKeyProblem({ kind: 'unauthorized' })).toBe(true);
    expect(isKeyProblem({ kind: 'forbidden' })).toBe(true);
    expect(isKeyProblem({ kind: 'not-found' })).toBe(false);
  });
});
