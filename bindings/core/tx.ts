/** @module tx — `parseTx(bytes)`: one serialized transaction (ABI.md §parseTx). */
import { core, mem, writeInput, check } from './wasm.ts';
import { toHexReversed } from './hex.ts';

export interface ParsedTx {
  /** Display hex. */
  txid: string;
  /** Display hex (equals txid for legacy transactions). */
  wtxid: string;
  size: number;
  strippedSize: number;
  inputCount: number;
  outputCount: number;
  segwit: boolean;
  lockTime: number;
}

/** Parse and hash one transaction; throws CoreError (code, offset) when malformed or followed by extra bytes. */
export function parseTx(bytes: Uint8Array): ParsedTx {
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`"bytes" expected Uint8Array, got ${typeof bytes}`);
  writeInput(bytes);
  const ex = core();
  check(ex.parseTx(bytes.length), 'parseTx');
  const p = ex.outputPtr();
  const out = mem().slice(p, p + 96);
  const dv = new DataView(out.buffer);
  return {
    txid: toHexReversed(out, 0, 32),
    wtxid: toHexReversed(out, 32, 64),
    size: dv.getUint32(68, true),
    strippedSize: dv.getUint32(72, true),
    inputCount: dv.getUint32(76, true),
    outputCount: dv.getUint32(80, true),
    segwit: dv.getUint32(84, true) !== 0,
    lockTime: dv.getUint32(92, true),
  };
}
