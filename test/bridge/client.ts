/**
 * The test bridge's page script: defines `window.exportManager` from the same method list as
 * the preload, over HTTP (a POST per call) and server-sent events instead of IPC. Loaded as
 * a classic script before the app's module, so the app cannot tell the difference.
 */
import type { EventName } from '../../shared/api';
import type { Result } from '../../shared/errors';
import { buildExportManagerApi } from '../../shared/expose';

const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
let source: EventSource | null = null;

function ensureEventStream(): void {
  if (source) return;
  source = new EventSource('/__bridge/events');
  source.onmessage = (message) => {
    const { name, payload } = JSON.parse(message.data as string) as { name: EventName; payload: unknown };
    for (const listener of listeners.get(name) ?? []) listener(payload);
  };
}

async function invoke(name: string, payload: unknown): Promise<Result<unknown>> {
  const response = await fetch(`/__bridge/call/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ payload }),
  });
  if (!response.ok) throw new Error(`Bridge call ${name} failed with HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as Result<unknown>;
}

const exportManager = buildExportManagerApi(invoke, (name, listener) => {
  ensureEventStream();
  const set = listeners.get(name) ?? new Set();
  set.add(listener);
  listeners.set(name, set);
  return () => void set.delete(listener);
});

Object.defineProperty(window, 'exportManager', { value: Object.freeze(exportManager), enumerable: true });
ensureEventStream();
