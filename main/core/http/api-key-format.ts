import { apiKeyProblem } from '../../../shared/api-key-rule';
import { fail } from '../app-error';

/**
 * The API key rule (shared/api-key-rule.ts) as main enforces it: the keys feature before storing
 * a key, and every request before sending one. Messages never quote the key.
 */

/** `key` when it can be sent as an API key; else fails as `validation` saying what is wrong. */
export function checkedApiKey(key: string): string {
  const problem = apiKeyProblem(key);
  if (problem !== null) fail('validation', problem);
  return key;
}
