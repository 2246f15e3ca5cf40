/**
 * The child process's start, under Node instead of Electron: makes `process` look as Electron
 * makes it for main (its arguments, `defaultApp`, `resourcesPath`, addons from
 * app.asar.unpacked, unhandled rejections as warnings), opens the control channel, maps
 * `electron` to the double, then runs the built main bundle. Started by launcher.mjs.
 */
import { register } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadAddonsAsElectronDoes } from './asar-addons';
import { startControlChannel } from './control';
import { world } from './world';

/** The parts of `process` Electron adds, which main reads. */
interface ElectronProcess {
  defaultApp?: boolean;
  resourcesPath: string;
}

const { config, journal } = world;
const electronProcess = process as unknown as ElectronProcess;

// `electron .` runs an unpackaged app: argv is [electron, …flags, app path, …args] and
// process.defaultApp is set; a packaged executable gets [executable, …args].
if (config.packaged) {
  process.argv = [process.execPath, ...(config.args ?? [])];
  electronProcess.resourcesPath = config.packaged.resourcesPath;
} else {
  process.argv = [process.execPath, ...(config.electronFlags ?? []), config.appPath, ...(config.args ?? [])];
  electronProcess.defaultApp = true;
  electronProcess.resourcesPath = join(dirname(process.execPath), 'resources');
}

// Electron's main process warns about an unhandled rejection and carries on (Node would exit).
process.on('unhandledRejection', (reason) => {
  journal.record('event', 'process:unhandledRejection', [reason]);
  console.error('Unhandled rejection in main:', reason);
});

loadAddonsAsElectronDoes(journal);
startControlChannel(world);
register(new URL('./resolve-hook.ts', import.meta.url), { data: { electronUrl: new URL('./electron.ts', import.meta.url).href } });

await import(pathToFileURL(config.mainScript).href);
journal.record('event', 'main:loaded');
