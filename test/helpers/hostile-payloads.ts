/**
 * Payloads a compromised page might send: random values, and valid payloads (derived from the
 * method's schema) with one field made hostile. Seeded, so a failure can be replayed.
 */
import type { z } from 'zod';
import { seededRandom } from '../../main/core/sample-backend/sample-content';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  values?: unknown[];
  entries?: Record<string, unknown>;
  checks?: Array<{ _zod: { def: { check: string; maximum?: number } } }>;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const stringBounds = (schema: z.ZodType) => schema as unknown as { minLength: number | null; maxLength: number | null; format: string | null };
const numberBounds = (schema: z.ZodType) => schema as unknown as { minValue: number | null };

/** The largest length an array schema accepts, or null when it has none. */
function arrayMax(schema: z.ZodType): number | null {
  const check = defOf(schema).checks?.find((c) => c._zod.def.check === 'max_length');
  return check?._zod.def.maximum ?? null;
}

/** A value the schema accepts (every optional field filled in). */
export function exampleOf(schema: z.ZodType): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return Object.fromEntries(Object.entries(def.shape ?? {}).map(([key, field]) => [key, exampleOf(field)]));
    case 'string': {
      const { minLength, format } = stringBounds(schema);
      // The only patterned strings in the contract are links and one-line keys: a link passes both.
      if (format === 'regex') return 'https://example.com/a';
      return 'a'.repeat(Math.max(1, minLength ?? 0));
    }
    case 'number':
      return numberBounds(schema).minValue ?? 0;
    case 'boolean':
      return true;
    case 'enum':
      return Object.values(def.entries ?? {})[0];
    case 'literal':
      return def.values?.[0];
    case 'array':
      return [exampleOf(def.element!)];
    case 'optional':
    case 'default':
    case 'nullable':
    case 'readonly':
    case 'nonoptional':
      return exampleOf(def.innerType!);
    case 'union':
      return exampleOf(def.options![0]!);
    case 'null':
      return null;
    default:
      return undefined;
  }
}

/** Every string and array in a schema without a maximum length, by path (empty: all bounded). */
export function unboundedParts(schema: z.ZodType, path = 'payload'): string[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([key, field]) => unboundedParts(field, `${path}.${key}`));
    case 'string':
      return stringBounds(schema).maxLength === null ? [path] : [];
    case 'array':
      return [...(arrayMax(schema) === null ? [path] : []), ...unboundedParts(def.element!, `${path}[]`)];
    case 'optional':
    case 'default':
    case 'nullable':
    case 'readonly':
    case 'nonoptional':
      return unboundedParts(def.innerType!, path);
    case 'union':
      return def.options!.flatMap((option) => unboundedParts(option, path));
    default:
      return [];
  }
}

/** Paths (lists of keys) to every field of an example object, nested ones included. */
function fieldPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return prefix.length ? [prefix] : [];
  return [...(prefix.length ? [prefix] : []), ...Object.entries(value).flatMap(([key, inner]) => fieldPaths(inner, [...prefix, key]))];
}

function withField(value: unknown, path: string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = { ...(value as Record<string, unknown>) };
  copy[path[0]!] = withField(copy[path[0]!], path.slice(1), replacement);
  return copy;
}

function nested(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** Values no field should accept as they are, or that probe for a crash. */
const HOSTILE: Array<() => unknown> = [
  () => undefined,
  () => null,
  () => true,
  () => 0,
  () => -1,
  () => Number.NaN,
  () => Number.POSITIVE_INFINITY,
  () => 2 ** 53 + 1,
  () => -1e308,
  () => '',
  () => ' ',
  () => 'x'.repeat(1024 * 1024),
  () => '\u0000',
  () => 'a\u0000b',
  () => '\u202e\u200b\ufeff',
  () => '\ud800',
  () => '../../../../etc/passwd',
  () => '/etc/passwd',
  () => 'C:\\Windows\\System32\\cmd.exe',
  () => '\\\\?\\C:\\x',
  () => 'file:///etc/passwd',
  () => 'javascript:alert(1)',
  () => 'https://attacker.example/',
  () => '%00%2e%2e%2f',
  () => [],
  () => Array.from({ length: 2000 }, () => 'x'),
  () => ({}),
  () => JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
  () => ({ constructor: { prototype: { polluted: true } } }),
  () => ({ toString: 'not a function', valueOf: 1 }),
  () => nested(200),
  () => new Date(0),
  () => new Uint8Array(16),
];

/**
 * `count` payloads for a method: about a third random hostile values, the rest the schema's
 * example with one field (or the whole payload) replaced, made too long, or given extra keys.
 */
export function hostilePayloads(schema: z.ZodType, count: number, seed: number): unknown[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const example = exampleOf(schema);
  const paths = fieldPaths(example);
  const payloads: unknown[] = [example];
  while (payloads.length < count) {
    const roll = random();
    if (roll < 0.35 || paths.length === 0) {
      payloads.push(pick(HOSTILE)());
    } else if (roll < 0.85) {
      payloads.push(withField(example, pick(paths), pick(HOSTILE)()));
    } else if (roll < 0.95) {
      // One field one character past any limit a person would hit.
      payloads.push(withField(example, pick(paths), 'y'.repeat(70_000)));
    } else {
      payloads.push({ ...(example as object), [`extra${payloads.length}`]: pick(HOSTILE)() });
    }
  }
  return payloads;
}
