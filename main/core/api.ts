import { methodNames, payloadSchema } from '../../shared/api';
import type { ApiHandlers, MethodName } from '../../shared/api';
import type { AppError, Result } from '../../shared/errors';
import { appErrorOf } from './app-error';
import type { Handler, HandlerTable } from './handlers';
import type { BusyPolicy } from './store/busy-retry';
import { whileBusy } from './store/while-busy';

/** One reason a payload failed its schema. */
export interface ValidationIssue {
  path: PropertyKey[];
  message: string;
}

/** How a refused payload is described; the default names the method (for logs and the UI). */
export type DescribeInvalid = (name: MethodName, issues: readonly ValidationIssue[]) => string;

/** How `createApi` treats what it wraps. */
export interface ApiOptions {
  describeInvalid?: DescribeInvalid;
  /** How long a call that meets a database another process holds is retried (default: the store's `DEFAULT_BUSY_POLICY`). */
  busy?: BusyPolicy;
  /**
   * Where a fault's details go (anything a handler throws that is not an AppErrorException),
   * since the answer hides them: the default logs to the console (the app's and the bridge's
   * log); the command line shows them only with EXPORT_MANAGER_DEBUG=1.
   */
  onFault?: (name: MethodName, error: unknown) => void;
}

/**
 * What a call answers when a handler fails with a fault of Export Manager's own. Nothing of the
 * thrown error is in it: its message may carry a path, a query or a value the page must not see.
 */
export const FAULT_MESSAGE = 'A fault in Export Manager stopped this; it was not caused by anything you did. Try again, and if it happens again, please report it.';

/** The default `onFault`: the method and the whole error (with its stack) in the log. */
const logFault = (name: MethodName, error: unknown) => console.error(`Export Manager: ${name} failed with a fault:`, error);

/**
 * Wraps handlers into the API both transports serve: every payload arrives as `unknown`, is
 * validated against its schema from `shared/api.ts`, and every expected failure comes back as
 * `{ ok: false, error }`. Anything else thrown is a bug: it is handed to `onFault` and answered
 * as an `internal` error, so a transport never sees a rejection. A handler that meets a busy
 * database (the app's connection throws instead of waiting) is run again after a pause that
 * never blocks the thread, unless it had committed something first (see whileBusy). It wraps
 * whichever methods it is given: every one for the app, a few for a command of the command line.
 */
export function createApi<N extends MethodName>(handlers: HandlerTable<N>, options: ApiOptions = {}): Pick<ApiHandlers, N> {
  const describeInvalid = options.describeInvalid ?? describeForRequest;
  const onFault = options.onFault ?? logFault;
  const api: Partial<Record<MethodName, (payload: unknown) => Promise<Result<unknown>>>> = {};
  // In the contract's order, whatever order the features were spread in.
  for (const name of methodNames.filter((candidate): candidate is N => Object.hasOwn(handlers, candidate))) {
    const handler = handlers[name] as Handler<MethodName>;
    api[name] = async (payload: unknown) => {
      const parsed = payloadSchema(name).safeParse(payload);
      if (!parsed.success) return { ok: false, error: invalidPayload(describeInvalid(name, parsed.error.issues), parsed.error.issues) };
      try {
        return { ok: true, value: await whileBusy(() => handler(parsed.data as never), { policy: options.busy }) };
      } catch (error) {
        const appError = appErrorOf(error);
        if (appError) return { ok: false, error: appError };
        // A bug: its details go to whoever debugs, the answer says only that it happened.
        onFault(name, error);
        return { ok: false, error: { kind: 'internal', message: FAULT_MESSAGE } satisfies AppError };
      }
    };
  }
  return api as Pick<ApiHandlers, N>;
}

/** A payload the schema refused, naming its field when every issue is about the same one. */
function invalidPayload(message: string, issues: readonly ValidationIssue[]): AppError {
  const fields = new Set(issues.map((issue) => issue.path[0]));
  const [only] = fields;
  return fields.size === 1 && typeof only === 'string' ? { kind: 'validation', message, field: only } : { kind: 'validation', message };
}

/** The default description: the method and up to three issues with their paths. */
function describeForRequest(name: MethodName, issues: readonly ValidationIssue[]): string {
  const details = issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ` : '') + issue.message)
    .join('; ');
  return `Invalid request for ${name}: ${details}`;
}
