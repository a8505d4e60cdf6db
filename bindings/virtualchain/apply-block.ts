/**
 * @module virtualchain/apply-block — one block through the state machine (protocol.md §6.2): decode
 * every candidate, the collision pre-scan ("both lose"), the main pass in vtxindex order with immediate
 * commits, then the consensus hash. Returns the verdicts, records and the block's undo journal.
 */
import { GENESIS_CONSENSUS_HASH, serializedConsensusHash, serializeOp, type SerializedOp } from './consensus.ts';
import { decodeBlock } from './decode.ts';
import type { RuleSet } from './networks.ts';
import { checkOp, type BlockCtx } from './rules/index.ts';
import type { NameState, UndoEntry } from './state.ts';
import type { DecodedOp, TxInput, Verdict } from './types.ts';

export interface BlockResult {
  height: number;
  verdicts: Verdict[];
  ops: SerializedOp[];
  /** `ops` serialized (consensus.md §2.1), computed once for the consensus hash and reused by the stores. */
  serialized?: string[];
  opsHash: string;
  consensusHash: string;
  undo: UndoEntry[];
  /** Bitcoin block hash the block was indexed from (null for scenario replays); persisted with the undo record. */
  blockHash?: string | null;
  /** Chain network of the source (recorded in meta with the first block; checked at open). */
  network?: string;
}

/** Seed the genesis consensus hashes (firstBlock−4 … firstBlock−1); not journaled, never chained. */
export function seedGenesis(st: NameState, rules: RuleSet): void {
  for (let h = rules.firstBlock - 4; h < rules.firstBlock; h++) st.consensus.set(h, GENESIS_CONSENSUS_HASH);
}

/** The key a registration (':', renewals too) or namespace reveal ('&') claims when it passes its check (rules/register.ts, namespace.ts). */
const claimKey = (op: DecodedOp): string | null =>
  op.opcode === ':' ? 'name:' + op.name : op.opcode === '&' ? 'ns:' + op.namespaceId : null;

/** Cumulative wall time (ms) per stage, for benchmarks: decode (core), rules (checks + commits), consensus (core). */
export const applyStats = { decodeMs: 0, rulesMs: 0, consensusMs: 0, blocks: 0, txs: 0 };
const now = (): number => performance.now();

export function applyBlockToState(st: NameState, rules: RuleSet, height: number, txs: TxInput[]): BlockResult {
  if (height !== st.lastBlock + 1) throw new RangeError(`"height" expected ${st.lastBlock + 1}, got ${height}`);
  st.journal = [];
  try {
    return applyInner(st, rules, height, txs);
  } catch (e) {
    // Never leave half a block behind: undo whatever the block changed before the failure.
    st.undo(st.takeJournal());
    st.lastBlock = height - 1;
    throw e;
  }
}

function applyInner(st: NameState, rules: RuleSet, height: number, txs: TxInput[]): BlockResult {
  const frozen = rules.freezeHeight != null && height >= rules.freezeHeight; // v1 export: ignore every tx
  // a block without candidates (nearly every block of a catch-up): only its consensus hash
  if (frozen || txs.length === 0) return finish(st, rules, height, txs.length, [], [], now(), now());
  const ctx: BlockCtx = { st, rules, height, lastBlock: height - 1, regsTo: new Map() };
  const sorted = [...txs].sort((a, b) => a.vtxindex - b.vtxindex);
  const decoded: (DecodedOp | null)[] = [];
  const verdicts: Verdict[] = [];
  const t0 = now();
  const results = decodeBlock(sorted, height, rules);
  const t1 = now();
  for (let i = 0; i < sorted.length; i++) {
    const tx = sorted[i];
    const d = results[i];
    decoded.push(d.ok ? d.op : null);
    verdicts.push({ txid: tx.txid, vtxindex: tx.vtxindex, opcode: d.ok ? d.op.opcode : null, accepted: false, op: null, reason: d.ok ? undefined : d.reason });
  }
  // Collision pre-scan: registrations (incl. renewals) by name, reveals by namespace id, against the pre-block state.
  // An op's claim is its key if it passes its check; the key is known from the op alone (claimKey), so only ops
  // sharing a key with another op of the block can collide, and only those are checked here.
  const byKey = new Map<string, number[]>();
  decoded.forEach((op, i) => {
    const k = op && claimKey(op);
    if (!k) return;
    const idx = byKey.get(k);
    if (idx) idx.push(i); else byKey.set(k, [i]);
  });
  const collided = new Set<number>();
  for (const idx of byKey.values()) {
    if (idx.length < 2) continue;
    const claims = new Map<string, number[]>();
    for (const i of idx) {
      const out = checkOp(ctx, decoded[i]!);
      if (out.ok && out.key) claims.set(out.key, [...(claims.get(out.key) ?? []), i]);
    }
    for (const c of claims.values()) if (c.length > 1) c.forEach((i) => collided.add(i));
  }

  const accepted: { i: number; rec: SerializedOp; key?: string }[] = [];
  const preKeys = new Map<string, number>();
  const lost = new Set<number>();
  decoded.forEach((op, i) => {
    if (!op) return;
    if (collided.has(i)) { verdicts[i].reason = 'collision'; return; }
    const out = checkOp(ctx, op);
    if (!out.ok) {
      if (out.reason === 'preorder-outstanding' && (op.opcode === '?' || op.opcode === '*')) {
        const k = (op.opcode === '?' ? 'pre:' : 'nspre:') + op.preorderHash;
        const first = preKeys.get(k);
        if (first !== undefined) { lost.add(first); verdicts[i].reason = 'collision'; return; }
      }
      verdicts[i].reason = out.reason;
      return;
    }
    if ((op.opcode === ':' || op.opcode === '&') && out.key !== claimKey(op)) throw new Error(`internal: ${op.opcode} claims ${out.key}, pre-scan keyed it ${claimKey(op)}`);
    out.commit();
    if (out.key) preKeys.set(out.key, i);
    accepted.push({ i, rec: out.record(), key: out.key });
    verdicts[i].accepted = true; verdicts[i].op = out.op; verdicts[i].reason = undefined;
  });
  // Preorders that collided with a later one in the same block lose too.
  for (const i of lost) {
    const op = decoded[i] as Extract<DecodedOp, { opcode: '?' | '*' }>;
    st.put(op.opcode === '?' ? 'pre' : 'nspre', op.preorderHash, null);
    verdicts[i].accepted = false; verdicts[i].op = null; verdicts[i].reason = 'collision';
  }
  const ops = accepted.filter((a) => !lost.has(a.i)).map((a) => a.rec);
  return finish(st, rules, height, txs.length, verdicts, ops, t0, t1);
}

/** The block's consensus hash from its accepted ops; the stats (decode took t0 → t1, the rules until now). */
function finish(st: NameState, rules: RuleSet, height: number, txCount: number, verdicts: Verdict[], ops: SerializedOp[], t0: number, t1: number): BlockResult {
  const t2 = now();
  const serialized = ops.map(serializeOp);
  const { opsHash, consensusHash } = serializedConsensusHash(serialized, height, rules.firstBlock, st.consensus);
  applyStats.decodeMs += t1 - t0; applyStats.rulesMs += t2 - t1; applyStats.consensusMs += now() - t2;
  applyStats.blocks++; applyStats.txs += txCount;
  st.setConsensusHash(height, consensusHash);
  st.lastBlock = height;
  return { height, verdicts, ops, serialized, opsHash, consensusHash, undo: st.takeJournal() };
}
