import type { CounterStore } from './counter-store.js';
import type { QuotaSpend } from './quota-consumption.js';

export interface FallbackEvents {
  onFallback(error: unknown): void;
  onRecovered(): void;
}

/**
 * Redis when it answers, this instance's memory when it does not: never unlimited, never an
 * error for the request. While degraded, Redis is probed in the background and used again as
 * soon as it answers.
 */
export class ResilientCounterStore implements CounterStore {
  private degraded = false;
  private probe?: NodeJS.Timeout;

  constructor(
    private readonly shared: CounterStore,
    private readonly local: CounterStore,
    private readonly ping: () => Promise<unknown>,
    private readonly events: FallbackEvents,
    private readonly probeEveryMs = 1000,
  ) {}

  get usingFallback(): boolean {
    return this.degraded;
  }

  hit(key: string, windowMs: number) {
    return this.run((store) => store.hit(key, windowMs));
  }

  mark(key: string, ttlMs: number) {
    return this.run((store) => store.mark(key, ttlMs));
  }

  remaining(key: string) {
    return this.run((store) => store.remaining(key));
  }

  remember(key: string, member: string, ttlMs: number) {
    return this.run((store) => store.remember(key, member, ttlMs));
  }

  consumeQuota(spend: QuotaSpend) {
    return this.run((store) => store.consumeQuota(spend));
  }

  adjustCredits(key: string, delta: number | null, whenAbsent: number) {
    return this.run((store) => store.adjustCredits(key, delta, whenAbsent));
  }

  close(): void {
    clearInterval(this.probe);
  }

  private async run<T>(operation: (store: CounterStore) => Promise<T>): Promise<T> {
    if (!this.degraded) {
      try {
        return await operation(this.shared);
      } catch (error) {
        this.degrade(error);
      }
    }
    return operation(this.local);
  }

  private degrade(error: unknown): void {
    if (this.degraded) return;
    this.degraded = true;
    this.events.onFallback(error);
    this.probe = setInterval(() => {
      this.ping().then(
        () => {
          if (!this.degraded) return;
          this.degraded = false;
          clearInterval(this.probe);
          this.events.onRecovered();
        },
        () => undefined,
      );
    }, this.probeEveryMs);
    this.probe.unref();
  }
}
