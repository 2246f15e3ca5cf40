import { resolve } from 'node:path';
import { fail } from '../core/app-error';
import { sameOrigin } from '../core/http/key-policy';
import type { DownloadSource } from '../core/downloads';
import type { SecretStore } from '../core/secrets/secret-store';
import { createDownloadSources } from '../core/downloads';
import { readSourceFile, validUrls } from '../core/files/parse-source-urls';
import { sourceUrlProblem } from '../core/files/source-urls';
import { API_KEY_ENV, firstLine } from './api-key';
import type { CliIo } from './io';
import { readStdin } from './io';
import { shown } from './shown';
import type { CliState } from './state';
import { UsageError } from './usage-error';

/** The flags of `download` that say what to fetch, from where, and with which key. */
export interface SourceFlags {
  'base-url'?: string;
  url?: string[];
  from?: string;
  profile?: string;
  all?: boolean;
  'api-key-stdin'?: boolean;
}

/**
 * The sourceFileUrls of a .txt/.csv/.json file, with the same parser and rules as the app's
 * import. Invalid lines stop the command: a script should not download half a list silently.
 */
async function readSourceUrls(path: string): Promise<string[]> {
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

/**
 * The `--url` values, checked by the same rule as an imported line (`sourceUrlProblem`): a
 * value typed or pasted on a command line can hold an escape sequence or an invisible character
 * as easily as a file can, and must not reach the backend. The value is named escaped.
 */
function checkedUrlArguments(values: readonly string[]): string[] {
  for (const value of values) {
    const problem = sourceUrlProblem(value);
    if (problem) fail('validation', `--url ${shown(value)}: ${problem}.`);
  }
  return [...values];
}

/** The keys a download may use: an explicit key wins, and then the keychain is never read. */
function explicitKeyFirst(explicit: string | null, keychain: Pick<SecretStore, 'get'>): Pick<SecretStore, 'get'> {
  return { get: (account) => (explicit !== null ? Promise.resolve(explicit) : keychain.get(account)) };
}

/**
 * Refuses to send a profile's keychain key to a `--base-url` on another origin: the key was
 * given for the profile's server, and a typo or a hostile script must not hand it to another.
 * A key from the environment or stdin is the user's own choice for this run and may go anywhere.
 */
function keepKeyAtHome(profileName: string, profileUrl: string, baseUrl: string): void {
  if (sameOrigin(profileUrl, baseUrl)) return;
  const target = URL.canParse(baseUrl) ? new URL(baseUrl).origin : baseUrl;
  fail(
    'validation',
    `The API key of "${profileName}" is for ${new URL(profileUrl).origin}; it is not sent to ${target}. ` +
      `Use the profile's own base URL, or give a key for that server with ${API_KEY_ENV} or --api-key-stdin.`,
  );
}

/**
 * What `download` fetches, from where and with which key. A profile is resolved by the app's
 * own `createDownloadSources` (its base URL, its tracked URLs with `--all`, its keychain
 * entry); flags win over it: `--base-url`, `--url`/`--from`, and the key from
 * `--api-key-stdin`, then `EXPORT_MANAGER_API_KEY`, then the profile's keychain entry. The
 * maximum batch size is the profile's (none without a profile).
 */
export async function downloadSource(flags: SourceFlags, io: CliIo, state: CliState | null, command: string): Promise<Omit<DownloadSource, 'profileName'>> {
  const profile = flags.profile && state ? state.profileByName(flags.profile) : null;
  const baseUrl = flags['base-url'] ?? profile?.baseUrl;
  if (!baseUrl) throw new UsageError('--base-url is required (or --profile NAME)', command);
  const listed = flags.url ? checkedUrlArguments(flags.url) : flags.from ? await readSourceUrls(resolve(io.cwd, flags.from)) : null;
  const explicitKey = (flags['api-key-stdin'] ? firstLine(await readStdin(io), command) : null) ?? (io.env[API_KEY_ENV] || null);
  if (!profile || !state) {
    if (!listed) throw new UsageError('--all needs --profile NAME', command);
    return { baseUrl, apiKey: explicitKey, sourceFileUrls: listed, exportIds: [], maxBatchSize: null };
  }
  // null: the profile's key only; the empty filter: with every export it tracks (`--all`).
  const source = await createDownloadSources(state.store, explicitKeyFirst(explicitKey, state.secrets)).resolve(profile.id, listed ? null : { filter: '' });
  if (explicitKey === null && source.apiKey !== null) keepKeyAtHome(profile.name, profile.baseUrl, baseUrl);
  return { baseUrl, apiKey: source.apiKey, sourceFileUrls: listed ?? source.sourceFileUrls, exportIds: listed ? [] : source.exportIds, maxBatchSize: source.maxBatchSize };
}
