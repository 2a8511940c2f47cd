import { isUuid } from '../common/uuid.js';

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,38}$/;

/** A slug as API.md §9 spells it, and never one that reads as a workspace id. */
export function isWorkspaceSlug(value: unknown): value is string {
  return typeof value === 'string' && SLUG_PATTERN.test(value) && !isUuid(value);
}

/** Lower-case letters and digits, every other run of characters one hyphen, no hyphen at either end. */
function slugSafe(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The slug a new workspace gets from its name when none is asked for (`workspace` when nothing is left). */
export function slugFromName(name: string): string {
  const slug = slugSafe(name).slice(0, 39).replace(/-+$/, '');
  return isWorkspaceSlug(slug) ? slug : 'workspace';
}

/** The same slug with a random-looking tail, for when the plain one is taken. */
export function withSuffix(slug: string, suffix: string): string {
  return `${slug.slice(0, 38 - suffix.length).replace(/-+$/, '')}-${suffix}`;
}

/**
 * A personal workspace's slug: the e-mail's local part (≤ 22 characters, `user` when nothing
 * is left) and 16 hex digits of the user's id. The Workspaces migration gives existing users theirs with it.
 */
export function personalSlug(email: string, userId: string): string {
  const local = slugSafe(email.split('@')[0] ?? '').slice(0, 22).replace(/-+$/, '') || 'user';
  return `${local}-${userId.replaceAll('-', '').slice(0, 16)}`;
}

/** How `:ws` or `X-Workspace` names a workspace: by id or by slug; null when it can name none. */
export function parseWorkspaceReference(reference: string): { column: 'id' | 'slug'; value: string } | null {
  if (isUuid(reference)) return { column: 'id', value: reference.toLowerCase() };
  return isWorkspaceSlug(reference) ? { column: 'slug', value: reference } : null;
}
