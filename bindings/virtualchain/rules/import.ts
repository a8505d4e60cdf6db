/**
 * @module virtualchain/rules/import — NAME_IMPORT `;` (protocol.md §6.11). Imports never collide; a
 * later import of a name overwrites it, keeping the first import's block fields.
 */
import { namePart, namespaceOf } from '../names.ts';
import { priceName } from '../pricing.ts';
import { serializeRegistration } from '../records.ts';
import type { DecodedOp, NameRecord } from '../types.ts';
import { namePreorderHash } from './register.ts';
import { isLive, isRevealed, reject, type BlockCtx, type Outcome } from './context.ts';
import { recordHistory } from './history.ts';
import { buildImportKeychain, pubkeyAddress } from './keychain.ts';

export function checkImport(ctx: BlockCtx, op: Extract<DecodedOp, { opcode: ';' }>): Outcome {
  const { st, rules, height: N } = ctx;
  if (!op.senderPubkey || op.senderType !== 'pubkeyhash') return reject('no-importer-key');
  const ns = st.namespaces.get(namespaceOf(op.name));
  // 0.14+: db.py namedb_get_namespace_reveal is asked at lastblock (N − 1); 0.13 looks in its reveal dict
  const revealAt = rules.quirks.update013 === true ? N : ctx.lastBlock;
  if (!ns || !isRevealed(ctx, ns, revealAt)) return reject('namespace-not-revealed');
  let senderAddr: string;
  try { senderAddr = pubkeyAddress(op.senderPubkey, rules.network.p2pkhVersion); } catch { return reject('bad-importer-key'); }
  let keychain = ns.importKeychain;
  if (!keychain) {
    if (senderAddr !== ns.recipientAddress) return reject('not-first-importer');
    try { keychain = buildImportKeychain(op.senderPubkey, rules.importKeyringSize, rules.network.p2pkhVersion); } catch { return reject('bad-importer-key'); }
  }
  if (!keychain.includes(senderAddr)) return reject('importer-not-in-keychain');
  const prev = st.names.get(op.name);
  // Which earlier record a re-import continues (keeps its block_number, preorder fields, first_registered,
  // last_renewed): 0.13 namedb.py NameDB.commit_name_import updates any existing record in place, live or not
  // (a name of an expired reveal included); 0.14+ nameimport.py get_prev_imported takes an import of this same
  // block, else BlockstackDB.get_name (unexpired at lastblock = N − 1).
  const sameBlock = !!prev && st.history.get(op.name)?.at(-1)?.block === N;
  const keep = prev && (rules.quirks.update013 === true || sameBlock || isLive(ctx, prev, ctx.lastBlock)) ? prev : null;
  const price = priceName(namePart(op.name), ns, N, rules);
  const rec: NameRecord = {
    name: op.name, namespaceId: ns.namespaceId, valueHash: op.valueHash, sender: op.recipient!, address: op.recipientAddress!,
    senderPubkey: op.senderPubkey, blockNumber: keep ? keep.blockNumber : N, preorderBlockNumber: keep ? keep.preorderBlockNumber : N,
    preorderHash: keep ? keep.preorderHash : namePreorderHash(op.name, op.sender, op.recipientAddress!),
    firstRegistered: keep ? keep.firstRegistered : N, lastRenewed: keep ? keep.lastRenewed : N, revoked: false, op: ';',
    txid: op.txid, vtxindex: op.vtxindex, opFee: Number(price), importer: op.sender, importerAddress: op.address,
    consensusHash: null, lastCreationOp: ';',
  };
  const nsNext = ns.importKeychain ? null : { ...ns, importKeychain: keychain };
  return {
    ok: true, op: ';',
    record: () => serializeRegistration(rec, rules.fieldNames, ';'),
    commit: () => {
      if (nsNext) st.putNamespace(nsNext);
      st.putName(rec);
      recordHistory(ctx, rec, ';', null);
    },
  };
}
