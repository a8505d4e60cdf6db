/**
 * @module virtualchain/rules/namespace — NAMESPACE_REVEAL `&` and NAMESPACE_READY `!`
 * (protocol.md §6.13-6.14; statemachine-replay.md §2 for the ready quirk).
 */
import { feature, isReady, isRevealed, reject, type BlockCtx, type Outcome } from './context.ts';
import { priceNamespace } from '../networks.ts';
import { serializeNamespace } from '../records.ts';
import type { DecodedOp, NamespaceRecord } from '../types.ts';

export function checkReveal(ctx: BlockCtx, op: Extract<DecodedOp, { opcode: '&' }>): Outcome {
  const { st, rules, height: N } = ctx;
  const old = st.namespaces.get(op.namespaceId);
  if (isReady(old)) return reject('namespace-ready');
  // 0.14+: db.py namedb_get_namespace_reveal is asked at lastblock (N − 1); 0.13 looks in its reveal dict
  const revealAt = rules.quirks.update013 === true ? N : ctx.lastBlock;
  if (isRevealed(ctx, old, revealAt)) return reject('namespace-revealed');
  const pre = st.nsPreorders.get(op.preorderHash);
  if (!pre) return reject('no-preorder');
  if (pre.sender !== op.sender) return reject('preorder-sender');
  const versionOk = op.version === 1 || (op.version === 2 && feature(ctx, 'NAMESPACE_BURN_TO_CREATOR'))
    || (op.version === 3 && feature(ctx, 'NAMESPACE_PAY_WITH_STACKS'));
  if (!versionOk) return reject('bad-version');
  const price = priceNamespace(rules, op.namespaceId, N);
  if (price === null || pre.opFee < price) return reject('fee-too-low');
  const ns: NamespaceRecord = {
    namespaceId: op.namespaceId, preorderHash: op.preorderHash, version: op.version, sender: op.sender,
    senderPubkey: op.senderPubkey, address: op.address, recipient: op.recipient!, recipientAddress: op.recipientAddress!,
    // 0.13 NameDB.commit_namespace_reveal: block_number = this preorder's block, also on a re-reveal
    blockNumber: old && rules.quirks.update013 !== true ? (old as NamespaceRecord).blockNumber : pre.blockNumber, revealBlock: N, readyBlock: 0, op: '&', txid: op.txid,
    vtxindex: op.vtxindex, lifetime: op.lifetime, coeff: op.coeff, base: op.base, buckets: op.buckets,
    nonalphaDiscount: op.nonalphaDiscount, noVowelDiscount: op.noVowelDiscount, opFee: pre.opFee,
    // 0.14+: the import keychain is a file per namespace id (namedb.py BlockstackDB.load_import_keychain /
    // build_import_keychain write `<namespace_id>.keychain`) that outlives an expired reveal, so a re-reveal
    // keeps the first reveal's keychain and its importers may import at once. 0.13 drops it when the reveal
    // expires (namedb.py NameDB.commit_namespace_reveal_expire_all: del import_addresses[namespace_id]).
    importKeychain: rules.quirks.update013 === true ? null : (old as NamespaceRecord | undefined)?.importKeychain ?? null, readySender: null,
  };
  return {
    ok: true, op: '&', key: 'ns:' + op.namespaceId,
    record: () => serializeNamespace(ns, rules.fieldNames),
    commit: () => { st.put('nspre', pre.preorderHash, null); st.putNamespace(ns); },
  };
}

export function checkReady(ctx: BlockCtx, op: Extract<DecodedOp, { opcode: '!' }>): Outcome {
  const { st, rules, height: N } = ctx;
  const old = st.namespaces.get(op.namespaceId);
  if (!old || old.op === '!') return reject(old ? 'namespace-ready' : 'namespace-not-revealed');
  // 0.14+: nameset/db.py namedb_get_namespace_reveal is asked at the DB's lastblock (N − 1), so a reveal of this
  // same block is not yet visible (the ready is rejected; it succeeds in the next block). 0.13 keeps reveals in
  // a dict (namedb.py NameDB.namespace_reveals) that commit_namespace_reveal fills at once: visible in-block.
  const at = rules.quirks.update013 === true ? N : ctx.lastBlock;
  if (!isRevealed(ctx, old, at)) return reject('namespace-not-revealed');
  if (old.recipient !== op.sender) return reject('not-revealer');
  const ns: NamespaceRecord = { ...old, op: '!', readyBlock: N, sender: op.sender, txid: op.txid, vtxindex: op.vtxindex, readySender: op.sender };
  return {
    ok: true, op: '!',
    record: () => serializeNamespace(ns, rules.fieldNames),
    commit: () => st.putNamespace(ns),
  };
}
