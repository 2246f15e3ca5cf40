import { describe, expect, it } from 'vitest';
import { fileExtension, opensWithDefaultApp } from '../../../../main/core/archive/openable-types';

describe('opensWithDefaultApp', () => {
  it('opens passive documents, images and media', () => {
    for (const name of [
      'report.pdf', 'REPORT.PDF', 'notes.txt', 'README.md', 'data.csv', 'table.tsv', 'a/b/c.json', 'app.log',
      'cover.png', 'photo.jpg', 'photo.JPEG', 'anim.gif', 'pic.webp', 'scan.bmp', 'scan.tif', 'scan.tiff',
      'song.mp3', 'clip.mp4', 'sound.wav', 'archive.exe.png',
    ]) {
      expect(opensWithDefaultApp(name), name).toBe(true);
    }
  });

  it('does not open Office, web, shortcut and script-bearing types that the old blocklist let through', () => {
    for (const name of [
      'addin.xll', 'addin.xla', 'notebook.one', 'letter.doc', 'sheet.xls', 'db.accdb', 'page.html', 'page.htm', 'logo.svg',
      'site.website', 'query.search-ms', 'scriptlet.sct', 'x.mshxml', 'letter.docx', 'sheet.xlsx', 'deck.pptx', 'feed.xml', 'mail.eml',
    ]) {
      expect(opensWithDefaultApp(name), name).toBe(false);
    }
  });

  it('does not open programs, installers, scripts and shortcuts of any OS', () => {
    for (const name of [
      'setup.EXE', 'tool.msi', 'run.bat', 'run.cmd', 'x.com', 's.scr', 'p.ps1', 'v.vbs', 'a/b/c.js', 'lib.jar', 'page.hta', 'link.lnk',
      'Tool.app', 'go.command', 'install.sh', 'App.AppImage', 'x.desktop', 'macro.xlsm', 'trailing.exe.', 'spaced.bat  ', 'cover.png.exe',
    ]) {
      expect(opensWithDefaultApp(name), name).toBe(false);
    }
  });

  it('does not open a file without an extension: the OS would choose by its content', () => {
    for (const name of ['README', '.bashrc', 'bin/tool', 'dots.']) expect(opensWithDefaultApp(name), name).toBe(false);
  });
});

describe('fileExtension', () => {
  it('is the lower-case extension without the dot, as the OS sees it (trailing dots and spaces dropped), or null', () => {
    expect(fileExtension('a/Setup.EXE')).toBe('exe');
    expect(fileExtension('trailing.exe. ')).toBe('exe');
    expect(fileExtension('query.search-ms')).toBe('search-ms');
    expect(fileExtension('README')).toBeNull();
    expect(fileExtension('.bashrc')).toBeNull();
  });
});
