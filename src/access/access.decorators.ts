import { SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { CallWorkspace } from './call-workspace.js';
import type { Principal } from './principal.js';

export const IS_PUBLIC = 'keyward:public';
export const REQUIRED_PERMISSIONS = 'keyward:permissions';
export const JWT_ONLY = 'keyward:jwt-only';

/** Opts a route out of the global authentication guard. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The principal must hold every listed permission (wildcards in its grants count). */
export const RequirePermissions = (...permissions: string[]) => SetMetadata(REQUIRED_PERMISSIONS, permissions);

/** Refuses API keys: a leaked key must never mint, widen or un-revoke keys. */
export const JwtOnly = () => SetMetadata(JWT_ONLY, true);

export type AuthenticatedRequest = FastifyRequest & { user?: Principal; workspace?: CallWorkspace };

