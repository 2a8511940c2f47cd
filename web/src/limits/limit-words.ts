import type { StoredLimit } from '../api/types';
import { EXPORT_LIMIT, WRITES_LIMIT } from '../../../src/access/limits/quota';

const UNITS: ReadonlyArray<[string, number]> = [
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** A window of `seconds` in the largest unit that divides it: "minute", "15 minutes", "90 seconds", "week". */
export function windowInWords(seconds: number): string {
  const [unit, size] = UNITS.find(([, size]) => seconds % size === 0) ?? UNITS[UNITS.length - 1];
  const n = seconds / size;
  return n === 1 ? unit : `${n.toLocaleString('en')} ${unit}s`;
}

/** "100 per minute". */
export const limitInWords = (limit: Pick<StoredLimit, 'limit' | 'window'>) => `${limit.limit.toLocaleString('en')} per ${windowInWords(limit.window)}`;

/**
 * The routes that name a limit with @Limit() (src/contents, src/audit): a limit by another name
 * counts only when it is `auto`, or once a route names it.
 */
const ROUTES_NAMING: Record<string, string> = {
  [WRITES_LIMIT]: 'Content writes (POST, PATCH and DELETE /contents)',
  [EXPORT_LIMIT]: 'Audit log exports (GET /audit-logs/export)',
};

/** Which requests a limit counts: every one when `auto`, else those of the routes that name it. */
export function limitAppliesTo(limit: Pick<StoredLimit, 'name' | 'auto'>): string {
  if (limit.auto) return 'Every request (auto)';
  return ROUTES_NAMING[limit.name] ?? 'Only routes that name it: none do yet';
}

/** The names the service's routes count in, for the editor's hint. */
export const ROUTE_LIMIT_NAMES = Object.keys(ROUTES_NAMING);
