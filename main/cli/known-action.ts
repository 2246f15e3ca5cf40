import { shown } from './shown';
import { UsageError } from './usage-error';

/** "a, b or c". */
function listed(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/**
 * The first argument of a command that takes an action (`track add`, `profiles list`), or a
 * usage error naming the unknown one and the ones there are. Checked before any other option
 * or the data folder: "--profile NAME is required" for `track bogus` sends the user after
 * the wrong mistake.
 */
export function requireKnownAction<A extends string>(command: string, action: string | undefined, actions: readonly A[]): A {
  if (action !== undefined && (actions as readonly string[]).includes(action)) return action as A;
  if (action === undefined || action.startsWith('-')) throw new UsageError(`Say which action for ${command}: ${listed(actions)}.`, command);
  throw new UsageError(`Unknown action "${shown(action)}" for ${command}: use ${listed(actions)}.`, command);
}
