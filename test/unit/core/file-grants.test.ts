import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appErrorThrownBy } from '../../helpers/app-error-thrown';
import { FileGrants } from '../../../main/core/file-grants';

const file = join('/home', 'ana', 'Downloads', 'canvas-exports.zip');
const folder = join('/home', 'ana', 'Downloads');

describe('FileGrants', () => {
  it('hands out an opaque id for a path and resolves it back', () => {
    const grants = new FileGrants();
    const granted = grants.grant(file, 'file');
    expect(granted).toMatchObject({ path: file, name: 'canvas-exports.zip' });
    expect(granted.id).not.toContain('canvas');
    expect(grants.resolve(granted.id, 'file')).toBe(file);
    expect(grants.grant(file, 'file').id).toBe(granted.id);
  });

  // A grant that is not (or no longer) there is a state of the app, not bad input: the fix is to choose the file again.
  it('refuses ids it never handed out, and a file id used as a folder, as a state', () => {
    const grants = new FileGrants();
    const granted = grants.grant(file, 'file');
    expect(appErrorThrownBy(() => grants.resolve(file, 'file'))).toMatchObject({ kind: 'state' });
    expect(appErrorThrownBy(() => grants.resolve('file-00000000-0000-0000-0000-000000000000', 'file'))).toMatchObject({ kind: 'state' });
    expect(appErrorThrownBy(() => grants.resolve(granted.id, 'folder'))).toMatchObject({ kind: 'state', message: expect.stringMatching(/choose it again/) });
    expect(grants.resolve(grants.grant(folder, 'folder').id, 'folder')).toBe(folder);
  });

  it('grants only absolute paths', () => {
    expect(() => new FileGrants().grant('relative/x.zip', 'file')).toThrow(/absolute/);
  });

  it('forgets the least recently granted ids past its capacity', () => {
    const grants = new FileGrants(2);
    const a = grants.grant(join('/d', 'a.zip'), 'file');
    const b = grants.grant(join('/d', 'b.zip'), 'file');
    grants.grant(a.path, 'file'); // a used again: b is now the oldest
    grants.grant(join('/d', 'c.zip'), 'file');
    expect(grants.resolve(a.id, 'file')).toBe(a.path);
    expect(appErrorThrownBy(() => grants.resolve(b.id, 'file'))).toMatchObject({ kind: 'state' });
  });
});
