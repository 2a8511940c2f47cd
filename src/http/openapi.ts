import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorResponse } from '../common/errors/error-response.schema.js';
import type { AppConfig } from '../config/app-config.js';
import { withExactParameters } from './openapi-parameters.js';

const ERROR_SCHEMA = { $ref: '#/components/schemas/Error' };

/** Every operation can fail in API.md §1's one shape: said once here instead of on each route. */
export function withErrorResponses(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.get, item.put, item.post, item.delete, item.patch]) {
      if (!operation) continue;
      operation.responses.default = { description: 'Error (API.md §1)', content: { 'application/json': { schema: ERROR_SCHEMA } } };
    }
  }
  return document;
}

/**
 * A workspace resource's two paths (workspacePaths) share a handler, which swagger would name
 * `create[0]` and `create[1]`: the un-prefixed path keeps the plain name clients already use, the
 * `/workspaces/{ws}/` one gets `InWorkspace`.
 */
export function operationIdOf(controller: string, method: string): string {
  const alias = /^(.+)\[(\d+)\]$/.exec(method);
  return `${controller}_${alias ? `${alias[1]}${alias[2] === '0' ? '' : 'InWorkspace'}` : method}`;
}

export function createOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Keyward')
      .setDescription('API keys that authenticate as their owner: scoped, rate-limited, audited. Errors follow one shape: {statusCode, code, message, path, timestamp, details?}.')
      .setVersion('1')
      .addBearerAuth()
      .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key' }, 'api-key')
      .build(),
    { extraModels: [ErrorResponse], operationIdFactory: operationIdOf },
  );
  return withExactParameters(withErrorResponses(document));
}

/** OpenAPI UI at /docs and the document at /docs-json, unless DOCS_ENABLED=false (then both are 404). */
export function setupOpenApi(app: NestFastifyApplication, config: Pick<AppConfig, 'docsEnabled'>): void {
  if (!config.docsEnabled) return;
  SwaggerModule.setup('docs', app, createOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}
