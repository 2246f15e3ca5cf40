import { describe, expect, it } from 'vitest';
import { keyHint } from '../../../../main/core/keys/key-hint';

describe('keyHint', () => {
  it('shows the last 4 characters only for keys of 12 characters or more', () => {
    expect(keyHint('abcdefgh1234')).toBe('••••1234');
    expect(keyHint('abcdefgh123')).toBe('••••');
  });

  it('is null without a key', () => {
    expect(keyHint(null)).toBeNull();
  });
});
