import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatPercent, formatSpeed } from '../../../shared/format';

describe('format', () => {
  it('formats bytes in binary units with sensible precision', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.50 KiB');
    expect(formatBytes(15 * 1024 * 1024)).toBe('15.0 MiB');
    expect(formatBytes(256 * 1024 ** 3)).toBe('256 GiB');
    expect(formatBytes(-1)).toBe('—');
  });

  it('formats speed and durations, with a dash when unknown', () => {
    expect(formatSpeed(null)).toBe('—');
    expect(formatSpeed(4.2 * 1024 * 1024)).toBe('4.20 MiB/s');
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
  });

  it('clamps percentages to 0..100', () => {
    expect(formatPercent(0.425)).toBe('42%');
    expect(formatPercent(1.7)).toBe('100%');
    expect(formatPercent(-1)).toBe('0%');
  });
});
