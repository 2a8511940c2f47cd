import { Controller, Get, Headers, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { KeyObject } from 'node:crypto';
import { Public, RequirePermissions } from '../../access/access.decorators.js';
import { InWorkspace, WORKSPACE_HEADER, workspacePaths } from '../../access/call-workspace.js';
import { CurrentCaller } from '../../access/caller.decorator.js';
import type { Caller } from '../../access/caller.js';
import { ed25519PublicJwk, type Ed25519PublicJwk } from '../../common/ed25519-keys.js';
import type { Page } from '../../common/pagination.js';
import { namedWorkspace, readsInstanceWide, visibilityOf } from '../review/audit.policies.js';
import { AuditDigestsReader } from './audit-digests.reader.js';
import { digestScope } from './digest-scope.js';
import type { DigestRow } from './digest-store.js';
import { DigestListQuery } from './digests.dto.js';
import { AuditDigestPage, AuditSigningKeyResponse } from './digests.responses.js';
import { AUDIT_SIGNING_KEY } from './signing-key.js';

/**
 * The signed digests of the chains the caller may verify (API.md §13): the workspace of the call's
 * chain, or, for an instance auditor, every chain, as the audit log itself is read.
 */
@ApiTags('audit')
@ApiBearerAuth()
@ApiSecurity('api-key')
@InWorkspace()
@Controller(workspacePaths('audit-logs'))
export class AuditDigestsController {
  private readonly key: Ed25519PublicJwk;

  constructor(
    private readonly reader: AuditDigestsReader,
    @Inject(AUDIT_SIGNING_KEY) signingKey: KeyObject,
  ) {
    this.key = ed25519PublicJwk(signingKey);
  }

  @Get('digests')
  @ApiOkResponse({ type: AuditDigestPage, description: 'signed chain heads, newest first' })
  @RequirePermissions('audit:read')
  async digests(
    @CurrentCaller() caller: Caller,
    @Query() query: DigestListQuery,
    @Param('ws') ws?: string,
    @Headers(WORKSPACE_HEADER) header?: string,
  ): Promise<Page<DigestRow> & { key: Ed25519PublicJwk }> {
    const visibility = visibilityOf(caller, readsInstanceWide(caller, { all: query.all, namedWorkspace: namedWorkspace(ws, header) }));
    return { ...(await this.reader.list(digestScope(visibility, query.chainId), query.limit, query.cursor)), key: this.key };
  }
}

/** The public key digests are verified with, for anyone (outside /api/v1, as RFC 8615 places it). */
@ApiTags('audit')
@Controller('.well-known')
export class AuditSigningKeyController {
  private readonly key: Ed25519PublicJwk;

  constructor(@Inject(AUDIT_SIGNING_KEY) signingKey: KeyObject) {
    this.key = ed25519PublicJwk(signingKey);
  }

  @Public()
  @Get('keyward-audit-key')
  @ApiOkResponse({ type: AuditSigningKeyResponse, description: 'the Ed25519 public key that signs the audit digests, as a JWK' })
  signingKey(): Ed25519PublicJwk {
    return this.key;
  }
}
