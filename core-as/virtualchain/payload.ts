/**
 * @module virtualchain/payload — decodes name-operation payloads (the OP_RETURN push: "id" + opcode +
 * payload) per spec protocol.md §5, for a set of epoch features. One call decodes every payload of a block.
 *
 * Result per payload: `[i32 status][u8 nFields]` then per field `[u16 len][bytes]` (len 0xffff = absent).
 * status = the opcode byte (> 0) or a negative E_VC_* code (the payload is not an operation).
 * Fields by opcode (numbers as big-endian bytes, as in the payload):
 *   ?  preorder_hash, consensus_hash, token_fee(8)?, token_units?
 *   :  name, value_hash?, token_fee(8)?            (absent token_fee = null; "0" = eight zero bytes)
 *   +  name_consensus_hash, value_hash             >  disposition, name_hash128, consensus_hash
 *   ~ ;  name                                      *  preorder_hash, consensus_hash, token_fee(8)?
 *   &  lifetime(4), coeff, base, buckets(8), discounts, version(2), namespace_id
 *   !  namespace_id            #  message_hash     $  consensus_hash, token_type, amount(8), scratch
 */
import { checkName, checkNamespaceId } from './names';
import {
  E_VC_NO_MAGIC, E_VC_UNKNOWN_OPCODE, E_VC_BAD_LENGTH, E_VC_BAD_NAME, E_VC_BAD_NAMESPACE, E_VC_BAD_DISPOSITION,
  E_VC_BAD_VERSION, E_VC_BAD_DISCOUNT, E_VC_NOT_ACTIVE,
} from '../errors';

/** Feature bits (the host maps epochs to these). */
export const F_REGISTER_UPDATE: u32 = 1; // epoch ≥ 3: 57-byte registration with value hash
export const F_TOKENS: u32 = 2;          // epoch ≥ 4: token fields on preorders / registrations
export const F_STACKS_NS: u32 = 4;       // epoch ≥ 4: namespace preorder carries a token fee
export const F_TOKEN_TRANSFER: u32 = 8;  // epoch ≥ 4: TOKEN_TRANSFER

const ZERO8: usize = memory.data(8, 8);
const ABSENT: i32 = 0xffff;

let out: usize = 0;
let nf: usize = 0;

function field(p: usize, len: i32): void {
  store<u16>(out, <u16>len);
  if (len != ABSENT) { memory.copy(out + 2, p, len); out += 2 + len; } else out += 2;
  store<u8>(nf, load<u8>(nf) + 1);
}
@inline function absent(): void { field(0, ABSENT); }

/** Length after stripping NUL bytes at both ends of [p, p+len); start offset through `stripStart`. */
let stripStart: i32 = 0;
function stripNul(p: usize, len: i32, both: bool): i32 {
  let s = 0;
  let e = len;
  if (both) while (s < e && load<u8>(p + s) == 0) s++;
  while (e > s && load<u8>(p + e - 1) == 0) e--;
  stripStart = s;
  return e - s;
}

/**
 * Decodes one payload at [p, p+len) into the output at `dst` (status + fields); returns bytes written.
 * The caller guarantees room for len + 64 bytes.
 */
export function decodePayload(p: usize, len: i32, features: u32, dst: usize): i32 {
  out = dst + 5;
  nf = dst + 4;
  store<u8>(nf, 0);
  const st = decodeInto(p, len, features);
  if (st < 0) { store<i32>(dst, st); store<u8>(nf, 0); return 5; }
  store<i32>(dst, st);
  return <i32>(out - dst);
}

function decodeInto(p: usize, len: i32, f: u32): i32 {
  if (len < 3 || load<u8>(p) != 0x69 || load<u8>(p + 1) != 0x64) return E_VC_NO_MAGIC;
  const op = <i32>load<u8>(p + 2);
  const q = p + 3;
  const n = len - 3;
  switch (op) {
    case 0x3f: { // ? NAME_PREORDER
      if (n == 36) { field(q, 20); field(q + 20, 16); absent(); absent(); return op; }
      if (n == 63 && (f & F_TOKENS)) {
        field(q, 20); field(q + 20, 16); field(q + 36, 8);
        const l = stripNul(q + 44, 19, true);
        field(q + 44 + stripStart, l);
        return op;
      }
      return E_VC_BAD_LENGTH;
    }
    case 0x3a: { // : NAME_REGISTRATION / RENEWAL
      if ((f & F_REGISTER_UPDATE) && n >= 57) {
        if (!(f & F_TOKENS) && n != 57) return E_VC_BAD_LENGTH;
        if ((f & F_TOKENS) && n != 57 && n != 65) return E_VC_BAD_LENGTH;
        const l = stripNul(q, 37, false);
        if (!checkName(q, l)) return E_VC_BAD_NAME;
        field(q, l); field(q + 37, 20);
        if (n == 65) field(q + 57, 8); else if (f & F_TOKENS) absent(); else field(ZERO8, 8);
        return op;
      }
      if (!checkName(q, n)) return E_VC_BAD_NAME;
      field(q, n); absent(); field(ZERO8, 8);
      return op;
    }
    case 0x2b: // + NAME_UPDATE
      if (n != 36) return E_VC_BAD_LENGTH;
      field(q, 16); field(q + 16, 20);
      return op;
    case 0x3e: { // > NAME_TRANSFER
      if (n != 33) return E_VC_BAD_LENGTH;
      const d = load<u8>(q);
      if (d != 0x3e && d != 0x7e) return E_VC_BAD_DISPOSITION;
      field(q, 1); field(q + 1, 16); field(q + 17, 16);
      return op;
    }
    case 0x7e: case 0x3b: // ~ NAME_REVOKE, ; NAME_IMPORT
      if (!checkName(q, n)) return E_VC_BAD_NAME;
      field(q, n);
      return op;
    case 0x2a: // * NAMESPACE_PREORDER
      if (f & F_STACKS_NS) {
        if (n != 44) return E_VC_BAD_LENGTH;
        field(q, 20); field(q + 20, 16); field(q + 36, 8);
      } else {
        if (n != 36) return E_VC_BAD_LENGTH;
        field(q, 20); field(q + 20, 16); absent();
      }
      return op;
    case 0x26: { // & NAMESPACE_REVEAL
      if (n < 18) return E_VC_BAD_LENGTH;
      if (!checkNamespaceId(q + 17, n - 17)) return E_VC_BAD_NAMESPACE;
      const disc = load<u8>(q + 14);
      if ((disc >> 4) == 0 || (disc & 15) == 0) return E_VC_BAD_DISCOUNT;
      const version = (<i32>load<u8>(q + 15) << 8) | <i32>load<u8>(q + 16);
      if (version < 1 || version > 3) return E_VC_BAD_VERSION;
      field(q, 4); field(q + 4, 1); field(q + 5, 1); field(q + 6, 8); field(q + 14, 1); field(q + 15, 2); field(q + 17, n - 17);
      return op;
    }
    case 0x21: // ! NAMESPACE_READY
      if (n < 2 || load<u8>(q) != 0x2e || !checkNamespaceId(q + 1, n - 1)) return E_VC_BAD_NAMESPACE;
      field(q + 1, n - 1);
      return op;
    case 0x23: // # ANNOUNCE
      if (n != 20) return E_VC_BAD_LENGTH;
      field(q, 20);
      return op;
    case 0x24: { // $ TOKEN_TRANSFER
      if (!(f & F_TOKEN_TRANSFER)) return E_VC_NOT_ACTIVE;
      if (n < 43 || n > 77) return E_VC_BAD_LENGTH;
      field(q, 16);
      const l = stripNul(q + 16, 19, true);
      field(q + 16 + stripStart, l);
      field(q + 35, 8); field(q + 43, n - 43);
      return op;
    }
    default:
      return E_VC_UNKNOWN_OPCODE;
  }
}
