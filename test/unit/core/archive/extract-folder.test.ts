import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { folderNameFor, newExtractFolder } from '../../../../main/core/archive/extract-folder';

describe('newExtractFolder', () => {
  const parent = mkdtempSync(join(tmpdir(), 'extract-folder-'));
  afterEach(() => {
    for (const name of readdirSync(parent)) rmSync(join(parent, name), { recursive: true, force: true });
  });

  it('names the folder after the zip, and numbers it when the name is taken by a folder or a file', async () => {
    expect(await newExtractFolder(parent, '/d/Canvas exports – sample.zip')).toBe(join(parent, 'Canvas exports – sample'));
    writeFileSync(join(parent, 'Canvas exports – sample (1)'), 'a file, not a folder');
    expect(await newExtractFolder(parent, '/d/Canvas exports – sample.zip')).toBe(join(parent, 'Canvas exports – sample (2)'));
    expect(readdirSync(join(parent, 'Canvas exports – sample'))).toEqual([]);
  });

  it('never reuses a folder that already holds files', async () => {
    mkdirSync(join(parent, 'report'));
    writeFileSync(join(parent, 'report', 'mine.txt'), 'keep');
    expect(await newExtractFolder(parent, '/d/report.ZIP')).toBe(join(parent, 'report (1)'));
  });

  it('gives a name for zips without the .zip extension', () => {
    expect(folderNameFor('/d/export.jar')).toBe('export.jar contents');
    expect(folderNameFor('/d/.zip')).toBe('extracted');
  });
});
