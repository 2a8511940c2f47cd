/** Reads one sample from the service's /metrics (the sum over label sets when `labels` is omitted). */
export async function metricValue(baseUrl: string, name: string, labels?: Record<string, string>, token?: string): Promise<number> {
  const response = await fetch(`${baseUrl}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await response.text();
  let total = 0;
  let found = false;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-z_:]+)(\{[^}]*\})?\s+(\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const lineLabels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (labels && !Object.entries(labels).every(([key, value]) => lineLabels[key] === value)) continue;
    total += Number(match[3]);
    found = true;
  }
  if (!found) throw new Error(`metric ${name} ${JSON.stringify(labels ?? {})} not found`);
  return total;
}
