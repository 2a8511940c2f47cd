import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import passport, { type Strategy } from 'passport';
import { AppError } from '../common/errors/app-error.js';
import type { ErrorCode } from '../common/errors/error-codes.js';

let sequence = 0;

/**
 * Passport keeps strategies in one process-wide registry, where the last app to start would
 * win for every app in the process (the e2e tests run several). Each strategy instance is
 * therefore also registered under a name of its own, and its app's guard uses that name.
 */
export function registerStrategy(strategy: Strategy, base: string): string {
  const name = `${base}#${++sequence}`;
  passport.use(name, strategy);
  return name;
}

export function unregisterStrategy(name: string): void {
  passport.unuse(name);
}

/**
 * A guard running one passport strategy. A strategy that fails (bad token, no key) becomes
 * `failure`; an error (a refusal with its own code, or the database being away) passes through.
 */
export function createPassportGuard(strategyName: string, failure: ErrorCode): CanActivate {
  const Guard = class extends AuthGuard(strategyName) {
    override handleRequest<T>(error: unknown, principal: T | false): T {
      if (error) throw error;
      if (!principal) throw new AppError(failure);
      return principal;
    }
  };
  const guard = new Guard();
  return { canActivate: (context: ExecutionContext) => guard.canActivate(context) as Promise<boolean> };
}
