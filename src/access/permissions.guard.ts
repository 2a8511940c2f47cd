import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuditLog } from '../audit/chain/audit-log.js';
import { requestContext } from './request-context.js';
import { AppError } from '../common/errors/app-error.js';
import { hasPermission } from './permissions.js';
import { type AuthenticatedRequest, JWT_ONLY, REQUIRED_PERMISSIONS } from './access.decorators.js';
import { CALL_WORKSPACES, type CallWorkspaces, IN_WORKSPACE } from './call-workspace.js';
import { actorOf, type Principal } from './principal.js';

/**
 * Checks @JwtOnly and @RequirePermissions against the principal the authentication guard set:
 * on an @InWorkspace() route against the caller's permissions in that workspace, which it
 * resolves here, once, for the whole request.
 */
@Injectable()
export class PermissionsGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditLog,
    @Inject(CALL_WORKSPACES) private readonly workspaces: CallWorkspaces,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = request.user;
    if (!principal) return true; // a @Public() route
    const targets = [context.getHandler(), context.getClass()];
    // "Is a signed-in user", not "is not a key": a credential kind added later is refused until it is let in here.
    if (principal.authMethod !== 'jwt' && this.reflector.getAllAndOverride<boolean>(JWT_ONLY, targets)) {
      throw new AppError('auth.jwt_required');
    }
    const required = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_PERMISSIONS, targets) ?? [];
    const param = this.reflector.getAllAndOverride<string | undefined>(IN_WORKSPACE, targets);
    if (param === undefined) return this.check(request, principal, required, principal.permissions);
    const reference = (request.params as Record<string, string | undefined>)[param] ?? '';
    return this.workspaces.resolve(principal, reference).then((workspace) => {
      request.workspace = workspace;
      return this.check(request, principal, required, workspace.permissions);
    });
  }

  private check(request: AuthenticatedRequest, principal: Principal, required: string[], granted: readonly string[]): boolean {
    const missing = required.filter((permission) => !hasPermission(granted, permission));
    if (missing.length === 0) return true;
    const error = new AppError('permission.denied', undefined, missing.map((permission) => ({ required: permission })));
    // A refusal inside a workspace is that workspace's event: its admins see who tried what.
    const workspaceId = request.workspace?.id;
    this.audit.record({
      type: 'permission.denied',
      ...actorOf(principal),
      ...requestContext(request),
      statusCode: error.status,
      ...(workspaceId && { chainId: workspaceId }),
      details: { required: missing, ...(workspaceId && { workspaceId }) },
    });
    throw error;
  }
}
