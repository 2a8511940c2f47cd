import { describe, expect, it } from '@jest/globals';
import type { ExecutionContext } from '@nestjs/common';
import { RouteMemo } from './route-memo.js';

const contextOf = (handler: object, controller: object) => ({ getHandler: () => handler, getClass: () => controller }) as unknown as ExecutionContext;

describe('RouteMemo', () => {
  it('reads a route once however many requests it serves', () => {
    let reads = 0;
    const memo = new RouteMemo(() => ++reads);
    const handler = () => undefined;
    const controller = class {};
    for (let i = 0; i < 3; i++) expect(memo.of(contextOf(handler, controller))).toBe(1);
    expect(reads).toBe(1);
  });

  it('reads a handler again under another controller, whose decorators may differ', () => {
    const memo = new RouteMemo(([, controller]) => (controller as { name: string }).name);
    const inherited = () => undefined;
    expect(memo.of(contextOf(inherited, class Admin {}))).toBe('Admin');
    expect(memo.of(contextOf(inherited, class Member {}))).toBe('Member');
  });
});
