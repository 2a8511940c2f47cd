import type { CallOptions } from '../options.js';
import { Paginated } from '../pagination.js';
import type { Transport } from '../transport.js';
import type { CreatedInvitation, CreateInvitationDto, Invitation, InvitationListQuery, Page, Workspace } from '../types.js';
import { segment } from '../url.js';

/** A workspace's pending invitations (API.md §9). */
export class InvitationsResource {
  /** `scope` is `/workspaces/<ws>`. */
  constructor(
    private readonly transport: Transport,
    private readonly scope: string,
  ) {}

  /** The answer carries the invitation's `token`: the only time it is shown. */
  create(body: CreateInvitationDto, options?: CallOptions): Promise<CreatedInvitation> {
    return this.transport.json({ method: 'POST', path: `${this.scope}/invitations`, body, options });
  }

  list(query: InvitationListQuery = {}, options?: CallOptions): Paginated<Invitation> {
    const { cursor, ...rest } = query;
    return new Paginated((at) => this.transport.json<Page<Invitation>>({ method: 'GET', path: `${this.scope}/invitations`, query: { ...rest, cursor: at }, options }), cursor);
  }

  revoke(id: string, options?: CallOptions): Promise<void> {
    return this.transport.json({ method: 'DELETE', path: `${this.scope}/invitations/${segment(id)}`, options });
  }
}

/** Accepting an invitation, which names its workspace itself. */
export class InvitationAcceptance {
  constructor(private readonly transport: Transport) {}

  /** As the signed-in user the invitation was sent to; answers the workspace joined. */
  accept(token: string, options?: CallOptions): Promise<Workspace> {
    return this.transport.json({ method: 'POST', path: '/invitations/accept', body: { token }, options });
  }
}
