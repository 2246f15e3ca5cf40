import { describe, expect, it } from 'vitest';
import { formatCount, plural } from '../../../renderer/src/lib/format';

describe('format', () => {
  it('writes thousands with separators', () => {
    expect(formatCount(10_000)).toBe('10,000');
    expect(formatCount(999)).toBe('999');
  });

  it('picks the plural by the count, with irregular plurals passed in', () => {
    expect(plural(1, 'file')).toBe('1 file');
    expect(plural(0, 'file')).toBe('0 files');
    expect(plural(10_000, 'export')).toBe('10,000 exports');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
  });
});
