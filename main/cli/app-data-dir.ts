import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The folder Electron uses as `userData` for "Export Manager", computed without Electron so
 * the command line reads the same database and profiles as the app.
 * `EXPORT_MANAGER_USER_DATA` overrides it for both.
 */
export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.EXPORT_MANAGER_USER_DATA) return env.EXPORT_MANAGER_USER_DATA;
  const home = env.HOME || env.USERPROFILE || homedir();
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'Export Manager');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Export Manager');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'Export Manager');
}
