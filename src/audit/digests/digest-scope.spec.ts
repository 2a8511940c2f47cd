import { digestScope } from './digest-scope.js';

const WS = '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b';
const OTHER = '0190a1b2-c3d4-7e5f-8a6b-000000000000';

describe('digestScope', () => {
  it('gives an instance auditor every chain, or the one asked for', () => {
    expect(digestScope({ everything: true })).toEqual({});
    expect(digestScope({ everything: true }, OTHER)).toEqual({ chainId: OTHER });
  });

  it("gives a workspace's reader that workspace's chain, and nothing of another", () => {
    expect(digestScope({ everything: false, workspaceId: WS })).toEqual({ chainId: WS });
    expect(digestScope({ everything: false, workspaceId: WS }, WS)).toEqual({ chainId: WS });
    expect(digestScope({ everything: false, workspaceId: WS }, OTHER)).toEqual({ none: true });
  });

  it('gives a reader of only their own events no digests', () => {
    expect(digestScope({ everything: false, userId: OTHER, workspaceId: WS })).toEqual({ none: true });
  });
});
