import type { CallOptions, KeywardOptions } from './options.js';
import { ApiKeysResource } from './resources/api-keys.js';
import { AuditLogsResource } from './resources/audit-logs.js';
import { AuthResource } from './resources/auth.js';
import { ContentsResource } from './resources/contents.js';
import { InvitationAcceptance } from './resources/invitations.js';
import { KeysResource } from './resources/keys.js';
import { RolesResource } from './resources/roles.js';
import { UsersResource } from './resources/users.js';
import { WorkspacesResource } from './resources/workspaces.js';
import { Transport } from './transport.js';
import type { Pong, Role } from './types.js';
import { WorkspaceScope } from './workspace-scope.js';

/**
 * The Keyward API. `apiKeys`, `contents` and `auditLogs` here act in the workspace of the call (an
 * API key's own; a signed-in user's personal one); `workspace(ws)` names one. Instance `users` and
 * `roles` are for the people who run Keyward.
 */
export class Keyward {
  readonly auth: AuthResource;
  readonly apiKeys: ApiKeysResource;
  readonly contents: ContentsResource;
  readonly auditLogs: AuditLogsResource;
  readonly workspaces: WorkspacesResource;
  readonly invitations: InvitationAcceptance;
  readonly keys: KeysResource;
  readonly users: UsersResource;
  readonly roles: RolesResource<Role>;
  private readonly transport: Transport;

  constructor(options: KeywardOptions) {
    this.transport = new Transport(options);
    this.auth = new AuthResource(this.transport);
    this.apiKeys = new ApiKeysResource(this.transport, '');
    this.contents = new ContentsResource(this.transport, '');
    this.auditLogs = new AuditLogsResource(this.transport, '');
    this.workspaces = new WorkspacesResource(this.transport);
    this.invitations = new InvitationAcceptance(this.transport);
    this.keys = new KeysResource(this.transport);
    this.users = new UsersResource(this.transport);
    this.roles = new RolesResource<Role>(this.transport, '');
  }

  /** One workspace by id or slug: its keys, contents, audit log, members, invitations, roles and OAuth apps. */
  workspace(ws: string): WorkspaceScope {
    return new WorkspaceScope(this.transport, ws);
  }

  /** `{pong: true}` when Keyward answers. */
  ping(options?: CallOptions): Promise<Pong> {
    return this.transport.json({ method: 'GET', path: '/ping', options });
  }
}
