import { Global, Module } from '@nestjs/common';
import { AlertWebhook } from './alerts/alert-webhook.js';
import { AuditLog } from './chain/audit-log.js';
import { AuditReader } from './review/audit-reader.js';
import { AuditRetention } from './retention/audit-retention.js';
import { AuditWriter } from './chain/audit-writer.js';
import { AuditController } from './review/audit.controller.js';
import { SuspiciousActivityDetector } from './detectors/suspicious-activity.service.js';

@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditWriter, AuditLog, AuditReader, AuditRetention, AlertWebhook, SuspiciousActivityDetector],
  exports: [AuditLog, AuditWriter],
})
export class AuditModule {}
