import { methodNames, payloadSchema } from '../../shared/api';
import type { ApiHandlers, MethodName } from '../../shared/api';
import type { AppError, Result } from '../../shared/errors';
import { appErrorOf } from './app-error';
import type { AllHandlers, Handler } from './handlers';

/**
 * Wraps core's handlers into the API both transports serve: every payload arrives as
 * `unknown`, is validated against its schema from `shared/api.ts`, and every expected
 * failure comes back as `{ ok: false, error }`. Anything else thrown is a bug and rejects.
 */
export function createApi(handlers: AllHandlers): ApiHandlers {
  const api: Partial<Record<MethodName, (payload: unknown) => Promise<Result<unknown>>>> = {};
  for (const name of methodNames) {
    const handler = handlers[name] as Handler<MethodName>;
    api[name] = async (payload: unknown) => {
      const parsed = payloadSchema(name).safeParse(payload);
      if (!parsed.success) return { ok: false, error: validationError(name, parsed.error.issues) };
      try {
        return { ok: true, value: await handler(parsed.data as never) };
      } catch (error) {
        const appError = appErrorOf(error);
        if (appError) return { ok: false, error: appError };
        throw error;
      }
    };
  }
  return api as ApiHandlers;
}

interface Issue {
  path: PropertyKey[];
  message: string;
}

function validationError(name: MethodName, issues: readonly Issue[]): AppError {
  const details = issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ` : '') + issue.message)
    .join('; ');
  return { kind: 'validation', message: `Invalid request for ${name}: ${details}` };
}
