import type { CallOptions } from '../options.js';
import { Paginated } from '../pagination.js';
import type { Transport } from '../transport.js';
import type { Page, PasswordReset, UpdateUserDto, User, UserListQuery } from '../types.js';
import { segment } from '../url.js';

/** The instance's users (API.md §4, §10): instance users:read / users:write. */
export class UsersResource {
  constructor(private readonly transport: Transport) {}

  list(query: UserListQuery = {}, options?: CallOptions): Paginated<User> {
    const { cursor, ...rest } = query;
    return new Paginated((at) => this.transport.json<Page<User>>({ method: 'GET', path: '/users', query: { ...rest, cursor: at }, options }), cursor);
  }

  get(id: string, options?: CallOptions): Promise<User> {
    return this.transport.json({ method: 'GET', path: `/users/${segment(id)}`, options });
  }

  update(id: string, body: UpdateUserDto, options?: CallOptions): Promise<User> {
    return this.transport.json({ method: 'PATCH', path: `/users/${segment(id)}`, body, options });
  }

  /** A one-hour reset token (shown once) for the admin to hand over. */
  issuePasswordReset(id: string, options?: CallOptions): Promise<PasswordReset> {
    return this.transport.json({ method: 'POST', path: `/users/${segment(id)}/password-reset`, options });
  }
}
