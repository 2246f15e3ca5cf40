import { describe, expect, it } from 'vitest';
import { JsonTooDeepError, jsonNestingDepth, parseBoundedJson } from '../../../../main/core/http/bounded-json';

describe('parseBoundedJson', () => {
  it('measures nesting, ignoring brackets inside strings and escaped quotes', () => {
    expect(jsonNestingDepth('1')).toBe(0);
    expect(jsonNestingDepth('[]')).toBe(1);
    expect(jsonNestingDepth('{"a":[{"b":[1]}]}')).toBe(4);
    expect(jsonNestingDepth('["[[[[", "\\"[[[", {"k\\\\":"]]"}]')).toBe(2);
  });

  it('refuses a text deeper than the bound before parsing, with the depth found', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    let thrown: unknown;
    try {
      parseBoundedJson(deep, 64);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(JsonTooDeepError);
    expect(thrown).toMatchObject({ depth: 100_000, maxDepth: 64 });
    expect((thrown as Error).message).toMatch(/100,000 levels/);
  });

  it('parses a text at the bound, and leaves syntax errors to JSON.parse', () => {
    const atBound = '['.repeat(64) + ']'.repeat(64);
    expect(() => parseBoundedJson(atBound, 64)).not.toThrow();
    expect(() => parseBoundedJson('['.repeat(65) + ']'.repeat(65), 64)).toThrow(JsonTooDeepError);
    expect(parseBoundedJson('{"exportedUrls":["https://a/[x]"]}')).toEqual({ exportedUrls: ['https://a/[x]'] });
    expect(() => parseBoundedJson('{"a":')).toThrow(SyntaxError);
  });
});
