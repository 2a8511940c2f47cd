/**
 * What of an unexpected error may be logged: its class, its code and a bounded message.
 * Never the stack (a log is not a debugger), the SQL or the parameters a query carried.
 */
export function describeError(error: unknown): { type: string; code?: string; message?: string } {
  if (!(error instanceof Error)) return { type: typeof error };
  const code = (error as { code?: unknown }).code;
  const isQueryError = 'query' in error || 'parameters' in error || error.constructor.name === 'QueryFailedError';
  return {
    type: error.constructor.name,
    code: typeof code === 'string' ? code : undefined,
    message: isQueryError ? undefined : error.message.replace(/[\r\n]+/g, ' ').slice(0, 300),
  };
}
