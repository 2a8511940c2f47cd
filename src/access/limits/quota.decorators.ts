import { SetMetadata } from '@nestjs/common';

export const CREDIT_COST = 'keyward:credit-cost';
export const ROUTE_LIMITS = 'keyward:route-limits';

/** What a request to this route spends of its key's credits (API.md §15): 1 when not declared, 0 for free. */
export const CreditCost = (cost: number) => SetMetadata(CREDIT_COST, cost);

/** The named limits (of the key, its owner and its workspace) a request to this route counts in, besides `auto` ones. */
export const Limit = (...names: string[]) => SetMetadata(ROUTE_LIMITS, names);
