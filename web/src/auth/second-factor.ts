import type { MfaChallenge } from '../api/types';

/** Wrong codes a challenge takes before the server kills it (API.md §10). */
export const CHALLENGE_TRIES = 5;

/** A challenge as the sign-in form tracks it: the server answers a dead one and a wrong code alike. */
export interface PendingChallenge {
  mfaToken: string;
  /** Epoch ms after which the server no longer takes an answer. */
  expiresAt: number;
  wrongAnswers: number;
}

export function pendingChallenge(challenge: MfaChallenge, now: number): PendingChallenge {
  return { mfaToken: challenge.mfaToken, expiresAt: now + challenge.expiresIn * 1000, wrongAnswers: 0 };
}

/**
 * After a refused answer: is the challenge itself over (expired, or out of tries), so that only
 * the password again can start a new one?
 */
export function challengeIsOver(challenge: PendingChallenge, now: number): boolean {
  return now >= challenge.expiresAt || challenge.wrongAnswers >= CHALLENGE_TRIES;
}

/** A typed authenticator code without the spaces some apps show ("123 456"); null unless 6 digits. */
export function normaliseCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(code) ? code : null;
}
