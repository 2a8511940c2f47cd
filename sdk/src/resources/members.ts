import type { CallOptions } from '../options.js';
import { Paginated } from '../pagination.js';
import type { Transport } from '../transport.js';
import type { Member, MemberListQuery, NamedLimit, Page, SharedLimits } from '../types.js';
import { segment } from '../url.js';

/** A workspace's members (API.md §9): members:read to list, members:write to change. */
export class MembersResource {
  /** `scope` is `/workspaces/<ws>`. */
  constructor(
    private readonly transport: Transport,
    private readonly scope: string,
  ) {}

  list(query: MemberListQuery = {}, options?: CallOptions): Paginated<Member> {
    const { cursor, ...rest } = query;
    return new Paginated((at) => this.transport.json<Page<Member>>({ method: 'GET', path: `${this.scope}/members`, query: { ...rest, cursor: at }, options }), cursor);
  }

  changeRole(userId: string, role: string, options?: CallOptions): Promise<Member> {
    return this.transport.json({ method: 'PATCH', path: `${this.scope}/members/${segment(userId)}`, body: { role }, options });
  }

  /** The limits all of a member's keys in the workspace share (API.md §15). */
  limits(userId: string, options?: CallOptions): Promise<SharedLimits> {
    return this.transport.json({ method: 'GET', path: `${this.scope}/members/${segment(userId)}/limits`, options });
  }

  /** Replaces them (members:write): the whole list. */
  setLimits(userId: string, limits: NamedLimit[], options?: CallOptions): Promise<SharedLimits> {
    return this.transport.json({ method: 'PUT', path: `${this.scope}/members/${segment(userId)}/limits`, body: { limits }, options });
  }

  /** Removes a member, or — with your own id — leaves the workspace. */
  remove(userId: string, options?: CallOptions): Promise<void> {
    return this.transport.json({ method: 'DELETE', path: `${this.scope}/members/${segment(userId)}`, options });
  }
}
