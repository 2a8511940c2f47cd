import type { Redis } from 'ioredis';
import type { CounterStore } from './counter-store.js';

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

type ScriptedRedis = Redis & {
  keywardHit(key: string, windowMs: number): Promise<[number, number]>;
  keywardRemember(key: string, member: string, ttlMs: number): Promise<[number, number]>;
};

/** Counters shared by every instance. Scripts are sent once and then run by SHA (EVALSHA). */
export class RedisCounterStore implements CounterStore {
  private readonly redis: ScriptedRedis;

  constructor(redis: Redis, private readonly prefix: string) {
    redis.defineCommand('keywardHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    redis.defineCommand('keywardRemember', { numberOfKeys: 1, lua: REMEMBER_SCRIPT });
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
}
