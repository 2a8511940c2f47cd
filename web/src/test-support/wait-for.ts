/**
 * Calls `check` until it stops throwing, as Vitest's `vi.waitFor` did: every `interval` ms for at most
 * `timeout` ms, then rethrows the last failure. Jest has no such helper.
 */
export async function waitFor<T>(check: () => T | Promise<T>, { timeout = 1000, interval = 50 } = {}): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  }
}
