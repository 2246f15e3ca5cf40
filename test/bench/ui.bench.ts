/// <reference lib="dom" />
/**
 * UI benchmark: 10,000 tracked exports (added through the API), then in Chromium through the
 * test bridge (the real core, the built renderer): the Exports screen's first render, and a
 * filter keystroke until the table shows its rows. Targets: first render (from the renderer's
 * start, the `export-manager:start` mark set before its first call to main, to the rows on screen)
 * ≤ 200 ms, a keystroke ≤ 50 ms. Run `npm run build` first. Times are read in the page (performance.now()), median of
 * several rounds, because the machine is shared and noisy.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import type { Page } from '@playwright/test';
import { packageIdentity } from '../bridge/identity';
import { bridgeSecretStore } from '../bridge/secrets';
import { startBridge } from '../bridge/server';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/browser-executable';

const COUNT = 10_000;
const FIRST_RENDER_TARGET_MS = 200;
const KEYSTROKE_TARGET_MS = 50;
const ROUNDS = 7;

declare global {
  interface Window {
    /** performance.now() when the Exports table first showed the whole list (set by the init script). */
    __firstRender?: number;
    /** The keystroke being timed. */
    __keystroke?: Promise<Keystroke>;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function verdict(value: number, target: number): string {
  return `${value.toFixed(0)} ms — target ≤ ${target} ms: ${value <= target ? 'met' : 'MISSED'}`;
}

/** Notes when the table first shows rows and a range "of <total>", from the document's very start. */
function watchFirstRender(total: string): void {
  const observer = new MutationObserver(() => {
    const range = document.querySelector('[data-testid="tracked-range"]')?.textContent ?? '';
    if (range.endsWith(`of ${total}`) && document.querySelector('[data-testid="tracked-row"]')) {
      window.__firstRender = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

/** One filter keystroke's timings, in ms. */
interface Keystroke {
  /** From keydown until the table changed and a frame was painted. */
  total: number;
  /** Spent in the tracked.list call (the bridge's HTTP round trip and the core's query). */
  call: number;
  /** From the call's answer until the frame with the new rows: the renderer's own share. */
  render: number;
}

/** Presses one key in the filter and times it until the table shows the new rows. */
async function keystroke(page: Page, key: string): Promise<Keystroke> {
  // The watch is in place before the key is pressed, so no keydown or change can be missed.
  await page.evaluate(() => {
    window.__keystroke = new Promise<Keystroke>((resolve) => {
      performance.clearResourceTimings();
      const range = document.querySelector('[data-testid="tracked-range"]')!;
      const before = range.textContent;
      let start = 0;
      window.addEventListener('keydown', () => (start = performance.now()), { capture: true, once: true });
      const observer = new MutationObserver(() => {
        if (range.textContent === before) return;
        observer.disconnect();
        const calls = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((entry) => entry.name.endsWith('/tracked.list'));
        const answered = Math.max(start, ...calls.map((entry) => entry.responseEnd));
        requestAnimationFrame(() => {
          const now = performance.now();
          resolve({ total: now - start, call: calls.reduce((sum, entry) => sum + entry.duration, 0), render: now - answered });
        });
      });
      observer.observe(range, { childList: true, subtree: true, characterData: true });
    });
  });
  await page.keyboard.press(key);
  return page.evaluate(() => window.__keystroke!);
}

const root = mkdtempSync(join(tmpdir(), 'ui-bench-'));
const staticDir = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
const executable = chromiumExecutable();
if (executable === null) throw new Error('No Chromium found (install Debian\'s "chromium" or set PLAYWRIGHT_CHROMIUM_EXECUTABLE).');
const bridge = await startBridge({ staticDir, root, secrets: await bridgeSecretStore(), identity: packageIdentity() });
const browser = await chromium.launch({ executablePath: executable ?? undefined, args: CHROMIUM_ARGS });
try {
  const profiles = await bridge.core.api['profiles.list'](undefined);
  if (!profiles.ok || !profiles.value[0]) throw new Error('No profile to add to.');
  const profileId = profiles.value[0].id;
  const text = Array.from({ length: COUNT }, (_, i) => `https://cdn.example.com/bench/${i % 97}/canvas-export-${i}.png`).join('\n');
  const added = await bridge.core.api['tracked.add']({ profileId, text });
  if (!added.ok || added.value.added !== COUNT) throw new Error(`Expected ${COUNT} added: ${JSON.stringify(added.ok ? added.value.added : added.error)}`);
  const listed = await bridge.core.api['tracked.list']({ profileId, limit: 1 });
  const total = listed.ok ? listed.value.total : 0;
  const totalText = new Intl.NumberFormat('en-US').format(total);
  console.log(`tracked exports: ${totalText} (${COUNT.toLocaleString('en')} added through the API)`);

  const firstRenders: number[] = [];
  const pageLoads: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.addInitScript(watchFirstRender, totalText);
    await page.goto(bridge.openLink());
    await page.waitForFunction(() => window.__firstRender !== undefined, undefined, { timeout: 30_000 });
    const times = await page.evaluate(() => ({ started: performance.getEntriesByName('export-manager:start')[0]!.startTime, rows: window.__firstRender! }));
    firstRenders.push(times.rows - times.started);
    pageLoads.push(times.rows);
    await context.close();
  }

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  let listCalls = 0;
  page.on('request', (request) => {
    if (request.url().endsWith('/__bridge/call/tracked.list')) listCalls++;
  });
  await page.goto(bridge.openLink());
  await page.getByTestId('tracked-row').first().waitFor();
  const filter = page.getByLabel('Filter exports');
  await filter.focus();
  const keystrokes: Keystroke[] = [];
  const callsPerKey: number[] = [];
  for (const key of ['7', '3', '5', '8', '2', '4', '6']) {
    await page.waitForTimeout(400);
    listCalls = 0;
    keystrokes.push(await keystroke(page, key));
    await page.waitForTimeout(400);
    callsPerKey.push(listCalls);
    await keystroke(page, 'Backspace');
  }
  // Reference for a noisy machine: the same hundred rows as a bare innerHTML table, in the same page.
  const bare: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bare.push(
      await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const rows = [...document.querySelectorAll('[data-testid="tracked-row"]')].map((row) => row.textContent ?? '');
            const start = performance.now();
            const host = document.createElement('div');
            host.innerHTML = `<table>${rows.map((text, index) => `<tr><td><input type="checkbox" aria-label="Select ${index}"></td><td>${text}</td><td><code>${text}</code></td><td>${text}</td></tr>`).join('')}</table>`;
            document.body.append(host);
            requestAnimationFrame(() => {
              const took = performance.now() - start;
              host.remove();
              resolve(took);
            });
          }),
      ),
    );
  }
  // A burst of typing: the first keystroke asks at once, the rest once more when typing settles.
  await page.waitForTimeout(400);
  listCalls = 0;
  await filter.pressSequentially('export-42', { delay: 30 });
  await page.waitForTimeout(500);
  const burstCalls = listCalls;
  await context.close();

  console.log(`Exports screen, first render with ${totalText} exports (renderer start → rows shown, median of ${ROUNDS}): ${verdict(median(firstRenders), FIRST_RENDER_TARGET_MS)}  [${firstRenders.map((v) => v.toFixed(0)).join(', ')}]`);
  console.log(`  reference: navigation start → rows shown, which adds loading the page and the bridge's page script: ${median(pageLoads).toFixed(0)} ms  [${pageLoads.map((v) => v.toFixed(0)).join(', ')}]`);
  const figures = (pick: (timing: Keystroke) => number) => `median ${median(keystrokes.map(pick)).toFixed(0)} ms  [${keystrokes.map((timing) => pick(timing).toFixed(0)).join(', ')}]`;
  console.log(`filter keystroke until the table updates (median of ${keystrokes.length}): ${verdict(median(keystrokes.map((timing) => timing.total)), KEYSTROKE_TARGET_MS)}  [${keystrokes.map((timing) => timing.total.toFixed(0)).join(', ')}]`);
  console.log(`  of which the tracked.list call (bridge HTTP + core query): ${figures((timing) => timing.call)}`);
  console.log(`  of which the renderer (answer → rows painted): ${figures((timing) => timing.render)} — target ≤ ${KEYSTROKE_TARGET_MS} ms: ${median(keystrokes.map((timing) => timing.render)) <= KEYSTROKE_TARGET_MS ? 'met' : 'MISSED'}`);
  console.log(`  reference: the same rows as a bare innerHTML table, until painted: median ${median(bare).toFixed(0)} ms  [${bare.map((v) => v.toFixed(0)).join(', ')}]`);
  console.log(`tracked.list calls per single keystroke: ${callsPerKey.join(', ')}; for "export-42" typed at 30 ms a key: ${burstCalls}`);
} finally {
  await browser.close();
  await bridge.close();
  rmSync(root, { recursive: true, force: true });
}
