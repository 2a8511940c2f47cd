import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuditLog } from '../audit/chain/audit-log.js';
import { requestContext } from './request-context.js';
import { AppError } from '../common/errors/app-error.js';
import { hasPermission } from './permissions.js';
import { type AuthenticatedRequest, JWT_ONLY, REQUIRED_PERMISSIONS } from './access.decorators.js';
import { actorOf } from './principal.js';

/** Checks @JwtOnly and @RequirePermissions against the principal the authentication guard set. */
@Injectable()
export class PermissionsGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditLog,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = request.user;
    if (!principal) return true; // a @Public() route
    const targets = [context.getHandler(), context.getClass()];
    // "Is a signed-in user", not "is not a key": a credential kind added later is refused until it is let in here.
    if (principal.authMethod !== 'jwt' && this.reflector.getAllAndOverride<boolean>(JWT_ONLY, targets)) {
      throw new AppError('auth.jwt_required');
    }
    const required = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_PERMISSIONS, targets) ?? [];
    const missing = required.filter((permission) => !hasPermission(principal.permissions, permission));
    if (missing.length === 0) return true;
    const error = new AppError('permission.denied', undefined, missing.map((permission) => ({ required: permission })));
    this.audit.record({ type: 'permission.denied', ...actorOf(principal), ...requestContext(request), statusCode: error.status, details: { required: missing } });
    throw error;
  }
}
