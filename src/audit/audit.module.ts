import { Module } from '@nestjs/common';
import { CountersModule } from '../counters/counters.module.js';
import { AlertWebhook } from './alerts/alert-webhook.js';
import { AuditLogModule } from './chain/audit-log.module.js';
import { SuspiciousActivityDetector } from './detectors/suspicious-activity.service.js';
import { AuditPartitions } from './partitions/audit-partitions.js';
import { AuditRetention } from './retention/audit-retention.js';
import { AuditReader } from './review/audit-reader.js';
import { InstanceChainsController, WorkspaceChainController } from './review/audit-verify.controller.js';
import { AuditController } from './review/audit.controller.js';
import { AuditVerifier } from './verification/audit-verifier.js';

/** Reviewing, verifying, watching, partitioning and pruning the audit log; writing it is AuditLogModule's. */
@Module({
  imports: [AuditLogModule, CountersModule],
  controllers: [AuditController, InstanceChainsController, WorkspaceChainController],
  providers: [AuditReader, AuditPartitions, AuditRetention, AuditVerifier, AlertWebhook, SuspiciousActivityDetector],
})
export class AuditModule {}
