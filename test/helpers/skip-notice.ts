/**
 * Says why a suite skips. Straight to stderr, not console.warn: Jest shows no console output of a
 * test file whose tests all skipped, which is exactly when this has something to say.
 */
export function announceSkip(reason: string): void {
  process.stderr.write(`${reason}\n`);
}
