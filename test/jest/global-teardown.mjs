// Jest's e2e globalTeardown: runs what test/global-setup.ts left behind (Jest shares globalThis
// between the two): drop the run's databases, stop the embedded PostgreSQL if one was started.
export default async function globalTeardown() {
  await globalThis[Symbol.for('keyward.test.teardown')]?.();
}
