import type { MemberRow } from '../workspaces/workspaces-api';

/** Who a key belongs to, in the words of the keys list: "you", a member's email, or the start of their id when the member list did not load. */
export function ownerLabel(userId: string, { me, members }: { me: string | null; members: readonly MemberRow[] }): string {
  if (userId === me) return 'you';
  return members.find((member) => member.user.id === userId)?.user.email ?? userId.slice(0, 8);
}

/** The members a key can be handed to: everyone but its owner. */
export const transferCandidates = (ownerId: string, members: readonly MemberRow[]) => members.filter((member) => member.user.id !== ownerId);
