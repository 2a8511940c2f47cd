import { normalizeIp, parseIp, parseIpRange, rangeContains } from '../common/ip-ranges.js';

/** TRUST_PROXY: how many proxies stand in front (0: none), or the addresses/CIDRs of the trusted ones. */
export type TrustProxy = number | readonly string[];

/** Is `address`, `hop` steps from this server (0: the socket peer), a proxy whose X-Forwarded-For entry we believe? */
export type ProxyTrust = (address: string, hop: number) => boolean;

/** The named ranges proxy-addr (and so Fastify) accepts in a trusted-proxy list. */
export const NAMED_PROXY_RANGES: Readonly<Record<string, readonly string[]>> = {
  loopback: ['127.0.0.1/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/** Null when no proxy is trusted: then X-Forwarded-For is never read. */
export function proxyTrust(setting: TrustProxy): ProxyTrust | null {
  if (typeof setting === 'number') {
    const hops = setting;
    return hops === 0 ? null : (_address, hop) => hop < hops;
  }
  const ranges = setting.map((text) => parseIpRange(text)!);
  return (address) => {
    const ip = parseIp(address);
    return ip !== null && ranges.some((range) => rangeContains(range, ip));
  };
}

/** Stands for a peer whose address Node no longer knows (the socket closed): one bucket for all of them. */
export const UNKNOWN_CLIENT_IP = '0.0.0.0';

/** X-Forwarded-For entries nearest first (each proxy appends the address it was reached from). */
function forwardedEntries(header: string | string[] | undefined): string[] {
  if (header === undefined) return [];
  const text = Array.isArray(header) ? header.join(',') : header;
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .reverse();
}

/**
 * The client's address, normalised: walking from the socket peer towards the left of
 * X-Forwarded-For, the first address that is not a trusted proxy. Entries left of it are the
 * client's own to write, so they never count. An entry that is not an address ends the walk at
 * the (valid) hop that handed it over: garbage is never the client IP.
 */
export function clientIp(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trust: ProxyTrust | null): string {
  let current = (socketAddress && normalizeIp(socketAddress)) || UNKNOWN_CLIENT_IP;
  if (!trust) return current;
  const entries = forwardedEntries(forwardedFor);
  for (let hop = 0; hop < entries.length && trust(current, hop); hop++) {
    const next = normalizeIp(entries[hop]);
    if (next === null) break;
    current = next;
  }
  return current;
}
