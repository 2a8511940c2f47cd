import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { decodeCursor, type Page, toPage } from '../../common/pagination.js';
import type { DigestScope } from './digest-scope.js';
import type { DigestRow } from './digest-store.js';

type Row = Omit<DigestRow, 'seq' | 'at'> & { seq: string; createdAt: Date };

const COLUMNS = `id, chain_id AS "chainId", seq::text AS seq, hash, signed_at AS "createdAt", previous_digest_hash AS "previousDigestHash",
  digest_hash AS "digestHash", key_id AS "keyId", signature`;

/** Lists signed digests, newest first. */
@Injectable()
export class AuditDigestsReader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(scope: DigestScope, limit: number, cursor?: string): Promise<Page<DigestRow>> {
    if ('none' in scope) return { items: [], nextCursor: null };
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (scope.chainId) clauses.push(`chain_id = $${params.push(scope.chainId)}`);
    if (cursor) {
      const after = decodeCursor(cursor);
      clauses.push(`(signed_at, id) < ($${params.push(after.createdAt)}, $${params.push(after.id)})`);
    }
    const rows = await this.db.query<Row[]>(
      `SELECT ${COLUMNS} FROM audit_digests ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''} ORDER BY signed_at DESC, id DESC LIMIT ${limit + 1}`,
      params,
    );
    return toPage(rows, limit, ({ createdAt, seq, ...row }) => ({ ...row, seq: Number(seq), at: createdAt.toISOString() }));
  }
}
