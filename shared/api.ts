/**
 * The single list of what the renderer may call and what main may push. Everything else is
 * derived from it: the preload object, the IPC registration, the test bridge and the types
 * of `window.exportManager`. Feature tables live in `shared/api/`, one file a feature.
 */
import type { z } from 'zod';
import type { Caller, EventSpec, MethodSpec, PayloadOut, ValueOf } from './contract';
import type { Result } from './errors';
import type { FileRef } from './api/file-ref';
import { appEvents, appMethods } from './api/app';
import { archiveEvents, archiveMethods } from './api/archive';
import { downloadsEvents, downloadsMethods } from './api/downloads';
import { historyEvents, historyMethods } from './api/history';
import { keysEvents, keysMethods } from './api/keys';
import { networkEvents, networkMethods } from './api/network';
import { profilesEvents, profilesMethods } from './api/profiles';
import { settingsEvents, settingsMethods } from './api/settings';
import { trackedEvents, trackedMethods } from './api/tracked';

/** Every method, keyed `namespace.name`. */
export const methods = {
  ...appMethods,
  ...profilesMethods,
  ...keysMethods,
  ...trackedMethods,
  ...historyMethods,
  ...settingsMethods,
  ...networkMethods,
  ...downloadsMethods,
  ...archiveMethods,
} as const;

/** Every event main may push, keyed `namespace.name`. */
export const events = {
  ...appEvents,
  ...profilesEvents,
  ...keysEvents,
  ...trackedEvents,
  ...historyEvents,
  ...settingsEvents,
  ...networkEvents,
  ...downloadsEvents,
  ...archiveEvents,
} as const;

export type Methods = typeof methods;
export type Events = typeof events;
/** A method's name, `namespace.name`. */
export type MethodName = keyof Methods & string;
/** A pushed event's name. */
export type EventName = keyof Events & string;

/** Every method name, derived from the table (never written by hand). */
export const methodNames = Object.keys(methods) as MethodName[];
/** Every event name, derived from the table. */
export const eventNames = Object.keys(events) as EventName[];

/** The payload a handler receives for method `M`, after validation. */
export type HandlerPayload<M extends MethodName> = PayloadOut<Methods[M]>;
/** What method `M` resolves to. */
export type MethodValue<M extends MethodName> = ValueOf<Methods[M]>;
/** The payload of event `E`. */
export type EventPayload<E extends EventName> =
  Events[E] extends EventSpec<infer P> ? P : never;

type Namespace = MethodName extends `${infer N}.${string}` ? N : never;
type MethodsIn<N extends Namespace> = {
  [M in MethodName as M extends `${N}.${infer F}` ? F : never]: Caller<Methods[M]>;
};

/** `window.exportManager`: one function per method, grouped by namespace, plus events. */
export type ExportManagerApi = { [N in Namespace]: MethodsIn<N> } & {
  /** Listens to a pushed event; returns the function that stops listening. */
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  /**
   * The id of a file dropped on the window (a DOM `File`), or null where it has none (a plain
   * browser, or something that is not a file on disk). Only the preload can read a dropped
   * file's path, and it hands it straight to main, which grants the id: the page never sends
   * a path of its own.
   */
  droppedFile(file: object): Promise<FileRef | null>;
};

/** The transport-independent side of the API: one function per method, by name. */
export type ApiHandlers = {
  [M in MethodName]: (payload: unknown) => Promise<Result<MethodValue<M>>>;
};

/** Whether a string names a method (for transports that receive names from outside). */
export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

/** Whether a string names an event. */
export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}

/** The schema of a method's payload. */
export function payloadSchema(name: MethodName): z.ZodType {
  return (methods[name] as MethodSpec<z.ZodType, unknown>).payload;
}
