/**
 * @module node/scan — one block → the candidate transactions the state machine takes (protocol.md §3):
 * the WASM core's `scanBlock` finds transactions with an `id` OP_RETURN; this adds what only a chain
 * source can give — the output each input spends (sender script, type, address, value) — and the
 * sender public key of P2PKH senders. A transaction whose spent outputs are unknown stops the scan with
 * E_MISSING_PREVOUT (never a silent skip).
 */
import { scanBlock, type ScannedTx } from '../core/index.ts';
import { hash160, toHex } from '../chain/bytes.ts';
import { sha256 } from '../base/hash.ts';
import { equalBytes } from '../base/bytes.ts';
import { classify, scriptToAddress, type AddressVersions } from '../chain/script.ts';
import { ChainError } from '../chain/errors.ts';
import type { ChainSource, PrevOut } from '../chain/source.ts';
import type { TxInput } from '../virtualchain/index.ts';

/** Data pushes of a script, or null if it has a non-push opcode (for the 2-push scriptSig test). */
export function scriptPushes(s: Uint8Array): Uint8Array[] | null {
  const out: Uint8Array[] = [];
  let p = 0;
  while (p < s.length) {
    const op = s[p++];
    let n: number;
    if (op >= 1 && op <= 0x4b) n = op;
    else if (op === 0x4c) n = s[p++];
    else if (op === 0x4d) { n = s[p] | (s[p + 1] << 8); p += 2; }
    else if (op === 0x4e) { n = (s[p] | (s[p + 1] << 8) | (s[p + 2] << 16) | (s[p + 3] << 24)) >>> 0; p += 4; }
    else if (op === 0) n = 0;
    else return null;
    if (p + n > s.length) return null;
    out.push(s.subarray(p, p + n));
    p += n;
  }
  return out;
}

/**
 * Whether an input (scriptSig, witness) can spend an output with `script`, by the hash the script commits to:
 * P2PKH (the last push: the public key), P2SH (the last push: the redeem script), P2WPKH (the witness key),
 * P2WSH (the last witness item: the witness script). true: it can; false: it cannot; null: not decidable
 * without checking a signature (P2PK, P2TR, bare multisig, anything else). Tells a block's undo record from a
 * stale sibling's of the same shape (node/blkscan/worker.ts).
 */
export function spendsScript(script: Uint8Array, scriptSig: Uint8Array, witness: Uint8Array[]): boolean | null {
  const n = script.length;
  const lastPush = (): Uint8Array | undefined => scriptPushes(scriptSig)?.at(-1);
  if (n === 25 && script[0] === 0x76 && script[1] === 0xa9 && script[2] === 20 && script[23] === 0x88 && script[24] === 0xac) {
    const k = lastPush();
    return !!k && equalBytes(hash160(k), script.subarray(3, 23));
  }
  if (n === 23 && script[0] === 0xa9 && script[1] === 20 && script[22] === 0x87) {
    const r = lastPush();
    return !!r && equalBytes(hash160(r), script.subarray(2, 22));
  }
  if (n === 22 && script[0] === 0 && script[1] === 20) return witness.length === 2 && equalBytes(hash160(witness[1]), script.subarray(2));
  if (n === 34 && script[0] === 0 && script[1] === 32) return witness.length > 0 && equalBytes(sha256(witness[witness.length - 1]), script.subarray(2));
  return null;
}

export interface ScannedBlock { hash: string; txCount: number; candidates: TxInput[] }

/**
 * The candidate a scanned transaction gives once the outputs its inputs spend are known (`prev[i]` for
 * input i); null when one is unknown. Shared by every path (per-block sources and the bulk blk-file scan).
 */
export function candidateFrom(tx: ScannedTx, prev: (PrevOut | null)[], versions: AddressVersions): TxInput | null {
  if (prev.some((p) => p === null)) return null;
  const senders = prev.map((p) => {
    const type = classify(p!.script);
    const addr = type === 'pubkeyhash' || type === 'scripthash' ? scriptToAddress(p!.script, versions) : null;
    return { script_pubkey: toHex(p!.script), script_type: type, addresses: addr ? [addr] : [], amount: Number(p!.value) };
  });
  let senderPubkey: string | null = null;
  if (senders[0]?.script_type === 'pubkeyhash') {
    const want = senders[0].script_pubkey.slice(6, 46);
    for (const i of tx.inputs) {
      const pushes = scriptPushes(i.scriptSig);
      if (pushes?.length === 2 && (pushes[1].length === 33 || pushes[1].length === 65) && toHex(hash160(pushes[1])) === want) { senderPubkey = toHex(pushes[1]); break; }
    }
  }
  const outSum = tx.outputs.reduce((s, o) => s + o.value, 0);
  return {
    txid: tx.txid, vtxindex: tx.vtxindex, op_return_hex: toHex(tx.opReturnData), senders, sender_pubkey: senderPubkey,
    outputs: tx.outputs.map((o) => ({ script_pubkey: toHex(o.script), value: o.value })),
    fee: senders.reduce((s, x) => s + x.amount, 0) - outSum,
  };
}

/**
 * A candidate whose spent output cannot be found would silently change verdicts (its sender is unknown):
 * the node stops with the txid and the outpoint instead (for bitcoind: the usual cause is a node without
 * `-txindex=1`, whose getrawtransaction only sees mempool and wallet transactions).
 */
export function missingPrevout(source: ChainSource, blockHash: string, tx: ScannedTx, input: number): ChainError {
  const i = tx.inputs[input];
  const hint = source.kind === 'rpc' ? '; run bitcoind with -txindex=1 (and reindex once) so getrawtransaction finds every transaction'
    : source.kind === 'blkfiles' ? '; the block files do not hold the funding transaction (copy the whole blocks/ directory)' : '';
  return new ChainError('E_MISSING_PREVOUT', `block ${blockHash}: transaction ${tx.txid} input ${input} spends ${i.prevTxid}:${i.prevVout}, which the ${source.kind} source cannot find${hint}`);
}

/** Scans one block and resolves every candidate's spent outputs with ONE `prevOuts` call (one RPC batch). */
export async function scanCandidates(raw: Uint8Array, source: ChainSource): Promise<ScannedBlock> {
  const r = scanBlock(raw, 'id');
  const txs = r.txs.filter((tx) => tx.vtxindex !== 0); // the coinbase never qualifies
  const prev = txs.length ? await source.prevOuts(txs.flatMap((tx) => tx.inputs.map((i) => ({ txid: i.prevTxid, vout: i.prevVout })))) : [];
  const candidates: TxInput[] = [];
  let k = 0;
  for (const tx of txs) {
    const spent = prev.slice(k, k + tx.inputs.length);
    k += tx.inputs.length;
    const miss = spent.findIndex((p) => p === null);
    if (miss >= 0) throw missingPrevout(source, r.hash, tx, miss);
    candidates.push(candidateFrom(tx, spent, source.addressVersions)!);
  }
  return { hash: r.hash, txCount: r.txCount, candidates };
}
