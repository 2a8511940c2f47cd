import { storableTextOf } from '../common/storable-text.js';

/** Why PostgreSQL refused a row: its SQLSTATE and message (never the SQL or the row itself). */
export interface Refusal {
  code: string;
  message: string;
}

/**
 * A refusal of the data rather than trouble reaching the database: data exceptions (class 22:
 * a string too long, ill-formed JSON, a value out of range…), integrity violations (class 23), and
 * a row too big for an index (54000). Sent again, the same rows are refused again.
 */
export function refusalOf(error: unknown): Refusal | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^(2[23][0-9A-Z]{3}|54000)$/.test(code)) return null;
  return { code, message: storableTextOf(String((error as { message?: unknown }).message ?? ''), 200) ?? '' };
}

export interface IsolatedWrite<T> {
  written: number;
  refused: number;
  /** Rows not written because the database could not be reached (or the write failed otherwise): retry them, in this order. */
  unwritten: T[];
  error?: unknown;
}

/**
 * Writes `rows` with `writeBatch` (all or nothing per call, e.g. one statement or one
 * transaction). When PostgreSQL refuses a batch it retries the halves, down to the single rows it
 * refuses; each is handed to `onRefused` (in its place in the order) and the rest are written: a
 * poison row never holds up the rows behind it. Any other failure — the database away, a timeout —
 * stops at once and returns what is left, so the caller keeps its retry.
 */
export async function writeIsolating<T>(
  rows: readonly T[],
  writeBatch: (rows: T[]) => Promise<void>,
  onRefused: (row: T, refusal: Refusal) => Promise<void> | void,
): Promise<IsolatedWrite<T>> {
  const result: IsolatedWrite<T> = { written: 0, refused: 0, unwritten: [] };
  // Segments still to write, the next one last.
  const pending: T[][] = rows.length ? [rows.slice()] : [];
  while (pending.length > 0) {
    const segment = pending.pop()!;
    let failure: unknown;
    try {
      await writeBatch(segment);
      result.written += segment.length;
      continue;
    } catch (error) {
      failure = error;
    }
    const refusal = refusalOf(failure);
    if (refusal && segment.length > 1) {
      const middle = Math.ceil(segment.length / 2);
      pending.push(segment.slice(middle), segment.slice(0, middle));
      continue;
    }
    if (refusal) {
      try {
        await onRefused(segment[0], refusal);
        result.refused++;
        continue;
      } catch (error) {
        failure = error;
      }
    }
    result.unwritten = [segment, ...pending.reverse()].flat();
    result.error = failure;
    return result;
  }
  return result;
}
