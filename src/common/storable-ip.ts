import { isIP, isIPv4, SocketAddress } from 'node:net';

/** Wider than any canonical address (an IPv6 one is at most 45 characters), and the columns' width. */
export const IP_COLUMN_WIDTH = 64;

/**
 * A client address as the database keeps it (audit ip, a key's last_used_ip): its canonical form
 * (IPv6 lower-case and compressed, without a zone), or null when it is not an IP address at all.
 * Whatever arrives — a spoofed header, a proxy's junk — it always fits its column.
 */
export function storableIp(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > IP_COLUMN_WIDTH) return null;
  // Every key request stores its client's address twice (usage, audit event): the common cases
  // must not build a SocketAddress. node:net refuses leading zeros, so a valid IPv4 is canonical.
  if (isIPv4(value)) return value;
  if (lastIpv6?.value === value) return lastIpv6.canonical;
  if (isIP(value) !== 6) return null;
  const address = new SocketAddress({ address: value, family: 'ipv6' }).address;
  const canonical = address.length <= IP_COLUMN_WIDTH ? address : null;
  lastIpv6 = { value, canonical };
  return canonical;
}

/** The IPv6 address canonicalised last: requests in a row mostly come from the same client. */
let lastIpv6: { value: string; canonical: string | null } | undefined;
