import type { CertificateNames } from '../network/certificate-names';
import { CertificateFailure, ProxyFailure, ServerConnectTimeout } from '../network/network-failure';
import type { ProxyProblem } from '../network/network-failure';
import { ParseRefusal } from './parse-refusal';

/**
 * A failure in the worker as it crosses to main (structured clone keeps neither classes nor
 * extra fields): the network path's own failures by their parts, anything else by the fields
 * to-app-error.ts reads (name, code, syscall, event, message). Rebuilt in main, it is worded
 * by the same code as the got path's failure, so both paths say the same thing.
 */
export type WireError =
  | { type: 'proxy'; problem: ProxyProblem; proxy: string; from: string; detail: { status?: number; code?: string; realm?: string | null } }
  | { type: 'certificate'; code: string; host: string; certificate: CertificateNames }
  | { type: 'connect-timeout'; host: string }
  | { type: 'plain'; message: string; name?: string; code?: string; syscall?: string; event?: string };

/** The wire form of anything the worker caught. */
export function toWire(error: unknown): WireError {
  if (error instanceof ProxyFailure) return { type: 'proxy', problem: error.problem, proxy: error.proxy, from: error.from, detail: error.detail };
  if (error instanceof CertificateFailure) return { type: 'certificate', code: error.code, host: error.host, certificate: error.certificate };
  if (error instanceof ServerConnectTimeout) return { type: 'connect-timeout', host: error.host };
  const { name, code, syscall, event, message } = (error ?? {}) as { name?: string; code?: string; syscall?: string; event?: string; message?: string };
  const wire: WireError = { type: 'plain', message: message ?? String(error) };
  if (name !== undefined && name !== 'Error') wire.name = name;
  if (code !== undefined) wire.code = code;
  if (syscall !== undefined) wire.syscall = syscall;
  if (event !== undefined) wire.event = event;
  return wire;
}

/** The failure again, in main: the network path's classes, or an Error carrying the same fields. */
export function fromWire(wire: WireError): Error {
  if (wire.type === 'proxy') return new ProxyFailure(wire.problem, wire.proxy, wire.from, wire.detail);
  if (wire.type === 'certificate') return new CertificateFailure(wire.code, wire.host, wire.certificate);
  if (wire.type === 'connect-timeout') return new ServerConnectTimeout(wire.host);
  const error = new Error(wire.message);
  for (const field of ['name', 'code', 'syscall', 'event'] as const) {
    if (wire[field] !== undefined) Object.defineProperty(error, field, { value: wire[field], enumerable: true, writable: true });
  }
  return error;
}

/** The parser's refusal as a request failure (`code` as llhttp's, so the got path's wording applies). */
export function refusalError(refusal: ParseRefusal): Error {
  return Object.assign(new Error(refusal.message), { code: refusal.code });
}
