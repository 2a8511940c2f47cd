import type { CallOptions } from './options.js';
import { ApiKeysResource } from './resources/api-keys.js';
import { AuditLogsResource } from './resources/audit-logs.js';
import { ContentsResource } from './resources/contents.js';
import { InvitationsResource } from './resources/invitations.js';
import { MembersResource } from './resources/members.js';
import { OAuthAppsResource } from './resources/oauth-apps.js';
import { RolesResource } from './resources/roles.js';
import type { Transport } from './transport.js';
import type { NamedLimit, SharedLimits, UpdatePlanDto, UpdateWorkspaceDto, Workspace, WorkspaceRole } from './types.js';
import { segment } from './url.js';

/**
 * One named workspace (id or slug): every call goes to `/workspaces/<ws>/…`. Naming it in the path
 * rather than in X-Workspace means a credential that cannot act there gets `404 workspace.not_found`
 * — an API key ignores X-Workspace and would quietly act in its own workspace instead.
 */
export class WorkspaceScope {
  readonly apiKeys: ApiKeysResource;
  readonly contents: ContentsResource;
  readonly auditLogs: AuditLogsResource;
  readonly members: MembersResource;
  readonly invitations: InvitationsResource;
  readonly roles: RolesResource<WorkspaceRole>;
  readonly oauthApps: OAuthAppsResource;
  private readonly scope: string;

  constructor(
    private readonly transport: Transport,
    readonly ws: string,
  ) {
    if (!ws) throw new TypeError('Keyward: workspace() needs a workspace id or slug');
    this.scope = `/workspaces/${segment(ws)}`;
    this.apiKeys = new ApiKeysResource(transport, this.scope);
    this.contents = new ContentsResource(transport, this.scope);
    this.auditLogs = new AuditLogsResource(transport, this.scope);
    this.members = new MembersResource(transport, this.scope);
    this.invitations = new InvitationsResource(transport, this.scope);
    this.roles = new RolesResource<WorkspaceRole>(transport, this.scope);
    this.oauthApps = new OAuthAppsResource(transport, this.scope);
  }

  get(options?: CallOptions): Promise<Workspace> {
    return this.transport.json({ method: 'GET', path: this.scope, options });
  }

  update(body: UpdateWorkspaceDto, options?: CallOptions): Promise<Workspace> {
    return this.transport.json({ method: 'PATCH', path: this.scope, body, options });
  }

  delete(options?: CallOptions): Promise<void> {
    return this.transport.json({ method: 'DELETE', path: this.scope, options });
  }

  /** The limits all of the workspace's keys share (API.md §15). */
  limits(options?: CallOptions): Promise<SharedLimits> {
    return this.transport.json({ method: 'GET', path: `${this.scope}/limits`, options });
  }

  /** Replaces them (members:write): the whole list. */
  setLimits(limits: NamedLimit[], options?: CallOptions): Promise<SharedLimits> {
    return this.transport.json({ method: 'PUT', path: `${this.scope}/limits`, body: { limits }, options });
  }

  setPlan(body: UpdatePlanDto, options?: CallOptions): Promise<Workspace> {
    return this.transport.json({ method: 'PATCH', path: `${this.scope}/plan`, body, options });
  }
}
