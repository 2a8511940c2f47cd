import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config.js';
import { httpLoggerOptions } from './log-options.js';

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => ({
        pinoHttp: httpLoggerOptions({ logLevel: config.get('logLevel', { infer: true }), nodeEnv: config.get('nodeEnv', { infer: true }) }),
      }),
    }),
  ],
})
export class LoggingModule {}
