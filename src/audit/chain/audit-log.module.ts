import { Module } from '@nestjs/common';
import { AuditLog } from './audit-log.js';
import { AuditWriter } from './audit-writer.js';

/** Writing the audit log: every module that records an event imports this, and nothing above it. */
@Module({
  providers: [AuditWriter, AuditLog],
  exports: [AuditLog, AuditWriter],
})
export class AuditLogModule {}
