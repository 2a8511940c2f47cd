import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import type { AuthenticatedRequest } from './access.decorators.js';
import type { AnonymousCaller, Caller } from './caller.js';
import type { CallWorkspace } from './call-workspace.js';
import type { Principal } from './principal.js';
import { type RequestContext, requestContext } from './request-context.js';

/** The status Nest answers a handler with on success: its @HttpCode, else 201 for POST and 200 otherwise. */
export function successStatusOf(handler: object, method: string): number {
  return (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ?? (method === 'POST' ? 201 : 200);
}

/** A request's Caller. Its request context is worked out only when an audit event asks: most reads never record one. */
export function callerOf(request: AuthenticatedRequest, handler: object): Caller | AnonymousCaller {
  let context: RequestContext | undefined;
  return {
    principal: request.user ?? null,
    workspace: request.workspace,
    successStatus: successStatusOf(handler, request.method),
    get context() {
      return (context ??= requestContext(request));
    },
  } as Caller | AnonymousCaller;
}

/** The request's Caller (an AnonymousCaller, principal null, on a @Public() route). */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller | AnonymousCaller =>
  callerOf(context.switchToHttp().getRequest<AuthenticatedRequest>(), context.getHandler()),
);

/**
 * The principal and the workspace of the call, for a hot read that records nothing (GET /auth/me),
 * taken from `@Req()`: Nest runs the global ValidationPipe over every custom param decorator's
 * value — promises on every request for nothing to validate — while it pipes no request object.
 */
export function principalAndWorkspace(request: AuthenticatedRequest): { principal: Principal; workspace: CallWorkspace } {
  const workspace = request.workspace;
  if (!request.user || !workspace) throw new Error('principalAndWorkspace() needs an authenticated @InWorkspace() route');
  return { principal: request.user, workspace };
}
