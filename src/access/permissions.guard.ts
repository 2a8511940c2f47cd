import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuditLog } from '../audit/chain/audit-log.js';
import { requestContext } from './request-context.js';
import { AppError } from '../common/errors/app-error.js';
import { hasPermission } from './permissions.js';
import { type AuthenticatedRequest, JWT_ONLY, REQUIRED_PERMISSIONS } from './access.decorators.js';
import { CALL_WORKSPACES, type CallWorkspace, type CallWorkspaces, IN_WORKSPACE, namesWorkspace, referenceOfCall, WORKSPACE_HEADER } from './call-workspace.js';
import { actorOf, type Principal, principalKey } from './principal.js';
import { credentialOf } from './credentials.js';
import { RouteMemo } from './route-memo.js';

/**
 * Checks @JwtOnly and @RequirePermissions against the principal the authentication guard set.
 * It is also the one place the workspace of the call is resolved (referenceOfCall), once per
 * request: on @InWorkspace() routes, whose permissions are then the caller's there, and for
 * every API key, which acts only as its owner's member in its own workspace.
 */
@Injectable()
export class PermissionsGuard implements CanActivate {
  private readonly routes = new RouteMemo((targets) => ({
    jwtOnly: this.reflector.getAllAndOverride<boolean>(JWT_ONLY, targets) ?? false,
    required: this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_PERMISSIONS, targets) ?? [],
    param: this.reflector.getAllAndOverride<string | undefined>(IN_WORKSPACE, targets),
  }));

  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditLog,
    @Inject(CALL_WORKSPACES) private readonly workspaces: CallWorkspaces,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = request.user;
    if (!principal) return true; // a @Public() route
    const { jwtOnly, required, param } = this.routes.of(context);
    // "Is a signed-in user", not "is not a key": a credential kind added later is refused until it is let in here.
    if (principal.authMethod !== 'jwt' && jwtOnly) throw new AppError('auth.jwt_required');
    if (param === undefined && principal.authMethod === 'jwt') return this.check(request, principal, required, principal.permissions);
    const fromPath = param === undefined ? undefined : (request.params as Record<string, string | undefined>)[param];
    const found = this.workspaces.resolve(principal, referenceOfCall(principal, fromPath, request.headers[WORKSPACE_HEADER]));
    if (!(found instanceof Promise)) return this.enter(request, principal, required, param, fromPath, found);
    return found.then(
      (workspace) => this.enter(request, principal, required, param, fromPath, workspace),
      (error: unknown) => {
        this.recordKeyRefusal(request, principal, error);
        throw error;
      },
    );
  }

  /** The call acts in `workspace`: a path naming another is 404; an @InWorkspace() route checks the permissions there. */
  private enter(request: AuthenticatedRequest, principal: Principal, required: readonly string[], param: string | undefined, fromPath: string | undefined, workspace: CallWorkspace): boolean {
    if (fromPath !== undefined && !namesWorkspace(fromPath, workspace)) throw new AppError('workspace.not_found');
    if (param === undefined) return this.check(request, principal, required, principal.permissions);
    request.workspace = workspace;
    return this.check(request, principal, required, workspace.permissions);
  }

  /**
   * A key whose secret was right but whose workspace no longer lets its owner act is a failed key
   * check like the verifier's, recorded in that workspace's chain: its admins see the key knocking.
   */
  private recordKeyRefusal(request: AuthenticatedRequest, principal: Principal, error: unknown): void {
    const key = principalKey(principal);
    const reason = error instanceof AppError ? KEY_REFUSAL_REASONS[error.code as keyof typeof KEY_REFUSAL_REASONS] : undefined;
    if (!key || !reason || !(error instanceof AppError)) return;
    this.audit.record({
      type: 'api_key.auth_failed',
      ...actorOf(principal),
      ...requestContext(request),
      statusCode: error.status,
      chainId: key.workspaceId,
      details: { reason, transport: credentialOf(request)?.transport ?? null },
    });
  }

  private check(request: AuthenticatedRequest, principal: Principal, required: readonly string[], granted: readonly string[]): boolean {
    if (required.length === 0) return true;
    const missing = required.filter((permission) => !hasPermission(granted, permission));
    if (missing.length === 0) return true;
    const error = new AppError('permission.denied', undefined, missing.map((permission) => ({ required: permission })));
    this.audit.record({
      type: 'permission.denied',
      ...actorOf(principal),
      ...requestContext(request),
      statusCode: error.status,
      ...inWorkspace(request.workspace),
      details: { required: missing, ...(request.workspace && { workspaceId: request.workspace.id }) },
    });
    throw error;
  }
}

const KEY_REFUSAL_REASONS = { 'api_key.owner_not_member': 'owner_not_member', 'api_key.revoked': 'workspace_deleted' } as const;

/** A refusal inside a workspace is that workspace's event: its admins see who tried what. */
const inWorkspace = (workspace: CallWorkspace | undefined) => (workspace ? { chainId: workspace.id } : {});
