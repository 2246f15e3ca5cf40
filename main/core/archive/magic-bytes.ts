/**
 * What an entry's extension promises its first bytes are, and what they are instead when a
 * server's error page was saved under that name: the check behind the `error-stub` flag
 * (error-stubs.ts). Pure: it sees the name and the head of the data, nothing else.
 */
import { withoutHiddenCharacters } from '../../../shared/hidden-characters';

/** What a type's first bytes must be. */
type Magic = (head: Buffer) => boolean;

const startsWith = (...bytes: number[]): Magic => (head) => head.length >= bytes.length && bytes.every((byte, i) => head[i] === byte);
const ascii = (text: string, at = 0): Magic => (head) => head.length >= at + text.length && head.toString('latin1', at, at + text.length) === text;
const anyOf = (...magics: Magic[]): Magic => (head) => magics.some((magic) => magic(head));

/** The ISO base media file format (MP4, MOV, HEIC, AVIF, M4A): a box size, then `ftyp`. */
const isoMedia = ascii('ftyp', 4);
/** RIFF containers name their form at byte 8 (WEBP, WAVE, AVI ). */
const riff = (form: string): Magic => (head) => ascii('RIFF')(head) && ascii(form, 8)(head);
/** A zip (and the office formats, EPUB and JARs built on it): a local header, or the end record of an empty one. */
const zip = anyOf(startsWith(0x50, 0x4b, 0x03, 0x04), startsWith(0x50, 0x4b, 0x05, 0x06), startsWith(0x50, 0x4b, 0x07, 0x08));
/** A PDF may have bytes before its header: readers accept `%PDF-` anywhere in the first 1024 bytes. */
const pdf: Magic = (head) => head.subarray(0, 1024).includes('%PDF-', 0, 'latin1');
/** MP3: an ID3 tag, or straight into an MPEG audio frame (eleven set sync bits). */
const mp3 = anyOf(ascii('ID3'), (head) => head.length >= 2 && head[0] === 0xff && (head[1]! & 0xe0) === 0xe0);

/** Binary types by extension, each with the label a reason names it by. */
const BINARY: Record<string, { label: string; magic: Magic }> = {};
function binary(extensions: string[], label: string, magic: Magic): void {
  for (const extension of extensions) BINARY[extension] = { label, magic };
}
binary(['png', 'apng'], 'PNG image', startsWith(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a));
binary(['jpg', 'jpeg', 'jpe', 'jfif'], 'JPEG image', startsWith(0xff, 0xd8, 0xff));
binary(['gif'], 'GIF image', anyOf(ascii('GIF87a'), ascii('GIF89a')));
binary(['webp'], 'WebP image', riff('WEBP'));
binary(['bmp'], 'BMP image', ascii('BM'));
binary(['tif', 'tiff'], 'TIFF image', anyOf(startsWith(0x49, 0x49, 0x2a, 0x00), startsWith(0x4d, 0x4d, 0x00, 0x2a)));
binary(['ico'], 'icon', startsWith(0x00, 0x00, 0x01, 0x00));
binary(['heic', 'heif', 'avif'], 'image', isoMedia);
binary(['psd'], 'Photoshop document', ascii('8BPS'));
binary(['pdf'], 'PDF document', pdf);
binary(['zip', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp', 'epub', 'jar'], 'zip-based file', zip);
binary(['doc', 'xls', 'ppt', 'msg'], 'Office document', startsWith(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1));
binary(['gz', 'tgz'], 'gzip file', startsWith(0x1f, 0x8b));
binary(['7z'], '7-Zip archive', startsWith(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c));
binary(['mp4', 'm4v', 'm4a', 'mov', '3gp'], 'video or audio file', isoMedia);
binary(['webm', 'mkv'], 'video', startsWith(0x1a, 0x45, 0xdf, 0xa3));
binary(['mp3'], 'MP3 audio', mp3);
binary(['wav'], 'WAV audio', riff('WAVE'));
binary(['ogg', 'oga', 'ogv', 'opus'], 'Ogg file', ascii('OggS'));
binary(['flac'], 'FLAC audio', ascii('fLaC'));
binary(['woff'], 'font', ascii('wOFF'));
binary(['woff2'], 'font', ascii('wOF2'));
binary(['ttf'], 'font', anyOf(startsWith(0x00, 0x01, 0x00, 0x00), ascii('true')));
binary(['otf'], 'font', ascii('OTTO'));
binary(['avi'], 'video', riff('AVI '));
binary(['jxl'], 'JPEG XL image', anyOf(startsWith(0xff, 0x0a), startsWith(0x00, 0x00, 0x00, 0x0c, 0x4a, 0x58, 0x4c, 0x20)));
binary(['jp2'], 'JPEG 2000 image', startsWith(0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20));
binary(['svgz'], 'compressed SVG image', startsWith(0x1f, 0x8b));
/** PostScript, or the binary header of a DOS EPS with a preview. */
const postScript = anyOf(ascii('%!PS'), startsWith(0xc5, 0xd0, 0xd3, 0xc6));
binary(['eps'], 'EPS image', postScript);
// Illustrator files are PDFs since version 9, PostScript before.
binary(['ai'], 'Illustrator document', anyOf(pdf, postScript));
binary(['rtf'], 'RTF document', ascii('{\\rtf'));
binary(['bz2'], 'bzip2 file', ascii('BZh'));
binary(['xz'], 'xz file', startsWith(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00));
binary(['rar'], 'RAR archive', ascii('Rar!\x1a\x07'));

/**
 * Text types whose own syntax tells them from an error page: an SVG's first element is `<svg>`,
 * JSON is never an HTML page, a CSV never starts with markup. Other text (`.txt`, `.html`,
 * `.xml`, `.md`) may hold anything and is never flagged.
 */
const TEXT: Record<string, { label: string; wrong: ReadonlySet<HeadKind>; emptyAllowed: boolean }> = {
  svg: { label: 'SVG image', wrong: new Set(['html', 'json', 'text', 'xml']), emptyAllowed: false },
  json: { label: 'JSON file', wrong: new Set(['html', 'xml', 'text']), emptyAllowed: false },
  csv: { label: 'CSV file', wrong: new Set(['html', 'xml']), emptyAllowed: true },
  tsv: { label: 'TSV file', wrong: new Set(['html', 'xml']), emptyAllowed: true },
};

/** What a head of text is, as an error page would be: an HTML page, a JSON or XML document, or plain text. */
export type HeadKind = 'html' | 'json' | 'xml' | 'text';

/** What an entry's name promises, or null when its extension promises nothing this check knows. */
export interface Expected {
  extension: string;
  /** The type in words: "PNG image". */
  label: string;
  /** Whether the type is binary, told by its magic bytes (else text, told by its syntax). */
  binary: boolean;
  /** Whether an empty file can be this type (a CSV without rows can; a PNG cannot). */
  emptyAllowed: boolean;
  /** What the head is instead when it cannot be this type and reads as a page (see headKind); null when it can be, or is some other binary. */
  contradiction(head: Buffer): HeadKind | null;
}

/** What the entry's extension promises (case-insensitive), or null. */
export function expectedContent(name: string): Expected | null {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return null;
  const extension = base.slice(dot + 1).toLowerCase();
  return EXPECTED.get(extension) ?? null;
}

function expectationOf(extension: string): Expected | null {
  const binaryType = BINARY[extension];
  // A binary head with the wrong magic (another format, a damaged file) is not a page: only text is flagged.
  if (binaryType) return { extension, label: binaryType.label, binary: true, emptyAllowed: false, contradiction: (head) => (binaryType.magic(head) ? null : headKind(head)) };
  const textType = TEXT[extension];
  if (!textType) return null;
  return {
    extension,
    label: textType.label,
    binary: false,
    emptyAllowed: textType.emptyAllowed,
    contradiction: (head) => {
      const kind = headKind(head);
      if (kind === null || !textType.wrong.has(kind)) return null;
      const text = decodeHead(head) ?? '';
      // An SVG may open with a prolog, comments and a doctype: only a first element other than <svg> gives it away.
      if (extension === 'svg' && kind === 'xml') {
        const element = firstElement(text);
        return element !== null && !/^(svg:)?svg$/i.test(element) ? kind : null;
      }
      // JSON may be a bare string, number, true, false or null: text that starts otherwise is not JSON.
      if (extension === 'json' && kind === 'text') return /^(-?\d|"|true\b|false\b|null\b)/.test(text.trimStart()) ? null : kind;
      return kind;
    },
  };
}

/** Every known extension's expectation, made once: a listing asks for each of 100,000 entries. */
const EXPECTED = new Map<string, Expected>();
for (const extension of [...Object.keys(BINARY), ...Object.keys(TEXT)]) EXPECTED.set(extension, expectationOf(extension)!);

const utf8 = new TextDecoder('utf-8', { fatal: true });
const windows1252 = new TextDecoder('windows-1252');

/**
 * The head as text, or null when it is not text without control characters: UTF-8, else a
 * legacy 8-bit code page (legacyText). A head cut from longer data may end inside a UTF-8
 * character: up to three bytes at its end may be dropped.
 */
export function decodeHead(head: Buffer): string | null {
  if (head.some(isBinaryControl)) return null;
  let text: string | null = null;
  for (let cut = 0; cut <= Math.min(3, head.length) && text === null; cut++) {
    if (cut > 0 && !isCutCharacter(head.subarray(head.length - cut))) continue;
    try {
      text = utf8.decode(head.subarray(0, head.length - cut));
    } catch {
      // not valid UTF-8 up to here: try one byte shorter
    }
  }
  text ??= legacyText(head);
  return text === null ? null : text.replace(/^\uFEFF/, '');
}

/**
 * A head that is not UTF-8 as Windows-1252 (a superset of Latin-1), when at most one byte in
 * eight is past ASCII: the error page of a server that still answers in a European code page
 * ("Accès refusé", "Zugriff verweigert"), whose accented letters are few among ASCII markup.
 * Binary data is not taken for it: a head of it holds control bytes (rejected before this) or,
 * when short, far more high bytes. Other code pages read wrong here, but read as text all the same.
 */
function legacyText(head: Buffer): string | null {
  let high = 0;
  for (const byte of head) if (byte >= 0x80) high += 1;
  return high * 8 <= head.length ? windows1252.decode(head) : null;
}

/** Tab, line feed, form feed and carriage return are text; any other C0 control or DEL is binary. */
function isBinaryControl(byte: number): boolean {
  return (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) || byte === 0x7f;
}

/** Whether `tail` is the start of a multi-byte UTF-8 character cut short: a lead byte, then continuation bytes. */
function isCutCharacter(tail: Buffer): boolean {
  const lead = tail[0]!;
  const needs = lead >= 0xf0 && lead <= 0xf4 ? 3 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xc2 && lead <= 0xdf ? 1 : 0;
  return needs >= tail.length && tail.subarray(1).every((byte) => byte >= 0x80 && byte <= 0xbf);
}

/** The name of the first element of markup, past its prolog, comments and doctype; null when the head ends before one. */
function firstElement(text: string): string | null {
  const rest = text.replace(/^(\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!doctype[^>]*>)*/i, '');
  return /^<([A-Za-z_][\w:.-]*)/.exec(rest)?.[1] ?? null;
}

const HTML_START = /^<(!doctype\s+html|html|head|body|title|meta|h1|center|pre|p|div|script|style)[\s>/]/i;

/** What a head of text is, or null when it is not text (a binary head, which the magic-byte check judges). */
export function headKind(head: Buffer): HeadKind | null {
  const text = decodeHead(head);
  if (text === null) return null;
  const start = text.trimStart();
  if (HTML_START.test(start) || (start.startsWith('<') && /<(html|body)[\s>]/i.test(start))) return 'html';
  if (/^<[A-Za-z_?!]/.test(start)) return 'xml';
  if (start.startsWith('{') || start.startsWith('[')) return 'json';
  return 'text';
}

/** A head's kind in words, for a reason: "an HTML page". */
export const HEAD_WORDS: Record<HeadKind, string> = {
  html: 'an HTML page',
  json: 'a JSON document',
  xml: 'an XML document',
  text: 'plain text',
};

/**
 * A few words of what the page says, to quote: an HTML page's title (or first heading), a JSON
 * document's `message`/`error`, an XML one's `<Message>` or `<Code>`, else its first words.
 * Hidden characters are dropped and runs of space collapsed; at most 80 characters; null when it says nothing.
 */
export function headSnippet(kind: HeadKind, head: Buffer): string | null {
  const text = decodeHead(head) ?? '';
  const tag = (name: string) => new RegExp(`<${name}[^>]*>([^<]{1,200})<`, 'i').exec(text)?.[1];
  let said: string | undefined;
  if (kind === 'html') said = tag('title') ?? tag('h1');
  else if (kind === 'xml') said = tag('Message') ?? tag('Code');
  else if (kind === 'json') said = /"(?:message|error|detail|title)"\s*:\s*"((?:[^"\\]|\\.){1,200})"/i.exec(text)?.[1];
  said ??= kind === 'text' ? text : undefined;
  if (!said) return null;
  const words = withoutHiddenCharacters(said.replace(/\s+/g, ' ')).trim();
  if (!words) return null;
  return words.length > 80 ? `${words.slice(0, 79)}…` : words;
}
