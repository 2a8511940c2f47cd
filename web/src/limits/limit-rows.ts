import type { NamedLimit, StoredLimit } from '../api/types';
import { DEFAULT_LIMIT_NAME, LIMIT_NAME, MAX_LIMITS, MAX_WINDOW_SECONDS } from '../../../src/access/limits/quota';

const MAX_AMOUNT = 1_000_000_000;

export const WINDOW_UNITS = [
  { unit: 'seconds', seconds: 1 },
  { unit: 'minutes', seconds: 60 },
  { unit: 'hours', seconds: 3600 },
  { unit: 'days', seconds: 86_400 },
] as const;

export type WindowUnit = (typeof WINDOW_UNITS)[number]['unit'];

/** One limit as the editor holds it: every input as typed, and an id that keeps its row across edits. */
export interface LimitRow {
  id: number;
  name: string;
  limit: string;
  window: string;
  unit: WindowUnit;
  cost: string;
  auto: boolean;
}

export type LimitField = 'name' | 'limit' | 'window' | 'cost';

export type LimitRowErrors = Partial<Record<LimitField, string>>;

/** Per row (by position), and for the list as a whole. */
export interface LimitListErrors {
  rows: LimitRowErrors[];
  list?: string;
}

export type LimitRowsResult = { ok: true; limits: NamedLimit[] } | { ok: false; errors: LimitListErrors };

const fmt = (n: number) => n.toLocaleString('en');

/** A window in the largest of the editor's units that divides it (90 s stays 90 seconds). */
function splitWindow(seconds: number): { window: string; unit: WindowUnit } {
  const unit = [...WINDOW_UNITS].reverse().find((u) => seconds % u.seconds === 0) ?? WINDOW_UNITS[0];
  return { window: String(seconds / unit.seconds), unit: unit.unit };
}

export function limitRowsFrom(limits: readonly StoredLimit[]): LimitRow[] {
  return limits.map((limit, id) => ({ id, name: limit.name, limit: String(limit.limit), ...splitWindow(limit.window), cost: String(limit.cost), auto: limit.auto }));
}

/** A blank row to fill in, after the last one: 100 a minute, cost 1. */
export function newLimitRow(rows: readonly LimitRow[]): LimitRow {
  const id = rows.reduce((max, row) => Math.max(max, row.id), -1) + 1;
  return { id, name: '', limit: '', window: '1', unit: 'minutes', cost: '1', auto: false };
}

const wholeNumber = (text: string): number | null => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : null);

function nameProblem(name: string, earlier: ReadonlySet<string>): string | undefined {
  if (name === '') return 'Give the limit a name';
  if (name === DEFAULT_LIMIT_NAME) return '“default” is the rate limit’s name; choose another';
  if (!LIMIT_NAME.test(name)) return 'Use up to 40 lowercase letters, digits, _ . or -, starting with a letter or digit';
  if (earlier.has(name)) return `Another limit is already named “${name}”`;
  return undefined;
}

/**
 * Checks the rows the way the server does (API.md §15) and builds the list to send: names unique
 * and not `default`, a window of 1 second to 30 days, at most 10 limits.
 */
export function validateLimitRows(rows: readonly LimitRow[]): LimitRowsResult {
  const seen = new Set<string>();
  const limits: NamedLimit[] = [];
  let failed = false;
  const rowErrors = rows.map((row) => {
    const errors: LimitRowErrors = {};
    const name = row.name.trim();
    errors.name = nameProblem(name, seen);
    seen.add(name);
    const limit = wholeNumber(row.limit);
    if (limit === null || limit > MAX_AMOUNT) errors.limit = row.limit.trim() === '' ? 'Enter how much the window allows' : `Enter a whole number from 0 to ${fmt(MAX_AMOUNT)}`;
    const size = wholeNumber(row.window);
    const unit = WINDOW_UNITS.find((u) => u.unit === row.unit)!.seconds;
    const window = size === null ? null : size * unit;
    if (window === null || window < 1 || window > MAX_WINDOW_SECONDS) errors.window = 'A window is a whole number from 1 second to 30 days';
    const cost = row.cost.trim() === '' ? 1 : wholeNumber(row.cost);
    if (cost === null || cost > MAX_AMOUNT) errors.cost = `Enter a whole number from 0 to ${fmt(MAX_AMOUNT)}`;
    const found = Object.fromEntries(Object.entries(errors).filter(([, message]) => message)) as LimitRowErrors;
    if (Object.keys(found).length > 0) failed = true;
    else limits.push({ name, limit: limit!, window: window!, cost: cost!, auto: row.auto });
    return found;
  });
  const list = rows.length > MAX_LIMITS ? `At most ${MAX_LIMITS} named limits` : undefined;
  if (failed || list) return { ok: false, errors: { rows: rowErrors, ...(list ? { list } : {}) } };
  return { ok: true, limits };
}

const normalized = (limit: NamedLimit) => ({ name: limit.name, limit: limit.limit, window: limit.window, cost: limit.cost ?? 1, auto: limit.auto ?? false });

/** The same limits in the same order, defaults filled in: nothing to send. */
export function sameLimits(a: readonly NamedLimit[], b: readonly NamedLimit[]): boolean {
  return JSON.stringify(a.map(normalized)) === JSON.stringify(b.map(normalized));
}

export { MAX_LIMITS };
