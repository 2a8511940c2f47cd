import 'reflect-metadata';
import { AppError } from './errors/app-error.js';
import { decodeCursor, encodeCursor, toPage } from './pagination.js';

const ID = '0190c5a4-7b1e-7c3d-8e4f-123456789abc';
const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function refusal(raw: string): AppError {
  try {
    decodeCursor(raw);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`cursor ${raw} was accepted`);
}

describe('decodeCursor', () => {
  it('reads back what encodeCursor wrote', () => {
    const cursor = { createdAt: new Date('2026-11-23T10:00:00.123Z'), id: ID };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each([
    ['not base64 JSON', 'garbage'],
    ['JSON that is not an array', forge({ createdAt: '2026-11-23T10:00:00.000Z', id: ID })],
    ['an array of the wrong length', forge(['2026-11-23T10:00:00.000Z', ID, 'extra'])],
    ['an id that is not a UUID', forge(['2026-11-23T10:00:00.000Z', 'not-a-uuid'])],
    ['a numeric id', forge(['2026-11-23T10:00:00.000Z', 42])],
    ['a UUID with SQL after it', forge(['2026-11-23T10:00:00.000Z', `${ID}' OR 1=1`])],
    ['a time that is not a string', forge([1795400000000, ID])],
    ['a time that is not ISO 8601', forge(['yesterday', ID])],
    ['a date-only time', forge(['2026-11-23', ID])],
    ['a day that does not exist', forge(['2026-02-30T00:00:00.000Z', ID])],
    ['a time outside PostgreSQL’s range', forge(['-271821-04-20T00:00:00.000Z', ID])],
    ['a six-digit year', forge(['+275760-09-13T00:00:00.000Z', ID])],
  ])('refuses %s with validation.failed on the cursor field', (_label, raw) => {
    const error = refusal(raw);
    expect(error.code).toBe('validation.failed');
    expect(error.status).toBe(400);
    expect(error.details).toEqual([{ field: 'cursor', message: 'cursor is not valid' }]);
  });
});

describe('toPage', () => {
  const rows = [3, 2, 1].map((n) => ({ id: ID.replace(/.$/, String(n)), createdAt: new Date(Date.UTC(2026, 0, n)) }));

  it('gives a cursor to the last item shown when there is one row more than the limit', () => {
    const page = toPage(rows, 2, (row) => row.id);
    expect(page.items).toEqual([rows[0].id, rows[1].id]);
    expect(decodeCursor(page.nextCursor!)).toEqual({ createdAt: rows[1].createdAt, id: rows[1].id });
  });

  it('has no next cursor on the last page', () => {
    expect(toPage(rows, 3, (row) => row.id).nextCursor).toBeNull();
  });
});
