// Runs Electronegativity (Doyensec's scanner for Electron misconfigurations) over main/ and the
// page, then holds every HIGH or MEDIUM finding against the justifications in
// docs/security.md ("Electronegativity findings": a table row with the check and the file).
// Exits 1 when one is not justified, or when a file could not be parsed (it went unscanned).
//
// The scanner runs in this process, offline and the same on every machine. Its command line
// downloads translations at start and uses them for its own option names, so a machine that
// can reach them gets different flags than one that cannot; here its bundled en-US strings
// are loaded instead. Its network check (Electron release notes) is left out for the same
// reason: the Electron version is pinned in package.json.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const OFFLINE_ONLY = 'AvailableSecurityFixesGlobalCheck';
const BLOCKING = new Set(['HIGH', 'MEDIUM']);
const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;

/** The scanner's runner, with its translation loader replaced by one that reads the bundled en-US strings. */
function offlineRunner() {
  const runnerPath = require.resolve('@doyensec/electronegativity/dist/runner.js');
  const scannerRequire = createRequire(runnerPath);
  const i18nPath = scannerRequire.resolve('./locales/i18n');
  const i18n = scannerRequire('i18n');
  const loadBundledStrings = async () => {
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: dirname(i18nPath),
      updateFiles: false,
      objectNotation: true,
      register: globalThis,
    });
    i18n.setLocale('en-US');
  };
  require.cache[i18nPath] = { id: i18nPath, filename: i18nPath, loaded: true, exports: loadBundledStrings };
  return scannerRequire(runnerPath);
}

/** Findings for main/ and the page, scanned together (its global checks need both), with paths from the project root. */
async function scan() {
  const dir = mkdtempSync(join(tmpdir(), 'electronegativity-'));
  const input = join(dir, 'app');
  try {
    cpSync('main', join(input, 'main'), { recursive: true });
    cpSync('renderer/index.html', join(input, 'renderer', 'index.html'));
    const run = offlineRunner();
    const result = await run({
      input,
      isRelative: true,
      customScan: [],
      excludeFromScan: [OFFLINE_ONLY],
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    });
    const unparsed = result.errors.filter((error) => !error.tolerable);
    const findings = result.issues.map((issue) => ({
      check: issue.id,
      severity: issue.severity.name,
      file: issue.file,
      location: `${issue.location.line}:${issue.location.column}`,
      description: issue.description,
    }));
    return { findings, unparsed, checks: result.globalChecks + result.atomicChecks };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `CHECK file` pairs that docs/security.md justifies. */
function justified() {
  const doc = readFileSync('docs/security.md', 'utf8');
  const pairs = new Set();
  for (const match of doc.matchAll(/^\|\s*`([A-Z0-9_]+)`\s*\|\s*`([^`]+)`\s*\|/gm)) pairs.add(`${match[1]} ${match[2]}`);
  return pairs;
}

const { findings, unparsed, checks } = await scan();
const reasons = justified();
let unjustified = 0;
for (const finding of findings) {
  const blocking = BLOCKING.has(finding.severity);
  const ok = !blocking || reasons.has(`${finding.check} ${finding.file}`);
  if (!ok) unjustified++;
  const status = !blocking ? 'low' : ok ? 'justified' : 'NOT JUSTIFIED';
  console.log(`${status.padEnd(13)} ${finding.severity.padEnd(6)} ${finding.check} ${finding.file}:${finding.location} — ${finding.description}`);
}
for (const error of unparsed) console.log(`NOT SCANNED   ${error.file} — ${error.message}`);
const seen = new Set(findings.map((f) => `${f.check} ${f.file}`));
for (const pair of reasons) if (!seen.has(pair)) console.log(`stale justification (no longer found): ${pair}`);
console.log(
  `Electronegativity (${checks} checks): ${findings.length} findings, ${unjustified} HIGH/MEDIUM not justified in docs/security.md, ${unparsed.length} files not scanned`,
);
process.exit(unjustified > 0 || unparsed.length > 0 || checks === 0 ? 1 : 0);
