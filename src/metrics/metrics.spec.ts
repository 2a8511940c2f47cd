import { describe, expect, it } from '@jest/globals';
import { Metrics } from './metrics.js';

const lineOf = (text: string, start: string) => text.split('\n').find((line) => line.startsWith(start));

describe('Metrics', () => {
  it('shows hot-path counts at the scrape, once: a second scrape adds nothing again', async () => {
    const metrics = new Metrics();
    expect(lineOf(await metrics.registry.metrics(), 'keyward_key_cache_lookups_total{result="hit"}')).toBe('keyward_key_cache_lookups_total{result="hit"} 0');
    metrics.cacheHit.inc();
    metrics.cacheHit.inc();
    metrics.cacheMiss.inc();
    metrics.keyVerificationOk.inc();
    for (let scrape = 0; scrape < 2; scrape++) {
      const text = await metrics.registry.metrics();
      expect(lineOf(text, 'keyward_key_cache_lookups_total{result="hit"}')).toBe('keyward_key_cache_lookups_total{result="hit"} 2');
      expect(lineOf(text, 'keyward_key_cache_lookups_total{result="miss"}')).toBe('keyward_key_cache_lookups_total{result="miss"} 1');
      expect(lineOf(text, 'keyward_key_verifications_total{outcome="ok"}')).toBe('keyward_key_verifications_total{outcome="ok"} 1');
      expect(lineOf(text, 'keyward_key_cache_hit_ratio')).toBe(`keyward_key_cache_hit_ratio ${2 / 3}`);
    }
  });
});
