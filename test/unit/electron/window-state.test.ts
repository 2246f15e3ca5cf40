import { describe, expect, it } from 'vitest';
import { parseWindowState, restoredBounds } from '../../../main/electron/window-state';

const sizes = { width: 1200, height: 800, minWidth: 760, minHeight: 520 };
const laptop = { x: 0, y: 0, width: 1440, height: 877 };
const external = { x: 1440, y: -200, width: 2560, height: 1400 };

describe('restoredBounds', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(restoredBounds(null, [laptop], sizes)).toEqual({ width: 1200, height: 800, maximized: false });
  });

  it('puts the window back where it was when that is on a display', () => {
    const saved = { bounds: { x: 1800, y: 100, width: 1600, height: 1000 }, maximized: true };
    expect(restoredBounds(saved, [laptop, external], sizes)).toEqual({ x: 1800, y: 100, width: 1600, height: 1000, maximized: true });
  });

  it('centres it when its display is gone, keeping a size that fits the remaining one', () => {
    const saved = { bounds: { x: 1800, y: 100, width: 1600, height: 1000 }, maximized: false };
    expect(restoredBounds(saved, [laptop], sizes)).toEqual({ width: 1440, height: 877, maximized: false });
  });

  it('does not count a sliver at a screen edge as visible', () => {
    const saved = { bounds: { x: 1400, y: 10, width: 900, height: 600 }, maximized: false };
    expect(restoredBounds(saved, [laptop], sizes)).toEqual({ width: 900, height: 600, maximized: false });
  });

  it('keeps the size within the minimum', () => {
    const saved = { bounds: { x: 10, y: 10, width: 100, height: 50 }, maximized: false };
    expect(restoredBounds(saved, [laptop], sizes)).toMatchObject({ x: 10, y: 10, width: 760, height: 520 });
  });
});

describe('parseWindowState', () => {
  it('accepts what was saved and rejects anything malformed', () => {
    expect(parseWindowState({ bounds: { x: 1, y: 2, width: 3, height: 4 }, maximized: true })).toEqual({
      bounds: { x: 1, y: 2, width: 3, height: 4 },
      maximized: true,
    });
    expect(parseWindowState(null)).toBeNull();
    expect(parseWindowState({ bounds: { x: 1, y: 2, width: 'wide', height: 4 } })).toBeNull();
    expect(parseWindowState({ bounds: { x: 1, y: 2, width: Infinity, height: 4 } })).toBeNull();
    expect(parseWindowState('{}')).toBeNull();
  });
});

describe('window state file', () => {
  it('round-trips the state and reads a damaged file as none', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { readWindowState, writeWindowState, WINDOW_STATE_FILE } = await import('../../../main/electron/window-state-file');
    const dir = mkdtempSync(join(tmpdir(), 'window-state-'));
    try {
      expect(readWindowState(dir)).toBeNull();
      const state = { bounds: { x: 5, y: 6, width: 900, height: 700 }, maximized: false };
      writeWindowState(dir, state);
      expect(readWindowState(dir)).toEqual(state);
      writeFileSync(join(dir, WINDOW_STATE_FILE), '{"bounds":');
      expect(readWindowState(dir)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
