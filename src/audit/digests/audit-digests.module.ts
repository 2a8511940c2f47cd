import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../../config/app-config.js';
import { AuditDigestsController, AuditSigningKeyController } from './audit-digests.controller.js';
import { AuditDigestsReader } from './audit-digests.reader.js';
import { AuditDigester } from './audit-digester.js';
import { AUDIT_SIGNING_KEY, signingKeyOf } from './signing-key.js';

/** Signed digests of the audit chains: the signing key, the job that signs each window, and their routes. */
@Module({
  controllers: [AuditDigestsController, AuditSigningKeyController],
  providers: [
    {
      provide: AUDIT_SIGNING_KEY,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => signingKeyOf(config.get('audit', { infer: true }), config.get('dataDir', { infer: true })),
    },
    AuditDigester,
    AuditDigestsReader,
  ],
  exports: [AuditDigester],
})
export class AuditDigestsModule {}
