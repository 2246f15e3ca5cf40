import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core/core';
import type { Core } from '../../main/core/core';
import { methodNames, payloadSchema } from '../../shared/api';
import { isAppError } from '../../shared/errors';
import { hostilePayloads, unboundedParts } from '../helpers/hostile-payloads';
import { createTestPorts } from '../helpers/test-ports';
import type { TestPorts } from '../helpers/test-ports';

/**
 * The renderer is untrusted: every method must answer anything it sends with a validation
 * error or a valid result, through the real handlers, without a fault of its own (`internal`)
 * or a rejection left unhandled.
 */
const PER_METHOD = 1000;

describe('every method against hostile payloads', () => {
  let ports: TestPorts;
  let core: Core;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => void unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    ports = createTestPorts();
    core = await createCore(ports, { identity: { name: 'Export Manager', version: '0.0.0', platform: 'linux' }, sampleBackend: false });
  });
  afterAll(async () => {
    await core.close();
    ports.cleanup();
    process.off('unhandledRejection', onUnhandled);
  });

  it('bounds every string and array a payload may carry', () => {
    const unbounded = methodNames.flatMap((name) => unboundedParts(payloadSchema(name), name));
    expect(unbounded).toEqual([]);
  });

  it.each(methodNames.map((name, index) => [name, index] as const))(
    '%s answers 1,000 hostile payloads with a validation error or a valid result',
    async (name, index) => {
      const schema = payloadSchema(name);
      const payloads = hostilePayloads(schema, PER_METHOD, 0x5eed + index);
      let refused = 0;
      for (const payload of payloads) {
        const result = await core.api[name](payload);
        const valid = schema.safeParse(payload).success;
        if (!valid) {
          expect(result, `${name} took ${JSON.stringify(payload)?.slice(0, 200)}`).toMatchObject({ ok: false, error: { kind: 'validation' } });
          refused++;
        } else if (!result.ok) {
          // A well-formed payload may still name nothing that exists: then a clear AppError,
          // never a fault of the app's own (createApi answers a thrown bug as `internal`).
          expect(isAppError(result.error)).toBe(true);
          expect(result.error.kind, `${name} took ${JSON.stringify(payload)?.slice(0, 200)}: ${result.error.message}`).not.toBe('internal');
        }
      }
      expect(payloads).toHaveLength(PER_METHOD);
      // Most of what is thrown at a method is malformed; the rest shows valid payloads get through.
      expect(refused).toBeGreaterThan(PER_METHOD / 2);
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    },
  );
});
