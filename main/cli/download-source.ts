import { resolve } from 'node:path';
import { fail } from '../core/app-error';
import { sameOrigin } from '../core/http/key-policy';
import type { DownloadSource, DownloadSources } from '../core/downloads';
import type { SecretStore } from '../core/secrets/secret-store';
import { createDownloadSources } from '../core/downloads';
import { readSourceFile, validUrls } from '../core/files/parse-source-urls';
import { sourceUrlProblem } from '../core/files/source-urls';
import { API_KEY_ENV, firstLine } from './api-key';
import type { CliIo } from './io';
import { readStdin, warn } from './io';
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
  /** Only the profile's exports with no delivery since they were added. */
  new?: boolean;
  /** One JSON object is printed: a warning goes into it. */
  json?: boolean;
}

/** What a download brought back, as the delivery rules take it (delivery-records.ts in the downloads room). */
export type DeliveryOutcome = Parameters<NonNullable<DownloadSources['recordDelivery']>>[1];

/** A DeliveryOutcome before it is stamped with the run and the time (each of its modes keeps its fields). */
type UnstampedOutcome = DeliveryOutcome extends infer O ? (O extends unknown ? Omit<O, 'jobId' | 'at'> : never) : never;

/** What `download` fetches, from where and with which key, and where it tells what it delivered. */
export interface CliDownloadSource extends Omit<DownloadSource, 'profileName'> {
  /**
   * Remembers what the download delivered for the profile's tracked exports (the app's own rules
   * and store), so that a later `--new` (or the window's "Download new") leaves them out; null
   * without a profile. Resolves to whether any export's record changed.
   */
  recordDelivery: ((outcome: DeliveryOutcome) => Promise<boolean>) | null;
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
export async function downloadSource(flags: SourceFlags, io: CliIo, state: CliState | null, command: string): Promise<CliDownloadSource> {
  const profile = flags.profile && state ? state.profileByName(flags.profile) : null;
  const baseUrl = flags['base-url'] ?? profile?.baseUrl;
  if (!baseUrl) throw new UsageError('--base-url is required (or --profile NAME)', command);
  const listed = flags.url ? checkedUrlArguments(flags.url) : flags.from ? await readSourceUrls(resolve(io.cwd, flags.from)) : null;
  const explicitKey = (flags['api-key-stdin'] ? firstLine(await readStdin(io), command) : null) ?? (io.env[API_KEY_ENV] || null);
  if (!profile || !state) {
    if (!listed) throw new UsageError('--all needs --profile NAME', command);
    return { baseUrl, apiKey: explicitKey, sourceFileUrls: listed, exportIds: [], maxBatchSize: null, recordDelivery: null };
  }
  const sources = createDownloadSources(state.store, explicitKeyFirst(explicitKey, state.secrets));
  // null: the profile's key only; the empty filter: with every export it tracks (`--all`), or with
  // --new every one not delivered since it was added.
  const source = await sources.resolve(profile.id, listed ? null : { filter: '', ...(flags.new ? { undelivered: true as const } : {}) });
  if (explicitKey === null && source.apiKey !== null) keepKeyAtHome(profile.name, profile.baseUrl, baseUrl);
  const sourceFileUrls = listed && flags.new ? newAmongListed(state, profile, listed, io, flags.json === true) : (listed ?? source.sourceFileUrls);
  const record = sources.recordDelivery?.bind(sources);
  return {
    baseUrl,
    apiKey: source.apiKey,
    sourceFileUrls,
    exportIds: listed ? [] : source.exportIds,
    maxBatchSize: source.maxBatchSize,
    recordDelivery: record ? (outcome) => record(profile.id, outcome) : null,
  };
}

/**
 * `--new` with `--url`/`--from`: the listed URLs the profile tracks with no delivery since they
 * were added. A listed URL it does not track has no record to go by (nor would one be kept), so
 * it is left out too, and said: "new" means new to the profile.
 */
function newAmongListed(state: CliState, profile: { id: string; name: string }, listed: readonly string[], io: CliIo, json: boolean): string[] {
  const tracked = new Set(state.store.tracked.selection(profile.id, { filter: '' }).map((item) => item.sourceFileUrl));
  const fresh = new Set(state.store.tracked.selection(profile.id, { filter: '', undelivered: true }).map((item) => item.sourceFileUrl));
  const untracked = listed.filter((url) => !tracked.has(url)).length;
  if (untracked > 0) {
    const some = untracked === 1 ? '1 listed URL is' : `${untracked} listed URLs are`;
    warn(io, json, `--new: ${some} not tracked by "${shown(profile.name)}" and left out (track them first, or run without --new)`);
  }
  return listed.filter((url) => fresh.has(url));
}

/**
 * Records what a download delivered (see CliDownloadSource.recordDelivery). A record that cannot
 * be written does not undo the download: it is said once, as a warning, and the run keeps its
 * exit code (a later `--new` then asks for those exports again).
 */
export async function rememberDelivery(source: CliDownloadSource, outcome: UnstampedOutcome, io: CliIo, json: boolean): Promise<void> {
  if (!source.recordDelivery) return;
  try {
    await source.recordDelivery({ ...outcome, jobId: null, at: new Date().toISOString() });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    warn(io, json, `what this download delivered could not be recorded (a later --new will ask for it again): ${reason}`);
  }
}
