import { ValidateBy, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { IsDisplayText } from '../../common/display-text.js';
import type { ErrorCode } from '../../common/errors/error-codes.js';
import { isIpRange } from '../../common/ip-ranges.js';

export const METADATA_MAX_BYTES = 4096;
export const NAME_MAX_LENGTH = 100;
const NAME_REQUIRED: ErrorCode = 'api_key.name_required';

/**
 * A key's name: a non-empty string (after trimming) of at most 100 characters. Missing, null or
 * not a string is one detail, "name is required" (api_key.name_required), not that plus type and
 * length complaints; only a string can be too long. No control or bidi-formatting characters.
 */
export function IsKeyName(): PropertyDecorator {
  const required = ValidateBy(
    { name: 'isKeyName', validator: { validate: (value: unknown) => typeof value === 'string' && value.length > 0, defaultMessage: () => 'name is required' } },
    { context: { code: NAME_REQUIRED } },
  );
  const short = ValidateBy({
    name: 'maxLength',
    validator: { validate: (value: unknown) => typeof value !== 'string' || value.length <= NAME_MAX_LENGTH, defaultMessage: () => `name must be at most ${NAME_MAX_LENGTH} characters` },
  });
  const displayable = IsDisplayText();
  return (target, property) => {
    required(target, property);
    short(target, property);
    displayable(target, property);
  };
}

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
