import type { HandlerPayload, MethodName, MethodValue } from '../../shared/api';

/** The core function behind method `M`: receives the validated payload. */
export type Handler<M extends MethodName> = (
  payload: HandlerPayload<M>,
) => Promise<MethodValue<M>> | MethodValue<M>;

/** Handlers for a set of methods (a feature's share of the API). */
export type HandlerTable<Names extends MethodName> = { [M in Names]: Handler<M> };

/** Handlers for every method: what `createApi` needs. */
export type AllHandlers = HandlerTable<MethodName>;
