import { Global, Module } from '@nestjs/common';
import { AuditLog } from './audit-log.js';
import { AuditWriter } from './audit-writer.js';

@Global()
@Module({
  providers: [AuditWriter, AuditLog],
  exports: [AuditLog, AuditWriter],
})
export class AuditModule {}
