import { TEARDOWN } from './global-setup.js';

/** Drops every database the run created and stops the embedded PostgreSQL, if one was started. */
export default async function teardown(): Promise<void> {
  const stop = (globalThis as Record<symbol, (() => Promise<void>) | undefined>)[TEARDOWN];
  await stop?.();
}
