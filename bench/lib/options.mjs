// Command-line flags of `npm run bench`. Defaults are chosen so the whole run (seeding a million
// keys and a million audit events included) finishes in under five minutes on a 2-core machine.
import { parseArgs } from 'node:util';

export const ALL_SCENARIOS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

const HELP = `npm run bench [-- flags]

  --connections N        HTTP connections for scenarios 1-6 (default 50)
  --duration S           measured seconds per HTTP scenario and round (default 5)
  --rounds N             HTTP scenarios run this many times, alternating, and are added up (default 2)
  --warmup S             warm-up seconds before each measurement, not counted (default 2)
  --scenarios LIST       e.g. 1,2,3 (default all: 1-12)
  --max-keys N           keys stored for the main scenarios (default 1000000)
  --key-counts LIST      stored-key counts of scenario 5 (default 1000,100000,1000000, capped by --max-keys)
  --rotation-keys N      distinct keys of scenario 4 (default 10000)
  --latency-connections N  connections of the unqueued latency runs of scenarios 1-3, 0 to skip (default 1)
  --latency-duration S   measured seconds of each of those runs (default 5)
  --audit-events N       audit events seeded for scenarios 7 (both tables), 8 and 12 (default 1000000)
  --audit-days N         days those events span, back from now (default 30; 95 gives three whole months to drop)
  --verify-events N      events of scenario 12's chain with real hashes, over the same days (default 500000)
  --verify-recent N      of those, how many fall in the last hour (default a fifth of them)
  --read-connections N   connections of scenario 8 (default 4)
  --read-duration S      measured seconds per filter of scenario 8 (default 3)
  --writer-duration S    seconds of scenario 7 (default 8)
  --no-reference         do not start the reference processes (bare Nest, bare Fastify; bench/reference/)
  --no-pin               do not pin the service and the load generator to separate CPUs
  --cpu-prof             run the service with --cpu-prof; profiles and their summary go to bench/profiles/
  --out DIR              where results.json and RESULTS.md go (default bench/, or bench/profiles/ with --cpu-prof)
  --help
`;

const list = (text) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map(Number);

function positive(name, value) {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number (got ${value})`);
  return value;
}

export function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      connections: { type: 'string', default: '50' },
      duration: { type: 'string', default: '5' },
      rounds: { type: 'string', default: '2' },
      warmup: { type: 'string', default: '2' },
      scenarios: { type: 'string', default: ALL_SCENARIOS.join(',') },
      'max-keys': { type: 'string', default: '1000000' },
      'key-counts': { type: 'string', default: '1000,100000,1000000' },
      'rotation-keys': { type: 'string', default: '10000' },
      'latency-connections': { type: 'string', default: '1' },
      'latency-duration': { type: 'string', default: '5' },
      'audit-events': { type: 'string', default: '1000000' },
      'audit-days': { type: 'string', default: '30' },
      'verify-events': { type: 'string', default: '500000' },
      'verify-recent': { type: 'string' },
      'read-connections': { type: 'string', default: '4' },
      'read-duration': { type: 'string', default: '3' },
      'writer-duration': { type: 'string', default: '8' },
      'no-pin': { type: 'boolean', default: false },
      'no-reference': { type: 'boolean', default: false },
      'cpu-prof': { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const scenarios = new Set(list(values.scenarios));
  for (const s of scenarios) if (!ALL_SCENARIOS.includes(s)) throw new Error(`--scenarios: unknown scenario ${s}`);
  const maxKeys = positive('max-keys', Number(values['max-keys']));
  return {
    connections: positive('connections', Number(values.connections)),
    duration: positive('duration', Number(values.duration)),
    rounds: positive('rounds', Number(values.rounds)),
    warmup: Number(values.warmup),
    scenarios,
    maxKeys,
    keyCounts: list(values['key-counts']).filter((n) => n <= maxKeys),
    rotationKeys: positive('rotation-keys', Number(values['rotation-keys'])),
    latencyConnections: Number(values['latency-connections']),
    latencyDuration: positive('latency-duration', Number(values['latency-duration'])),
    auditEvents: positive('audit-events', Number(values['audit-events'])),
    auditDays: positive('audit-days', Number(values['audit-days'])),
    verifyEvents: positive('verify-events', Number(values['verify-events'])),
    verifyRecent: positive('verify-recent', Number(values['verify-recent'] ?? Math.floor(Number(values['verify-events']) / 5))),
    readConnections: positive('read-connections', Number(values['read-connections'])),
    readDuration: positive('read-duration', Number(values['read-duration'])),
    writerDuration: positive('writer-duration', Number(values['writer-duration'])),
    pin: !values['no-pin'],
    reference: !values['no-reference'],
    cpuProf: values['cpu-prof'],
    out: values.out,
  };
}

/**
 * Service processes and what each runs. Every process that measures a key scenario also measures
 * the baseline, so each ratio compares two figures from the same process. The last process holds
 * the most keys and runs the main scenarios; scenario 5 at that count reuses scenario 2.
 */
export function planPhases(options) {
  const { scenarios: s } = options;
  const minimum = 1 + (s.has(4) ? options.rotationKeys : 0);
  const mainKeys = Math.max(options.maxKeys, minimum);
  const phases = [];
  if (s.has(5)) {
    for (const keys of [...new Set(options.keyCounts)].sort((a, b) => a - b)) {
      if (keys < mainKeys) phases.push({ keys, rotation: false, run: [1, 5], auditEvents: 0 });
    }
  }
  const main = [1, 2, 3, 4, 6, 9, 10, 11, 8, 12].filter((n) => s.has(n) || (n === 2 && [5, 9, 11].some((k) => s.has(k))) || (n === 1 && [2, 3, 4, 5, 6, 9, 10, 11].some((k) => s.has(k))));
  const auditEvents = s.has(8) || s.has(12) ? options.auditEvents : 0;
  if (main.length) phases.push({ keys: mainKeys, rotation: s.has(4), run: main, auditEvents, verifyEvents: s.has(12) ? options.verifyEvents : 0 });
  return phases;
}
