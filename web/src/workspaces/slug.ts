/** The server's rule for a workspace slug (README "Workspaces"): lowercase letters, digits and hyphens, 2–39 long, not starting with a hyphen. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,38}$/;

export const SLUG_HINT = 'Lowercase letters, digits and hyphens (2–39 characters). Used in links and in the X-Workspace header.';

/** Why a typed slug cannot be sent, or null when it can (blank means "make one from the name" where that is allowed). */
export function slugProblem(slug: string): string | null {
  if (slug === '') return null;
  if (SLUG_PATTERN.test(slug)) return null;
  return 'Use 2–39 lowercase letters, digits or hyphens, starting with a letter or digit.';
}

export const SLUG_TAKEN_MESSAGE = 'Another workspace already uses this slug. Pick a different one.';
