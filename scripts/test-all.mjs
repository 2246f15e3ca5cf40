// `npm test`: every check and suite in order, then one line of totals across all suites,
// `N passed, N failed, N skipped`, so a run that executed nothing cannot pass unseen.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { npmCommand, toolCommand } from './node-commands.mjs';

const results = 'test-results';
rmSync(`${results}/vitest.json`, { force: true });
rmSync(`${results}/playwright.json`, { force: true });
mkdirSync(results, { recursive: true });

const steps = [
  { name: 'typecheck', command: npmCommand(['run', '--silent', 'typecheck']) },
  { name: 'lint', command: npmCommand(['run', '--silent', 'lint']) },
  { name: 'electronegativity', command: npmCommand(['run', '--silent', 'electronegativity']) },
  { name: 'build', command: toolCommand('vite', ['build', '--logLevel', 'warn']) },
  {
    name: 'vitest',
    command: toolCommand('vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}/vitest.json`]),
    counts: () => vitestCounts(`${results}/vitest.json`),
  },
  {
    name: 'playwright',
    command: toolCommand('@playwright/test', ['test'], 'playwright'),
    counts: () => playwrightCounts(`${results}/playwright.json`),
  },
];

function readJson(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
}

function vitestCounts(path) {
  const report = readJson(path);
  if (!report) return null;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + (report.numFailedTestSuites ?? 0),
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

function playwrightCounts(path) {
  const report = readJson(path);
  if (!report) return null;
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats ?? {};
  return { passed: expected, failed: unexpected + flaky + (report.errors?.length ?? 0), skipped };
}

const TAIL_LINES = 25;

/**
 * Runs one step with its output shown live, and keeps its last lines: a failed check's reason is
 * repeated beside the totals, where a log that shows only its end still carries it.
 */
function run(command) {
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { stdio: ['inherit', 'pipe', 'pipe'] });
    let tail = '';
    const keep = (chunk) => {
      tail = (tail + chunk.toString()).split('\n').slice(-TAIL_LINES - 1).join('\n');
    };
    child.stdout.on('data', (chunk) => (process.stdout.write(chunk), keep(chunk)));
    child.stderr.on('data', (chunk) => (process.stderr.write(chunk), keep(chunk)));
    child.on('error', (error) => resolve({ status: null, tail: String(error) }));
    child.on('close', (status) => resolve({ status, tail: tail.trimEnd() }));
  });
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const summary = [];
for (const step of steps) {
  console.log(`\n▶ ${step.name}`);
  const outcome = await run(step.command);
  const counts = step.counts?.() ?? null;
  if (counts) {
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
  }
  const ok = outcome.status === 0;
  // A step that failed without a failed test (a crash, a type error) still counts as one.
  if (!ok && (!counts || counts.failed === 0)) totals.failed += 1;
  summary.push(`${ok ? '✓' : '✗'} ${step.name}${counts ? ` (${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped)` : ''}`);
  // A suite's failures are in its report; a check that failed is explained only by its output.
  if (!ok && !counts) summary.push(outcome.tail.replace(/^/gm, '    '));
}

console.log(`\n${summary.join('\n')}\n`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
