import 'reflect-metadata';
import { AppError } from '../../common/errors/app-error.js';
import { decodeAuditCursor, encodeAuditCursor } from './audit-filter.js';

const forge = (text: string) => Buffer.from(text).toString('base64url');

function refusal(raw: string): AppError {
  try {
    decodeAuditCursor(raw);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`audit cursor ${raw} was accepted`);
}

describe('decodeAuditCursor', () => {
  it('reads back what encodeAuditCursor wrote, up to the largest bigint', () => {
    const cursor = { occurredAt: new Date('2026-11-23T10:00:00.123Z'), seq: '9223372036854775807' };
    expect(decodeAuditCursor(encodeAuditCursor(cursor))).toEqual(cursor);
  });

  it.each([
    ['a day that does not exist', '2024-02-30T00:00:00.000Z|1'],
    ['a sequence beyond bigint', '2024-01-01T00:00:00.000Z|9223372036854775808'],
    ['a twenty-digit sequence', '2024-01-01T00:00:00.000Z|99999999999999999999'],
    ['a negative sequence', '2024-01-01T00:00:00.000Z|-1'],
    ['a time outside PostgreSQL’s range', '-271821-04-20T00:00:00.000Z|1'],
    ['a time in another format', 'Mon, 01 Jan 2024 00:00:00 GMT|1'],
    ['a date-only time', '2024-01-01|1'],
    ['no sequence', '2024-01-01T00:00:00.000Z'],
    ['extra parts', '2024-01-01T00:00:00.000Z|1|2'],
  ])('refuses %s with validation.failed on the cursor field', (_label, text) => {
    const error = refusal(forge(text));
    expect(error.code).toBe('validation.failed');
    expect(error.details).toEqual([{ field: 'cursor', message: 'cursor is not valid' }]);
  });
});
