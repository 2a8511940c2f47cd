import { Global, Module } from '@nestjs/common';
import { AlertWebhook } from './alert-webhook.js';
import { AuditLog } from './audit-log.js';
import { AuditReader } from './audit-reader.service.js';
import { AuditRetention } from './audit-retention.js';
import { AuditWriter } from './audit-writer.js';
import { AuditController } from './audit.controller.js';
import { SuspiciousActivityDetector } from './detectors/suspicious-activity.service.js';

@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditWriter, AuditLog, AuditReader, AuditRetention, AlertWebhook, SuspiciousActivityDetector],
  exports: [AuditLog, AuditWriter],
})
export class AuditModule {}
