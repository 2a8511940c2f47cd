import { isIPv4, isIPv6 } from 'node:net';

/** An address range in one family: `bits` leading bits of `network` must match. */
export interface IpRange {
  family: 4 | 6;
  network: bigint;
  bits: number;
}

function ipv4ToBigInt(address: string): bigint {
  return address.split('.').reduce((acc, octet) => (acc << 8n) | BigInt(Number(octet)), 0n);
}

function ipv6ToBigInt(address: string): bigint {
  let text = address.toLowerCase();
  const zone = text.indexOf('%');
  if (zone !== -1) text = text.slice(0, zone);
  // A trailing dotted quad (::ffff:1.2.3.4) stands for the last two groups.
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = ipv4ToBigInt(tail);
    text = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, rest] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const restGroups = rest ? rest.split(':') : [];
  const groups = rest === undefined ? headGroups : [...headGroups, ...Array(8 - headGroups.length - restGroups.length).fill('0'), ...restGroups];
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(parseInt(group, 16)), 0n);
}

const MAPPED_V4_PREFIX = 0xffffn << 32n;

/** Parses an address; IPv4-mapped IPv6 (::ffff:a.b.c.d) counts as the IPv4 address it carries. */
export function parseIp(address: string): { family: 4 | 6; value: bigint } | null {
  if (isIPv4(address)) return { family: 4, value: ipv4ToBigInt(address) };
  if (!isIPv6(address)) return null;
  const value = ipv6ToBigInt(address);
  if (value >> 32n === 0xffffn) return { family: 4, value: value - MAPPED_V4_PREFIX };
  return { family: 6, value };
}

/** An address in its one canonical spelling: dotted IPv4, or RFC 5952 IPv6 (lower case, longest zero run as ::). */
export function formatIp(address: { family: 4 | 6; value: bigint }): string {
  if (address.family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((address.value >> shift) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((address.value >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = { start: -1, length: 1 };
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length++;
    if (length > best.length) best = { start, length };
  }
  const hex = groups.map((group) => group.toString(16));
  if (best.start === -1) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}

/**
 * The one spelling of an address that limits, blocks and the audit log key on: IPv4-mapped IPv6
 * becomes IPv4, IPv6 is compressed and lower-cased, a zone is dropped. Null for anything that is
 * not an address (a port, brackets, spaces and garbage included).
 */
export function normalizeIp(text: string): string | null {
  if (isIPv4(text)) return text; // node:net refuses leading zeros, so a valid IPv4 is already canonical
  const address = parseIp(text);
  return address && formatIp(address);
}

/** "10.0.0.0/8", "2001:db8::/32" or a single address; null when it is neither. */
export function parseIpRange(text: string): IpRange | null {
  const [address, prefix, extra] = text.trim().split('/');
  if (extra !== undefined || !address) return null;
  const ip = parseIp(address);
  if (!ip) return null;
  const width = ip.family === 4 ? 32 : 128;
  const mappedOffset = ip.family === 4 && isIPv6(address) ? 96 : 0;
  let bits = width;
  if (prefix !== undefined) {
    if (!/^\d{1,3}$/.test(prefix)) return null;
    bits = Number(prefix) - mappedOffset;
    if (bits < 0 || Number(prefix) > width + mappedOffset) return null;
  }
  return { family: ip.family, network: ip.value, bits };
}

export function isIpRange(text: string): boolean {
  return parseIpRange(text) !== null;
}

export function rangeContains(range: IpRange, address: { family: 4 | 6; value: bigint }): boolean {
  if (range.family !== address.family) return false;
  const width = range.family === 4 ? 32 : 128;
  const shift = BigInt(width - range.bits);
  return range.network >> shift === address.value >> shift;
}

/** Is every address of `inner` also in `outer`? */
export function rangeWithin(inner: IpRange, outer: IpRange): boolean {
  return inner.bits >= outer.bits && rangeContains(outer, { family: inner.family, value: inner.network });
}

/** Is `ip` inside any of `ranges`? An empty list allows every address. */
export function ipAllowed(ranges: readonly IpRange[], ip: string): boolean {
  if (ranges.length === 0) return true;
  const address = parseIp(ip);
  return address !== null && ranges.some((range) => rangeContains(range, address));
}
