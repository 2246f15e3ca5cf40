/** API keys that cannot be an HTTP header value (Node refuses to send them: ERR_INVALID_CHAR), by what is wrong with each. */
export const UNSENDABLE_KEYS: Array<[string, string]> = [
  ['a line break inside', 'sk-live-0123\r\n4567abcdef'],
  ['a control character', 'sk-live-0123\u00014567abcdef'],
  ['a DEL', 'sk-live-0123\u007f4567abcdef'],
  ['a tab', 'sk-live-0123\t4567abcdef'],
  ['a Latin-1 letter', 'sk-live-0123é4567abcdef'],
  ['a CJK character', 'sk-live-0123中4567abcdef'],
  ['an emoji', 'sk-live-0123😀4567abcdef'],
];
