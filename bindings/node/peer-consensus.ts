/**
 * @module node/peer-consensus — the node checks its own consensus hash against its Atlas peers' (issue 12 §3):
 * each peer's `getinfo` reports `consensus` at `last_block_processed`; when we have processed that height too,
 * the two must be equal, or one side has forked from the other without noticing (different rules, a missed
 * reorg, a skipped transaction). A disagreement is logged as a warning and counted in
 * `blockstack_peer_consensus_mismatch_total{peer}`; `blockstack_peer_consensus_disagreeing` is the number of
 * peers that disagreed in the last round. Peers ahead of us are compared at a later round.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import { AtlasClient } from '../routing/atlas/client.ts';

export interface PeerVerdict { peer: string; height: number | null; theirs: string | null; ours: string | null; agree: boolean | null; error?: string }

export interface PeerConsensusOptions {
  peers: () => string[];
  /** Our consensus hash at height h, or undefined if we have not processed h. */
  consensusAt: (h: number) => string | undefined;
  log: { warn(o: object, msg: string): void };
  registry: Registry;
  client?: (hostport: string) => { getinfo(): Promise<any> };
}

export class PeerConsensusCheck {
  readonly mismatches: Counter<'peer'>;
  readonly disagreeing: Gauge;
  constructor(readonly opts: PeerConsensusOptions) {
    this.mismatches = new Counter({ name: 'blockstack_peer_consensus_mismatch_total', help: 'Atlas peers whose consensus hash at a height we processed differs from ours', labelNames: ['peer'], registers: [opts.registry] });
    this.disagreeing = new Gauge({ name: 'blockstack_peer_consensus_disagreeing', help: 'Atlas peers that disagreed with our consensus hash in the last check', registers: [opts.registry] });
  }

  /** Asks every peer once; returns one verdict per peer (agree null: not comparable — unreachable or ahead of us). */
  async checkOnce(): Promise<PeerVerdict[]> {
    const mk = this.opts.client ?? ((hp: string) => new AtlasClient(hp));
    const out = await Promise.all(this.opts.peers().map(async (peer): Promise<PeerVerdict> => {
      let info: any;
      try { info = await mk(peer).getinfo(); } catch (e) { return { peer, height: null, theirs: null, ours: null, agree: null, error: (e as Error).message }; }
      const height = Number.isInteger(info?.last_block_processed) ? info.last_block_processed as number : null;
      const theirs = typeof info?.consensus === 'string' ? info.consensus : null;
      const ours = height === null ? undefined : this.opts.consensusAt(height);
      if (height === null || theirs === null || ours === undefined) return { peer, height, theirs, ours: ours ?? null, agree: null };
      const agree = ours === theirs;
      if (!agree) {
        this.mismatches.inc({ peer });
        this.opts.log.warn({ peer, height, ours, theirs }, 'Atlas peer reports another consensus hash at a height we processed: one of us has forked (check rules, reorg handling, chain source)');
      }
      return { peer, height, theirs, ours, agree };
    }));
    this.disagreeing.set(out.filter((v) => v.agree === false).length);
    return out;
  }
}
