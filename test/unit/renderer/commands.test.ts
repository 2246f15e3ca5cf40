import { describe, expect, it } from 'vitest';
import { ariaShortcut, commandForKey } from '../../../renderer/src/lib/commands';

function press(key: string, init: KeyboardEventInit = {}, target?: HTMLElement): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, ...init });
  if (target) Object.defineProperty(event, 'target', { value: target });
  return event;
}

describe('commandForKey', () => {
  it('maps the shortcuts to their commands', () => {
    expect(commandForKey(press('f', { ctrlKey: true }))).toBe('filter');
    expect(commandForKey(press('o', { ctrlKey: true }))).toBe('open-zip');
    expect(commandForKey(press('Enter', { ctrlKey: true }))).toBe('download');
    expect(commandForKey(press(',', { ctrlKey: true }))).toBe('settings');
    expect(commandForKey(press('Delete'))).toBe('remove-selected');
    expect(commandForKey(press('f'))).toBeNull();
    expect(commandForKey(press('Enter'))).toBeNull();
  });

  it('leaves Delete to a text field being typed in, but not to a row checkbox', () => {
    const field = document.createElement('input');
    expect(commandForKey(press('Delete', {}, field))).toBeNull();
    const checkbox = document.createElement('input');
    checkbox.type = 'checkbox';
    expect(commandForKey(press('Delete', {}, checkbox))).toBe('remove-selected');
  });

  it('spells each shortcut for aria-keyshortcuts', () => {
    expect(ariaShortcut('filter')).toMatch(/^(Control|Meta)\+F$/);
    expect(ariaShortcut('settings')).toMatch(/\+Comma$/);
    expect(ariaShortcut('remove-selected')).toBe('Delete');
  });
});
