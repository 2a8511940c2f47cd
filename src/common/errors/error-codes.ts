/**
 * The one catalogue of error codes (API.md §1). Code throws `new AppError(code)`;
 * the exception filter renders it. Adding a code here is the only way to add an error.
 */
export const ERROR_CATALOGUE = {
  'validation.failed': { status: 400, message: 'Request validation failed' },
  'api_key.name_required': { status: 400, message: 'API key name is required' },
  'auth.required': { status: 401, message: 'Authentication required' },
  'auth.invalid_credentials': { status: 401, message: 'Invalid email or password' },
  'auth.token_invalid': { status: 401, message: 'Token is invalid or expired' },
  'api_key.invalid': { status: 401, message: 'API key is invalid' },
  'api_key.expired': { status: 401, message: 'API key has expired' },
  'api_key.disabled': { status: 401, message: 'API key is disabled' },
  'api_key.revoked': { status: 401, message: 'API key has been revoked' },
  'api_key.not_yet_valid': { status: 401, message: 'API key is not valid yet' },
  'user.disabled': { status: 401, message: 'User account is disabled' },
  'permission.denied': { status: 403, message: 'Permission denied' },
  'api_key.ip_not_allowed': { status: 403, message: 'Client IP is not allowed for this API key' },
  'auth.jwt_required': { status: 403, message: 'This endpoint requires a signed-in user (JWT), not an API key' },
  'auth.registration_closed': { status: 403, message: 'Registration is closed' },
  'role.builtin': { status: 403, message: 'Built-in roles cannot be changed this way' },
  'user.self_change': { status: 403, message: 'You cannot change your own roles or disable yourself' },
  'api_key.not_found': { status: 404, message: 'API key not found' },
  'user.not_found': { status: 404, message: 'User not found' },
  'role.not_found': { status: 404, message: 'Role not found' },
  'content.not_found': { status: 404, message: 'Content not found' },
  'audit.not_found': { status: 404, message: 'Audit event not found' },
  not_found: { status: 404, message: 'Route not found' },
  'user.email_taken': { status: 409, message: 'Email is already registered' },
  'role.exists': { status: 409, message: 'Role already exists' },
  'api_key.limit_reached': { status: 409, message: 'API key limit reached' },
  'request.too_large': { status: 413, message: 'Request body is too large' },
  'request.unsupported_media_type': { status: 415, message: 'Request body must be application/json' },
  'rate_limit.exceeded': { status: 429, message: 'Rate limit exceeded' },
  'auth.too_many_attempts': { status: 429, message: 'Too many failed attempts; try again later' },
  'internal.error': { status: 500, message: 'Internal server error' },
  'service.unavailable': { status: 503, message: 'Service temporarily unavailable' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
