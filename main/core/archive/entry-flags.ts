import type { EntryFlag } from '../../../shared/api/archive';
import type { NameEncoding } from './describe-entry';
import type { Expected } from './magic-bytes';
import { HEAD_WORDS, headSnippet } from './magic-bytes';

/**
 * The flag of a name not stored as the zip standard's UTF-8, or null for one that is (flagged,
 * given in a valid unicode path field, the standard's way to add UTF-8 to a legacy name, or
 * plain ASCII, which reads the same in every encoding).
 */
export function nameFlag(encoding: NameEncoding): EntryFlag | null {
  switch (encoding) {
    case 'cp437':
      return {
        kind: 'not-utf8-name',
        reason: 'name stored without the UTF-8 flag in a legacy code page: shown decoded as CP437, the zip standard\u2019s default, which may not be the code page its maker used',
      };
    case 'utf8-unflagged':
      return {
        kind: 'not-utf8-name',
        reason: 'name stored as UTF-8 without the UTF-8 flag: shown as UTF-8 here, but tools that follow the zip standard (Windows\u2019 own zip support among them) show it garbled, as CP437',
      };
    case 'utf8-invalid':
      return { kind: 'not-utf8-name', reason: 'name flagged as UTF-8 but its bytes are not valid UTF-8: the characters that fail are shown as \uFFFD' };
    case 'unicode-field-invalid':
      return { kind: 'not-utf8-name', reason: 'name given in a Unicode Path field whose bytes are not valid UTF-8: the characters that fail are shown as \uFFFD' };
    default:
      return null;
  }
}

/** "412 bytes", "1 byte". */
function bytes(size: number): string {
  return `${size.toLocaleString('en-US')} ${size === 1 ? 'byte' : 'bytes'}`;
}

/**
 * The flag of an entry whose name promises `expected` but whose first bytes (`head`, from an
 * entry of `size` bytes) are a page: HTML, JSON, XML or text, the answer of a server that failed
 * saved under the export's name. Null when the head can be that type (or is another binary).
 */
export function errorStubFlag(expected: Expected, size: number, head: Buffer): EntryFlag | null {
  const kind = expected.contradiction(head);
  if (kind === null) return null;
  const snippet = headSnippet(kind, head);
  const said = snippet ? `: \u201c${snippet}\u201d` : '';
  return {
    kind: 'error-stub',
    reason: `says .${expected.extension} but holds ${HEAD_WORDS[kind]} (${bytes(size)})${said} \u2014 likely an error page the server saved in its place`,
  };
}

/** The flag of an entry of no bytes at all whose name promises a type that cannot be empty, or null. */
export function emptyFlag(expected: Expected): EntryFlag | null {
  if (expected.emptyAllowed) return null;
  return { kind: 'empty', reason: `says .${expected.extension} but is empty (0 bytes) \u2014 likely an export that failed and was saved as nothing` };
}
