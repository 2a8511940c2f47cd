import type { FastifyInstance } from 'fastify';
import { AppError } from '../common/errors/app-error.js';
import { inputProblems, jsonNestsDeeperThan, NESTING_MESSAGE, ROOT_NAME } from './input-hygiene.js';

/**
 * Every body and query string passes inputProblems() once, after parsing and before any guard,
 * pipe or service sees it: 400 validation.failed naming each bad field. One place, so no DTO
 * can forget it.
 */
export function refuseUnsafeInput(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request, _reply, done) => {
    // Most requests (every GET without a query) have nothing to read: no arrays made for them.
    if (request.body === undefined && isEmpty(request.query)) return done();
    const problems = [...inputProblems(request.query), ...inputProblems(request.body)];
    done(problems.length ? new AppError('validation.failed', undefined, problems) : undefined);
  });
}

/** What the JSON body parser answers, before parsing, to text nested past MAX_JSON_DEPTH. */
export function nestingRefusal(text: string): AppError | undefined {
  return jsonNestsDeeperThan(text) ? new AppError('validation.failed', undefined, [{ field: ROOT_NAME, message: NESTING_MESSAGE }]) : undefined;
}

function isEmpty(query: unknown): boolean {
  if (query === undefined || query === null) return true;
  for (const _key in query as object) return false;
  return true;
}
