import type { Journal } from './journal';
import { nameInJournal } from './journal';

/**
 * Wraps one of the double's objects so that main's every use of it lands in the journal and
 * anything the double does not offer fails loudly: a use nobody has tested is noticed, instead
 * of quietly returning undefined. The double's own code keeps the raw object, so what it does
 * internally (emitting events, closing windows while quitting) is not mistaken for main's calls.
 */

/** Thrown when main reaches for an API the double does not implement. */
export class UnimplementedApiError extends Error {
  constructor(api: string) {
    super(`The electron test double does not implement ${api}: add it to test/helpers/electron-double/ (and a test of how main uses it).`);
    this.name = 'UnimplementedApiError';
  }
}

/** Properties that JavaScript itself probes on any object; answering "absent" is correct, not a gap. */
const PROBED_BY_THE_LANGUAGE = new Set<PropertyKey>(['then', 'toJSON', 'asymmetricMatch', 'nodeType', '$$typeof']);
/** Members the language itself uses (`instanceof` reads `prototype`): passed through, not recorded. */
const LANGUAGE_MEMBERS = new Set<PropertyKey>(['prototype', 'constructor']);

/** The EventEmitter methods Electron's emitters (app, windows, webContents, ipcMain) offer. */
export const EMITTER_API = [
  'on', 'once', 'off', 'addListener', 'removeListener', 'removeAllListeners', 'prependListener',
  'prependOnceListener', 'emit', 'listeners', 'listenerCount', 'eventNames', 'setMaxListeners', 'getMaxListeners',
] as const;

/**
 * The recording, strict view of `target` under `path` (`app`, `window1.webContents`…): only
 * the members named in `offers` (the Electron API the double implements) can be reached, so the
 * double's own helpers on the same object stay out of main's reach. Methods are recorded with
 * their arguments, other properties as reads; a method that returns the raw object returns the
 * view again, so chained calls (`app.on(…).on(…)`) stay recorded. A class records its
 * construction; `instanceView` hands main the instance's own recorded view.
 */
export function recorded<T extends object>(
  path: string,
  target: T,
  journal: Journal,
  options: { offers: readonly string[]; instanceView?: (instance: object) => object },
): T {
  const offered = new Set<PropertyKey>(options.offers);
  const methods = new Map<PropertyKey, (...args: unknown[]) => unknown>();
  const view: T = new Proxy(target, {
    get(object, property) {
      if (typeof property === 'symbol' || LANGUAGE_MEMBERS.has(property)) return Reflect.get(object, property, object);
      const api = `${path}.${property}`;
      if (!offered.has(property) || !(property in object)) {
        if (PROBED_BY_THE_LANGUAGE.has(property)) return undefined;
        journal.record('unimplemented', api);
        throw new UnimplementedApiError(api);
      }
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== 'function') {
        journal.record('get', api);
        return value;
      }
      let method = methods.get(property);
      if (!method) {
        const fn = value as (...args: unknown[]) => unknown;
        method = (...args: unknown[]) => {
          journal.record('call', api, args);
          const result = fn.apply(object, args);
          return result === object ? view : result;
        };
        methods.set(property, method);
      }
      return method;
    },
    set(object, property, value) {
      const api = `${path}.${String(property)}`;
      if (!offered.has(property) || !(property in object)) {
        journal.record('unimplemented', api, [value]);
        throw new UnimplementedApiError(`setting ${api}`);
      }
      journal.record('call', `${api}=`, [value]);
      return Reflect.set(object, property, value, object);
    },
    construct(klass, args) {
      journal.record('new', path, args);
      const instance = Reflect.construct(klass as unknown as new (...args: unknown[]) => object, args) as object;
      return options.instanceView ? options.instanceView(instance) : instance;
    },
  });
  nameInJournal(view, `[${path}]`);
  nameInJournal(target, `[${path}]`);
  return view;
}
