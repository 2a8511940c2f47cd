import { SetMetadata } from '@nestjs/common';
import type { Principal } from './principal.js';

/** The workspace a request acts in, and what the caller may do there (API.md §9). */
export interface CallWorkspace {
  id: string;
  slug: string;
  name: string;
  personal: boolean;
  /** The caller's workspace role (`owner` for an instance admin who is not a member). */
  role: string;
  /** The role's permissions, narrowed by the credential's scopes. */
  permissions: string[];
}

/** Finds the workspace a reference (id or slug) names, as the principal may see it; 404 otherwise. */
export interface CallWorkspaces {
  resolve(principal: Principal, reference: string): Promise<CallWorkspace>;
}

/** The provider of CallWorkspaces: the workspaces feature supplies it, access only asks. */
export const CALL_WORKSPACES = Symbol('CallWorkspaces');

export const IN_WORKSPACE = 'keyward:in-workspace';

/**
 * The route acts inside the workspace its `:ws` parameter names: permissions are checked against
 * the caller's role there, and a workspace the caller cannot see is `404 workspace.not_found`.
 */
export const InWorkspace = (param = 'ws') => SetMetadata(IN_WORKSPACE, param);
