// Runs Electronegativity (Doyensec's scanner for Electron misconfigurations) over main/ and the
// page, then holds every HIGH or MEDIUM finding against the justifications in
// docs/security.md ("Electronegativity findings": a table row with the check and the file).
// Exits 1 when one is not justified. The scanner's network check (Electron release notes) is
// left out: it needs the internet, and the Electron version is pinned in package.json.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const OFFLINE_ONLY = 'AvailableSecurityFixesGlobalCheck';
const BLOCKING = new Set(['HIGH', 'MEDIUM']);
const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;

/** Splits CSV text into rows of fields (RFC 4180 quoting). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted || (c !== ',' && c !== '\n' && c !== '\r')) {
      field += c;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    }
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** Findings for main/ and the page, scanned together (its global checks need both), with paths from the project root. */
function scan() {
  const dir = mkdtempSync(join(tmpdir(), 'electronegativity-'));
  const out = join(dir, 'findings.csv');
  const input = join(dir, 'app');
  try {
    cpSync('main', join(input, 'main'), { recursive: true });
    cpSync('renderer/index.html', join(input, 'renderer', 'index.html'));
    const run = spawnSync('npx', ['electronegativity', '-i', input, '-r', '-o', out, '-e', electronVersion, '-x', OFFLINE_ONLY], {
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`electronegativity failed: ${run.stderr || run.stdout}`);
    const [, ...rows] = parseCsv(readFileSync(out, 'utf8')).filter((r) => r.length > 1);
    return rows.map(([check, severity, confidence, file, location, , description]) => ({
      check: check.trim(),
      severity: severity.trim(),
      confidence: confidence.trim(),
      file: file.trim(),
      location: location.trim(),
      description: description.trim(),
    }));
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

const findings = scan();
const reasons = justified();
let unjustified = 0;
for (const finding of findings) {
  const blocking = BLOCKING.has(finding.severity);
  const ok = !blocking || reasons.has(`${finding.check} ${finding.file}`);
  if (!ok) unjustified++;
  const status = !blocking ? 'low' : ok ? 'justified' : 'NOT JUSTIFIED';
  console.log(`${status.padEnd(13)} ${finding.severity.padEnd(6)} ${finding.check} ${finding.file}:${finding.location} — ${finding.description}`);
}
const seen = new Set(findings.map((f) => `${f.check} ${f.file}`));
for (const pair of reasons) if (!seen.has(pair)) console.log(`stale justification (no longer found): ${pair}`);
console.log(`Electronegativity: ${findings.length} findings, ${unjustified} HIGH/MEDIUM not justified in docs/security.md`);
process.exit(unjustified > 0 ? 1 : 0);
