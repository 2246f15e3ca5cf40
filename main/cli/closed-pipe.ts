/**
 * A closed pipe ends the command quietly, with exit 0: `export-manager track list | head -1`
 * is a normal way to use a command line, and the reader going away is not a failure of the
 * command (the convention of git, ls and grep under `set -o pipefail`, rather than the 141 of
 * a process killed by SIGPIPE, which Node ignores). Without this, the write's EPIPE would be an
 * unhandled 'error' event: a stack trace and exit 1.
 */
export function endQuietlyOnClosedPipe(streams: readonly NodeJS.WriteStream[]): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      // Nothing more can be said on a stream that failed; any other write error is a failure.
      process.exit(error.code === 'EPIPE' ? 0 : 1);
    });
  }
}

/** Resolves once everything written to `stream` so far has been handed to the OS. */
export function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) resolve();
    else stream.write('', () => resolve());
  });
}
