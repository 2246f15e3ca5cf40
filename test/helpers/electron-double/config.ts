/**
 * What the test tells the double about the Electron it stands in for, handed to the child
 * process as JSON in one environment variable (the child has no other way to learn it before
 * main's first line runs).
 */

/** The environment variable that carries the configuration. */
export const DOUBLE_CONFIG_ENV = 'ELECTRON_DOUBLE_CONFIG';

/** How the double behaves; everything but the journal and the app has a default. */
export interface DoubleConfig {
  /** Where the journal goes (JSON lines). */
  journalFile: string;
  /** The built main bundle to run (`…/dist-electron/main.js`). */
  mainScript: string;
  /** The app's folder, with its package.json: what `app.getAppPath()` answers. */
  appPath: string;
  /** A packaged app: `app.isPackaged`, `process.resourcesPath`, no `process.defaultApp`, addons from app.asar.unpacked. */
  packaged?: { resourcesPath: string };
  /** Extra command-line arguments, as Electron would hand them to main (in `process.argv`). */
  args?: string[];
  /** Arguments between the executable and the app path (`electron --inspect=0 .`), unpackaged only. */
  electronFlags?: string[];
}

/** Reads the configuration in the child; throws when the variable is missing or malformed. */
export function readDoubleConfig(env: NodeJS.ProcessEnv = process.env): DoubleConfig {
  const raw = env[DOUBLE_CONFIG_ENV];
  if (!raw) throw new Error(`${DOUBLE_CONFIG_ENV} is not set: the electron double runs only under test/helpers/electron-double/launch.ts.`);
  const config = JSON.parse(raw) as Partial<DoubleConfig>;
  if (typeof config.journalFile !== 'string' || typeof config.mainScript !== 'string' || typeof config.appPath !== 'string') {
    throw new Error(`${DOUBLE_CONFIG_ENV} must name journalFile, mainScript and appPath.`);
  }
  return config as DoubleConfig;
}
