/**
 * The module-resolution hook (registered with `module.register`) that makes the bare
 * specifier `electron` mean the double: main's `import { app } from 'electron'` loads
 * electron.ts instead of the npm package (whose index only tells where the binary is). The
 * double's URL is resolved by the hooks after this one (tsx's), so TypeScript loads as usual.
 */

/** What `register` hands the hook: the double's module URL. */
interface HookData {
  electronUrl: string;
}

type NextResolve = (specifier: string, context?: unknown) => Promise<{ url: string }>;

let electronUrl = '';

/** Keeps the double's URL. */
export function initialize(data: HookData): void {
  electronUrl = data.electronUrl;
}

/** `electron` (and `electron/main`) resolves to the double; everything else as before. */
export function resolve(specifier: string, context: unknown, nextResolve: NextResolve): Promise<{ url: string }> {
  if (specifier === 'electron' || specifier === 'electron/main') return nextResolve(electronUrl, context);
  return nextResolve(specifier, context);
}
