import type { CallWorkspace } from '../access/call-workspace.js';
import { assertNever, type Principal } from '../access/principal.js';
import type { MeResponse } from './auth.dto.js';

/**
 * GET /auth/me answers the same object while the principal (memoised per key and owner, per
 * session snapshot) and the workspace of the call (memoised per key while nothing changed) stand:
 * the hot path of a client checking its key allocates no answer of its own.
 */
const answers = new WeakMap<Principal, { workspace: CallWorkspace; answer: MeResponse }>();

/** Who is calling, in the workspace of the call (API.md §9). */
export function meOf(principal: Principal, workspace: CallWorkspace): MeResponse {
  const known = answers.get(principal);
  if (known?.workspace === workspace) return known.answer;
  const answer = answerOf(principal, workspace);
  answers.set(principal, { workspace, answer });
  return answer;
}

function answerOf(principal: Principal, workspace: CallWorkspace): MeResponse {
  const { id, email, name, roles, active, createdAt, twoFactorEnabled } = principal.user;
  const user = { id, email, name, roles, active, createdAt, twoFactorEnabled };
  const inWorkspace = { permissions: workspace.permissions, workspace: { id: workspace.id, slug: workspace.slug, name: workspace.name, role: workspace.role } };
  switch (principal.authMethod) {
    case 'jwt':
      return { user, authMethod: 'jwt', ...inWorkspace, instancePermissions: principal.permissions };
    case 'api_key': {
      const { apiKey: key } = principal;
      const apiKey = { id: key.id, name: key.name, keyPrefix: key.keyPrefix, scopes: key.scopes, rateLimit: key.rateLimit, expiresAt: key.expiresAt };
      return { user, authMethod: 'api_key', ...inWorkspace, instancePermissions: [], apiKey };
    }
    case 'oauth':
      return { user, authMethod: 'oauth', ...inWorkspace, instancePermissions: [] };
    default:
      return assertNever(principal);
  }
}
