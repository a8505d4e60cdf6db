/**
 * @module node/blkscan/worker — one worker thread of the bulk scanner, with its own WASM core instance.
 * `scan`: scanBlock each block (candidates' spent outpoints). `resolve`: scanBlock each block (every
 * txid), keep the outputs of the wanted transactions (a 32-bit prefix set first, then the full id) and,
 * for blocks that had candidates, the candidates themselves (same scan).
 */
import { parentPort } from 'node:worker_threads';
import { parseBlock, scanBlock } from '../../core/index.ts';
import { BlkReader } from '../../chain/blkfiles.ts';
import { hashToHex, fromHex } from '../../chain/bytes.ts';
import { decodeTx } from '../../chain/tx.ts';
import type { FromWorker, ResolveResult, ScanResult, ToWorker } from './protocol.ts';

let reader = new BlkReader(new Uint8Array(8));
let buf = new Uint8Array(4 << 20);
let want = new Set<string>();
let prefixes = new Set<number>();

function read(path: string, offset: number, len: number): Uint8Array {
  if (buf.length < len) buf = new Uint8Array(len);
  return reader.read(path, offset, len, buf);
}

function scanOne(h: number, raw: Uint8Array): ScanResult {
  const r = scanBlock(raw, 'id');
  const spends: [string, number][] = [];
  for (const tx of r.txs) if (tx.vtxindex !== 0) for (const i of tx.inputs) spends.push([i.prevTxid, i.prevVout]);
  return { height: h, hash: r.hash, prevHash: hashToHex(raw.subarray(4, 36)), txCount: r.txCount, bytes: raw.length, spends };
}

function resolveOne(h: number, raw: Uint8Array, scan: boolean): ResolveResult {
  const found: ResolveResult['found'] = [];
  // scanBlock hashes only txids (parseBlock also hashes wtxids and merkle roots): the cheap path for
  // every block; the few blocks that hold a wanted tx are parsed again for its offset.
  const r = scanBlock(raw, 'id');
  if (prefixes.size > 0) {
    const ids = r.txids;
    const dv = new DataView(ids.buffer, ids.byteOffset, ids.byteLength);
    let parsed: ReturnType<typeof parseBlock> | null = null;
    for (let i = 0, n = r.txCount; i < n; i++) {
      if (!prefixes.has(dv.getUint32(32 * i, true))) continue;
      const id = hashToHex(ids.subarray(32 * i, 32 * i + 32));
      if (!want.has(id)) continue;
      parsed ??= parseBlock(raw);
      const t = parsed.txs[i];
      found.push([id, decodeTx(raw.subarray(t.offset, t.offset + t.size)).outs.map((o) => ({ value: o.value, script: o.script }))]);
    }
  }
  const txs = scan ? r.txs.map(({ raw: _r, ...rest }) => rest) : null;
  return { height: h, found, txs };
}

parentPort!.on('message', (m: ToWorker) => {
  if (m.type === 'init') { reader.close(); reader = new BlkReader(m.key); return; }
  if (m.type === 'want') {
    want = new Set(m.txids);
    prefixes = new Set(m.txids.map((t) => new DataView(fromHex(t).reverse().buffer).getUint32(0, true)));
    return;
  }
  try {
    const results = m.blocks.map((b) => (m.mode === 'scan' ? scanOne(b.height, read(b.path, b.offset, b.len)) : resolveOne(b.height, read(b.path, b.offset, b.len), !!b.scan)));
    parentPort!.postMessage({ type: 'done', id: m.id, results } satisfies FromWorker);
  } catch (e) {
    parentPort!.postMessage({ type: 'error', id: m.id, message: (e as Error).message } satisfies FromWorker);
  }
});
