/**
 * Failed attempts within the window at which a source is blocked (API.md §7: 20 in 5 min): an IP
 * (an IPv6 /64), and an (account, network) pair, at `threshold`; the account for everyone at
 * `accountThreshold`.
 */
export interface BruteForceRule {
  threshold: number;
  accountThreshold: number;
  windowMs: number;
  blockMs: number;
}

/** Block on the attempt that reaches the threshold; later ones in the same window find it blocked. */
export function reachesThreshold(failuresInWindow: number, threshold: number): boolean {
  return failuresInWindow === threshold;
}

/** Whole seconds a client should wait, never 0 while blocked. */
export function retryAfterSeconds(remainingMs: number): number {
  return Math.max(1, Math.ceil(remainingMs / 1000));
}

/** What stands against one sign-in, in milliseconds left (0: no block). */
export interface SignInBlocks {
  /** The account, for sign-ins from this client's network. */
  networkMs: number;
  /** The account, for everyone. */
  accountMs: number;
}

/**
 * How long a sign-in stays refused. The account-wide block is the one an attacker can put on
 * someone else's account from networks of their own, so it is the one a proven second factor
 * is to pass: once two-factor exists, a right password plus a right code calls this with
 * `secondFactorVerified` true and only the block on the caller's own network still holds.
 */
export function signInRefusedFor(blocks: SignInBlocks, secondFactorVerified: boolean): number {
  return Math.max(blocks.networkMs, secondFactorVerified ? 0 : blocks.accountMs);
}
