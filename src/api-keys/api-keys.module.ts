import { Module } from '@nestjs/common';
import { ApiKeyRecords } from './api-key-records.js';
import { ApiKeyUsageService } from './api-key-usage.service.js';
import { ApiKeyStrategy } from './api-key.strategy.js';
import { ApiKeyVerifier } from './api-key.verifier.js';
import { ApiKeysController } from './api-keys.controller.js';
import { ApiKeysService } from './api-keys.service.js';
import { KeyUseHook } from './key-use.hook.js';
import { KeyUsageRecorder } from './key-usage.recorder.js';

@Module({
  controllers: [ApiKeysController],
  providers: [ApiKeyRecords, ApiKeyVerifier, ApiKeyStrategy, KeyUsageRecorder, KeyUseHook, ApiKeysService, ApiKeyUsageService],
  exports: [ApiKeyStrategy, ApiKeyVerifier],
})
export class ApiKeysModule {}
