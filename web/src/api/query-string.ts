export type QueryValue = string | number | boolean | null | undefined;

/** `?a=1&b=x`, leaving out blank values so an empty filter means "no filter". */
export function toQueryString(params: Record<string, QueryValue> | undefined): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
