import { ERROR_CATALOGUE } from '../src/common/errors/error-codes.js';
import { startTestApp, type TestApp } from './helpers/app.js';

type Content = Record<string, { schema?: Record<string, unknown> }>;
interface Operation {
  responses: Record<string, { content?: Content }>;
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  requestBody?: { content?: Content };
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown>; enum?: unknown[] }> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
/** Answers that are not JSON: a route listed here says what it sends instead. */
const NON_JSON_SUCCESS = new Set(['GET /api/v1/audit-logs/export', 'GET /api/v1/workspaces/{ws}/audit-logs/export']);
const LISTS = ['/api/v1/api-keys', '/api/v1/users', '/api/v1/contents', '/api/v1/audit-logs'];

let app: TestApp;
let doc: Document;
let operations: Array<{ id: string; operation: Operation }>;

beforeAll(async () => {
  app = await startTestApp();
  doc = (await app.api.get<Document>('/docs-json')).body;
  operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ id: `${method.toUpperCase()} ${path}`, operation })),
  );
});
afterAll(() => app?.close());

describe('the OpenAPI document', () => {
  it('gives every operation a typed 2xx response (or 204 with no body)', () => {
    expect(operations.length).toBeGreaterThan(25);
    const untyped = operations.filter(({ id, operation }) => {
      const success = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
      if (success.length === 0) return true;
      return success.some(([status, response]) => {
        if (status === '204') return response.content !== undefined;
        const media = response.content ?? {};
        if (NON_JSON_SUCCESS.has(id)) return Object.keys(media).length === 0;
        const schema = media['application/json']?.schema;
        // oneOf of named schemas is typed too (GET /audit-logs/verify answers one chain or all of them).
        const named = (options: unknown) => Array.isArray(options) && options.length > 0 && options.every((option) => typeof option === 'object' && option !== null && '$ref' in option);
        return !schema || !('$ref' in schema || 'items' in schema || 'type' in schema || ('oneOf' in schema && named(schema.oneOf)));
      });
    });
    expect(untyped.map(({ id }) => id)).toEqual([]);
  });

  it('types every request body with a named schema', () => {
    const withBody = operations.filter(({ operation }) => operation.requestBody);
    expect(withBody.length).toBeGreaterThan(20);
    const untyped = withBody.filter(({ operation }) => !('$ref' in (operation.requestBody?.content?.['application/json']?.schema ?? {})));
    expect(untyped.map(({ id }) => id)).toEqual([]);
  });

  it('gives every PATCH a request body: an edit always sends one', () => {
    const bodiless = operations.filter(({ id, operation }) => id.startsWith('PATCH ') && !operation.requestBody);
    expect(bodiless.map(({ id }) => id)).toEqual([]);
  });

  it("declares exactly the path parameters each path's template names", () => {
    const wrong = operations
      .map(({ id, operation }) => ({
        id,
        template: [...id.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort(),
        declared: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name).sort(),
      }))
      .filter(({ template, declared }) => template.join() !== declared.join());
    expect(wrong).toEqual([]);
  });

  it('never requires X-Workspace, and leaves it off the paths that name the workspace', () => {
    const headers = operations.flatMap(({ id, operation }) => (operation.parameters ?? []).filter((p) => p.in === 'header' && p.name.toLowerCase() === 'x-workspace').map((p) => ({ id, required: p.required ?? false })));
    expect(headers.length).toBeGreaterThan(0);
    expect(headers.filter(({ id, required }) => required || id.includes('{ws}'))).toEqual([]);
  });

  it('lists exactly the error catalogue as the error codes, shared by the error shape and a verification', () => {
    expect(doc.components.schemas.ErrorCode.enum).toEqual(Object.keys(ERROR_CATALOGUE));
    // swagger wraps a named enum with an example or description in allOf
    const refOf = (schema: any) => schema?.$ref ?? schema?.allOf?.[0]?.$ref;
    expect(refOf(doc.components.schemas.Error.properties?.code)).toBe('#/components/schemas/ErrorCode');
    expect(refOf(doc.components.schemas.KeyVerification.properties?.code)).toBe('#/components/schemas/ErrorCode');
  });

  it('gives every operation the one error schema of API.md §1', () => {
    const error = doc.components.schemas.Error;
    expect(Object.keys(error.properties ?? {})).toEqual(expect.arrayContaining(['statusCode', 'code', 'message', 'path', 'timestamp', 'details']));
    const missing = operations.filter(({ operation }) => operation.responses.default?.content?.['application/json']?.schema?.$ref !== '#/components/schemas/Error');
    expect(missing.map(({ id }) => id)).toEqual([]);
  });

  it('documents limit and cursor on every paginated list, and its items and nextCursor', () => {
    for (const path of LISTS) {
      const list = doc.paths[path].get;
      expect({ path, query: (list.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name) }).toEqual({
        path,
        query: expect.arrayContaining(['limit', 'cursor']),
      });
      const ref = String(list.responses['200'].content?.['application/json'].schema?.$ref);
      const page = doc.components.schemas[ref.split('/').pop() as string];
      expect(Object.keys(page.properties ?? {})).toEqual(['items', 'nextCursor']);
    }
  });

  it('describes the signed digests of API.md §13, their paged list, the public key and the export line they are checked against', () => {
    expect(Object.keys(doc.components.schemas.AuditDigest.properties ?? {}).sort()).toEqual(
      ['id', 'chainId', 'seq', 'hash', 'at', 'previousDigestHash', 'digestHash', 'keyId', 'signature'].sort(),
    );
    expect(Object.keys(doc.components.schemas.AuditDigestPage.properties ?? {})).toEqual(['items', 'nextCursor', 'key']);
    expect(Object.keys(doc.components.schemas.AuditSigningKey.properties ?? {}).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    expect(Object.keys(doc.components.schemas.AuditExportedEvent.properties ?? {})).toEqual(expect.arrayContaining(['seq', 'chainId', 'canonicalVersion', 'prevHash', 'hash']));
    for (const path of ['/api/v1/audit-logs/digests', '/api/v1/workspaces/{ws}/audit-logs/digests']) {
      const list = doc.paths[path].get;
      expect((list.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name).sort()).toEqual(['all', 'chainId', 'cursor', 'limit']);
      expect(list.responses['200'].content?.['application/json'].schema?.$ref).toBe('#/components/schemas/AuditDigestPage');
    }
    expect(doc.paths['/.well-known/keyward-audit-key'].get.responses['200'].content?.['application/json'].schema?.$ref).toBe('#/components/schemas/AuditSigningKey');
  });

  it('describes the key object with every field of API.md §5, the workspaceId of §9 and the credits and limits of §15', () => {
    expect(Object.keys(doc.components.schemas.ApiKey.properties ?? {}).sort()).toEqual(
      ['id', 'name', 'description', 'keyPrefix', 'scopes', 'rateLimit', 'allowedIps', 'metadata', 'active', 'status', 'validFrom', 'expiresAt', 'revokedAt', 'lastUsedAt', 'lastUsedIp', 'usageCount', 'rotatedFromId', 'createdAt', 'updatedAt', 'userId', 'workspaceId', 'credits', 'limits'].sort(),
    );
  });
});
