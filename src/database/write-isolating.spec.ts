import { refusalOf, writeIsolating, type Refusal } from './write-isolating.js';

const pgError = (code: string, message = 'refused') => Object.assign(new Error(message), { code });
const connectionLost = () => Object.assign(new Error('Connection terminated unexpectedly'), {});

/** A fake database that refuses any batch holding a poison row, and records what it stored. */
function database(poison: (row: number) => boolean, down = () => false) {
  const stored: number[] = [];
  const calls: number[][] = [];
  return {
    stored,
    calls,
    async writeBatch(rows: number[]) {
      calls.push(rows);
      if (down()) throw connectionLost();
      if (rows.some(poison)) throw pgError('22P02', 'invalid input syntax for type json');
      stored.push(...rows);
    },
  };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('writeIsolating', () => {
  it('writes a clean batch in one call', async () => {
    const db = database(() => false);
    const result = await writeIsolating(range(10), (rows) => db.writeBatch(rows), () => undefined);
    expect(db.calls).toHaveLength(1);
    expect(result).toEqual({ written: 10, refused: 0, unwritten: [] });
  });

  it('isolates a refused row by halves and writes every other row, in order', async () => {
    const db = database((row) => row === 37);
    const refused: Array<[number, Refusal]> = [];
    const result = await writeIsolating(range(100), (rows) => db.writeBatch(rows), (row, refusal) => void refused.push([row, refusal]));
    expect(db.stored).toEqual(range(100).filter((row) => row !== 37));
    expect(refused).toEqual([[37, { code: '22P02', message: 'invalid input syntax for type json' }]]);
    expect(result).toEqual({ written: 99, refused: 1, unwritten: [] });
    expect(db.calls.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(100)) + 1);
  });

  it('hands each refused row over in its place, between the rows around it', async () => {
    const db = database((row) => row % 4 === 1);
    const order: string[] = [];
    await writeIsolating(
      range(8),
      async (rows) => {
        await db.writeBatch(rows);
        order.push(...rows.map(String));
      },
      (row) => void order.push(`refused ${row}`),
    );
    expect(order).toEqual(['0', 'refused 1', '2', '3', '4', 'refused 5', '6', '7']);
  });

  it('stops at once when the database is away and returns every row, in order, for a retry', async () => {
    const db = database(() => false, () => true);
    const result = await writeIsolating(range(5), (rows) => db.writeBatch(rows), () => undefined);
    expect(db.calls).toHaveLength(1);
    expect(result.unwritten).toEqual(range(5));
    expect(result.written).toBe(0);
    expect(String(result.error)).toMatch(/Connection terminated/);
  });

  it('returns only the rows not yet written when the database goes away while it isolates', async () => {
    let calls = 0;
    const db = database((row) => row === 0, () => ++calls > 3);
    const result = await writeIsolating(range(8), (rows) => db.writeBatch(rows), () => undefined);
    // [0..7] refused, [0..3] refused, [0,1] refused, then the database is gone.
    expect(result.unwritten).toEqual(range(8));
    expect(db.stored).toEqual([]);
  });

  it('keeps a refused row for the retry when handing it over fails', async () => {
    const db = database((row) => row === 2);
    const result = await writeIsolating(range(4), (rows) => db.writeBatch(rows), () => Promise.reject(connectionLost()));
    expect(db.stored).toEqual([0, 1]);
    expect(result.unwritten).toEqual([2, 3]);
    expect(result.refused).toBe(0);
  });

  it('writes nothing for no rows', async () => {
    const db = database(() => false);
    expect(await writeIsolating([], (rows) => db.writeBatch(rows), () => undefined)).toEqual({ written: 0, refused: 0, unwritten: [] });
    expect(db.calls).toEqual([]);
  });
});

describe('refusalOf', () => {
  it('counts data exceptions, integrity violations and an over-long index row as refusals', () => {
    expect(refusalOf(pgError('22001', 'value too long for type character varying(64)'))).toEqual({ code: '22001', message: 'value too long for type character varying(64)' });
    expect(refusalOf(pgError('23505'))?.code).toBe('23505');
    expect(refusalOf(pgError('54000'))?.code).toBe('54000');
  });

  it('does not count the database being away, a timeout or a programming error', () => {
    for (const error of [connectionLost(), pgError('57P01'), pgError('57014'), pgError('08006'), pgError('42P01'), pgError('ECONNREFUSED'), new TypeError('x'), null, 'text']) {
      expect(refusalOf(error)).toBeNull();
    }
  });

  it('keeps the message short and storable', () => {
    const refusal = refusalOf(pgError('22P02', `invalid input syntax for type uuid: "\ud800${'x'.repeat(500)}"`));
    expect(refusal!.message.length).toBe(200);
    expect(refusal!.message.isWellFormed()).toBe(true);
  });
});
