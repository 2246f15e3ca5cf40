import { extname } from 'node:path';
import { fail } from '../app-error';
import { JsonTooDeepError, parseBoundedJson } from '../http/bounded-json';
import { parseCsv, textOfCsvCell } from './csv';
import { NotARegularFile, openRegularFile } from './regular-file';
import { sourceUrlProblem } from './source-urls';
import { decodeUtf8 } from './utf8-text';

/** One input value: a text line, CSV row or JSON element. `reason` is set when it cannot be used. */
export interface SourceLine {
  /** 1-based line (text), row (CSV; the header is row 1) or element (JSON). */
  line: number;
  value: string;
  reason?: string;
  /** A label given with the URL (a CSV `label` column, a JSON `label` field). */
  label?: string;
}

/** The longest label kept; a longer one is cut. */
export const MAX_LABEL_LENGTH = 500;

/** A label as stored: one line of text without control characters, at most MAX_LABEL_LENGTH long; undefined when blank. */
export function cleanLabel(label: unknown): string | undefined {
  if (typeof label !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const text = label.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim().slice(0, MAX_LABEL_LENGTH);
  return text || undefined;
}

/** A checked line with its label, when one was given. */
function labelled(line: SourceLine, label: unknown): SourceLine {
  const text = cleanLabel(label);
  return text === undefined ? line : { ...line, label: text };
}

/** How input text is laid out; `auto` reads a JSON array when the text starts with `[` or `{`, lines otherwise. */
export type SourceFormat = 'txt' | 'csv' | 'json' | 'auto';

/** The largest file `readSourceFile` reads. */
export const MAX_SOURCE_FILE_BYTES = 64 * 1024 * 1024;

function checked(line: number, value: string): SourceLine {
  const problem = sourceUrlProblem(value);
  return problem ? { line, value, reason: problem } : { line, value };
}

/**
 * In a plain list, a comma is where a CSV row's next cell starts (`url,label` pasted without its
 * header): taken as part of the URL, the label would be glued on and the duplicate missed.
 */
const COMMA_IN_LIST =
  'contains a comma: this looks like a CSV row; add a header row naming the sourceFileUrl column (or write a comma that belongs to the URL as %2C)';

function fromLines(text: string): SourceLine[] {
  const out: SourceLine[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const value = lines[i]!.trim();
    if (!value) continue;
    // The comma says more than what the glued-on label breaks (a space, say).
    out.push(value.includes(',') ? { line: i + 1, value, reason: COMMA_IN_LIST } : checked(i + 1, value));
  }
  return out;
}

/** Whether text is CSV with a header row naming the `sourceFileUrl` column (pasted or dropped, it says so itself). */
function hasCsvHeader(text: string): boolean {
  const firstLine = /^\uFEFF?\s*([^\r\n]*)/.exec(text)?.[1] ?? '';
  const header = parseCsv(firstLine)[0];
  return header !== undefined && header.cells.length > 1 && header.cells.some((cell) => cell.trim().toLowerCase() === 'sourcefileurl');
}

function fromJson(text: string): SourceLine[] {
  let data: unknown;
  try {
    // Bounded: V8's JSON.parse recurses once per level, so `[[[[…` 200,000 deep would crash the
    // import with a stack overflow instead of being refused. A list of URLs is 3 levels deep.
    data = parseBoundedJson(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof JsonTooDeepError ? `it nests ${error.depth.toLocaleString('en-US')} levels deep; at most ${error.maxDepth} are allowed` : (error as Error).message;
    fail('validation', `The JSON could not be read: ${reason}.`);
  }
  // The batch request body `{ items: [...] }` is accepted too.
  if (data && typeof data === 'object' && !Array.isArray(data) && Array.isArray((data as { items?: unknown }).items)) {
    data = (data as { items: unknown[] }).items;
  }
  if (!Array.isArray(data)) fail('validation', 'The JSON must be an array of URLs or of { "sourceFileUrl": "..." } objects.');
  return data.map((element: unknown, index) => {
    const line = index + 1;
    if (typeof element === 'string') return checked(line, element.trim());
    const url = (element as { sourceFileUrl?: unknown } | null)?.sourceFileUrl;
    if (typeof url === 'string') return labelled(checked(line, url.trim()), (element as { label?: unknown }).label);
    return { line, value: JSON.stringify(element) ?? String(element), reason: 'not a URL string or an object with a sourceFileUrl' };
  });
}

function fromCsv(text: string): SourceLine[] {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  if (rows.length === 0) return [];
  const header = rows[0]!.cells.map((c) => c.trim().toLowerCase());
  let column = header.indexOf('sourcefileurl');
  const labelColumn = header.indexOf('label');
  let body = rows.slice(1);
  if (column < 0) {
    // No header: a one-column list of URLs is accepted as is.
    if (rows[0]!.cells.length === 1 || /^https?:\/\//i.test(rows[0]!.cells[0]!.trim())) {
      column = 0;
      body = rows;
    } else {
      fail('validation', 'The CSV has no "sourceFileUrl" column; add a header row naming it.');
    }
  }
  return body.map(({ line, cells }) => {
    const value = (cells[column] ?? '').trim();
    if (!value) return { line, value, reason: 'the sourceFileUrl cell is empty' };
    // A label that starts like a formula was written with a `'` before it (csvField): taken off, it reads back as it was.
    return labelColumn >= 0 && labelColumn !== column ? labelled(checked(line, value), textOfCsvCell(cells[labelColumn] ?? '')) : checked(line, value);
  });
}

/**
 * Reads `sourceFileUrl` values from text: one a line, CSV with a `sourceFileUrl` column, or a
 * JSON array of strings or of `{ sourceFileUrl }` (`auto`: JSON when it starts with `[` or `{`,
 * CSV when its first line is a header naming `sourceFileUrl`, else one a line, where a comma is
 * refused as the sign of a CSV row without its header). Every value is validated (absolute http(s),
 * at most 2048 characters); invalid ones carry a `reason`. Blank lines are skipped. A file
 * that cannot be read as its format at all throws a `validation` AppError.
 */
export function parseSourceUrls(text: string, format: SourceFormat = 'auto'): SourceLine[] {
  // One parser for every way a list comes in: pasted text is read as what it is, as a file is.
  if (format === 'auto') format = /^\uFEFF?\s*[[{]/.test(text) ? 'json' : hasCsvHeader(text) ? 'csv' : 'txt';
  if (format === 'json') return fromJson(text);
  if (format === 'csv') return fromCsv(text);
  return fromLines(text);
}

/** The format a file name stands for: .csv, .json, else lines of text. */
export function formatOfFile(path: string): SourceFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.json') return 'json';
  if (ext === '.txt' || ext === '.list' || ext === '') return 'txt';
  return 'auto';
}

/**
 * Reads and parses a .txt/.csv/.json file of `sourceFileUrl` values (see `parseSourceUrls`).
 * Only a regular file is read: a FIFO would wait for a writer for ever and /dev/zero never
 * ends, so they are refused (`disk`) before a byte is read. Bytes that are not UTF-8 make
 * their line invalid; a real U+FFFD is a character like any other (see utf8-text.ts).
 */
export async function readSourceFile(path: string): Promise<SourceLine[]> {
  let bytes: Buffer;
  try {
    const { handle, stats } = await openRegularFile(path);
    try {
      // The size first: a file too large is refused without reading it into memory.
      if (stats.size > MAX_SOURCE_FILE_BYTES) {
        fail('validation', `${path} is larger than ${MAX_SOURCE_FILE_BYTES / 1024 / 1024} MiB; split it into smaller files.`);
      }
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if ((error as { appError?: unknown }).appError) throw error;
    const code = (error as { code?: string }).code;
    const why =
      error instanceof NotARegularFile ? error.reason : code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    fail('disk', `Could not read ${path}: ${why}.`, { cause: error });
  }
  // A file that grew past the limit while it was read is refused all the same.
  if (bytes.length > MAX_SOURCE_FILE_BYTES) fail('validation', `${path} is larger than ${MAX_SOURCE_FILE_BYTES / 1024 / 1024} MiB; split it into smaller files.`);
  return parseSourceUrls(decodeUtf8(bytes), formatOfFile(path));
}

/** Just the valid URLs of parsed lines, in order (what the command line sends). */
export function validUrls(lines: readonly SourceLine[]): string[] {
  return lines.filter((l) => !l.reason).map((l) => l.value);
}
