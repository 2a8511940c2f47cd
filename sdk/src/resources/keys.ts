import type { CallOptions } from '../options.js';
import type { Transport } from '../transport.js';
import type { KeyVerification, VerifyKeyOptions } from '../types.js';

/** Checking the keys your own clients send (API.md §12), with a key of the same workspace holding keys:verify. */
export class KeysResource {
  constructor(private readonly transport: Transport) {}

  /**
   * Who the key is and whether it holds `permissions`. A refused key is an answer (`valid: false`
   * with the code it would get), not an error; errors mean this call itself failed.
   */
  verify(key: string, check: VerifyKeyOptions = {}, options?: CallOptions): Promise<KeyVerification> {
    return this.transport.json({ method: 'POST', path: '/keys/verify', body: { key, ...check }, options });
  }
}
