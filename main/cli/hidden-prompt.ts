import type { CliIo } from './io';

/**
 * Reads one line from a terminal without echoing it (for `key set`). Raw mode keeps the key
 * off the screen and out of the scrollback; Ctrl-C aborts without saving anything.
 */
export function promptHidden(io: CliIo, question: string): Promise<string | null> {
  const input = io.stdin;
  return new Promise((resolve) => {
    io.stderr.write(question);
    input.setRawMode?.(true);
    input.resume();
    let value = '';
    const finish = (result: string | null) => {
      input.setRawMode?.(false);
      input.pause();
      input.removeListener('data', onData);
      io.stderr.write('\n');
      resolve(result);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString()) {
        if (char === '\u0003') return finish(null); // Ctrl-C
        if (char === '\r' || char === '\n' || char === '\u0004') return finish(value);
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    input.on('data', onData);
  });
}
