/** Validation of a key's free-form metadata: a JSON object of at most 4 KiB. */

export const MAX_METADATA_BYTES = 4096;

export type MetadataResult =
  | { ok: true; value: Record<string, unknown> | undefined }
  | { ok: false; error: string };

export function parseMetadata(text: string): MetadataResult {
  if (text.trim() === '') return { ok: true, value: undefined };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `Not valid JSON: ${(error as Error).message}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, error: 'Metadata must be a JSON object, like {"team": "billing"}' };
  }
  // Measured as the server stores it: compact JSON, in UTF-8 bytes.
  const bytes = new TextEncoder().encode(JSON.stringify(value)).length;
  if (bytes > MAX_METADATA_BYTES) {
    return { ok: false, error: `Metadata is ${bytes} bytes; the limit is ${MAX_METADATA_BYTES} (4 KiB)` };
  }
  return { ok: true, value: value as Record<string, unknown> };
}
