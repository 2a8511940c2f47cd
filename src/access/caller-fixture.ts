import type { Caller } from './caller.js';

/** A Caller for policy specs: a signed-in user holding `permissions`. */
export function callerHolding(permissions: string[], userId = '00000000-0000-4000-8000-000000000001'): Caller {
  return {
    principal: { user: { id: userId, email: 'spec@example.com', name: 'Spec', roles: [], active: true, createdAt: new Date(0), twoFactorEnabled: false }, authMethod: 'jwt', permissions, sessionId: '00000000-0000-4000-8000-00000000005e' },
    context: { ip: '127.0.0.1', userAgent: null, method: 'GET', path: '/' },
    successStatus: 200,
  };
}
