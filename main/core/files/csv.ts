/**
 * RFC 4180 CSV: comma separated, fields optionally in double quotes (with `""` for a quote and
 * line breaks allowed inside), CRLF or LF line endings.
 */

/** One parsed row and the 1-based line it starts on. */
export interface CsvRow {
  line: number;
  cells: string[];
}

/** Parses CSV text into rows; a blank line yields no row. */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let rowHasContent = false;
  const endRow = () => {
    if (rowHasContent || cells.length > 0 || cell.length > 0) rows.push({ line: rowLine, cells: [...cells, cell] });
    cells = [];
    cell = '';
    rowHasContent = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"') {
      quoted = true;
      rowHasContent = true;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      cell += ch;
    }
  }
  endRow();
  return rows;
}

// Excel, LibreOffice and Sheets run a cell starting with one of these as a formula (OWASP "CSV
// injection"); a leading `'` makes them show it as text. It costs a `'` on negative numbers, which
// none of our columns (URLs, labels, dates, reasons) are meant to hold.
// Text that already starts with quotes before such a character gets one more, so that reading
// takes exactly one off (`textOfCsvCell`) and every value comes back as it was written.
const GUARDED = /^'*[=+\-@\t\r]/;
const GUARD_WRITTEN = /^'+[=+\-@\t\r]/;

/**
 * One CSV field per RFC 4180: quoted when it holds a comma, quote, CR or LF (quotes doubled),
 * and when it starts or ends with white space, which spreadsheet programs would otherwise trim.
 * A cell that a spreadsheet would run as a formula is prefixed with `'` (see `textOfCsvCell`).
 */
export function csvField(raw: string): string {
  const value = GUARDED.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Formats rows as CSV text with CRLF line endings (what spreadsheets expect). */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/**
 * The text a cell of a file `csvField` wrote stands for: the `'` it put before a formula start
 * taken off (a spreadsheet that saves the file again keeps it the same way). Any other cell is
 * its text as it is.
 */
export function textOfCsvCell(cell: string): string {
  return GUARD_WRITTEN.test(cell) ? cell.slice(1) : cell;
}
