import { describe, expect, it } from 'vitest';
import { ExtractPlan } from '../../../../main/core/archive/extract-plan';

describe('ExtractPlan', () => {
  it('numbers a duplicated file name and says it renamed it', () => {
    const plan = new ExtractPlan();
    expect(plan.file('a.txt')).toEqual({ segments: ['a.txt'], renamedFrom: null });
    expect(plan.file('a.txt')).toEqual({ segments: ['a (1).txt'], renamedFrom: 'a.txt' });
    expect(plan.file('a.txt').segments).toEqual(['a (2).txt']);
  });

  it('treats names that differ only in case as the same name', () => {
    const plan = new ExtractPlan();
    plan.file('Report.PDF');
    expect(plan.file('report.pdf')).toEqual({ segments: ['report (1).pdf'], renamedFrom: 'report.pdf' });
  });

  it('treats names equal under Unicode normalization (NFC and NFD "café") as the same name, with case too', () => {
    const nfc = 'caf\u00e9.txt';
    const nfd = 'cafe\u0301.txt';
    expect(nfc).not.toBe(nfd);
    const plan = new ExtractPlan();
    expect(plan.file(nfc)).toEqual({ segments: [nfc], renamedFrom: null });
    expect(plan.file(nfd)).toEqual({ segments: ['cafe\u0301 (1).txt'], renamedFrom: nfd });
    expect(plan.file('CAFE\u0301.TXT')).toEqual({ segments: ['CAFE\u0301 (2).TXT'], renamedFrom: 'CAFE\u0301.TXT' });
    // Folders merge into the first spelling, as they do by case.
    expect(plan.file('r\u00e9sum\u00e9/a.txt').segments).toEqual(['r\u00e9sum\u00e9', 'a.txt']);
    expect(plan.file('re\u0301sume\u0301/b.txt').segments).toEqual(['r\u00e9sum\u00e9', 'b.txt']);
  });

  it('merges folders that differ only in case into the first spelling', () => {
    const plan = new ExtractPlan();
    expect(plan.file('Docs/a.txt').segments).toEqual(['Docs', 'a.txt']);
    expect(plan.file('docs/b.txt').segments).toEqual(['Docs', 'b.txt']);
    expect(plan.directory('DOCS/sub/')).toEqual(['Docs', 'sub']);
  });

  it('keeps a file and a folder of the same name apart', () => {
    const plan = new ExtractPlan();
    plan.file('a');
    expect(plan.file('a/b.txt').segments).toEqual(['a (1)', 'b.txt']);
    const other = new ExtractPlan();
    other.directory('x/');
    expect(other.file('x').segments).toEqual(['x (1)']);
  });

  it('picks the next free number for a file already on disk', () => {
    const plan = new ExtractPlan();
    plan.file('a.txt');
    plan.file('a.txt');
    expect(plan.renumber(['a.txt'], 1, 'a.txt')).toEqual(['a (2).txt']);
  });
});
