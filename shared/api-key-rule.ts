/**
 * What an API key may be: the value of the `x-api-key` header. Node refuses to send a header
 * with a control character, a line break or text beyond Latin-1 (ERR_INVALID_CHAR), and
 * Latin-1 letters reach a backend as bytes it would read differently; so a key is printable
 * ASCII (letters, digits, punctuation, inner spaces), with nothing blank at either end, and no
 * longer than any real key. Main refuses such a key before storing it, and every request before
 * sending it (a key stored before this rule, or given in EXPORT_MANAGER_API_KEY:
 * main/core/http/api-key-format.ts); the key form uses the same rule as the person types.
 *
 * Messages say what is wrong, never the key: it is a secret even when it is wrong.
 */

/** The longest key accepted (the contract's schema says the same). */
export const MAX_API_KEY_LENGTH = 4096;

/** What is wrong with `key` as an API key, in a sentence that does not quote it; null when it is usable. */
export function apiKeyProblem(key: string): string | null {
  if (key.length === 0) return 'The API key is empty.';
  if (key.length > MAX_API_KEY_LENGTH) return `An API key has at most ${MAX_API_KEY_LENGTH.toLocaleString('en-US')} characters; this one has ${key.length.toLocaleString('en-US')}.`;
  for (const char of key) {
    const code = char.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f) {
      // The code of a control character gives nothing of the key away and tells which one to look for.
      const which = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
      return `The API key holds a control character (${which}: a line break, tab or other invisible character), which cannot be sent in an HTTP header. Copy the key again without it.`;
    }
    if (code > 0x7e) {
      return 'The API key holds a character outside printable ASCII (such as an accented letter, a curly quote or an emoji), which cannot be sent in an HTTP header. Copy the key again from where it was issued.';
    }
  }
  if (key.trim() !== key) return 'The API key starts or ends with a space; remove it (a key never does).';
  return null;
}
