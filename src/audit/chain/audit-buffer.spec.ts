import { AuditBuffer } from './audit-buffer.js';

type Item = { type: string; n: number };
const used = (n: number): Item => ({ type: 'api_key.used', n });
const failed = (n: number): Item => ({ type: 'api_key.auth_failed', n });

describe('AuditBuffer', () => {
  it('hands events back in order, security events first', () => {
    const buffer = new AuditBuffer<Item>(10);
    buffer.push(used(1));
    buffer.push(failed(2));
    buffer.push(used(3));
    expect(buffer.take(10).map((e) => e.n)).toEqual([2, 1, 3]);
    expect(buffer.size).toBe(0);
  });

  it('sheds an incoming key-use event when full and counts it', () => {
    const buffer = new AuditBuffer<Item>(2);
    buffer.push(used(1));
    buffer.push(used(2));
    expect(buffer.push(used(3))).toBe(false);
    expect(buffer.dropped).toBe(1);
    expect(buffer.take(5).map((e) => e.n)).toEqual([1, 2]);
  });

  it('keeps a security event when full by shedding the oldest key-use event', () => {
    const buffer = new AuditBuffer<Item>(2);
    buffer.push(used(1));
    buffer.push(used(2));
    buffer.push(failed(3));
    expect(buffer.dropped).toBe(1);
    expect(buffer.take(5).map((e) => e.n)).toEqual([3, 2]);
  });

  it('sheds the oldest security event only when nothing else is left', () => {
    const buffer = new AuditBuffer<Item>(2);
    buffer.push(failed(1));
    buffer.push(failed(2));
    buffer.push(failed(3));
    expect(buffer.dropped).toBe(1);
    expect(buffer.take(5).map((e) => e.n)).toEqual([2, 3]);
  });

  it('puts a failed batch back in front and keeps within the limit', () => {
    const buffer = new AuditBuffer<Item>(3);
    buffer.push(used(1));
    buffer.push(failed(2));
    const batch = buffer.take(2);
    buffer.push(used(3));
    buffer.push(used(4));
    buffer.putBack(batch);
    expect(buffer.size).toBe(3);
    expect(buffer.dropped).toBe(1);
    expect(buffer.take(5).map((e) => e.n)).toEqual([2, 1, 3]);
  });
});
