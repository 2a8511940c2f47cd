import { type ExecutionContext, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthenticatedRequest } from '../../access/access.decorators.js';
import { type CredentialVerifier, VerifiesCredential } from '../../access/credential-verifiers.js';
import { credentialOf, type PresentedCredential } from '../../access/credentials.js';
import { effectivePermissions } from '../../access/permissions.js';
import type { OAuthPrincipal } from '../../access/principal.js';
import { AppError } from '../../common/errors/app-error.js';
import { UserSnapshots } from '../../users/user-snapshots.js';
import { scopePermissions } from '../oauth-app.policies.js';
import { OAuthServer } from '../server/oauth-server.js';

/** oidc-provider's opaque access tokens: 256 random bits in base64url (its default `bitsOfOpaqueRandomness`). */
const OPAQUE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * OAuth access tokens (API.md §11) as `Authorization: Bearer`: found through the provider (so a
 * revoked, expired or reused-grant token is gone), then its app's workspace and its user, who
 * must still be active. Membership is checked where the workspace of the call is resolved, on
 * every request, so a removed member's tokens stop at once.
 */
@VerifiesCredential()
@Injectable()
export class OAuthTokenCredential implements CredentialVerifier {
  readonly kind = 'oauth' as const;

  constructor(
    private readonly server: OAuthServer,
    private readonly snapshots: UserSnapshots,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  recognises(credential: PresentedCredential): boolean {
    return credential.transport === 'bearer' && OPAQUE_TOKEN.test(credential.value);
  }

  async verify(context: ExecutionContext): Promise<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = await this.server.provider.AccessToken.find(credentialOf(request)?.value ?? '');
    if (!token?.accountId || !token.grantId || token.isExpired) throw new AppError('auth.token_invalid');
    const [app] = await this.db.query<Array<{ workspaceId: string }>>(`SELECT workspace_id AS "workspaceId" FROM oauth_apps WHERE client_id = $1`, [token.clientId]);
    if (!app) throw new AppError('auth.token_invalid');
    const owner = await this.snapshots.get(token.accountId);
    if (!owner) throw new AppError('auth.token_invalid');
    if (!owner.active) throw new AppError('user.disabled');
    const { permissions: instancePermissions, ...user } = owner;
    const scopes = scopePermissions((token.scope ?? '').split(' ').filter(Boolean));
    const principal: OAuthPrincipal = {
      user,
      authMethod: 'oauth',
      permissions: effectivePermissions(instancePermissions, scopes),
      grant: { grantId: token.grantId, clientId: token.clientId!, workspaceId: app.workspaceId, scopes },
    };
    request.user = principal;
    return true;
  }
}
