import { randomUUID } from 'node:crypto';
import { createTestDatabase } from './helpers/database.js';
import { createKey, register, type Session } from './helpers/factories.js';
import { spawnService, type ServiceProcess } from './helpers/service-process.js';

/**
 * Every operation of /docs-json, every body field alone, every query parameter alone, set to
 * each string PostgreSQL or a careless handler could choke on: none may answer 5xx, and the
 * service must log no error and no stack. NUL and lone surrogates are refused outright.
 */

const PAYLOADS = {
  nul: 'a\u0000b',
  'lone surrogate': 'a\ud800b',
  '10 000 characters': 'x'.repeat(10_000),
  'control characters': '\u0001\u001b[31m',
} as const;
type PayloadName = keyof typeof PAYLOADS;
const REFUSED_OUTRIGHT: PayloadName[] = ['nul', 'lone surrogate'];

/**
 * A lone surrogate cannot be percent-encoded as UTF-8; these are the bytes WTF-8 would use. The
 * query parser leaves such bytes undecoded (well-formed text, nothing to refuse), so in a query
 * only NUL is refused outright; the ill-formed bytes must still not make a 5xx.
 */
const QUERY_VALUES: Record<PayloadName, string> = {
  nul: 'a%00b',
  'lone surrogate': 'a%ED%A0%80b',
  '10 000 characters': PAYLOADS['10 000 characters'],
  'control characters': encodeURIComponent(PAYLOADS['control characters']),
};

/** Query parameters the document may not list (PageQuery's carry no @ApiProperty here): swept all the same. */
const UNDOCUMENTED_QUERY: Record<string, string[]> = {
  'get /api/v1/users': ['limit', 'cursor'],
  'get /api/v1/contents': ['limit', 'cursor'],
  'get /api/v1/api-keys': ['limit', 'cursor'],
};

interface Schema {
  type?: string;
  $ref?: string;
  properties?: Record<string, Schema>;
}
interface Operation {
  method: string;
  path: string;
  bodyFields: Array<{ name: string; type?: string }>;
  queryNames: string[];
}
interface Outcome {
  request: string;
  status: number;
  code?: string;
  details?: Array<{ field: string }>;
}

let service: ServiceProcess;
let admin: Session;
let operations: Operation[];
const ids: Record<string, string> = {};

beforeAll(async () => {
  service = await spawnService({
    DATABASE_URL: await createTestDatabase(),
    // JSON log lines, as in production, so the levels can be read.
    NODE_ENV: 'production',
    METRICS_TOKEN: 'scrape-me',
    LOG_LEVEL: 'info',
    AUTH_RATE_LIMIT: '1000000',
    BRUTE_FORCE_THRESHOLD: '1000000',
    USER_RATE_LIMIT: '1000000',
  });
  admin = await register(service.api, { name: 'Admin' });
  const member = await register(service.api, { name: 'Member' });
  const token = admin.accessToken;
  ids.users = member.user.id;
  ids['api-keys'] = (await createKey(service.api, token)).id;
  ids.contents = (await service.api.post('/contents', { title: 'sweep' }, { token })).body.id;
  ids.roles = (await service.api.post('/roles', { name: 'sweep-role', permissions: ['contents:read'] }, { token })).body.name;
  ids['audit-logs'] = randomUUID();
  ids.workspaces = (await service.api.post('/workspaces', { name: 'Sweep' }, { token })).body.id;
  ids.members = admin.user.id;
  // Another sign-in of the admin's: the sweep's DELETE of it must not end the session the sweep runs in.
  await service.api.post('/auth/login', { email: admin.user.email, password: admin.password });
  ids.sessions = (await service.api.get('/auth/sessions', { token })).body.find((session: { current: boolean }) => !session.current).id;
  ids.invitations = (await service.api.post(`/workspaces/${ids.workspaces}/invitations`, { email: 'sweep@example.com', role: 'member' }, { token })).body.id;
  // No authorization is pending: the consent routes answer 404 once the body has passed validation.
  ids.interactions = randomUUID();
  ids.authorizations = randomUUID();
  ids['oauth-apps'] = (await service.api.post(`/workspaces/${ids.workspaces}/oauth-apps`, { name: 'Sweep', type: 'confidential', redirectUris: ['https://sweep.example.com/cb'] }, { token })).body.id;
  operations = readOperations((await service.api.get('/docs-json')).body);
}, 120_000);
afterAll(() => service?.stop());

function readOperations(document: { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, Schema> } }): Operation[] {
  const resolve = (schema: Schema | undefined): Schema | undefined => (schema?.$ref ? document.components.schemas[schema.$ref.split('/').pop()!] : schema);
  const found: Operation[] = [];
  for (const [path, byMethod] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(byMethod)) {
      const schema = resolve(operation.requestBody?.content?.['application/json']?.schema);
      found.push({
        method,
        path,
        bodyFields: Object.entries(schema?.properties ?? {}).map(([name, property]) => ({ name, type: resolve(property)?.type })),
        queryNames: (operation.parameters ?? []).filter((parameter: { in: string }) => parameter.in === 'query').map((parameter: { name: string }) => parameter.name),
      });
    }
  }
  for (const operation of found) {
    const missing = (UNDOCUMENTED_QUERY[`${operation.method} ${operation.path}`] ?? []).filter((name) => !operation.queryNames.includes(name));
    operation.queryNames.push(...missing);
  }
  // Deletions and revocations last, so the rest still finds what they would remove.
  const destructive = (operation: Operation) => operation.method === 'delete' || /revoke|rotate/.test(operation.path);
  return found.sort((a, b) => Number(destructive(a)) - Number(destructive(b)));
}

/** `/api/v1/contents/{id}` → a real content id; every path parameter gets a real (or random) value. */
function concretePath(path: string): string {
  return path.replace(/\/([a-z-]+)\/\{[A-Za-z]+\}/g, (_match, resource: string) => `/${resource}/${ids[resource] ?? randomUUID()}`);
}

/** The bodies that put `value` in `field` alone: as itself, inside an array, as an object value and key. */
function bodiesFor(field: { name: string; type?: string }, value: string): Array<{ body: unknown; path: string }> {
  const bodies: Array<{ body: unknown; path: string }> = [{ body: { [field.name]: value }, path: field.name }];
  if (field.type === 'array') bodies.push({ body: { [field.name]: [value] }, path: `${field.name}.0` });
  if (field.type === 'object') bodies.push({ body: { [field.name]: { k: value } }, path: `${field.name}.k` }, { body: { [field.name]: { [value]: 1 } }, path: '' });
  return bodies;
}

async function send(method: string, path: string, body: unknown, label: string): Promise<Outcome> {
  const response = await service.api.request(method.toUpperCase(), path.replace(/^\/api\/v1/, ''), body, { token: admin.accessToken });
  return { request: `${method.toUpperCase()} ${path.split('?')[0]} ${label}`, status: response.status, code: response.body?.code, details: response.body?.details };
}

describe('every body field and query parameter of every operation, set to a hostile string', () => {
  const outcomes: Array<Outcome & { payload: PayloadName; field: string; in: 'body' | 'query' }> = [];

  beforeAll(async () => {
    for (const operation of operations) {
      const base = concretePath(operation.path);
      for (const [payload, value] of Object.entries(PAYLOADS) as Array<[PayloadName, string]>) {
        // Bodyless operations get a stray field: the check runs before any handler ignores it.
        const fields = operation.bodyFields.length || operation.method === 'get' ? operation.bodyFields : [{ name: 'note' }];
        for (const field of fields) {
          for (const { body, path } of bodiesFor(field, value)) {
            outcomes.push({ ...(await send(operation.method, base, body, `body ${path || `${field.name} (key)`} = ${payload}`)), payload, field: path, in: 'body' });
          }
        }
        for (const name of operation.queryNames) {
          const outcome = await send(operation.method, `${base}?${name}=${QUERY_VALUES[payload]}`, undefined, `query ${name} = ${payload}`);
          outcomes.push({ ...outcome, payload, field: name, in: 'query' });
        }
      }
    }
  }, 300_000);

  it('sweeps every operation the document lists, with a body field or query parameter each where it has one', () => {
    const swept = new Set(outcomes.map((outcome) => outcome.request.split(' ').slice(0, 2).join(' ')));
    expect(operations.length).toBeGreaterThan(25);
    expect(outcomes.length).toBeGreaterThan(300);
    for (const operation of operations) {
      if (operation.bodyFields.length || operation.queryNames.length || operation.method !== 'get') {
        expect(swept).toContain(`${operation.method.toUpperCase()} ${concretePath(operation.path)}`);
      }
    }
  });

  it('never answers 5xx', () => {
    expect(outcomes.filter((outcome) => outcome.status >= 500).map((outcome) => `${outcome.request} → ${outcome.status} ${outcome.code}`)).toEqual([]);
  });

  it('refuses NUL and lone surrogates everywhere with 400 validation.failed naming the field', () => {
    const wrong = outcomes
      .filter((outcome) => (outcome.in === 'body' ? REFUSED_OUTRIGHT.includes(outcome.payload) : outcome.payload === 'nul'))
      .filter((outcome) => outcome.status !== 400 || outcome.code !== 'validation.failed' || (outcome.field && !outcome.details?.some((detail) => detail.field === outcome.field)))
      .map((outcome) => `${outcome.request} → ${outcome.status} ${outcome.code} ${JSON.stringify(outcome.details)}`);
    expect(wrong).toEqual([]);
  });

  it('logs no error and no stack trace', () => {
    const lines = service.output().split('\n');
    expect(lines.filter((line) => line.startsWith('{')).length).toBeGreaterThan(outcomes.length);
    expect(lines.filter((line) => /"level":(50|60)/.test(line) || /"stack"|\bat .+\.[cm]?js:\d+:\d+/.test(line))).toEqual([]);
  });
});
