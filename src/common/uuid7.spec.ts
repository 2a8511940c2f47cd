import { isUuid } from './uuid.js';
import { uuidv7 } from './uuid7.js';

describe('uuidv7', () => {
  it('is a version-7, RFC-variant UUID', () => {
    const id = uuidv7();
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
  });

  it('carries the time in its first 48 bits, so later ids sort after earlier ones', () => {
    const id = uuidv7(Date.UTC(2026, 10, 23, 12));
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2026, 10, 23, 12));
    expect(uuidv7(1000) < uuidv7(1001)).toBe(true);
  });

  it('differs between ids of the same millisecond', () => {
    expect(new Set(Array.from({ length: 1000 }, () => uuidv7(5))).size).toBe(1000);
  });
});
