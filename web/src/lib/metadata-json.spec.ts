import { MAX_METADATA_BYTES, parseMetadata } from './metadata-json';

describe('parseMetadata', () => {
  it('treats blank text as no metadata', () => {
    expect(parseMetadata('  \n')).toEqual({ ok: true, value: undefined });
  });

  it('accepts a JSON object', () => {
    expect(parseMetadata('{"team": "billing", "tier": 2}')).toEqual({ ok: true, value: { team: 'billing', tier: 2 } });
  });

  it('rejects text that is not JSON', () => {
    const result = parseMetadata('{team: billing}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^Not valid JSON/);
  });

  it.each(['[1,2]', 'null', '"text"', '42', 'true'])('rejects %s because it is not an object', (text) => {
    const result = parseMetadata(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/must be a JSON object/);
  });

  it('accepts an object of exactly 4 KiB', () => {
    const padding = 'x'.repeat(MAX_METADATA_BYTES - '{"a":""}'.length);
    expect(parseMetadata(JSON.stringify({ a: padding })).ok).toBe(true);
  });

  it('rejects an object one byte over 4 KiB', () => {
    const padding = 'x'.repeat(MAX_METADATA_BYTES - '{"a":""}'.length + 1);
    const result = parseMetadata(JSON.stringify({ a: padding }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/4097 bytes/);
  });

  it('counts multi-byte characters as bytes, not characters', () => {
    const euros = '€'.repeat(1400); // 4200 bytes in UTF-8, 1400 characters
    expect(parseMetadata(JSON.stringify({ a: euros })).ok).toBe(false);
  });

  it('ignores pretty-printing whitespace when measuring', () => {
    const padding = 'x'.repeat(MAX_METADATA_BYTES - '{"a":""}'.length);
    expect(parseMetadata(JSON.stringify({ a: padding }, null, 8)).ok).toBe(true);
  });
});
