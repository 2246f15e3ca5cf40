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
}

/**
 * Wraps handlers into the API both transports serve: every payload arrives as `unknown`, is
 * validated against its schema from `shared/api.ts`, and every expected failure comes back as
 * `{ ok: false, error }`. Anything else thrown is a bug and rejects. A handler that meets a busy
 * database (the app's connection throws instead of waiting) is run again after a pause that
 * never blocks the thread, unless it had committed something first (see whileBusy). It wraps
 * whichever methods it is given: every one for the app, a few for a command of the command line.
 */
export function createApi<N extends MethodName>(handlers: HandlerTable<N>, options: ApiOptions = {}): Pick<ApiHandlers, N> {
  const describeInvalid = options.describeInvalid ?? describeForRequest;
  const api: Partial<Record<MethodName, (payload: unknown) => Promise<Result<unknown>>>> = {};
  // In the contract's order, whatever order the features were spread in.
  for (const name of methodNames.filter((candidate): candidate is N => Object.hasOwn(handlers, candidate))) {
    const handler = handlers[name] as Handler<MethodName>;
    api[name] = async (payload: unknown) => {
      const parsed = payloadSchema(name).safeParse(payload);
      if (!parsed.success) return { ok: false, error: { kind: 'validation', message: describeInvalid(name, parsed.error.issues) } satisfies AppError };
      try {
        return { ok: true, value: await whileBusy(() => handler(parsed.data as never), { policy: options.busy }) };
      } catch (error) {
        const appError = appErrorOf(error);
        if (appError) return { ok: false, error: appError };
        // A bug: logged here for the developer, and answered as data without its details
        // (a thrown Error's message could carry a path or a value the renderer must not see).
        console.error(`Export Manager: ${name} failed unexpectedly:`, error);
        return { ok: false, error: { kind: 'internal', message: `Something went wrong in Export Manager (${name}). Try again; if it keeps happening, report it with the app's log.` } satisfies AppError };
      }
    };
  }
  return api as Pick<ApiHandlers, N>;
}

/** The default description: the method and up to three issues with their paths. */
function describeForRequest(name: MethodName, issues: readonly ValidationIssue[]): string {
  const details = issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ` : '') + issue.message)
    .join('; ');
  return `Invalid request for ${name}: ${details}`;
}
