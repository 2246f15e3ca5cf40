import { readSourceFile, validUrls } from '../core/store';
import { fail } from '../core/app-error';

/**
 * The sourceFileUrls of a .txt/.csv/.json file, with the same parser and rules as the app's
 * import. Invalid lines stop the command: a script should not download half a list silently.
 */
export async function readSourceUrls(path: string): Promise<string[]> {
  const lines = await readSourceFile(path);
  const invalid = lines.filter((line) => line.reason);
  if (invalid.length > 0) {
    const first = invalid[0]!;
    fail('validation', `${path}: ${invalid.length} invalid ${invalid.length === 1 ? 'line' : 'lines'}; line ${first.line}: ${first.reason}.`);
  }
  const urls = validUrls(lines);
  if (urls.length === 0) fail('validation', `${path} holds no sourceFileUrl.`);
  return urls;
}
