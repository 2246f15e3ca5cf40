import type { HandlerPayload, MethodName, MethodValue } from '../../shared/api';

/** The core function behind method `M`: receives the validated payload. */
export type Handler<M extends MethodName> = (
  payload: HandlerPayload<M>,
) => Promise<MethodValue<M>> | MethodValue<M>;

/** Handlers for a set of methods (a feature's share of the API). */
export type HandlerTable<Names extends MethodName> = { [M in Names]: Handler<M> };

/** Handlers for every method: what the composition root hands to `createApi`. */
export type AllHandlers = HandlerTable<MethodName>;

/** The methods of one namespace of the contract, e.g. `MethodsOf<'profiles'>`. */
export type MethodsOf<Namespace extends string> = Extract<MethodName, `${Namespace}.${string}`>;

/**
 * One namespace of the contract implemented: what every `createXFeature(deps)` returns. The
 * composition root spreads the handlers into one table and calls `close` in reverse order of
 * creation, so a feature may rely on whatever was created before it until then.
 */
export interface Feature<Names extends MethodName> {
  handlers: HandlerTable<Names>;
  /** Stops what the feature started (jobs, workers); absent when it starts nothing. */
  close?(): Promise<void> | void;
}
