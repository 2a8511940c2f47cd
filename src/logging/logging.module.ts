import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config.js';
import { AccessLogHook } from './access-log.hook.js';
import { baseLoggerOptions } from './log-options.js';

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => ({
        pinoHttp: baseLoggerOptions({ logLevel: config.get('logLevel', { infer: true }), nodeEnv: config.get('nodeEnv', { infer: true }) }),
        // No per-request pino-http middleware (and its AsyncLocalStorage): the access log is
        // AccessLogHook, which does nothing for a level that is off.
        forRoutes: [],
      }),
    }),
  ],
  providers: [AccessLogHook],
})
export class LoggingModule {}
