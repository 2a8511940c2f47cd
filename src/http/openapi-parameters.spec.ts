import { parametersOf } from './openapi-parameters.js';

const ws = { name: 'ws', in: 'path', required: true, schema: { type: 'string' } };
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const header = { name: 'x-workspace', in: 'header', required: true, schema: { type: 'string' } };
const limit = { name: 'limit', in: 'query', required: false, schema: { type: 'number' } };

describe('parametersOf', () => {
  it('adds a path parameter the template names and the handler does not read, keeping the ones it has', () => {
    expect(parametersOf('/api/v1/workspaces/{ws}/api-keys/{id}', [id, limit])).toEqual([{ ...ws, description: 'the workspace’s id or slug' }, id, limit]);
  });

  it('drops a path parameter the template does not name', () => {
    expect(parametersOf('/api/v1/audit-logs/{id}', [id, ws])).toEqual([id]);
  });

  it('makes X-Workspace optional on an un-prefixed path and drops it where the path names the workspace', () => {
    expect(parametersOf('/api/v1/audit-logs', [header])).toEqual([{ ...header, required: false, description: expect.stringContaining('personal') }]);
    expect(parametersOf('/api/v1/workspaces/{ws}/audit-logs', [ws, header])).toEqual([ws]);
  });
});
