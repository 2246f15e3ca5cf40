import { resolve } from 'node:path';
import { verifyZip } from '../../core/archive';
import type { Command } from '../command';
import { parseCommandArgs } from '../command';
import { EXIT } from '../exit-codes';
import { abortOnInterrupt } from '../interrupt';
import type { CliIo } from '../io';
import { printJson, writeLine } from '../io';
import { reportError } from '../report-error';
import { UsageError } from '../usage-error';
import { shown, shownText } from '../shown';

const NAME = 'verify';

const HELP = `Usage: export-manager verify FILE [--json]

Reads every entry of a zip back and checks its size and CRC-32. When the manifest written
beside it at download time is there (NAME.manifest.json; for a split download
NAME (3 parts).manifest.json), the file's size and SHA-256 and every entry's size, CRC-32 and
SHA-256 are checked against it too, and every difference is listed: an entry changed,
missing or added since the download.

Exit codes: 0 everything matches, 1 something differs or is damaged (or the zip cannot be
read), 2 usage error, 130 interrupted.

Examples:
  export-manager verify canvas-exports.zip
  export-manager verify canvas-exports.zip --json | jq '.manifest.differences'

JSON: {"ok":bool,"checked":N,"failed":[{"name","reason"}],
       "manifest":{"path","ok","entries":N,"differences":[{"entry":name|null,"what"}]}|null}
      ("entry" null: the file as a whole)`;

async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(NAME, args, {}, true);
  if (positionals.length !== 1) throw new UsageError('give exactly one zip file', NAME);
  const path = resolve(io.cwd, positionals[0]!);
  const interrupt = abortOnInterrupt();
  try {
    const report = await verifyZip(path, { signal: interrupt.signal });
    const { manifest } = report;
    const ok = report.ok && (manifest?.ok ?? true);
    if (values.json) {
      printJson(io, {
        ok,
        checked: report.checked,
        failed: report.failed,
        manifest: manifest ? { path: manifest.manifestPath, ok: manifest.ok, entries: manifest.entries, differences: manifest.differences } : null,
      });
      return ok ? EXIT.ok : EXIT.failure;
    }
    for (const failure of report.failed) writeLine(io.stdout, `damaged: ${shown(failure.name)} — ${shownText(failure.reason)}`);
    for (const difference of manifest?.differences ?? []) {
      writeLine(io.stdout, `differs: ${difference.entry === null ? 'the file' : shown(difference.entry)} — ${shownText(difference.what)}`);
    }
    const entries = `${report.checked} ${report.checked === 1 ? 'entry' : 'entries'}`;
    if (!manifest) {
      writeLine(io.stdout, report.ok ? `OK: ${entries} read back whole (CRC-32); no manifest beside it to check against` : `Damaged: ${report.failed.length} of ${entries} did not read back whole`);
    } else if (ok) {
      writeLine(io.stdout, `OK: the file and its ${manifest.entries} ${manifest.entries === 1 ? 'entry' : 'entries'} match ${shown(manifest.manifestPath, Infinity)}`);
    } else {
      const count = manifest.differences.length + report.failed.length;
      writeLine(io.stdout, `Differs from ${shown(manifest.manifestPath, Infinity)}: ${count} ${count === 1 ? 'problem' : 'problems'} listed above`);
    }
    return ok ? EXIT.ok : EXIT.failure;
  } catch (error) {
    const code = reportError(io, error, values.json === true);
    return interrupt.exitCode() ?? code;
  } finally {
    interrupt.dispose();
  }
}

/** `export-manager verify`. */
export const verifyCommand: Command = { help: HELP, run };
