/**
 * Consensus check against Atlas peers: a real node's Atlas endpoint answers getinfo over XML-RPC; a checker
 * whose own hash at that height matches agrees, one that has forked (another hash) warns and counts the
 * disagreement in prom-client metrics; unreachable peers are "not comparable", never a disagreement.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bindings/node/config.ts';
import { createDemo } from '../../bindings/node/demo.ts';
import { BlockstackNode } from '../../bindings/node/node.ts';
import { PeerConsensusCheck } from '../../bindings/node/peer-consensus.ts';

const home = mkdtempSync(join(tmpdir(), 'bsk-peercons-'));
let node: BlockstackNode;

describe('consensus hash check against Atlas peers', () => {
  beforeAll(async () => {
    node = await BlockstackNode.start(loadConfig({ api: { port: 0 }, atlas: { port: 0 }, devnet: { rpcPort: 0, mining: 'instant' } }, { BLOCKSTACK_HOME: home }), { logToStderr: 'silent' });
    await createDemo(node);
  }, 60_000);
  afterAll(async () => { await node?.stop(); rmSync(home, { recursive: true, force: true }); });

  it('agrees with a peer on the same chain, warns and counts when a peer disagrees', async () => {
    const peer = new URL(node.urls.atlas).host;
    const warnings: object[] = [];
    const registry = new Registry();
    const mk = (consensusAt: (h: number) => string | undefined) =>
      new PeerConsensusCheck({ peers: () => [peer, '127.0.0.1:1'], consensusAt, registry, log: { warn: (o) => warnings.push(o) } });
    const same = await mk((h) => node.db.state.consensus.get(h)).checkOnce();
    expect(same[0]).toMatchObject({ peer, agree: true, height: node.db.state.lastBlock });
    expect(same[1].agree).toBeNull(); // unreachable: not comparable
    expect(warnings).toEqual([]);
    const forked = new PeerConsensusCheck({ peers: () => [peer], consensusAt: () => '00'.repeat(16), registry: new Registry(), log: { warn: (o) => warnings.push(o) } });
    const v = await forked.checkOnce();
    expect(v[0]).toMatchObject({ peer, agree: false, ours: '00'.repeat(16), theirs: node.db.state.consensus.get(node.db.state.lastBlock) });
    expect(warnings).toHaveLength(1);
    const text = await forked.opts.registry.metrics();
    expect(text).toContain(`blockstack_peer_consensus_mismatch_total{peer="${peer}"} 1`);
    expect(text).toContain('blockstack_peer_consensus_disagreeing 1');
    // the node registers the check on its own /metrics
    const m = await (await fetch(new URL('/metrics', node.apiUrl))).text();
    expect(m).toContain('blockstack_peer_consensus_disagreeing');
  }, 60_000);
});
