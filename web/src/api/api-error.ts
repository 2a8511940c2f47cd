/** Every failure the console shows: the API's error body, or one made up for network trouble. */

export interface ErrorDetail {
  field?: string;
  message?: string;
  required?: string;
}

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  path?: string;
  timestamp?: string;
  details?: ErrorDetail[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];

  constructor(body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = body.statusCode;
    this.code = body.code;
    this.details = Array.isArray(body.details) ? body.details : [];
  }
}

export const NETWORK_ERROR_CODE = 'network.unreachable';

export function networkError(): ApiError {
  return new ApiError({ statusCode: 0, code: NETWORK_ERROR_CODE, message: 'Could not reach the Keyward server. Check your connection and try again.' });
}

function isErrorBody(value: unknown): value is ErrorBody {
  const body = value as Partial<ErrorBody> | null;
  return typeof body?.code === 'string' && typeof body.message === 'string';
}

/** Reads a failed response; a proxy's HTML error page still becomes a readable message. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: fall through to the generic message
  }
  if (isErrorBody(body)) return new ApiError({ ...body, statusCode: body.statusCode ?? response.status });
  return new ApiError({ statusCode: response.status, code: `http.${response.status}`, message: `Request failed (HTTP ${response.status})` });
}

/** The lines a user should read for a failure: validation details, or the message itself. */
export function errorLines(error: unknown): string[] {
  if (error instanceof ApiError) {
    const detailMessages = error.details.map((d) => d.message).filter((m): m is string => Boolean(m));
    if (detailMessages.length > 0) return detailMessages;
    const required = error.details.map((d) => d.required).filter((r): r is string => Boolean(r));
    if (required.length > 0) return [`${error.message} (requires ${required.join(', ')})`];
    return [error.message];
  }
  if (error instanceof Error && error.message) return [error.message];
  return ['Something went wrong.'];
}
