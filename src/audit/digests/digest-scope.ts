import type { Visibility } from '../review/audit-filter.js';

/** Which chains' digests a reader lists: `chainId` alone, every chain (undefined), or none. */
export type DigestScope = { chainId?: string } | { none: true };

/**
 * The audit log's visibility carried over to its digests: an instance auditor reads every chain's
 * (or the one asked for), a workspace's audit:read its chain's. Without audit:read a reader sees
 * only some of a chain's events, and a digest signs all of them: none.
 */
export function digestScope(visibility: Visibility, asked?: string): DigestScope {
  if (visibility.everything) return asked ? { chainId: asked } : {};
  if (visibility.userId !== undefined) return { none: true };
  return asked === undefined || asked === visibility.workspaceId ? { chainId: visibility.workspaceId } : { none: true };
}
