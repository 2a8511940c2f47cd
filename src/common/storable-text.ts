const REPLACEMENT = '\ufffd';

/**
 * Text as PostgreSQL can store it: a lone UTF-16 surrogate (which no UTF-8 text can hold, and
 * which makes `json` input refuse the whole value) and NUL (which `text` and `jsonb` cannot hold)
 * each become U+FFFD. Everything else, control characters included, is kept as data.
 */
export function storableText(value: string): string {
  const wellFormed = value.isWellFormed() ? value : value.toWellFormed();
  return wellFormed.includes('\u0000') ? wellFormed.replaceAll('\u0000', REPLACEMENT) : wellFormed;
}

/** At most `max` UTF-16 units of storable text: cut first, so a pair split by the cut is replaced too. */
export function storableTextOf(value: string | null | undefined, max: number): string | null {
  return value == null ? null : storableText(value.length > max ? value.slice(0, max) : value);
}

/**
 * A JSON-bound value with storableText applied to every string and object key, at any depth.
 * What needs no change is returned as it was (the same object), so clean input costs no copy.
 * A value with toJSON (a Date…) is replaced by its cleaned JSON form only when that differs.
 */
export function storableJson<T>(value: T): T {
  return clean(value) as T;
}

function clean(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (value === null || typeof value !== 'object') return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    const json = (value as { toJSON(): unknown }).toJSON();
    const cleaned = clean(json);
    return cleaned === json ? value : cleaned;
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const cleaned = clean(item);
      if (cleaned !== item) (copy ??= value.slice())[i] = cleaned;
    });
    return copy ?? value;
  }
  if (isCleanRecord(value as Record<string, unknown>)) return value;
  let changed = false;
  const entries = Object.entries(value).map(([key, item]) => {
    const cleanKey = storableText(key);
    const cleanItem = clean(item);
    changed ||= cleanKey !== key || cleanItem !== item;
    return [cleanKey, cleanItem] as const;
  });
  return changed ? Object.fromEntries(entries) : value;
}

/**
 * A flat record whose keys and values need no change — the details of almost every event
 * (`{ latencyMs, transport }`) — checked without copying it.
 */
function isCleanRecord(record: Record<string, unknown>): boolean {
  for (const key in record) {
    if (!Object.hasOwn(record, key)) return false;
    const item = record[key];
    if (storableText(key) !== key) return false;
    if (typeof item === 'string' ? storableText(item) !== item : item !== null && typeof item === 'object') return false;
  }
  return true;
}
