import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuditLog } from '../audit/chain/audit-log.js';
import { requestContext } from './request-context.js';
import { AppError } from '../common/errors/app-error.js';
import { hasPermission } from './permissions.js';
import { type AuthenticatedRequest, JWT_ONLY, REQUIRED_PERMISSIONS } from './access.decorators.js';

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
    if (principal.apiKey && this.reflector.getAllAndOverride<boolean>(JWT_ONLY, targets)) {
      throw new AppError('auth.jwt_required');
    }
    const required = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_PERMISSIONS, targets) ?? [];
    const missing = required.filter((permission) => !hasPermission(principal.permissions, permission));
    if (missing.length === 0) return true;
    this.audit.record({
      type: 'permission.denied',
      userId: principal.user.id,
      apiKeyId: principal.apiKey?.id,
      keyPrefix: principal.apiKey?.keyPrefix,
      ...requestContext(request),
      statusCode: 403,
      details: { required: missing },
    });
    throw new AppError('permission.denied', undefined, missing.map((permission) => ({ required: permission })));
  }
}
