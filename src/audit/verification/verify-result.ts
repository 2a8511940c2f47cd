/**
 * One chain's verification (API.md §7, §13): `checked` events recomputed, from seq `from` to seq
 * `to` (the first and last event looked at; the first invalid one when the chain is broken; both
 * null when there was nothing newer to check).
 */
export interface VerifyResult {
  valid: boolean;
  checked: number;
  from: number | null;
  to: number | null;
  firstInvalidId?: string;
}

/** One chain's verification: the workspace it belongs to (null: the instance chain). */
export interface ChainVerifyResult extends VerifyResult {
  workspaceId: string | null;
}

export interface AllChainsVerifyResult {
  valid: boolean;
  chains: ChainVerifyResult[];
}

export interface VerifyOptions {
  /** From the chain's start (its retention checkpoint or genesis), not from where the background verifier got to. */
  full?: boolean;
}
