import { formatIp, parseIp } from './ip-ranges.js';

/** `ip`'s network of `bits` (in its own family) as "a.b.c.0/24" or "2001:db8:1:2::/64"; `ip` itself when it is not an address. */
export function networkOf(ip: string, bits: { v4: number; v6: number }): string {
  const address = parseIp(ip);
  if (!address) return ip;
  const width = address.family === 4 ? 32 : 128;
  const prefix = address.family === 4 ? bits.v4 : bits.v6;
  const hostBits = BigInt(width - prefix);
  return `${formatIp({ family: address.family, value: (address.value >> hostBits) << hostBits })}/${prefix}`;
}

/**
 * Whom the per-IP sign-in limit and brute-force block count: an IPv4 client by its address, an
 * IPv6 client by its /64 — one subscriber or host is usually handed a whole /64, so keying on the
 * address would give it 2^64 fresh budgets.
 */
export function ipSourceOf(ip: string): string {
  return ip.includes(':') ? networkOf(ip, { v4: 32, v6: 64 }) : ip;
}

/**
 * The network an (account, network) brute-force lock is held for: the /24 of an IPv4 client, the
 * /64 of an IPv6 one — wide enough that hopping addresses in one network does not escape it.
 */
export function accountNetworkOf(ip: string): string {
  return networkOf(ip, { v4: 24, v6: 64 });
}
