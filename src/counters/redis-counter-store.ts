import type { Redis } from 'ioredis';
import type { CounterStore } from './counter-store.js';
import type { QuotaOutcome, QuotaSpend } from './quota-consumption.js';

/** INCR and, on the first hit of a window, its expiry: one atomic step, one round trip. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

const REMEMBER_SCRIPT = `
local added = redis.call('SADD', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return {added, redis.call('SCARD', KEYS[1])}`;

/**
 * consumeQuota() of quota-consumption.ts as one script, so instances sharing Redis spend one
 * quota exactly. KEYS: the windows' counters, then the credits' (if any). ARGV: the number of
 * windows, 1 if credits are spent, their cost, their initial figure, then limit, cost, ttl per window.
 * Answers {admitted, refusedBy (window index from 1, 0 for credits, -1 none), credits or -1, counts…}.
 */
const QUOTA_SCRIPT = `
local n = tonumber(ARGV[1])
local counts = {}
local refused = -1
for i = 1, n do
  local count = tonumber(redis.call('GET', KEYS[i]) or '0')
  counts[i] = count
  if refused == -1 and count + tonumber(ARGV[4 + (i - 1) * 3 + 2]) > tonumber(ARGV[4 + (i - 1) * 3 + 1]) then refused = i end
end
local credits = -1
if ARGV[2] == '1' then
  local stored = redis.call('GET', KEYS[n + 1])
  if not stored then
    stored = ARGV[4]
    redis.call('SET', KEYS[n + 1], stored)
  end
  credits = tonumber(stored)
  if refused == -1 and credits < tonumber(ARGV[3]) then refused = 0 end
end
if refused == -1 then
  for i = 1, n do
    local cost = tonumber(ARGV[4 + (i - 1) * 3 + 2])
    counts[i] = redis.call('INCRBY', KEYS[i], cost)
    if redis.call('PTTL', KEYS[i]) < 0 then redis.call('PEXPIRE', KEYS[i], ARGV[4 + (i - 1) * 3 + 3]) end
  end
  if ARGV[2] == '1' then credits = redis.call('DECRBY', KEYS[n + 1], ARGV[3]) end
end
local answer = {refused == -1 and 1 or 0, refused, credits}
for i = 1, n do answer[3 + i] = counts[i] end
return answer`;

/** adjustCredits() of quota-consumption.ts. KEYS: the credits. ARGV: delta ('' to set), the figure when absent. */
const ADJUST_CREDITS_SCRIPT = `
local current = redis.call('GET', KEYS[1])
local value
if (not current) or ARGV[1] == '' then value = tonumber(ARGV[2]) else value = math.max(0, tonumber(current) + tonumber(ARGV[1])) end
redis.call('SET', KEYS[1], value)
return value`;

type ScriptedRedis = Redis & {
  keywardHit(key: string, windowMs: number): Promise<[number, number]>;
  keywardRemember(key: string, member: string, ttlMs: number): Promise<[number, number]>;
  keywardQuota(...keysThenArgs: Array<string | number>): Promise<number[]>;
  keywardAdjustCredits(key: string, delta: string, whenAbsent: number): Promise<number>;
};

/** Counters shared by every instance. Scripts are sent once and then run by SHA (EVALSHA). */
export class RedisCounterStore implements CounterStore {
  private readonly redis: ScriptedRedis;

  constructor(redis: Redis, private readonly prefix: string) {
    redis.defineCommand('keywardHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    redis.defineCommand('keywardQuota', { lua: QUOTA_SCRIPT });
    redis.defineCommand('keywardRemember', { numberOfKeys: 1, lua: REMEMBER_SCRIPT });
    redis.defineCommand('keywardAdjustCredits', { numberOfKeys: 1, lua: ADJUST_CREDITS_SCRIPT });
    this.redis = redis as ScriptedRedis;
  }

  async hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }> {
    const [count, resetMs] = await this.redis.keywardHit(this.prefix + key, windowMs);
    return { count, resetMs };
  }

  async mark(key: string, ttlMs: number): Promise<void> {
    await this.redis.set(this.prefix + key, '1', 'PX', ttlMs);
  }

  async remaining(key: string): Promise<number> {
    return Math.max(0, await this.redis.pttl(this.prefix + key));
  }

  async remember(key: string, member: string, ttlMs: number): Promise<{ added: boolean; size: number }> {
    const [added, size] = await this.redis.keywardRemember(this.prefix + key, member, ttlMs);
    return { added: added === 1, size };
  }

  async consumeQuota(spend: QuotaSpend): Promise<QuotaOutcome> {
    const keys = [...spend.windows.map((window) => this.prefix + window.key), ...(spend.credits ? [this.prefix + spend.credits.key] : [])];
    const args = [spend.windows.length, spend.credits ? 1 : 0, spend.credits?.cost ?? 0, spend.credits?.initial ?? 0, ...spend.windows.flatMap((w) => [w.limit, w.cost, Math.max(1, Math.ceil(w.ttlMs))])];
    // The number of keys varies per request: passed with the call (ioredis's numberOfKeys: null).
    const [admitted, refused, credits, ...counts] = await this.redis.keywardQuota(keys.length, ...keys, ...args);
    const creditsRemaining = spend.credits ? credits : null;
    if (admitted === 1) return { admitted: true, counts, creditsRemaining };
    return { admitted: false, refusedBy: refused === 0 ? 'credits' : refused - 1, counts, creditsRemaining };
  }

  async adjustCredits(key: string, delta: number | null, whenAbsent: number): Promise<number> {
    return this.redis.keywardAdjustCredits(this.prefix + key, delta === null ? '' : String(delta), whenAbsent);
  }
}
