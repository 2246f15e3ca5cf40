import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { KeytarModule } from '../core/secrets/keytar-secret-store';
import { KEYCHAIN_CHILD_ENV } from './keychain-child-env';


/** One keychain call as it crosses to the helper, and its answer. */
export interface KeychainRequest {
  id: number;
  method: keyof KeytarModule;
  args: string[];
}
export interface KeychainReply {
  id: number;
  value?: unknown;
  error?: string;
}

/**
 * keytar, in a helper process. A keychain call that never returns (a Secret Service that
 * accepts the connection and stays silent) blocks a libuv worker thread, and Node joins those
 * threads when it exits: the command would report the timeout and then hang until D-Bus gives
 * up (25 s, or never). In a helper, the stuck call is killed with its process, and the command
 * exits right after reporting. The helper is the same command started again with
 * `KEYCHAIN_CHILD_ENV` set, so nothing else has to be installed.
 */
export class KeychainProcess implements KeytarModule {
  private child: ChildProcess | null = null;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 1;

  getPassword(service: string, account: string): Promise<string | null> {
    return this.call('getPassword', [service, account]) as Promise<string | null>;
  }

  setPassword(service: string, account: string, password: string): Promise<void> {
    return this.call('setPassword', [service, account, password]) as Promise<void>;
  }

  deletePassword(service: string, account: string): Promise<boolean> {
    return this.call('deletePassword', [service, account]) as Promise<boolean>;
  }

  findCredentials(service: string): Promise<Array<{ account: string; password: string }>> {
    return this.call('findCredentials', [service]) as Promise<Array<{ account: string; password: string }>>;
  }

  /** Ends the helper: politely when idle, killed when a call is still stuck in it. */
  dispose(): void {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (this.pending.size > 0) child.kill('SIGKILL');
    else child.stdin?.end();
    this.failAll('The keychain helper was stopped.');
  }

  private call(method: KeychainRequest['method'], args: string[]): Promise<unknown> {
    const child = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      child.stdin!.write(`${JSON.stringify({ id, method, args } satisfies KeychainRequest)}\n`);
    });
  }

  private start(): ChildProcess {
    if (this.child) return this.child;
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!], {
      env: { ...process.env, [KEYCHAIN_CHILD_ENV]: '1' },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    // The helper's stdin must not take the command down with EPIPE if the helper dies first.
    child.stdin!.on('error', () => {});
    child.on('error', (error) => this.failAll(error.message));
    child.on('exit', () => this.failAll('The keychain helper ended without answering.'));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const reply = JSON.parse(line) as KeychainReply;
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (reply.error !== undefined) waiting.reject(new Error(reply.error));
      else waiting.resolve(reply.value ?? null);
    });
    // A helper stuck in a call must not outlive the command.
    process.once('exit', () => {
      if (this.pending.size > 0) child.kill('SIGKILL');
    });
    this.child = child;
    return child;
  }

  private failAll(message: string): void {
    for (const { reject } of this.pending.values()) reject(new Error(message));
    this.pending.clear();
  }
}
