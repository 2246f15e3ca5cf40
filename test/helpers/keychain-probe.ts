import { KeytarSecretStore } from '../../main/core/secrets/keytar-secret-store';

/**
 * Why the OS keychain cannot be used here, or null when it can. Suites that need it skip with
 * this reason on a developer machine, and fail under CI=true (where .ci/run starts one).
 */
export async function keychainProblem(): Promise<string | null> {
  try {
    await new KeytarSecretStore({ timeoutMs: 5000 }).list();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Throws under CI when the keychain is missing; otherwise returns whether tests should skip. */
export async function skipWithoutKeychain(): Promise<string | null> {
  const problem = await keychainProblem();
  if (problem && process.env.CI === 'true') throw new Error(`CI needs a Secret Service for these tests: ${problem}`);
  return problem;
}
