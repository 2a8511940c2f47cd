import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from './config/app-config.js';

/** OpenAPI UI at /docs and the document at /docs-json, unless DOCS_ENABLED=false (then both are 404). */
export function setupOpenApi(app: NestFastifyApplication, config: Pick<AppConfig, 'docsEnabled'>): void {
  if (!config.docsEnabled) return;
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Keyward')
      .setDescription('API keys that authenticate as their owner: scoped, rate-limited, audited. Errors follow one shape: {statusCode, code, message, path, timestamp, details?}.')
      .setVersion('1')
      .addBearerAuth()
      .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key' }, 'api-key')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
