import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { CallWorkspace } from '../access/call-workspace.js';
import { type Caller, callerEvent } from '../access/caller.js';
import { AuditLog } from '../audit/chain/audit-log.js';
import { changedRows } from '../common/changed-rows.js';
import { AppError } from '../common/errors/app-error.js';
import { InvalidationBus } from '../redis/invalidation.bus.js';
import { newClientId, newClientSecret } from './client-credentials.js';
import { DEFAULT_APP_SCOPES, normalizeScopes } from './oauth-app.policies.js';
import type { CreateOAuthAppDto, UpdateOAuthAppDto } from './oauth-apps.dto.js';
import { type CreatedOAuthAppView, OAUTH_APP_COLUMNS, type OAuthAppView, SECRET_MESSAGE } from './oauth-app.view.js';

/**
 * A workspace's OAuth apps. The secret of a confidential app is returned once, at creation and
 * at rotation; the database keeps its hash. Every method takes the workspace: an app of another
 * workspace is 404, like one that does not exist.
 */
@Injectable()
export class OAuthAppsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly bus: InvalidationBus,
  ) {}

  list(workspace: CallWorkspace): Promise<OAuthAppView[]> {
    return this.db.query<OAuthAppView[]>(`SELECT ${OAUTH_APP_COLUMNS} FROM oauth_apps WHERE workspace_id = $1 ORDER BY created_at, id`, [workspace.id]);
  }

  async get(workspace: CallWorkspace, id: string): Promise<OAuthAppView> {
    const [app] = await this.db.query<OAuthAppView[]>(`SELECT ${OAUTH_APP_COLUMNS} FROM oauth_apps WHERE workspace_id = $1 AND id = $2`, [workspace.id, id]);
    if (!app) throw new AppError('oauth_app.not_found');
    return app;
  }

  async create(caller: Caller, workspace: CallWorkspace, dto: CreateOAuthAppDto): Promise<CreatedOAuthAppView> {
    const secret = dto.type === 'confidential' ? newClientSecret() : undefined;
    const scopes = normalizeScopes(dto.scopes ?? DEFAULT_APP_SCOPES);
    return this.db.transaction(async (manager) => {
      const [app] = await manager.query<OAuthAppView[]>(
        `INSERT INTO oauth_apps (workspace_id, client_id, client_secret_hash, name, type, redirect_uris, scopes, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${OAUTH_APP_COLUMNS}`,
        [workspace.id, newClientId(), secret?.hash ?? null, dto.name, dto.type, [...new Set(dto.redirectUris)], scopes, caller.principal.user.id],
      );
      await this.audit.recordIn(manager, callerEvent(caller, { type: 'oauth_app.created', details: { ...described(app) } }));
      return { ...app, ...(secret && { clientSecret: secret.secret }), message: secret ? SECRET_MESSAGE : 'Public app: no secret; clients must use PKCE.' };
    });
  }

  async update(caller: Caller, workspace: CallWorkspace, id: string, dto: UpdateOAuthAppDto): Promise<OAuthAppView> {
    return this.db.transaction(async (manager) => {
      const before = await this.locked(manager, workspace, id);
      const [app] = await manager.query<OAuthAppView[]>(
        changedRows(`UPDATE oauth_apps SET name = coalesce($3, name), redirect_uris = coalesce($4, redirect_uris), scopes = coalesce($5, scopes), updated_at = now()
         WHERE workspace_id = $1 AND id = $2 RETURNING ${OAUTH_APP_COLUMNS}`),
        [workspace.id, id, dto.name ?? null, dto.redirectUris ? [...new Set(dto.redirectUris)] : null, dto.scopes ? normalizeScopes(dto.scopes) : null],
      );
      await this.audit.recordIn(manager, callerEvent(caller, { type: 'oauth_app.updated', details: { ...described(app), before: changeable(before), after: changeable(app) } }));
      return app;
    });
  }

  async rotateSecret(caller: Caller, workspace: CallWorkspace, id: string): Promise<CreatedOAuthAppView> {
    return this.db.transaction(async (manager) => {
      const existing = await this.locked(manager, workspace, id);
      if (existing.type === 'public') throw new AppError('validation.failed', 'A public app has no secret to rotate');
      const secret = newClientSecret();
      const [app] = await manager.query<OAuthAppView[]>(
        changedRows(`UPDATE oauth_apps SET client_secret_hash = $3, updated_at = now() WHERE workspace_id = $1 AND id = $2 RETURNING ${OAUTH_APP_COLUMNS}`),
        [workspace.id, id, secret.hash],
      );
      await this.audit.recordIn(manager, callerEvent(caller, { type: 'oauth_app.secret_rotated', details: { ...described(app) } }));
      return { ...app, clientSecret: secret.secret, message: SECRET_MESSAGE };
    });
  }

  async remove(caller: Caller, workspace: CallWorkspace, id: string): Promise<void> {
    const app = await this.db.transaction(async (manager) => {
      const app = await this.locked(manager, workspace, id);
      await manager.query('DELETE FROM oauth_apps WHERE workspace_id = $1 AND id = $2', [workspace.id, id]);
      // Every code, token and grant the app holds goes with it: the provider finds none of them again.
      await manager.query('DELETE FROM oauth_records WHERE client_id = $1', [app.clientId]);
      await this.audit.recordIn(manager, callerEvent(caller, { type: 'oauth_app.deleted', details: { ...described(app) } }));
      return app;
    });
    this.bus.publish({ kind: 'oauth_client', clientId: app.clientId });
  }

  private async locked(manager: EntityManager, workspace: CallWorkspace, id: string): Promise<OAuthAppView> {
    const [app] = await manager.query<OAuthAppView[]>(`SELECT ${OAUTH_APP_COLUMNS} FROM oauth_apps WHERE workspace_id = $1 AND id = $2 FOR UPDATE`, [workspace.id, id]);
    if (!app) throw new AppError('oauth_app.not_found');
    return app;
  }
}

const described = (app: OAuthAppView) => ({ workspaceId: app.workspaceId, appId: app.id, clientId: app.clientId, name: app.name, type: app.type });
const changeable = (app: OAuthAppView) => ({ name: app.name, redirectUris: app.redirectUris, scopes: app.scopes });
