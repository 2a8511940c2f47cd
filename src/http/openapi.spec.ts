import { operationIdOf } from './openapi.js';

describe('operationIdOf', () => {
  it('keeps the plain id for a handler on one path and for the un-prefixed path of a workspace resource', () => {
    expect(operationIdOf('UsersController', 'list')).toBe('UsersController_list');
    expect(operationIdOf('ApiKeysController', 'create[0]')).toBe('ApiKeysController_create');
  });

  it('names the /workspaces/{ws}/ alias InWorkspace', () => {
    expect(operationIdOf('ApiKeysController', 'create[1]')).toBe('ApiKeysController_createInWorkspace');
  });
});
