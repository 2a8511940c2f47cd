import { AsyncLocalStorage } from 'node:async_hooks';
import { setImmediate as tick } from 'node:timers/promises';
import { describe, expect, it } from '@jest/globals';
import { storageWhileHandling } from './provider-storage.js';

describe('storageWhileHandling', () => {
  it('switches the storage off once the last request in flight settles, not before', async () => {
    let disabled = 0;
    const handling = storageWhileHandling({ disable: () => disabled++ });
    let finishFirst!: () => void;
    const first = handling(() => new Promise<void>((resolve) => (finishFirst = resolve)));
    const second = handling(async () => undefined);
    await second;
    expect(disabled).toBe(0);
    finishFirst();
    await first;
    expect(disabled).toBe(1);
  });

  it('switches it off after a request that fails too, and passes the failure on', async () => {
    let disabled = 0;
    const handling = storageWhileHandling({ disable: () => disabled++ });
    await expect(handling(() => Promise.reject(new Error('provider failed')))).rejects.toThrow('provider failed');
    expect(disabled).toBe(1);
  });

  it('keeps the store readable throughout a request, and a later request runs it again', async () => {
    const storage = new AsyncLocalStorage<string>();
    const handling = storageWhileHandling(storage);
    const seen: Array<string | undefined> = [];
    const request = (name: string) =>
      handling(() =>
        storage.run(name, async () => {
          await tick();
          seen.push(storage.getStore());
        }),
      );
    await request('first');
    expect(storage.getStore()).toBeUndefined();
    await request('second');
    expect(seen).toEqual(['first', 'second']);
  });
});
