import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { AppError } from '../common/errors/app-error.js';
import type { ErrorCode } from '../common/errors/error-codes.js';

export interface FieldError {
  field: string;
  message: string;
}

/** Flattens class-validator's tree into `[{ field: 'a.b', message }]`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/**
 * A constraint may carry `context: { code }` to surface a more specific catalogued code
 * than `validation.failed` (e.g. `api_key.name_required`).
 */
function specificCode(errors: ValidationError[]): ErrorCode | undefined {
  for (const error of errors) {
    for (const context of Object.values(error.contexts ?? {})) {
      const code = (context as { code?: ErrorCode }).code;
      if (code) return code;
    }
    const nested = specificCode(error.children ?? []);
    if (nested) return nested;
  }
  return undefined;
}

export function validationErrorToAppError(errors: ValidationError[]): AppError {
  const details = flattenValidationErrors(errors);
  const code = specificCode(errors);
  if (code) return new AppError(code, undefined, details);
  return new AppError('validation.failed', undefined, details);
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: validationErrorToAppError,
  });
}
