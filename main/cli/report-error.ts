import type { AppError } from '../../shared/errors';
import { appErrorOf } from '../core/app-error';
import { EXIT } from './exit-codes';
import type { CliIo } from './io';
import { printJson, writeLine } from './io';
import { UsageError } from './usage-error';
import { shown, shownText } from './shown';

/** A failure as the JSON the command prints with --json. */
export function errorJson(error: AppError): { ok: false; error: Record<string, unknown> } {
  return {
    ok: false,
    error: {
      kind: error.kind,
      status: error.status ?? null,
      message: error.message,
      backendMessage: error.backendMessage ?? null,
      // A script can tell the one refusal --allow-large lifts without reading the message.
      ...(error.extractLimit ? { extractLimit: true } : {}),
      // …and a 401 that a key would fix (none is set) from a key that was refused.
      ...(error.noKey ? { noKey: true } : {}),
    },
  };
}

/** One line for a person: the message, then the HTTP status and the backend's words. */
export function errorLine(error: AppError): string {
  const details = [error.status ? `HTTP ${error.status}` : null, error.backendMessage ? `backend: ${shown(error.backendMessage)}` : null]
    .filter(Boolean)
    .join('; ');
  return `export-manager: ${shownText(error.message)}${details ? ` (${details})` : ''}`;
}

/**
 * Prints a failure the way the command was asked to and returns its exit code. Never a stack
 * trace. `alongside`: more fields for the JSON (what the command did before it failed).
 */
export function reportError(io: CliIo, error: unknown, json: boolean, alongside?: Record<string, unknown>): number {
  if (error instanceof UsageError) {
    const hint = error.command ? `export-manager ${error.command} --help` : 'export-manager --help';
    if (json) printJson(io, errorJson({ kind: 'validation', message: error.message }));
    else writeLine(io.stderr, `export-manager: ${shownText(error.message)} (see \`${hint}\`)`);
    return EXIT.usage;
  }
  const appError = withDebugHint(io, appErrorOf(error) ?? unexpected(error));
  // Every kind is a failure of the work, `state` and `internal` included (see EXIT.failure).
  if (json) printJson(io, { ...errorJson(appError), ...alongside });
  else writeLine(io.stderr, errorLine(appError));
  return EXIT.failure;
}

/** A fault's message says where its details are, unless they are being shown already. */
function withDebugHint(io: CliIo, error: AppError): AppError {
  if (error.kind !== 'internal' || io.env.EXPORT_MANAGER_DEBUG === '1') return error;
  return { ...error, message: `${error.message} Set EXPORT_MANAGER_DEBUG=1 for details.` };
}

/**
 * A failure no layer anticipated: a file operation's error code is the disk's, anything else
 * is a fault of Export Manager's own. Said plainly, without a stack trace.
 */
function unexpected(error: unknown): AppError {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    return { kind: 'disk', message: `A file operation failed (${code}): ${(error as Error).message}` };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', message: `Unexpected failure: ${message}. This is a fault in Export Manager; please report it.` };
}
