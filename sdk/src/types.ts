/**
 * The API's shapes under names a caller reads, all taken from ./generated/types.gen.ts — which
 * `npm run sdk:generate` writes from the service's own OpenAPI document — never copied by hand.
 */
import type {
  ApiKeysControllerListData,
  ApiKeysControllerUsageData,
  AuditControllerExportData,
  AuditControllerListData,
  AuditDigestsControllerDigestsData,
  ContentsControllerListData,
  Error as ErrorBody,
  InstanceChainsControllerVerifyData,
  InvitationsControllerListData,
  MembersControllerListData,
  UsersControllerListData,
  VerifyKeyDto,
} from './generated/types.gen.js';

export type * from './generated/types.gen.js';

/** The one error shape of API.md §1. */
export type KeywardErrorBody = ErrorBody;

/** Every error code of API.md §1 (the service's catalogue, carried into the document as an enum). */
export type KeywardErrorCode = ErrorBody['code'];

/** Every paginated list answers in this shape: pass `nextCursor` back as `cursor` for the next page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

type QueryOf<Data extends { query?: unknown }> = NonNullable<Data['query']>;

export type ApiKeyListQuery = QueryOf<ApiKeysControllerListData>;
export type UsageQuery = QueryOf<ApiKeysControllerUsageData>;
export type ContentListQuery = QueryOf<ContentsControllerListData>;
export type MemberListQuery = QueryOf<MembersControllerListData>;
export type InvitationListQuery = QueryOf<InvitationsControllerListData>;
export type UserListQuery = QueryOf<UsersControllerListData>;
export type AuditListQuery = QueryOf<AuditControllerListData>;
/** The audit filters without a page's limit and cursor: what an export takes. */
export type AuditExportQuery = Omit<QueryOf<AuditControllerExportData>, 'format'>;
export type AuditVerifyQuery = QueryOf<InstanceChainsControllerVerifyData>;
export type AuditExportFormat = NonNullable<QueryOf<AuditControllerExportData>['format']>;
export type AuditDigestListQuery = QueryOf<AuditDigestsControllerDigestsData>;

/** What POST /keys/verify takes besides the key itself. */
export type VerifyKeyOptions = Omit<VerifyKeyDto, 'key'>;
