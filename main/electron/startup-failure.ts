import { appErrorOf } from '../core/app-error';

/**
 * What to tell a person whose app could not start: pure, so it is tested without Electron.
 * A packaged app has no terminal, so this goes into a dialog (`dialog.showErrorBox`) rather
 * than only a log line, and always ends with what to do.
 */
export function startupFailureText(error: unknown): { title: string; message: string } {
  const title = 'Export Manager could not start';
  const known = appErrorOf(error);
  // Errors of the product's own kinds already say what to do (a folder to check, a newer version to install).
  if (known) return { title, message: known.message };
  const detail = error instanceof Error ? error.message : String(error);
  return {
    title,
    message: `${detail}\n\nStart Export Manager again; if this keeps happening, reinstall it, and report this message if that does not help.`,
  };
}
