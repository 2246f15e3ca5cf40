import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchMain } from '../../helpers/electron-double/launch';
import type { LaunchOptions, MainProcess } from '../../helpers/electron-double/launch';
import type { AppLayout } from './layouts';

/** Starting the built main of a layout under the electron double, the way every shell test does. */

/** What a test may add to a launch. */
export type BootOptions = Omit<LaunchOptions, 'mainScript' | 'appPath' | 'packaged'>;

/** The data folder a booted main gets unless the test names another: `user-data/` in its sandbox. */
export function userDataOf(main: MainProcess): string {
  return join(main.root, 'user-data');
}

/**
 * Launches the layout's main with its own, existing data folder (a missing one is the
 * start-up tests' case) and a session bus address where nothing listens, so the keychain is
 * refused at once (the tests of a silent keychain bring their own bus).
 */
export function bootLayout(layout: AppLayout, options: BootOptions = {}): MainProcess {
  return launchMain({
    ...options,
    mainScript: layout.mainScript,
    appPath: layout.appPath,
    packaged: layout.packaged ? { resourcesPath: layout.packaged.resourcesPath } : undefined,
    env: (root) => {
      mkdirSync(join(root, 'user-data'));
      return {
        EXPORT_MANAGER_USER_DATA: join(root, 'user-data'),
        DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(root, 'no-bus')}`,
        ...(typeof options.env === 'function' ? options.env(root) : options.env),
      };
    },
  });
}

/** Waits for main's first lines, fires `ready`, and waits until the window starts loading its page. */
export async function untilPageLoads(main: MainProcess, timeoutMs = 10_000): Promise<void> {
  await main.waitFor('main has run its first lines', (entry) => entry.api === 'main:loaded', timeoutMs);
  await main.command({ type: 'ready' });
  await main.waitFor('the window starts loading its page', (entry) => entry.kind === 'call' && /^window\d+\.loadURL$/.test(entry.api), timeoutMs);
}

/** Resolves with the exit, or rejects when the process is still running after `ms` (saying what `holding` it was, when known). */
export function exitWithin(main: MainProcess, ms: number, holding: readonly string[] = []): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const held = holding.length ? ` (what kept it alive when Electron would have exited: ${holding.join(', ')})` : '';
    const timer = setTimeout(() => reject(new Error(`main was still running ${ms} ms later${held}:\n${main.output()}`)), ms);
    void main.exited.then((exit) => {
      clearTimeout(timer);
      resolve(exit);
    });
  });
}
