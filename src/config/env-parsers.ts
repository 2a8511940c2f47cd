import { NAMED_PROXY_RANGES, type TrustProxy } from '../http/client-ip.js';
import { isIpRange } from '../common/ip-ranges.js';

/** Small parsers for environment values; each throws a message that names what was expected. */

export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(readonly variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
  }
}

function raw(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

export function str(env: Env, name: string, fallback?: string): string {
  const value = raw(env, name) ?? fallback;
  if (value === undefined) throw new ConfigError(name, 'is required');
  return value;
}

export function optionalStr(env: Env, name: string): string | undefined {
  return raw(env, name);
}

export function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  if (!/^-?\d+$/.test(value)) throw new ConfigError(name, `must be a whole number, got "${value}"`);
  const parsed = Number(value);
  if (parsed < min || parsed > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${parsed}`);
  return parsed;
}

export function bool(env: Env, name: string, fallback: boolean): boolean {
  const value = raw(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (['true', '1', 'yes', 'on'].includes(value)) return true;
  if (['false', '0', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(name, `must be true or false, got "${value}"`);
}

export function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = raw(env, name) ?? fallback;
  if (!allowed.includes(value as T)) throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** "15m" → 900. Plain digits are seconds. */
export function parseDuration(value: string): number | undefined {
  const match = /^(\d+)\s*([smhd]?)$/.exec(value.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]) * DURATION_UNITS[match[2] || 's'];
  return seconds > 0 ? seconds : undefined;
}

export function duration(env: Env, name: string, fallback: string): number {
  const value = raw(env, name) ?? fallback;
  const seconds = parseDuration(value);
  if (seconds === undefined) throw new ConfigError(name, `must be a duration like 30s, 15m, 12h or 30d, got "${value}"`);
  return seconds;
}

export function url(env: Env, name: string, protocols: string[]): string | undefined {
  const value = raw(env, name);
  if (value === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, 'must be a URL');
  }
  if (!protocols.includes(parsed.protocol)) throw new ConfigError(name, `must use ${protocols.join(' or ')}`);
  return value;
}

export function secret(env: Env, name: string, generated: string | undefined, production: boolean): string {
  const value = raw(env, name);
  if (value === undefined) {
    if (production || !generated) throw new ConfigError(name, 'is required when NODE_ENV=production');
    return generated;
  }
  if (value.length < 32) throw new ConfigError(name, 'must be at least 32 characters');
  return value;
}

export function list(env: Env, name: string): string[] {
  return (raw(env, name) ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

const MAX_PROXY_HOPS = 100;

/**
 * Fastify's trustProxy forms: a hop count ("2"), or a comma-separated list of trusted proxy
 * addresses, CIDRs and the names loopback, linklocal, uniquelocal (expanded here). "true" is one
 * hop — the single proxy the old boolean meant — and "false" none.
 */
export function trustProxy(env: Env, name: string): TrustProxy {
  const value = raw(env, name)?.toLowerCase();
  if (value === undefined || ['false', 'no', 'off'].includes(value)) return 0;
  if (['true', 'yes', 'on'].includes(value)) return 1;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > MAX_PROXY_HOPS) throw new ConfigError(name, `must be at most ${MAX_PROXY_HOPS} hops, got ${hops}`);
    return hops;
  }
  const ranges = list(env, name).flatMap((entry) => NAMED_PROXY_RANGES[entry.toLowerCase()] ?? [entry]);
  const wrong = ranges.find((range) => !isIpRange(range));
  if (wrong !== undefined) {
    throw new ConfigError(name, `must be true, false, a hop count or a list of proxy addresses/CIDRs, got "${wrong}"`);
  }
  return ranges;
}
