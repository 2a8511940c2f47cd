import { ILL_FORMED_MESSAGE, inputProblems, jsonNestsDeeperThan, MAX_JSON_DEPTH, NUL_MESSAGE } from './input-hygiene.js';

describe('inputProblems', () => {
  it('finds nothing wrong with ordinary input, emoji and control characters included', () => {
    expect(inputProblems({ name: 'key 😀', tags: ['a', 'b'], n: 1, ok: true, none: null, text: '\u0001\u001b[31m' })).toEqual([]);
    expect(inputProblems(undefined)).toEqual([]);
    expect(inputProblems('plain')).toEqual([]);
  });

  it('names a NUL in a top-level field', () => {
    expect(inputProblems({ name: 'a\u0000b' })).toEqual([{ field: 'name', message: NUL_MESSAGE }]);
  });

  it('names lone high and low surrogates but accepts a surrogate pair', () => {
    expect(inputProblems({ a: 'x\ud800', b: '\udc00y', c: '\ud83d\ude00' })).toEqual([
      { field: 'a', message: ILL_FORMED_MESSAGE },
      { field: 'b', message: ILL_FORMED_MESSAGE },
    ]);
    expect(inputProblems({ reversed: '\ude00\ud83d' })).toEqual([{ field: 'reversed', message: ILL_FORMED_MESSAGE }]);
  });

  it('names nested fields and array items by their path', () => {
    expect(inputProblems({ metadata: { a: { b: '\u0000' }, list: ['fine', '\ud800'] } })).toEqual([
      { field: 'metadata.a.b', message: NUL_MESSAGE },
      { field: 'metadata.list.1', message: ILL_FORMED_MESSAGE },
    ]);
  });

  it('checks object keys and names them printably', () => {
    expect(inputProblems({ metadata: { 'k\u0000': 1, '\ud800': 2 } })).toEqual([
      { field: 'metadata.k\ufffd', message: `${NUL_MESSAGE} (in a field name)` },
      { field: 'metadata.\ufffd', message: `${ILL_FORMED_MESSAGE} (in a field name)` },
    ]);
  });

  it('shortens a long key it names', () => {
    const [problem] = inputProblems({ [`${'k'.repeat(1000)}\u0000`]: 1 });
    expect(problem!.field).toBe(`${'k'.repeat(64)}…`);
  });

  it('names a bad string at the root of the input', () => {
    expect(inputProblems('\u0000')).toEqual([{ field: '(body)', message: NUL_MESSAGE }]);
  });

  it('walks 100 000 levels of nesting without exhausting the stack, and names the field in bounded length', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}"\\u0000"${']'.repeat(100_000)}`);
    expect(inputProblems(deep)).toEqual([{ field: `${Array(MAX_JSON_DEPTH).fill('0').join('.')}…`, message: NUL_MESSAGE }]);
  });

  it('stops at ten problems', () => {
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, index) => [`f${index}`, '\u0000']));
    const problems = inputProblems(many);
    expect(problems).toHaveLength(10);
    expect(problems[0]).toEqual({ field: 'f0', message: NUL_MESSAGE });
  });
});

describe('jsonNestsDeeperThan', () => {
  const arrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const objects = (depth: number) => `${'{"n":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;

  it(`accepts ${MAX_JSON_DEPTH} levels of arrays or objects and refuses ${MAX_JSON_DEPTH + 1}`, () => {
    expect(jsonNestsDeeperThan(arrays(MAX_JSON_DEPTH))).toBe(false);
    expect(jsonNestsDeeperThan(objects(MAX_JSON_DEPTH))).toBe(false);
    expect(jsonNestsDeeperThan(arrays(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(jsonNestsDeeperThan(objects(MAX_JSON_DEPTH + 1))).toBe(true);
  });

  it('counts depth, not brackets: siblings do not add up', () => {
    expect(jsonNestsDeeperThan(JSON.stringify(Array.from({ length: 1000 }, () => [[{}]])))).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes and backslashes included', () => {
    expect(jsonNestsDeeperThan(JSON.stringify({ text: '['.repeat(100) }))).toBe(false);
    expect(jsonNestsDeeperThan(JSON.stringify({ text: `"${'['.repeat(100)}` }))).toBe(false);
    expect(jsonNestsDeeperThan(JSON.stringify({ text: '\\', more: '['.repeat(100) }))).toBe(false);
    expect(jsonNestsDeeperThan(`{"a\\\\": ${arrays(40)}}`)).toBe(true);
  });

  it('leaves an unterminated string to JSON.parse', () => {
    expect(jsonNestsDeeperThan('{"a": "[[[[')).toBe(false);
  });

  it('takes a custom limit', () => {
    expect(jsonNestsDeeperThan('{"a": {}}', 1)).toBe(true);
    expect(jsonNestsDeeperThan('{"a": 1}', 1)).toBe(false);
  });

  it('stops at the first bracket too many of 1 MiB of nesting, quickly', () => {
    const started = performance.now();
    expect(jsonNestsDeeperThan(arrays(512 * 1024))).toBe(true);
    expect(performance.now() - started).toBeLessThan(50);
  });
});
