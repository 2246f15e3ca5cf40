import type { z } from 'zod';
import type { Result } from './errors';

/**
 * One method the renderer may call: the schema its payload must pass in main, and (as a
 * type only) what it resolves to.
 */
export interface MethodSpec<Payload extends z.ZodType, Value> {
  readonly payload: Payload;
  /** Never set at run time; carries the result type. */
  readonly result?: Value;
}

/** Declares a method. `Value` is the result type: `method<Info>()(z.undefined())`. */
export function method<Value>() {
  return <Payload extends z.ZodType>(payload: Payload): MethodSpec<Payload, Value> => ({
    payload,
  });
}

/** One event main may push to the renderer. */
export interface EventSpec<Payload> {
  /** Never set at run time; carries the payload type. */
  readonly payload?: Payload;
}

/** Declares a pushed event carrying `Payload`. */
export function event<Payload>(): EventSpec<Payload> {
  return {};
}

/** A table of methods, keyed `namespace.name`. */
export type MethodTable = Record<`${string}.${string}`, MethodSpec<z.ZodType, unknown>>;

/** A table of events, keyed `namespace.name`. */
export type EventTable = Record<`${string}.${string}`, EventSpec<unknown>>;

/** What the caller passes for a method of a table. */
export type PayloadIn<T extends MethodSpec<z.ZodType, unknown>> = z.input<T['payload']>;

/** What the handler receives once the payload has passed its schema. */
export type PayloadOut<T extends MethodSpec<z.ZodType, unknown>> = z.output<T['payload']>;

/** What a method resolves to when it succeeds. */
export type ValueOf<T> = T extends MethodSpec<z.ZodType, infer V> ? V : never;

/** The function the renderer calls for one method. */
export type Caller<T extends MethodSpec<z.ZodType, unknown>> =
  undefined extends PayloadIn<T>
    ? (payload?: PayloadIn<T>) => Promise<Result<ValueOf<T>>>
    : (payload: PayloadIn<T>) => Promise<Result<ValueOf<T>>>;
