import { describe, expect, it } from 'vitest';
import { openedIn } from '../../../main/electron/opened';

describe('openedIn (launch arguments)', () => {
  it('finds a deep link anywhere among the arguments, whatever its case', () => {
    expect(openedIn(['/opt/app/export-manager', '--flag', 'Export-Manager://track?url=x'])).toEqual({
      kind: 'deep-link',
      value: 'Export-Manager://track?url=x',
    });
  });

  it('finds a zip handed over by the file manager, skipping the executable and flags', () => {
    expect(openedIn(['/opt/app/export-manager', '--no-sandbox', '/home/me/Exports.ZIP'])).toEqual({ kind: 'file', value: '/home/me/Exports.ZIP' });
    expect(openedIn(['C:\\Program Files\\Export Manager.zip'])).toBeNull();
  });

  it('makes a zip path absolute against the working folder of the instance that received it', () => {
    expect(openedIn(['/opt/app/export-manager', 'exports/a.zip'], '/home/me')).toEqual({ kind: 'file', value: '/home/me/exports/a.zip' });
  });

  it('returns null when there is nothing to open', () => {
    expect(openedIn(['/opt/app/export-manager', '.', '--inspect'])).toBeNull();
  });
});
