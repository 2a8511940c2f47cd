/**
 * Shapes of the public HTTP contract (shared/API.md) as the console reads them: names for the types
 * generated from the server's OpenAPI document, which the SDK owns (sdk/src/generated/types.gen.ts,
 * `npm run sdk:generate`), never hand-copied shapes.
 */
import type {
  AllChainsVerifyResult,
  ApiKey as GeneratedApiKey,
  ApiKeyPage,
  ApiKeysControllerUsageData,
  AuditEvent as GeneratedAuditEvent,
  AuditEventPage,
  AuditVerification as GeneratedAuditVerification,
  ChangeMemberRoleDto,
  ChangePasswordDto,
  CreateApiKeyDto,
  CreateInvitationDto,
  CreateWorkspaceDto,
  CreatedInvitation as GeneratedCreatedInvitation,
  Invitation as GeneratedInvitation,
  InvitationPage,
  Member as GeneratedMember,
  MemberPage,
  CreateOAuthAppDto,
  CreatedOAuthApp as GeneratedCreatedOAuthApp,
  OAuthApp as GeneratedOAuthApp,
  OAuthAuthorization as GeneratedOAuthAuthorization,
  OAuthConsentDecision,
  OAuthConsentRequest,
  UpdateOAuthAppDto,
  CreateRoleDto,
  CreatedApiKey as GeneratedCreatedApiKey,
  CreditRefill as GeneratedCreditRefill,
  CreditSettings,
  Credits,
  NamedLimit as GeneratedNamedLimit,
  SharedLimits,
  SharedLimitsDto,
  StoredNamedLimit,
  DisableTwoFactorDto,
  Me,
  MfaChallenge as GeneratedMfaChallenge,
  PasswordReset as GeneratedPasswordReset,
  RecoveryCodes as GeneratedRecoveryCodes,
  ResetPasswordDto,
  SecondFactorDto,
  TransferredApiKey,
  SignInSession as GeneratedSignInSession,
  TwoFactorSetup as GeneratedTwoFactorSetup,
  RegisterDto,
  RevokedCount as GeneratedRevokedCount,
  Role as GeneratedRole,
  Session,
  UpdateApiKeyDto,
  UpdateRoleDto,
  UpdateUserDto,
  UpdateWorkspaceDto,
  UsagePoint,
  UsageReport,
  UsageTotals,
  User as GeneratedUser,
  UserPage,
  Workspace as GeneratedWorkspace,
} from '@keyward/sdk/types';

/** Every list answers in this shape (checked below against the document's pages). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type User = GeneratedUser;

export type UserUpdate = UpdateUserDto;

export type Registration = RegisterDto;

/** The console uses cookie sessions: the refresh token is only ever the httpOnly `kw_refresh` cookie, never in the body. */
export type SessionResponse = Omit<Session, 'refreshToken'>;

export type MeResponse = Me;

/** What a right password answers instead of a session when the account has two-factor sign-in on. */
export type MfaChallenge = GeneratedMfaChallenge;

/** The second step of a sign-in: a code from the authenticator app, or one of the recovery codes. */
export type SecondFactor = { code: string } | { recoveryCode: string };

export type SignInSession = GeneratedSignInSession;

export type PasswordChange = ChangePasswordDto;

/** The one response that carries a reset token (shown once). */
export type PasswordReset = GeneratedPasswordReset;

export type NewPasswordWithToken = ResetPasswordDto;

export type TwoFactorSetup = GeneratedTwoFactorSetup;

/** The one response that carries the recovery codes. */
export type RecoveryCodes = GeneratedRecoveryCodes;

export type TwoFactorOff = DisableTwoFactorDto;

export type ApiKey = GeneratedApiKey;

/** The one response that carries the raw key. */
export type CreatedApiKey = GeneratedCreatedApiKey;

export type KeyStatus = ApiKey['status'];

/** The document gives the statuses only as a type; the filter needs them at run time (checked below). */
export const KEY_STATUSES = ['active', 'disabled', 'expired', 'pending', 'revoked'] as const satisfies readonly KeyStatus[];

/** The body that creates a key. */
export type NewKey = CreateApiKeyDto;

/** What the create and edit dialogs send: any of a key's settings. */
export type KeySettings = Omit<UpdateApiKeyDto, 'active'>;

export type KeyUpdate = UpdateApiKeyDto;

export type RevokedCount = GeneratedRevokedCount;

/** A key's credits as the server answers them (API.md §15): `remaining` as last written back. */
export type KeyCredits = Credits;

export type CreditRefill = GeneratedCreditRefill;

/** What create and PATCH take for `credits`: set `remaining` and `refill`, or (PATCH) `increment` / `decrement` alone. */
export type CreditsChange = CreditSettings;

/** A named limit as sent: `cost` and `auto` may be left to their defaults (1, false). */
export type NamedLimit = GeneratedNamedLimit;

/** A named limit as stored and answered, defaults filled in. */
export type StoredLimit = StoredNamedLimit;

/** GET/PUT /workspaces/:ws/limits and /workspaces/:ws/members/:userId/limits answer this. */
export type SharedLimitList = SharedLimits;

export type SharedLimitsUpdate = SharedLimitsDto;

/** A key handed to another member, with the scopes it lost because they hold nothing of them. */
export type TransferredKey = TransferredApiKey;

export type Granularity = NonNullable<NonNullable<ApiKeysControllerUsageData['query']>['granularity']>;

export type UsageCounts = UsageTotals;

export type UsageBucket = UsagePoint;

export type KeyUsage = UsageReport;

export type AuditEvent = GeneratedAuditEvent;

export type Severity = AuditEvent['severity'];

export type AuditVerification = GeneratedAuditVerification;

/** `verify?all=true`: every workspace's chain and the instance's. */
export type AllChainsVerification = AllChainsVerifyResult;

export type Role = GeneratedRole;

export type NewRole = CreateRoleDto;

export type RoleUpdate = UpdateRoleDto;

export type Workspace = GeneratedWorkspace;

export type NewWorkspace = CreateWorkspaceDto;

export type WorkspaceUpdate = UpdateWorkspaceDto;

export type Member = GeneratedMember;

export type MemberRoleChange = ChangeMemberRoleDto;

export type Invitation = GeneratedInvitation;

export type NewInvitation = CreateInvitationDto;

/** The one response that carries an invitation's token. */
export type CreatedInvitation = GeneratedCreatedInvitation;

export type OAuthApp = GeneratedOAuthApp;

export type OAuthAppType = OAuthApp['type'];

/** The one response that carries a confidential app's secret (creation, rotation). */
export type CreatedOAuthApp = GeneratedCreatedOAuthApp;

export type NewOAuthApp = CreateOAuthAppDto;

export type OAuthAppUpdate = UpdateOAuthAppDto;

/** What an app asks of the signed-in user at /oauth/consent/:uid. */
export type ConsentRequest = OAuthConsentRequest;

/** Where the browser resumes the authorization after Allow or Deny. */
export type ConsentDecision = OAuthConsentDecision;

/** An app I have authorized (a grant), from /auth/authorizations. */
export type Authorization = GeneratedOAuthAuthorization;

// Type-level checks: a failing one is a compile error in `tsc -p web/tsconfig.json`.
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
type _ApiTypeChecks = [
  Assert<Equals<(typeof KEY_STATUSES)[number], KeyStatus>>,
  Assert<Equals<ApiKeyPage, Page<ApiKey>>>,
  Assert<Equals<UserPage, Page<User>>>,
  Assert<Equals<AuditEventPage, Page<AuditEvent>>>,
  Assert<Equals<MemberPage, Page<Member>>>,
  Assert<Equals<InvitationPage, Page<Invitation>>>,
  // creating and editing a key take the same settings (only the name is required to create)
  Assert<Equals<Omit<NewKey, 'name'>, Omit<KeySettings, 'name'>>>,
  // both forms of the second factor are what the document's body takes, with the challenge
  Assert<Equals<Omit<SecondFactorDto, 'mfaToken'>, { code?: string; recoveryCode?: string }>>,
];
