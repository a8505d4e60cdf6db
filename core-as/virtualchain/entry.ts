/**
 * @module virtualchain/entry — the virtualchain entry points of the ABI (see ABI.md §Virtualchain).
 *   decodePayloads(count, inLen): input = count × `[u32 features][u32 len][payload]`; output = count
 *     results in the layout of payload.ts. Returns the output length or a negative error code.
 *   consensusBlock(nOps, nPrev, inLen): see consensus.ts.
 */
import { inputPtr, inputCap, outputReserve, setOutputLen, setErrorOffset } from '../mem';
import { E_BAD_ARG, E_TOO_LARGE, E_TRUNCATED } from '../errors';
import { decodePayload } from './payload';

export { consensusBlock } from './consensus';

export function decodePayloads(count: i32, inLen: i32): i32 {
  setErrorOffset(-1);
  if (count < 0 || inLen < 0) return E_BAD_ARG;
  if (<usize>inLen > inputCap()) return E_TOO_LARGE;
  // every record has an 8-byte header, so a larger count is a framing error (and would overflow `cap`)
  if (count > inLen / 8) return E_TRUNCATED;
  const base = inputPtr();
  // Each result is at most payload length + 5 + 2 per field (≤ 8 fields) + 8 (a ZERO8 field).
  const cap = inLen + count * 40 + 64;
  const dst = outputReserve(cap);
  if (dst == 0) return E_TOO_LARGE;
  let off = 0;
  let o: usize = 0;
  for (let i = 0; i < count; i++) {
    if (off + 8 > inLen) { setErrorOffset(off); return E_TRUNCATED; }
    const f = load<u32>(base + off);
    const len = load<u32>(base + off + 4);
    if (<u64>off + 8 + <u64>len > <u64>inLen) { setErrorOffset(off); return E_TRUNCATED; }
    o += decodePayload(base + off + 8, <i32>len, f, dst + o);
    off += 8 + <i32>len;
  }
  if (off != inLen) { setErrorOffset(off); return E_TRUNCATED; }
  setOutputLen(o);
  return <i32>o;
}
