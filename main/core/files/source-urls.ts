/** The longest `sourceFileUrl` accepted (what browsers and most servers handle). */
export const MAX_SOURCE_URL_LENGTH = 2048;

/** C0 controls (NUL included), DEL and C1 controls: never part of a URL as a person wrote it. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Why a value is not an acceptable `sourceFileUrl`, or null when it is. A U+FFFD means the
 * input was decoded from bytes that are not UTF-8 (readers replace them with it), and a control
 * character would be percent-encoded by the URL parser into an address nobody meant; both are
 * refused rather than stored changed.
 */
export function sourceUrlProblem(value: string): string | null {
  if (value.length > MAX_SOURCE_URL_LENGTH) return `longer than ${MAX_SOURCE_URL_LENGTH} characters`;
  if (value.includes('\uFFFD')) return 'not valid UTF-8 text (the file holds bytes that are not characters)';
  const control = CONTROL.exec(value);
  if (control) return `contains a control character (\\x${control[0].charCodeAt(0).toString(16).padStart(2, '0')})`;
  if (!/^https?:\/\//i.test(value)) return 'not an absolute http(s) URL';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not a valid URL';
  }
  if (!url.hostname) return 'the URL has no host';
  return null;
}

/**
 * A readable label for a tracked export: its last path segment decoded, else its host. Works on
 * the string (the URL is already validated): parsing each of 100,000 URLs again would dominate
 * an import.
 */
export function labelFor(sourceFileUrl: string): string {
  const url = sourceFileUrl;
  const afterScheme = url.indexOf('://') + 3;
  let pathStart = afterScheme;
  while (pathStart < url.length && !'/?#'.includes(url[pathStart]!)) pathStart++;
  let end = pathStart;
  while (end < url.length && url[end] !== '?' && url[end] !== '#') end++;
  while (end > pathStart && url[end - 1] === '/') end--;
  const last = url.slice(url.lastIndexOf('/', end - 1) + 1, end);
  if (end <= pathStart || !last) return new URL(url).host;
  if (!last.includes('%')) return last;
  try {
    return decodeURIComponent(last);
  } catch {
    // A stray `%` that is not an escape: show it as written.
    return last;
  }
}
