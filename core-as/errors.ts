/**
 * @module errors — the core's error codes (negative i32). The table is mirrored in ABI.md and in
 * bindings/core/errors.ts; codes are stable once released. Each area owns a range.
 */

// -1 .. -19: general and Bitcoin parsing
export const E_TRUNCATED: i32 = -1;       // input ended inside a field
export const E_VARINT: i32 = -2;          // non-canonical or oversize CompactSize
export const E_TRAILING: i32 = -3;        // bytes left after the last transaction
export const E_COUNT: i32 = -4;           // absurd count (more items than bytes could hold)
export const E_TOO_LARGE: i32 = -5;       // input larger than the entry point accepts
export const E_BAD_ARG: i32 = -6;         // a length or count argument out of range
export const E_SEGWIT_FLAG: i32 = -7;     // marker 0x00 followed by a flag other than 0x01
export const E_NO_TXS: i32 = -8;          // a block with zero transactions
export const E_EMPTY_WITNESS: i32 = -9;   // segwit serialization with all-empty witnesses
// -20 .. -39: secp256k1
export const E_SECP_FRAMING: i32 = -20;   // a batch record runs past the input, or bytes follow the last one
export const E_SECP_PUBKEY: i32 = -21;    // not a valid SEC 1 public key (conversion helpers only)
// -40 .. -59: virtualchain (op decoding, consensus)
export const E_VC_NO_MAGIC: i32 = -40;       // payload does not start with "id" + an opcode byte
export const E_VC_UNKNOWN_OPCODE: i32 = -41; // opcode byte not one of ?~:+>;*&!#$
export const E_VC_BAD_LENGTH: i32 = -42;     // payload length not allowed for the opcode in this epoch
export const E_VC_BAD_NAME: i32 = -43;       // fully-qualified name fails is_name_valid
export const E_VC_BAD_NAMESPACE: i32 = -44;  // namespace id fails is_namespace_valid (or ready without '.')
export const E_VC_BAD_DISPOSITION: i32 = -45; // transfer disposition byte not '>' / '~'
export const E_VC_BAD_VERSION: i32 = -46;    // namespace version not 1, 2 or 3
export const E_VC_BAD_DISCOUNT: i32 = -47;   // a namespace discount of 0
export const E_VC_BAD_TOKEN: i32 = -48;      // token fields malformed (units, amount)
export const E_VC_NOT_ACTIVE: i32 = -49;     // operation not active in the epoch (feature mask)
export const E_VC_TOO_MANY: i32 = -50;       // more leaves / payloads than the entry point accepts
