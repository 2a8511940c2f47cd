import type { OAuthAppType } from './oauth-app.policies.js';

/** An OAuth app as the API shows it: never its secret, which only creation and rotation return. */
export interface OAuthAppView {
  id: string;
  workspaceId: string;
  name: string;
  clientId: string;
  type: OAuthAppType;
  redirectUris: string[];
  scopes: string[];
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface CreatedOAuthAppView extends OAuthAppView {
  /** Confidential apps only. */
  clientSecret?: string;
  message: string;
}

export const OAUTH_APP_COLUMNS = `id, workspace_id AS "workspaceId", name, client_id AS "clientId", type, redirect_uris AS "redirectUris",
  scopes, created_by AS "createdBy", created_at AS "createdAt", updated_at AS "updatedAt"`;

export const SECRET_MESSAGE = 'Save this client secret securely. It will not be shown again.';
