import { storableJson, storableText, storableTextOf } from './storable-text.js';

describe('storableText', () => {
  it('replaces a lone surrogate, high or low, with U+FFFD', () => {
    expect(storableText('\ud800poison@example.test')).toBe('\ufffdpoison@example.test');
    expect(storableText('a\udc00b')).toBe('a\ufffdb');
    expect(storableText('end\ud83d')).toBe('end\ufffd');
  });

  it('replaces NUL, which PostgreSQL text and jsonb cannot hold, with U+FFFD', () => {
    expect(storableText('bad\u0000key\u0000')).toBe('bad\ufffdkey\ufffd');
  });

  it('keeps well-formed text as it is: surrogate pairs, control characters, CR/LF', () => {
    const text = 'ok 😀 \r\n\t{"level":50}';
    expect(storableText(text)).toBe(text);
  });

  it('replaces the half of a surrogate pair that a length cut leaves behind', () => {
    expect(storableTextOf('ab😀', 3)).toBe('ab\ufffd');
    expect(storableTextOf('ab😀', 4)).toBe('ab😀');
    expect(storableTextOf(null, 3)).toBeNull();
    expect(storableTextOf(undefined, 3)).toBeNull();
  });
});

describe('storableJson', () => {
  it('cleans strings and keys at every depth', () => {
    const dirty = { 'k\ud800': 'v\u0000', nested: { list: ['a\udfff', 1, null, true, { deep: '\ud800' }] } };
    expect(storableJson(dirty)).toEqual({ 'k\ufffd': 'v\ufffd', nested: { list: ['a\ufffd', 1, null, true, { deep: '\ufffd' }] } });
    expect(JSON.stringify(storableJson(dirty))).not.toMatch(/\\u(d[89a-f][0-9a-f]{2}|0000)/i);
  });

  it('returns clean input as the same object, without copying', () => {
    const clean = { email: 'a@example.test', list: [1, 'two'], nested: { at: new Date(0) } };
    expect(storableJson(clean)).toBe(clean);
  });

  it('leaves the dirty input itself untouched', () => {
    const dirty = { list: ['\ud800'] };
    storableJson(dirty);
    expect(dirty.list[0]).toBe('\ud800');
  });

  it('replaces a value with toJSON by its cleaned JSON form only when that needs cleaning', () => {
    const dirty = { toJSON: () => 'x\u0000' };
    expect(storableJson({ value: dirty })).toEqual({ value: 'x\ufffd' });
    const date = new Date(0);
    expect(storableJson({ date }).date).toBe(date);
  });

  it('passes primitives through', () => {
    expect(storableJson(42)).toBe(42);
    expect(storableJson(null)).toBeNull();
    expect(storableJson('\u0000')).toBe('\ufffd');
  });
});
