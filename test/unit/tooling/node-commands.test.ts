import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { npmCommand, toolCommand } from '../../../scripts/node-commands.mjs';

describe('the project’s tool commands', () => {
  it('run a package’s bin script with this Node, never `npx` by name (a .cmd that needs a shell on Windows)', () => {
    for (const [command, bin] of [
      [toolCommand('vite', ['build']), 'vite'],
      [toolCommand('vitest', ['run']), 'vitest'],
      [toolCommand('@playwright/test', ['test'], 'playwright'), 'playwright'],
    ] as const) {
      expect(command[0]).toBe(process.execPath);
      expect(existsSync(command[1]!), `${bin}'s script exists`).toBe(true);
      expect(command[1]).toMatch(/\.(c|m)?js$/);
    }
    expect(toolCommand('vite', ['build', '--logLevel', 'warn']).slice(2)).toEqual(['build', '--logLevel', 'warn']);
  });

  it('runs npm through its own CLI script', () => {
    const [node, cli, ...rest] = npmCommand(['run', 'typecheck']);
    expect(node).toBe(process.execPath);
    expect(cli).toMatch(/npm-cli\.js$/);
    expect(existsSync(cli!)).toBe(true);
    expect(rest).toEqual(['run', 'typecheck']);
  });

  it('names a package without that command', () => {
    expect(() => toolCommand('vite', [], 'no-such-command')).toThrow(/has no "no-such-command" command/);
  });
});
