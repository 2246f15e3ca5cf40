import type { EventName, EventPayload, MethodName, MethodValue } from '../../../shared/api';
import { buildExportManagerApi } from '../../../shared/expose';

/** What a test answers per method; a method it leaves out fails with a validation error. */
export type FakeAnswers = { [M in MethodName]?: (payload: unknown) => MethodValue<M> | Promise<MethodValue<M>> };

/** A fake main behind `window.exportManager`: the test pushes events and counts listeners. */
export interface FakeMain {
  /** Pushes an event to every listener of `name`. */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** How many listeners `name` has now. */
  listeners(name: EventName): number;
}

/** Defines `window.exportManager` from the real method list, answered by `answers`. */
export function installFakeExportManager(answers: FakeAnswers = {}): FakeMain {
  const subscribed = new Map<EventName, Set<(payload: unknown) => void>>();
  const api = buildExportManagerApi(
    async (name, payload) => {
      const answer = answers[name];
      if (!answer) return { ok: false, error: { kind: 'validation', message: `${name} is not answered in this test.` } };
      return { ok: true, value: await answer(payload) };
    },
    (name, listener) => {
      const set = subscribed.get(name) ?? new Set();
      subscribed.set(name, set);
      // A wrapper per subscription, so the same function subscribed twice counts twice.
      const entry = (payload: unknown): void => listener(payload);
      set.add(entry);
      return () => set.delete(entry);
    },
  );
  Object.defineProperty(window, 'exportManager', { value: api, configurable: true });
  return {
    emit(name, payload) {
      for (const listener of subscribed.get(name) ?? []) listener(payload);
    },
    listeners: (name) => subscribed.get(name)?.size ?? 0,
  };
}
