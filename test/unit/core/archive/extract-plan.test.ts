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
