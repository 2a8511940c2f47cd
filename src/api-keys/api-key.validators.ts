import { ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { isIpRange } from '../common/ip-ranges.js';

export const METADATA_MAX_BYTES = 4096;

@ValidatorConstraint({ name: 'isIpRange' })
export class IsIpRangeConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isIpRange(value);
  }

  defaultMessage(): string {
    return 'each entry must be an IPv4 or IPv6 address or CIDR range';
  }
}

@ValidatorConstraint({ name: 'isSmallJsonObject' })
export class IsSmallJsonObjectConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    return Buffer.byteLength(JSON.stringify(value), 'utf8') <= METADATA_MAX_BYTES;
  }

  defaultMessage(): string {
    return `metadata must be a JSON object of at most ${METADATA_MAX_BYTES} bytes`;
  }
}

/** Scopes may be an array or one comma-separated string. */
export function toScopeList(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value
    .split(',')
    .map((scope) => scope.trim())
    .filter(Boolean);
}
