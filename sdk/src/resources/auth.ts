import type { CallOptions } from '../options.js';
import type { Transport } from '../transport.js';
import type {
  ChangePasswordDto,
  DisableTwoFactorDto,
  LoginDto,
  Me,
  MfaChallenge,
  OAuthAuthorization,
  RecoveryCodes,
  RegisterDto,
  ResetPasswordDto,
  Session,
  SignInSession,
  TwoFactorSetup,
} from '../types.js';
import { segment } from '../url.js';

/** The second step of a sign-in with two-factor on: a code from the app, or one recovery code. */
export type SecondFactor = { mfaToken: string } & ({ code: string } | { recoveryCode: string });

/** Signing in and the signed-in account (API.md §2, §10, §11's authorizations). */
export class AuthResource {
  readonly sessions: SessionsResource;
  readonly twoFactor: TwoFactorResource;
  readonly authorizations: AuthorizationsResource;

  constructor(private readonly transport: Transport) {
    this.sessions = new SessionsResource(transport);
    this.twoFactor = new TwoFactorResource(transport);
    this.authorizations = new AuthorizationsResource(transport);
  }

  register(body: RegisterDto, options?: CallOptions): Promise<Session> {
    return this.transport.json({ method: 'POST', path: '/auth/register', body, options });
  }

  /** A session, or with two-factor on, a challenge to answer with `loginSecondFactor`. */
  login(body: LoginDto, options?: CallOptions): Promise<Session | MfaChallenge> {
    return this.transport.json({ method: 'POST', path: '/auth/login', body, options });
  }

  loginSecondFactor(body: SecondFactor, options?: CallOptions): Promise<Session> {
    return this.transport.json({ method: 'POST', path: '/auth/login/2fa', body, options });
  }

  /** A new token pair; the refresh token passed in is spent. */
  refresh(refreshToken: string, options?: CallOptions): Promise<Session> {
    return this.transport.json({ method: 'POST', path: '/auth/refresh', body: { refreshToken }, options });
  }

  logout(refreshToken: string, options?: CallOptions): Promise<void> {
    return this.transport.json({ method: 'POST', path: '/auth/logout', body: { refreshToken }, options });
  }

  /** Who the credentials are, what they may do in the workspace of the call, and the key when it is one. */
  me(options?: CallOptions): Promise<Me> {
    return this.transport.json({ method: 'GET', path: '/auth/me', options });
  }

  /** Revokes every other session. */
  changePassword(body: ChangePasswordDto, options?: CallOptions): Promise<void> {
    return this.transport.json({ method: 'POST', path: '/auth/password', body, options });
  }

  /** With a reset token an instance admin handed over; revokes every session. */
  resetPassword(body: ResetPasswordDto, options?: CallOptions): Promise<void> {
    return this.transport.json({ method: 'POST', path: '/auth/password-reset', body, options });
  }
}

/** The signed-in user's sessions, one per refresh-token family. */
export class SessionsResource {
  constructor(private readonly transport: Transport) {}

  list(options?: CallOptions): Promise<SignInSession[]> {
    return this.transport.json({ method: 'GET', path: '/auth/sessions', options });
  }

  end(id: string, options?: CallOptions): Promise<void> {
    return this.transport.json({ method: 'DELETE', path: `/auth/sessions/${segment(id)}`, options });
  }
}

/** Two-factor sign-in (TOTP) of the signed-in user. */
export class TwoFactorResource {
  constructor(private readonly transport: Transport) {}

  setup(options?: CallOptions): Promise<TwoFactorSetup> {
    return this.transport.json({ method: 'POST', path: '/auth/2fa/setup', options });
  }

  /** The recovery codes are in this answer only. */
  enable(code: string, options?: CallOptions): Promise<RecoveryCodes> {
    return this.transport.json({ method: 'POST', path: '/auth/2fa/enable', body: { code }, options });
  }

  disable(body: DisableTwoFactorDto, options?: CallOptions): Promise<void> {
    return this.transport.json({ method: 'POST', path: '/auth/2fa/disable', body, options });
  }
}

/** The OAuth apps the signed-in user let act for them. */
export class AuthorizationsResource {
  constructor(private readonly transport: Transport) {}

  list(options?: CallOptions): Promise<OAuthAuthorization[]> {
    return this.transport.json({ method: 'GET', path: '/auth/authorizations', options });
  }

  /** Revokes every token of that grant at once. */
  revoke(id: string, options?: CallOptions): Promise<void> {
    return this.transport.json({ method: 'DELETE', path: `/auth/authorizations/${segment(id)}`, options });
  }
}
