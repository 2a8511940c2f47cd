import type { AuditEventInput } from '../audit/chain/audit-event.input.js';
import type { AppError } from '../common/errors/app-error.js';
import type { CallWorkspace } from './call-workspace.js';
import { actorOf, type Principal } from './principal.js';
import type { RequestContext } from './request-context.js';

/**
 * One request's caller, as services take it: who (the principal), from where (the request
 * context the audit log keeps) and the status the route answers with when it succeeds.
 */
export interface Caller {
  principal: Principal;
  /** The workspace of the call, on @InWorkspace() routes. */
  workspace?: CallWorkspace;
  context: RequestContext;
  /** The route's success status (@HttpCode, else Nest's 201 for POST and 200 otherwise). */
  successStatus: number;
}

/** The caller's workspace, as an @InWorkspace() route resolved it. */
export function workspaceOf(caller: Caller): CallWorkspace {
  if (!caller.workspace) throw new Error('workspaceOf() needs an @InWorkspace() route');
  return caller.workspace;
}

/** What the caller may do where the call acts: in its workspace when it has one. */
export function callerPermissions(caller: Caller): readonly string[] {
  return caller.workspace?.permissions ?? caller.principal.permissions;
}

/** A caller on a @Public() route (signing in, registering): nobody is known yet. */
export interface AnonymousCaller extends Omit<Caller, 'principal'> {
  principal: null;
}

/** What an event says of itself; who, from where and with which status come from the caller. */
export type CallerEventFields = Omit<AuditEventInput, 'ip' | 'userAgent' | 'method' | 'path' | 'statusCode'>;

/** An event of a call in a workspace extends that workspace's chain unless it names another. */
function eventOf(caller: Caller | AnonymousCaller, statusCode: number, event: CallerEventFields): AuditEventInput {
  const chainId = (caller as Caller).workspace?.id;
  return { ...(caller.principal && actorOf(caller.principal)), ...caller.context, statusCode, ...(chainId && { chainId }), ...event };
}

/** The audit event of something the caller did: it records the status the route answers with. */
export function callerEvent(caller: Caller | AnonymousCaller, event: CallerEventFields): AuditEventInput {
  return eventOf(caller, caller.successStatus, event);
}

/** The audit event of something refused: it records the status of the error the caller gets. */
export function refusalEvent(caller: Caller | AnonymousCaller, error: AppError, event: CallerEventFields): AuditEventInput {
  return eventOf(caller, error.status, event);
}
