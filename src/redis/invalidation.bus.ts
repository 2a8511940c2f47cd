import { Injectable, Logger } from '@nestjs/common';

/** Something cached about a principal changed; every cache holding it must forget it. */
export type Invalidation =
  | { kind: 'user'; id: string }
  | { kind: 'roles' }
  /** A workspace, one of its memberships or one of its roles changed (or it was deleted). */
  | { kind: 'workspace'; id: string }
  /** A key changed (edited, revoked, deleted, rotated); `keyId` is its 8-hex lookup id. */
  | { kind: 'api_key'; keyId: string }
  /** A key was created: other instances learn its id exists. */
  | { kind: 'api_key_created'; keyId: string }
  /** An OAuth grant's tokens were revoked (by the user, the app, a reused refresh token): cached tokens of it are forgotten. */
  | { kind: 'oauth_grant'; grantId: string }
  /** An OAuth app was deleted: every cached token it was issued is forgotten. */
  | { kind: 'oauth_client'; clientId: string }
  /** A sign-in's refresh-token family was revoked (logout, reuse): its access tokens stop working. */
  | { kind: 'session_revoked'; familyId: string }
  /** An IP (IPv6: its /64, as ipSourceOf() writes it) crossed the brute-force threshold: every instance refuses it until `until` (epoch ms). */
  | { kind: 'ip_blocked'; ip: string; until: number };

/** Carries invalidations to other instances (Redis pub/sub); absent when running alone. */
export interface InvalidationTransport {
  publish(event: Invalidation): Promise<void>;
}

type Listener = (event: Invalidation) => void;

/**
 * In-process fan-out of cache invalidations, plus an optional transport to other instances.
 * Local listeners run synchronously, so the change is visible to the very next request here.
 */
@Injectable()
export class InvalidationBus {
  private readonly logger = new Logger(InvalidationBus.name);
  private readonly listeners: Listener[] = [];
  private transport?: InvalidationTransport;

  subscribe(listener: Listener): void {
    this.listeners.push(listener);
  }

  useTransport(transport: InvalidationTransport): void {
    this.transport = transport;
  }

  publish(event: Invalidation): void {
    this.deliver(event);
    this.transport?.publish(event).catch((error: unknown) => {
      this.logger.warn({ event: event.kind, error: String(error) }, 'could not broadcast a cache invalidation; other instances rely on the cache TTL');
    });
  }

  /** Called by the transport for events that came from another instance. */
  deliver(event: Invalidation): void {
    for (const listener of this.listeners) listener(event);
  }
}
