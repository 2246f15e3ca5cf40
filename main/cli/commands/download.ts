import { stat } from 'node:fs/promises';
import { productName, version } from '../../../package.json';
import { dirname, resolve, sep } from 'node:path';
import type { ConflictChoice } from '../../../shared/api/downloads';
import { MAX_BATCH_SIZE, batchCount } from '../../../shared/batches';
import { downloadZip, exactPartPath, findKeptParts, requestExportUrlsInBatches } from '../../core/downloads';
import type { SavedPart, ZipDestination } from '../../core/downloads';
import type { Timeouts } from '../../core/http/http-stream';
import { DEFAULT_LOW_SPEED } from '../../core/http/low-speed';
import { API_KEY_ENV, refuseKeyArgument } from '../api-key';
import { inFolder, nameTaken, parseOnConflict } from '../on-conflict';
import type { Command } from '../command';
import { parseCommandArgs } from '../command';
import { downloadSource, rememberDelivery } from '../download-source';
import { EXIT } from '../exit-codes';
import { abortOnInterrupt } from '../interrupt';
import type { CliIo } from '../io';
import { printJson, writeLine } from '../io';
import { reportError } from '../report-error';
import { ProgressBar } from '../progress-bar';
import { openCliState } from '../state';
import { UsageError } from '../usage-error';
import { shown, shownText } from '../shown';
import { NETWORK_HELP, NETWORK_OPTIONS, networkFromFlags } from '../network-options';
import { splitNotice } from '../split-notice';

const NAME = 'download';

const HELP = `Usage: export-manager download (--url SOURCE_URL ... | --from FILE | --profile NAME [--all]) [--new]
                               [--base-url URL] [--urls] [--out PATH] [--on-conflict WHAT] [--max-batch N]
                               [--speed-limit BYTES] [--speed-time SECONDS] [--retries N] [--resume] [--no-manifest]
                               [--json] [--api-key-stdin]

Calls the backend's batch route and saves one zip (default) or prints the exported URLs (--urls).

Where to download from:
  --base-url URL      the backend, e.g. https://db-backend-domain/api (default: the profile's)
  --profile NAME      a profile of the app: its base URL, its API key from the keychain, and
                      with --all its tracked exports
What to download:
  --url SOURCE_URL    an export's sourceFileUrl; repeat for more
  --from FILE         sourceFileUrls from a .txt (one a line), .csv (a sourceFileUrl column) or .json file
  --all               every export the profile tracks
  --new               with --profile: only the profile's exports with no delivery since they
                      were added (with --url/--from: those of the listed ones). None: "No new
                      exports." on stderr, exit 0, nothing requested. Cron-friendly:
                      download --profile P --all --new --out DIR
Every download with --profile remembers what it delivered, for --new and the app's "Download
new": an export counts once a verified zip (or its part) held as many entries as exports were
asked of it, or a URL-mode answer listed it; one the backend skipped keeps its reason.
The API key (never an argument): --api-key-stdin, else ${API_KEY_ENV}, else the profile's (keychain),
which is sent only to the profile's own origin (a --base-url elsewhere needs its own key).
Output:
  --out PATH          a folder (default: the current one) to save under the backend's name,
                      or a file path to save exactly there
  --on-conflict WHAT  when a file with that name exists: keep-both (save as "name (1).zip"),
                      replace (atomically, once the zip is complete and verified) or fail
                      (exit 1, nothing touched). Default: keep-both in a folder, fail for a
                      file path. The app's setting does not apply: a script's result does
                      not change when someone changes a setting in the window
  --urls              URL mode: print the exported URLs one a line instead of saving a zip
  --json              print one JSON object (see below) instead of text
  --no-manifest       do not write NAME.manifest.json beside the zip (by default it lists the
                      zip's SHA-256 and every entry's, for \`export-manager verify NAME.zip\`)
Large downloads:
  --max-batch N       at most N exports a request (default: the profile's maximum batch size, if
                      set); more are sent in several requests, one after another: URL mode merges
                      their answers, a zip is saved as NAME (part 1 of 3).zip, … (from --out FILE's
                      name when given). Said on stderr before it starts.
A body that breaks off (a reset, short of its length, stalled or too slow):
  --retries N          ask for it again as a new request up to N more times, waiting 1 s, 2 s, …
                       (default 2; 0: never). Said on stderr each time ("retrying (2 of 3)")
  --resume             rerun a split download that stopped part-way: the parts its manifest
                       lists, still on disk unchanged (size and SHA-256), are kept and not asked
                       for again (the same exports, --out and --max-batch as the first run)
Slow connections (curl's rule):
  --speed-limit BYTES  fail (as timeout) a download slower than BYTES per second on average
  --speed-time SECONDS over SECONDS; defaults ${DEFAULT_LOW_SPEED.bytesPerSecond} bytes/s over ${DEFAULT_LOW_SPEED.durationMs / 1000} s, as the app uses
                       (a body that stops altogether fails after 60 s in any case)

${NETWORK_HELP}

Examples:
  export-manager download --base-url https://example.com/api --url https://cdn.example.com/a.png --out ~/exports/
  EXPORT_MANAGER_API_KEY=... export-manager download --base-url https://example.com/api --from urls.txt --json
  export-manager download --profile Production --all --urls
  pass show backend/key | export-manager download --profile Staging --all --api-key-stdin
  export-manager download --profile Production --all --out ~/exports/latest.zip --on-conflict replace

JSON: {"ok":true,"path":...,"bytes":N,"filename":...,"filenameSource":"content-disposition"|"fallback",
       "bodyPath":"fast"|"got","manifest":PATH|null} ("bodyPath": what read the body: the app's own
       downloader, or the general HTTP client where it hands over: a redirect, a proxy login, …)
      with --new every output adds "newCount":N (how many new exports were asked for), and
       none new prints {"ok":true,"newCount":0}
      a split zip adds "parts":[{"path","bytes","entries","filename","bodyPath"},...] (the fields above: part 1);
      a split zip that fails part-way adds the parts it kept to the error JSON the same way
       "requested":N,"delivered":N (the zip's entries; fewer than requested: exit 4)
      {"ok":true,"exportedUrls":[...],"skipped":[...]} with --urls
      {"ok":false,"error":{"kind","status","message","backendMessage"}} on failure (exit 1;
      Ctrl-C: exit 130, SIGTERM: 143, the partial file removed)
Exit: 0 saved, every export delivered; 4 saved, but the zip holds fewer entries than exports were
      requested (the backend skipped some; said on stderr); 1 failed; 2 usage; 130/143 interrupted`;

const OPTIONS = {
  'base-url': { type: 'string' },
  url: { type: 'string', multiple: true },
  from: { type: 'string' },
  profile: { type: 'string' },
  all: { type: 'boolean' },
  urls: { type: 'boolean' },
  out: { type: 'string' },
  'on-conflict': { type: 'string' },
  'api-key-stdin': { type: 'boolean' },
  'max-batch': { type: 'string' },
  'speed-limit': { type: 'string' },
  'speed-time': { type: 'string' },
  'no-manifest': { type: 'boolean' },
  retries: { type: 'string' },
  resume: { type: 'boolean' },
  new: { type: 'boolean' },
  ...NETWORK_OPTIONS,
} as const;

/** `--max-batch N`: a whole number from 1 to 100,000; absent: undefined (the profile's value holds). */
function maxBatchFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > MAX_BATCH_SIZE) throw new UsageError(`--max-batch takes a whole number from 1 to ${MAX_BATCH_SIZE}`, NAME);
  return n;
}

/** `--retries N`: a whole number from 0 to 10; absent: undefined (the default holds). */
function retriesFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 10) throw new UsageError('--retries takes a whole number from 0 to 10', NAME);
  return n;
}

/** A positive whole number flag (`--speed-limit 1024`), or undefined when absent; anything else is a usage error. */
function positiveWholeFlag(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || !Number.isSafeInteger(n)) throw new UsageError(`${flag} takes a positive whole number`, NAME);
  return n;
}

/** `--speed-limit` / `--speed-time`: the low-speed rule, each flag defaulting to the app's value; none given: the defaults. */
function lowSpeedFlags(values: { 'speed-limit'?: string; 'speed-time'?: string }): Partial<Timeouts> {
  const bytesPerSecond = positiveWholeFlag('--speed-limit', values['speed-limit']) ?? DEFAULT_LOW_SPEED.bytesPerSecond;
  const seconds = positiveWholeFlag('--speed-time', values['speed-time']);
  return { lowSpeed: { bytesPerSecond, durationMs: seconds === undefined ? DEFAULT_LOW_SPEED.durationMs : seconds * 1000 } };
}

/**
 * `--out`: an existing folder (or a path ending in a separator) means "save inside". An exact
 * path split into `parts` names every part after it, so those are the names checked.
 */
async function destinationFor(out: string | undefined, cwd: string, onConflict: ConflictChoice | undefined): Promise<ZipDestination> {
  if (!out) return inFolder(cwd, onConflict ?? 'keep-both');
  const path = resolve(cwd, out);
  if (out.endsWith('/') || out.endsWith(sep)) return inFolder(path, onConflict ?? 'keep-both');
  const found = await stat(path).catch(() => null);
  if (found?.isDirectory()) return inFolder(path, onConflict ?? 'keep-both');
  return { kind: 'file', path, existing: onConflict ?? 'cancel' };
}

/** An exact path that is taken (or, split, a part's name) fails before anything is requested; parts kept by --resume are not taken. */
async function refuseTakenPath(destination: ZipDestination, parts: number, kept: readonly SavedPart[]): Promise<void> {
  if (destination.kind !== 'file' || destination.existing !== 'cancel') return;
  const { path } = destination;
  const targets = parts > 1 ? Array.from({ length: parts }, (_, i) => exactPartPath(path, i + 1, parts)) : [path];
  for (const target of targets) {
    if (kept.some((part) => part.path === target)) continue;
    if (await stat(target).catch(() => null)) nameTaken(target);
  }
}

/** What --resume found: the parts it keeps, or that there are none to keep. */
function resumeNotice(keep: readonly SavedPart[], parts: number): string {
  if (parts < 2) return 'nothing to resume: the download is not split into parts';
  if (keep.length === 0) return `no part of this download is on disk as its manifest recorded it; downloading all ${parts} parts`;
  const kept = keep.map((part) => part.part).join(', ');
  return `resuming: keeping ${keep.length === 1 ? 'part' : 'parts'} ${kept} of ${parts} (on disk as the manifest recorded), downloading the rest`;
}

/** Saved parts as the JSON output lists them. */
function partsJson(parts: SavedPart[]): Array<Pick<SavedPart, 'path' | 'bytes' | 'entries' | 'filename' | 'bodyPath'>> {
  return parts.map(({ path, bytes, entries, filename, bodyPath }) => ({ path, bytes, entries, filename, ...(bodyPath ? { bodyPath } : {}) }));
}

async function run(args: string[], io: CliIo): Promise<number> {
  refuseKeyArgument(args, NAME);
  const { values } = parseCommandArgs(NAME, args, OPTIONS);
  const sources = [values.url?.length ? '--url' : null, values.from ? '--from' : null, values.all ? '--all' : null].filter(Boolean);
  if (sources.length !== 1) throw new UsageError('give exactly one of --url, --from or --profile NAME --all', NAME);
  if (values.all && !values.profile) throw new UsageError('--all needs --profile NAME', NAME);
  if (values.urls && values.out) throw new UsageError('--out is for zip mode; with --urls the URLs are printed', NAME);
  if (values.urls && values['no-manifest']) throw new UsageError('--no-manifest is for zip mode; with --urls nothing is saved', NAME);
  if (values.urls && values['on-conflict']) throw new UsageError('--on-conflict is for zip mode; with --urls nothing is saved', NAME);
  const onConflict = parseOnConflict(values['on-conflict'], NAME);
  const maxBatchOverride = maxBatchFlag(values['max-batch']);
  const timeouts = lowSpeedFlags(values);
  const bodyRetries = retriesFlag(values.retries);
  const network = networkFromFlags(values, io, NAME);
  if (values.urls && bodyRetries !== undefined) throw new UsageError('--retries is for zip mode', NAME);
  if (values.urls && values.resume) throw new UsageError('--resume is for zip mode', NAME);
  if (values.new && !values.profile) throw new UsageError('--new needs --profile NAME: it leaves out what that profile\'s exports already had delivered', NAME);
  if (values.new && values.resume) throw new UsageError('--new and --resume do not go together: --new already leaves out the exports earlier runs delivered', NAME);

  const state = values.profile ? openCliState(io, values.json === true) : null;
  try {
    const source = await downloadSource(values, io, state, NAME);
    const { baseUrl, apiKey, sourceFileUrls } = source;
    const maxBatchSize = maxBatchOverride ?? source.maxBatchSize;
    // With --new, every output says how many new exports it asked for; none: nothing to ask.
    const newCount = values.new ? { newCount: sourceFileUrls.length } : {};
    if (values.new && sourceFileUrls.length === 0) {
      if (values.json) printJson(io, { ok: true, newCount: 0 });
      else writeLine(io.stderr, 'export-manager: No new exports.');
      return EXIT.ok;
    }
    if (values.new && !values.json) {
      const count = sourceFileUrls.length;
      writeLine(io.stderr, `export-manager: ${count} new ${count === 1 ? 'export (no delivery since it was added)' : 'exports (no delivery since they were added)'}`);
    }

    const interrupt = abortOnInterrupt();
    try {
      if (values.urls) {
        const notice = splitNotice(sourceFileUrls.length, maxBatchSize, 'urls', null);
        if (notice) writeLine(io.stderr, `export-manager: ${notice}`);
        const result = await requestExportUrlsInBatches({ baseUrl, apiKey, sourceFileUrls, timeouts, network, signal: interrupt.signal }, maxBatchSize);
        await rememberDelivery(source, { mode: 'urls', sourceFileUrls, exportedUrls: result.exportedUrls, skipped: result.skipped }, io, values.json === true);
        if (values.json) printJson(io, { ok: true, exportedUrls: result.exportedUrls, skipped: result.skipped.map((item) => JSON.parse(item.raw) as unknown), ...newCount });
        else {
          // Whole (a script reads them), but escaped: the backend chose these strings.
          for (const url of result.exportedUrls) writeLine(io.stdout, shown(url, Infinity));
          for (const item of result.skipped) writeLine(io.stderr, `skipped: ${shown(item.sourceFileUrl ?? item.raw)}${item.reason ? ` (${shown(item.reason)})` : ''}`);
        }
        return EXIT.ok;
      }
      const bar = new ProgressBar(io.stderr);
      const partCount = batchCount(sourceFileUrls.length, maxBatchSize);
      const destination = await destinationFor(values.out, io.cwd, onConflict);
      const keep = values.resume ? await findKeptParts({ baseUrl, sourceFileUrls, maxBatchSize, destination }) : [];
      if (values.resume) writeLine(io.stderr, `export-manager: ${resumeNotice(keep, partCount)}`);
      await refuseTakenPath(destination, partCount, keep);
      const notice = splitNotice(sourceFileUrls.length, maxBatchSize, 'zip', destination.kind === 'file' ? destination.path : null);
      if (notice) writeLine(io.stderr, `export-manager: ${shownText(notice)}`);
      // The one zip runner of the window too; the partial file sits beside its destination, so the final move is an atomic rename.
      const tempDir = destination.kind === 'file' ? dirname(destination.path) : destination.kind === 'folder' ? destination.dir : destination.defaultDir;
      // The retry last said on stderr (part and attempt), so each is said once.
      let announcedAttempt: string | undefined;
      const { parts, manifestPath, error } = await downloadZip({
        baseUrl,
        apiKey,
        sourceFileUrls,
        maxBatchSize,
        destination,
        tempDir,
        timeouts,
        signal: interrupt.signal,
        manifest: values['no-manifest'] ? null : { app: { name: productName, version }, profileName: values.profile ?? null },
        bodyRetries,
        keep,
        network,
        onProgress: (progress) => {
          const attempt = progress.attempt === undefined ? undefined : `${progress.part ?? 1}:${progress.attempt}`;
          if (attempt !== undefined && attempt !== announcedAttempt) {
            announcedAttempt = attempt;
            bar.done();
            writeLine(io.stderr, `export-manager: the download broke off; retrying (${progress.attempt} of ${progress.attempts})`);
          }
          bar.update(progress);
        },
      }).finally(() => bar.done());
      // Every part saved was verified, also when a later one failed: what they delivered counts.
      if (parts.length > 0) await rememberDelivery(source, { mode: 'zip', sourceFileUrls, maxBatchSize, parts }, io, values.json === true);
      if (error) {
        // Kept parts are listed where a script finds saved files: stdout, or "parts" in the JSON.
        if (!values.json) for (const part of parts) writeLine(io.stdout, shown(part.path, Infinity));
        const kept = parts.length > 0 ? { parts: partsJson(parts), manifest: manifestPath } : undefined;
        const code = reportError(io, error, values.json === true, kept);
        return interrupt.exitCode() ?? code; // a signal's code says which one; the message says "cancelled"
      }
      const saved = parts[0]!;
      const requested = sourceFileUrls.length;
      const delivered = parts.reduce((sum, part) => sum + part.entries, 0);
      if (values.json) {
        const split = parts.length > 1 ? { parts: partsJson(parts) } : {};
        // Which body path read part 1 ("fast": the worker's own socket; "got": a redirect, a proxy login, …); a kept part says none.
        const bodyPath = saved.bodyPath ? { bodyPath: saved.bodyPath } : {};
        printJson(io, { ok: true, path: saved.path, bytes: saved.bytes, filename: saved.filename, filenameSource: saved.filenameSource, ...bodyPath, manifest: manifestPath, requested, delivered, ...split, ...newCount });
      } else {
        for (const part of parts) writeLine(io.stdout, shown(part.path, Infinity));
      }
      // The zip is whole, but the backend left exports out of it (not found, not ready): a script must hear of it.
      if (delivered < requested) {
        writeLine(io.stderr, `export-manager: some exports were not delivered: the zip holds ${delivered} of the ${requested} requested (the backend skipped ${requested - delivered}; \`download --urls\` lists them with the backend's reasons)`);
        return EXIT.partial;
      }
      return EXIT.ok;
    } catch (error) {
      const signalled = interrupt.exitCode();
      if (signalled === null) throw error;
      reportError(io, error, values.json === true);
      return signalled; // a signal's code says which one; the message says "cancelled"
    } finally {
      interrupt.dispose();
    }
  } finally {
    state?.close();
  }
}

/** `export-manager download`. */
export const downloadCommand: Command = { help: HELP, run };
