import { ndjsonValues } from '../ndjson.js';
import type { CallOptions } from '../options.js';
import { Paginated } from '../pagination.js';
import type { Transport } from '../transport.js';
import type {
  AllChainsVerifyResult,
  AuditDigest,
  AuditDigestListQuery,
  AuditDigestPage,
  AuditEvent,
  AuditExportedEvent,
  AuditExportFormat,
  AuditExportQuery,
  AuditListQuery,
  AuditVerification,
  Page,
} from '../types.js';
import { segment } from '../url.js';

const MEDIA_TYPES: Record<AuditExportFormat, string> = { ndjson: 'application/x-ndjson', csv: 'text/csv' };

/** The audit log (API.md §7, §9, §13), newest first. */
export class AuditLogsResource {
  constructor(
    private readonly transport: Transport,
    private readonly scope: string,
  ) {}

  private path(rest = ''): string {
    return `${this.scope}/audit-logs${rest}`;
  }

  list(query: AuditListQuery = {}, options?: CallOptions): Paginated<AuditEvent> {
    const { cursor, ...filter } = query;
    return new Paginated((at) => this.transport.json<Page<AuditEvent>>({ method: 'GET', path: this.path(), query: { ...filter, cursor: at }, options }), cursor);
  }

  get(id: string, options?: CallOptions): Promise<AuditEvent> {
    return this.transport.json({ method: 'GET', path: this.path(`/${segment(id)}`), options });
  }

  /**
   * Every event the filter matches, streamed (audit:read): read as they arrive, with no page size
   * and no whole export in memory. Breaking out of the loop ends the download. Each carries its
   * chain, seq and hashes, for `npm run audit:verify`.
   */
  async *export(query: AuditExportQuery = {}, options?: CallOptions): AsyncGenerator<AuditExportedEvent, void, undefined> {
    const body = await this.exportStream(query, 'ndjson', options);
    yield* ndjsonValues<AuditExportedEvent>(body);
  }

  /** The export as the server streams it (ndjson, or CSV for a spreadsheet), to pipe to a file. */
  async exportStream(query: AuditExportQuery = {}, format: AuditExportFormat = 'ndjson', options?: CallOptions): Promise<ReadableStream<Uint8Array>> {
    const response = await this.transport.stream({ method: 'GET', path: this.path('/export'), query: { ...query, format }, options }, MEDIA_TYPES[format]);
    if (!response.body) throw new Error('Keyward answered the export without a body');
    return response.body;
  }

  /**
   * The signed digests of the chain (audit:read; an instance auditor's: every chain's, or `chainId`'s),
   * newest first. Each page also carries `key`, the public key signing them now.
   */
  digests(query: AuditDigestListQuery = {}, options?: CallOptions): Paginated<AuditDigest> {
    const { cursor, ...filter } = query;
    return new Paginated((at) => this.transport.json<AuditDigestPage>({ method: 'GET', path: this.path('/digests'), query: { ...filter, cursor: at }, options }), cursor);
  }

  /** Recomputes the hash chain; instance auditors pass `all: true` for every chain. */
  verify(query?: { all?: false }, options?: CallOptions): Promise<AuditVerification>;
  verify(query: { all: true }, options?: CallOptions): Promise<AllChainsVerifyResult>;
  verify(query: { all?: boolean } = {}, options?: CallOptions): Promise<AuditVerification | AllChainsVerifyResult> {
    return this.transport.json({ method: 'GET', path: this.path('/verify'), query, options });
  }
}
