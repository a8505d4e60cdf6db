/**
 * @module virtualchain/replay — replays a state-machine vector file (statemachine-replay.md §4).
 * Reads only `scenario` and each block's `txs` to compute; compares with `expected` afterwards.
 */
import { serializeOp, type SerializedOp } from './consensus.ts';
import { applyBlockToState, seedGenesis, type BlockResult } from './apply-block.ts';
import { rulesFromScenario, type ScenarioConfig } from './scenario-rules.ts';
import { NameState } from './state.ts';
import type { TxInput } from './types.ts';

export interface VectorFile {
  scenario: { name: string; reference_version: string; first_block: number; config: ScenarioConfig };
  blocks: { height: number; txs: TxInput[]; expected?: any }[];
}

export interface BlockMismatch { height: number; problems: string[] }

/** Only the input part of a vector: `scenario` and each block's `height` and `txs`. */
export function vectorInput(v: VectorFile): VectorFile {
  return { scenario: v.scenario, blocks: v.blocks.map((b) => ({ height: b.height, txs: b.txs })) };
}

/**
 * Replays the input blocks in order; after each block is computed `onBlock(result, index)` is called
 * (the caller compares it with that block's expected section only then).
 */
export function replayInput(input: VectorFile, onBlock: (r: BlockResult, i: number) => void): void {
  const rules = rulesFromScenario(input.scenario.name, input.scenario.reference_version, input.scenario.config);
  const st = new NameState(rules.firstBlock);
  seedGenesis(st, rules);
  input.blocks.forEach((b, i) => onBlock(applyBlockToState(st, rules, b.height, b.txs.map((t) => ({ ...t }))), i));
}

/** Replays a whole vector file and compares block by block. */
export function replayVector(v: VectorFile): { results: BlockResult[]; mismatches: BlockMismatch[]; blocks: number } {
  const results: BlockResult[] = [];
  const mismatches: BlockMismatch[] = [];
  replayInput(vectorInput(v), (r, i) => {
    results.push(r);
    const problems = compareBlock(r, v.blocks[i].expected);
    if (problems.length) mismatches.push({ height: r.height, problems });
  });
  return { results, mismatches, blocks: v.blocks.length };
}

const recKey = (o: SerializedOp): string => serializeOp(o);

export function compareBlock(r: BlockResult, exp: any): string[] {
  const p: string[] = [];
  if (!exp) return ['no expected section'];
  const ev: any[] = exp.verdicts ?? [];
  if (ev.length !== r.verdicts.length) p.push(`verdict count ${r.verdicts.length} != ${ev.length}`);
  ev.forEach((e, i) => {
    const g = r.verdicts.find((x) => x.txid === e.txid && x.vtxindex === e.vtxindex) ?? r.verdicts[i];
    if (!g) return;
    if (g.accepted !== e.accepted || (e.accepted && g.op !== e.op)) {
      p.push(`tx ${e.vtxindex} ${e.opcode}: got ${g.accepted ? 'accepted ' + g.op : 'rejected (' + g.reason + ')'}, expected ${e.accepted ? 'accepted ' + e.op : 'rejected'}`);
    }
  });
  const want = new Map<string, number>();
  for (const o of exp.ops ?? []) { const k = recKey(o); want.set(k, (want.get(k) ?? 0) + 1); }
  for (const o of r.ops) {
    const k = recKey(o);
    const c = want.get(k) ?? 0;
    if (c === 0) p.push(`unexpected record ${k.slice(0, 300)}`); else want.set(k, c - 1);
  }
  for (const [k, c] of want) if (c > 0) p.push(`missing record ${k.slice(0, 300)}`);
  if (exp.ops_hash && exp.ops_hash !== r.opsHash) p.push(`ops_hash ${r.opsHash} != ${exp.ops_hash}`);
  if (exp.consensus_hash !== r.consensusHash) p.push(`consensus_hash ${r.consensusHash} != ${exp.consensus_hash}`);
  return p;
}

