/** Validation of a key's IP allowlist: one IPv4/IPv6 address or CIDR block per line. */

export interface AllowlistProblem {
  line: number;
  entry: string;
  message: string;
}

export interface ParsedAllowlist {
  entries: string[];
  problems: AllowlistProblem[];
}

const IPV4_OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${IPV4_OCTET}(\\.${IPV4_OCTET}){3}$`);
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;
const PREFIX_LENGTH = /^(0|[1-9]\d{0,2})$/;

export function isIPv4(value: string): boolean {
  return IPV4.test(value);
}

export function isIPv6(value: string): boolean {
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  let groupCount = groups.length;
  const last = groups[groups.length - 1];
  // An IPv4 tail (::ffff:10.0.0.1) fills the last two 16-bit groups.
  if (last !== undefined && last.includes('.')) {
    if (!isIPv4(last)) return false;
    groups.pop();
    groupCount += 1;
  }
  if (!groups.every((group) => HEX_GROUP.test(group))) return false;
  return halves.length === 2 ? groupCount <= 7 : groupCount === 8;
}

/** Why `entry` is not a valid allowlist entry, or null when it is one. */
export function allowlistEntryProblem(entry: string): string | null {
  const [address, prefix, extra] = entry.split('/');
  if (extra !== undefined) return 'has more than one "/"';
  const version = isIPv4(address) ? 4 : isIPv6(address) ? 6 : null;
  if (version === null) return 'is not an IPv4 or IPv6 address';
  if (prefix === undefined) return null;
  const maxPrefix = version === 4 ? 32 : 128;
  if (!PREFIX_LENGTH.test(prefix) || Number(prefix) > maxPrefix) {
    return `needs a prefix length from 0 to ${maxPrefix} after "/"`;
  }
  return null;
}

export function parseAllowlist(text: string): ParsedAllowlist {
  const entries: string[] = [];
  const problems: AllowlistProblem[] = [];
  const seen = new Set<string>();
  text.split('\n').forEach((raw, index) => {
    const entry = raw.trim();
    if (entry === '') return;
    const line = index + 1;
    const problem = allowlistEntryProblem(entry);
    if (problem) problems.push({ line, entry, message: `Line ${line}: "${entry}" ${problem}` });
    else if (seen.has(entry.toLowerCase())) problems.push({ line, entry, message: `Line ${line}: "${entry}" is listed twice` });
    else {
      seen.add(entry.toLowerCase());
      entries.push(entry);
    }
  });
  return { entries, problems };
}
