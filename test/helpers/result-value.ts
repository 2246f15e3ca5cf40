import type { Result } from '../../shared/errors';

/**
 * The value of a successful call, or a thrown Error naming the AppError's kind and message:
 * a test that expects success fails with what went wrong instead of a type error later.
 */
export async function value<T>(call: Result<T> | Promise<Result<T>>): Promise<T> {
  const result = await call;
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value;
}

/** The AppError of a call that must fail (a success is the test's failure). */
export async function failure<T>(call: Result<T> | Promise<Result<T>>): Promise<Extract<Result<T>, { ok: false }>['error']> {
  const result = await call;
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)?.slice(0, 200)}`);
  return result.error;
}
