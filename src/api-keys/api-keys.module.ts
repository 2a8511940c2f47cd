import { Module } from '@nestjs/common';
import { CountersModule } from '../counters/counters.module.js';
import { CreditRefills } from './credits/credit-refills.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogModule } from '../audit/chain/audit-log.module.js';
import { UsersModule } from '../users/users.module.js';
import { WorkspacesModule } from '../workspaces/workspaces.module.js';
import { ApiKey } from './api-key.entity.js';
import { ApiKeyRecords } from './verification/api-key.records.js';
import { ApiKeyUsageService } from './usage/usage-report.service.js';
import { ApiKeyCredential } from './verification/api-key.credential.js';
import { ApiKeyStrategy } from './verification/api-key.strategy.js';
import { ApiKeyVerifier } from './verification/api-key.verifier.js';
import { ApiKeysController } from './management/api-keys.controller.js';
import { ApiKeysService } from './management/api-keys.service.js';
import { KeyUseHook } from './usage/key-use.hook.js';
import { KeyUsageRecorder } from './usage/key-usage.recorder.js';
import { KeyVerification } from './verify/key-verification.service.js';
import { VerifyController } from './verify/verify.controller.js';

@Module({
  imports: [TypeOrmModule.forFeature([ApiKey]), AuditLogModule, UsersModule, WorkspacesModule, CountersModule],
  controllers: [ApiKeysController, VerifyController],
  providers: [ApiKeyRecords, ApiKeyVerifier, ApiKeyStrategy, ApiKeyCredential, KeyUsageRecorder, KeyUseHook, CreditRefills, ApiKeysService, ApiKeyUsageService, KeyVerification],
  exports: [ApiKeyStrategy, ApiKeyVerifier],
})
export class ApiKeysModule {}
