// Self time of a V8 .cpuprofile (node --cpu-prof), aggregated by function and by package/file.
//   node bench/profile-summary.mjs <file.cpuprofile> [--from µs --to µs] [--top 25]
// --from/--to select samples by the profile's own clock (V8 uses CLOCK_MONOTONIC, the clock of
// process.hrtime in any process on the same machine, so the runner can name a scenario's window).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

/** Where a frame comes from: a package, a file of the service, node internals, or V8's own buckets. */
export function originOf(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return url;
  const own = url.match(/\/dist\/((?:src|migrations)\/.*)$/);
  return own ? own[1] : url.replace(/^file:\/\//, '');
}

export function summarizeProfile(file, { from = -Infinity, to = Infinity, top = 25 } = {}) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfByNode = new Map();
  let t = profile.startTime;
  let total = 0;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    // A sample's time is the gap to the next one.
    const weight = profile.timeDeltas[i + 1] ?? 0;
    if (t < from || t > to) return;
    selfByNode.set(id, (selfByNode.get(id) ?? 0) + weight);
    total += weight;
  });
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const frameName = (id) => {
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    return `${functionName || '(anonymous)'} ${originOf(url, functionName)}${url ? `:${lineNumber + 1}` : ''}`;
  };
  const byFrame = new Map();
  const byOrigin = new Map();
  // Inclusive time of the service's own functions (dist/src): each sample counts once per function on its stack.
  const ownInclusive = new Map();
  for (const [id, us] of selfByNode) {
    const { functionName, url } = nodes.get(id).callFrame;
    const origin = originOf(url, functionName);
    byFrame.set(frameName(id), (byFrame.get(frameName(id)) ?? 0) + us);
    byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + us);
    const onStack = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) if (/\/dist\/src\//.test(nodes.get(at).callFrame.url)) onStack.add(frameName(at));
    for (const name of onStack) ownInclusive.set(name, (ownInclusive.get(name) ?? 0) + us);
  }
  const idle = [...byFrame].filter(([name]) => name.startsWith('(idle)')).reduce((sum, [, us]) => sum + us, 0);
  const busy = total - idle;
  const rank = (map) =>
    [...map]
      .filter(([name]) => !name.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), pctOfBusy: Math.round((us / busy) * 1000) / 10 }));
  return {
    windowMs: Math.round(total / 1000),
    busyMs: Math.round(busy / 1000),
    idlePct: total ? Math.round((idle / total) * 1000) / 10 : 0,
    frames: rank(byFrame),
    origins: rank(byOrigin),
    ownInclusive: rank(ownInclusive),
  };
}

export function formatSummary(title, summary) {
  const lines = [`${title}: ${summary.busyMs} ms busy of ${summary.windowMs} ms (${summary.idlePct}% idle)`, '  self time by package / file:'];
  for (const row of summary.origins) lines.push(`    ${String(row.pctOfBusy).padStart(5)}%  ${row.name}`);
  lines.push('  hottest functions (self time):');
  for (const row of summary.frames) lines.push(`    ${String(row.pctOfBusy).padStart(5)}%  ${row.name}`);
  lines.push('  the service\'s own functions, inclusive (with everything they call):');
  for (const row of summary.ownInclusive) lines.push(`    ${String(row.pctOfBusy).padStart(5)}%  ${row.name}`);
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { from: { type: 'string' }, to: { type: 'string' }, top: { type: 'string', default: '25' } } });
  for (const file of positionals) {
    const summary = summarizeProfile(file, { from: Number(values.from ?? -Infinity), to: Number(values.to ?? Infinity), top: Number(values.top) });
    console.log(formatSummary(file, summary));
  }
}
