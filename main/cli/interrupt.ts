import { EXIT } from './exit-codes';

/** A command's way to stop cleanly on Ctrl-C or SIGTERM: its signal aborts, and `exitCode` says which came. */
export interface Interrupt {
  signal: AbortSignal;
  /** The shell's convention for a command ended by a signal, 128 + its number (Ctrl-C: 130), or null when none came. */
  exitCode(): number | null;
  /** Gives the signals back to Node's default handling. */
  dispose(): void;
}

/**
 * Aborts on Ctrl-C or SIGTERM instead of dying mid-file, so what is being written (a partial
 * download, an entry being extracted) is removed before the process exits.
 */
export function abortOnInterrupt(): Interrupt {
  const controller = new AbortController();
  let exitCode: number | null = null;
  const stop = (code: number) => {
    exitCode ??= code;
    controller.abort();
  };
  const handlers = { SIGINT: () => stop(EXIT.interrupted), SIGTERM: () => stop(EXIT.terminated) };
  for (const [name, handler] of Object.entries(handlers)) process.once(name, handler);
  return {
    signal: controller.signal,
    exitCode: () => exitCode,
    dispose: () => {
      for (const [name, handler] of Object.entries(handlers)) process.off(name, handler);
    },
  };
}
