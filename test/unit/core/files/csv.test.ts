import { describe, expect, it } from 'vitest';
import { csvField, formatCsv, parseCsv } from '../../../../main/core/files/csv';

describe('csv writer against formula injection', () => {
  it.each(['=HYPERLINK("http://evil")', '+1+2', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])('prefixes %j with a quote so spreadsheets show it as text', (value) => {
    const field = csvField(value);
    const [row] = parseCsv(field);
    expect(row!.cells[0]).toBe(`'${value}`);
  });

  it('leaves ordinary cells (URLs, labels, dates) as they are', () => {
    expect(formatCsv([['https://cdn.example.com/a.png', 'Invoice 3', '2026-01-01T00:00:00Z']])).toBe('https://cdn.example.com/a.png,Invoice 3,2026-01-01T00:00:00Z\r\n');
  });

  it('neutralises a formula in a tracked-list label row', () => {
    const text = formatCsv([['sourceFileUrl', 'label'], ['https://x.example/a', '=cmd|" /C calc"!A0']]);
    expect(parseCsv(text)[1]!.cells[1]).toBe(`'=cmd|" /C calc"!A0`);
  });
});
