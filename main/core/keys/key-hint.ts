/** The mask shown instead of a key. */
const MASK = '••••';

/**
 * What the UI may show of a key: the last 4 characters after a mask, only for keys of 12
 * characters or more (for shorter ones 4 characters would give too much away); null without a key.
 */
export function keyHint(key: string | null): string | null {
  if (key === null) return null;
  return key.length >= 12 ? MASK + key.slice(-4) : MASK;
}
