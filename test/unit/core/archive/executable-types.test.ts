import { describe, expect, it } from 'vitest';
import { executableType } from '../../../../main/core/archive/executable-types';

describe('executableType', () => {
  it('names programs, installers, scripts and shortcuts of every OS', () => {
    for (const [name, type] of [
      ['setup.EXE', 'exe'], ['tool.msi', 'msi'], ['run.bat', 'bat'], ['run.cmd', 'cmd'], ['x.com', 'com'], ['s.scr', 'scr'],
      ['p.ps1', 'ps1'], ['v.vbs', 'vbs'], ['a/b/c.js', 'js'], ['lib.jar', 'jar'], ['page.hta', 'hta'], ['link.lnk', 'lnk'],
      ['Tool.app', 'app'], ['go.command', 'command'], ['install.sh', 'sh'], ['App.AppImage', 'appimage'], ['x.desktop', 'desktop'],
      ['macro.xlsm', 'xlsm'], ['trailing.exe.', 'exe'], ['spaced.bat  ', 'bat'],
    ] as const) {
      expect(executableType(name), name).toBe(type);
    }
  });

  it('leaves images, documents and data alone', () => {
    for (const name of ['cover.png', 'report.pdf', 'data.csv', 'notes.txt', 'photo.jpeg', 'README', 'archive.exe.png', '.bashrc']) {
      expect(executableType(name), name).toBeNull();
    }
  });
});
