import { describe, expect, it } from 'vitest';
import { partFileNameFor } from '../../../../main/core/downloads/zip-parts';

describe('part file names', () => {
  it('numbers a part after its base name', () => {
    expect(partFileNameFor('Canvas exports – sample', 1, 3)).toBe('Canvas exports – sample (part 1 of 3).zip');
  });

  it('shortens a long base so the part name stays within 255 bytes and keeps its number', () => {
    const name = partFileNameFor('é'.repeat(200), 12, 12);
    expect(Buffer.byteLength(name, 'utf8')).toBeLessThanOrEqual(255);
    expect(name.endsWith(' (part 12 of 12).zip')).toBe(true);
    expect(name.startsWith('éé')).toBe(true);
  });
});
