import type { ExecutionContext } from '@nestjs/common';

type Targets = [handler: ReturnType<ExecutionContext['getHandler']>, controller: ReturnType<ExecutionContext['getClass']>];

/**
 * What a guard reads from a route's decorators, read once per route: metadata does not change once
 * the app runs, and Reflector's lookups (two targets, reflect-metadata's maps) cost every request.
 * Keyed by handler and its controller, as a handler inherited by two controllers may differ in each.
 */
export class RouteMemo<T> {
  private readonly byHandler = new WeakMap<object, { controller: object; value: T }>();

  constructor(private readonly read: (targets: Targets) => T) {}

  of(context: ExecutionContext): T {
    const handler = context.getHandler();
    const controller = context.getClass();
    const memo = this.byHandler.get(handler);
    if (memo?.controller === controller) return memo.value;
    const value = this.read([handler, controller]);
    this.byHandler.set(handler, { controller, value });
    return value;
  }
}
