// oidc-provider's own AsyncLocalStorage (its initialize_app middleware runs every request in it;
// Provider.ctx and token TTLs read it). Not exported by the package: the module is its lib file.
import providerStorage from 'oidc-provider/lib/helpers/als.js';

/** What is switched: an AsyncLocalStorage, or a stand-in in tests. */
export interface SwitchableStorage {
  disable(): void;
}

/**
 * Runs the provider's requests with its AsyncLocalStorage on, and switches it off when the last
 * one in flight has settled. On Node 20 a storage, once run, installs promise hooks for the whole
 * process and keeps them: every promise of every API request then pays an init hook copying the
 * store (≈ 20% of the CPU of `/ping/me` and of a key request, measured). The store is only read
 * inside the provider's own requests, whose work ends when the Koa callback settles; the next one
 * switches it on again (AsyncLocalStorage.run enables it).
 */
export function storageWhileHandling(storage: SwitchableStorage): <T>(handle: () => Promise<T>) => Promise<T> {
  let inFlight = 0;
  return async (handle) => {
    inFlight++;
    try {
      return await handle();
    } finally {
      if (--inFlight === 0) storage.disable();
    }
  };
}

/** The provider's storage, switched as above. */
export const whileHandlingOAuth = storageWhileHandling(providerStorage);
