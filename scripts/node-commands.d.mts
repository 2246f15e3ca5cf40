/** `[node, script, ...args]` for a package's command (vite, vitest, playwright…). */
export function toolCommand(packageName: string, args: string[], binName?: string): string[];
/** `[node, npm-cli.js, ...args]` for npm itself. */
export function npmCommand(args: string[]): string[];
