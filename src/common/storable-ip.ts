import { isIP, SocketAddress } from 'node:net';

/** Wider than any canonical address (an IPv6 one is at most 45 characters), and the columns' width. */
export const IP_COLUMN_WIDTH = 64;

/**
 * A client address as the database keeps it (audit ip, a key's last_used_ip): its canonical form
 * (IPv6 lower-case and compressed, without a zone), or null when it is not an IP address at all.
 * Whatever arrives — a spoofed header, a proxy's junk — it always fits its column.
 */
export function storableIp(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > IP_COLUMN_WIDTH) return null;
  const family = isIP(value);
  if (family === 0) return null;
  const canonical = new SocketAddress({ address: value, family: family === 4 ? 'ipv4' : 'ipv6' }).address;
  return canonical.length <= IP_COLUMN_WIDTH ? canonical : null;
}
