import { describe, expect, it } from 'vitest';
import { JSON_PATH_PATTERN } from '../../../../shared/schemas/probe-kinds/http.ts';
import { checkJsonPath, parseJsonPath, readJsonPath } from './json-path.ts';

const doc = { a: { b: [{ c: 'x' }, { c: 3 }] }, 'odd key': true, tags: ['up', 'ready'], nothing: null, 'dash-ed': 1 };

describe('json path subset', () => {
  it('parses members, indexes and quoted names', () => {
    expect(parseJsonPath('$')).toEqual([]);
    expect(parseJsonPath('$.a.b[0].c')).toEqual(['a', 'b', 0, 'c']);
    expect(parseJsonPath("$['odd key']")).toEqual(['odd key']);
    expect(parseJsonPath('$["a"].dash-ed')).toEqual(['a', 'dash-ed']);
  });

  it('refuses what it does not support, as the schema pattern does', () => {
    for (const path of ['a.b', '$..a', '$.a[*]', '$.a[?(@.b)]', '$.', '$[-1]']) {
      expect(parseJsonPath(path)).toBeUndefined();
      expect(JSON_PATH_PATTERN.test(path)).toBe(false);
    }
    expect(JSON_PATH_PATTERN.test("$.a.b[0]['c d']")).toBe(true);
  });

  it('tells a missing member from a present null', () => {
    expect(readJsonPath(doc, ['nothing'])).toEqual({ isFound: true, value: null });
    expect(readJsonPath(doc, ['missing']).isFound).toBe(false);
    expect(readJsonPath(doc, ['a', 'b', 5]).isFound).toBe(false);
    expect(readJsonPath(doc, ['tags', 'length']).isFound).toBe(false);
    expect(readJsonPath(doc, ['a', 'toString']).isFound).toBe(false);
  });

  it('compares as text: equals, contains and exists', () => {
    const check = (path: string, op: 'equals' | 'contains' | 'exists', value = '') => checkJsonPath(doc, parseJsonPath(path) ?? [], { path, op, value });
    expect(check('$.a.b[0].c', 'equals', 'x')).toBeUndefined();
    expect(check('$.a.b[1].c', 'equals', '3')).toBeUndefined();
    expect(check("$['odd key']", 'equals', 'true')).toBeUndefined();
    expect(check('$.nothing', 'equals', 'null')).toBeUndefined();
    expect(check('$.tags', 'contains', 'ready')).toBeUndefined();
    expect(check('$.tags', 'contains', 'read')).toBe('$.tags does not contain "read"');
    expect(check('$.a.b[0].c', 'contains', 'x')).toBeUndefined();
    expect(check('$.nothing', 'exists')).toBeUndefined();
    expect(check('$.a.z', 'exists')).toBe('$.a.z not found');
    expect(check('$.a.b[0].c', 'equals', 'y')).toBe('$.a.b[0].c does not equal "y" (got a value of type string)');
  });
});
