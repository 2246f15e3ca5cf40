import { describe, expect, it } from 'vitest';
import { csvField, formatCsv, parseCsv, textOfCsvCell } from '../../../../main/core/files/csv';

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

describe('the formula guard undone on reading', () => {
  // Labels a person may well give: a formula, a sign, a handle; and ones that already start with the guard's quote.
  const LABELS = ['=SUM(A1:A3)', '+49 30 1234', '-5 % off', '@team', "'=already quoted", "''+two quotes", "'just a quote", "'", 'plain', '=', "a '=inside"];

  it.each(LABELS)('gives back %j exactly from the field written for it', (label) => {
    const [row] = parseCsv(csvField(label));
    expect(textOfCsvCell(row!.cells[0]!)).toBe(label);
  });

  it.each(LABELS)('writes %j so that a spreadsheet never runs it: a field that starts like a formula starts with the quote', (label) => {
    const cell = parseCsv(csvField(label))[0]!.cells[0]!;
    expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('takes off only the one quote the writer puts before a formula start', () => {
    expect(textOfCsvCell("'=1")).toBe('=1');
    expect(textOfCsvCell("''=1")).toBe("'=1");
    expect(textOfCsvCell("'text")).toBe("'text");
    expect(textOfCsvCell('=1')).toBe('=1');
  });
});
