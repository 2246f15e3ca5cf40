/** What a command reads and writes: the process's streams, or a test's. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Warnings for a `--json` run: printed as the `warning` field of the one JSON object it prints. */
  warnings?: string[];
}

/** The running process's streams, each opened on first use (most commands never read stdin). */
export function processIo(): CliIo {
  return {
    get stdout() {
      return process.stdout;
    },
    get stderr() {
      return process.stderr;
    },
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    cwd: process.cwd(),
    warnings: [],
  };
}

/** Writes one line. */
export function writeLine(stream: NodeJS.WritableStream, line = ''): void {
  stream.write(`${line}\n`);
}

/** Prints a value as one line of JSON on stdout, with any pending warning as its `warning` field. */
export function printJson(io: CliIo, value: unknown): void {
  const warnings = io.warnings?.splice(0) ?? [];
  const withWarning = warnings.length && value && typeof value === 'object' ? { ...value, warning: warnings.join(' ') } : value;
  writeLine(io.stdout, JSON.stringify(withWarning));
}

/** Tells the user something once: on stderr, or with `--json` as the output's `warning` field (stderr stays empty). */
export function warn(io: CliIo, json: boolean, message: string): void {
  if (json && io.warnings) io.warnings.push(message);
  else writeLine(io.stderr, `export-manager: warning: ${message}`);
}

/** Reads all of stdin as text (for `--api-key-stdin` and `key set` from a pipe). */
export async function readStdin(io: CliIo): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin as AsyncIterable<Buffer | string>) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
