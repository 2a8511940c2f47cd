import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CALL_WORKSPACES, type CallWorkspaces } from '../../access/call-workspace.js';
import type { Caller } from '../../access/caller.js';
import { AppError } from '../../common/errors/app-error.js';
import { OAuthServer } from '../server/oauth-server.js';

export interface ConsentRequestView {
  uid: string;
  app: { name: string; clientId: string };
  workspace: { id: string; name: string; slug: string };
  scopes: string[];
}

interface AppOfClient {
  name: string;
  clientId: string;
  workspaceId: string;
  workspaceName: string;
  workspaceSlug: string;
}

/**
 * The consent step of /oauth/authorize, driven by the API (the console page will call it): the
 * signed-in user reads what the app asks for and allows or denies it. The grant is for the app's
 * own workspace, so only its members can allow; the user agent then resumes the authorization
 * at `redirectTo`, where the provider checks its interaction cookie.
 */
@Injectable()
export class ConsentService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly server: OAuthServer,
    @Inject(CALL_WORKSPACES) private readonly workspaces: CallWorkspaces,
  ) {}

  async describe(caller: Caller, uid: string): Promise<ConsentRequestView> {
    const { interaction, app } = await this.open(caller, uid);
    return {
      uid,
      app: { name: app.name, clientId: app.clientId },
      workspace: { id: app.workspaceId, name: app.workspaceName, slug: app.workspaceSlug },
      scopes: requestedScopes(interaction.params.scope),
    };
  }

  async decide(caller: Caller, uid: string, allow: boolean): Promise<{ redirectTo: string }> {
    const { interaction, app } = await this.open(caller, uid);
    if (!allow) {
      interaction.result = { error: 'access_denied', error_description: 'The user denied the request' };
    } else {
      const accountId = caller.principal.user.id;
      const grant = new this.server.provider.Grant({ accountId, clientId: app.clientId });
      grant.addOIDCScope(requestedScopes(interaction.params.scope).join(' '));
      interaction.result = { login: { accountId }, consent: { grantId: await grant.save() } };
    }
    await interaction.save(Math.max(interaction.exp - Math.floor(Date.now() / 1000), 1));
    return { redirectTo: interaction.returnTo };
  }

  private async open(caller: Caller, uid: string) {
    const interaction = await this.server.provider.Interaction.find(uid);
    if (!interaction || interaction.result) throw new AppError('oauth_interaction.not_found');
    const [app] = await this.db.query<AppOfClient[]>(
      `SELECT a.name, a.client_id AS "clientId", w.id AS "workspaceId", w.name AS "workspaceName", w.slug AS "workspaceSlug"
       FROM oauth_apps a JOIN workspaces w ON w.id = a.workspace_id AND w.deleted_at IS NULL WHERE a.client_id = $1`,
      [interaction.params.client_id],
    );
    if (!app) throw new AppError('oauth_interaction.not_found');
    if (!(await this.workspaces.memberPermissions(app.workspaceId, caller.principal.user.id))) throw new AppError('workspace.not_found');
    return { interaction, app };
  }
}

const requestedScopes = (scope: unknown): string[] => (typeof scope === 'string' ? [...new Set(scope.split(' ').filter(Boolean))] : []);
