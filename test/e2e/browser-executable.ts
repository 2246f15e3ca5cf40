import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** Flags for a headless Chromium on a machine without a sandbox, GPU or outside network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function onPath(command: string): string | null {
  try {
    const found = execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim();
    return found || null;
  } catch {
    return null;
  }
}

/**
 * The Chromium to drive: `PLAYWRIGHT_CHROMIUM_EXECUTABLE` when set, Playwright's own browser
 * when it was installed (a developer laptop), else a system Chromium (Debian's `chromium`).
 * Undefined means "let Playwright use its own"; null means none was found.
 */
export function chromiumExecutable(): string | undefined | null {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  try {
    if (existsSync(chromium.executablePath())) return undefined;
  } catch {
    // No browser of Playwright's own: look for the system's.
  }
  for (const command of ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']) {
    const path = onPath(command);
    if (path) return path;
  }
  return null;
}
