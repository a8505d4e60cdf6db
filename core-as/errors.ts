/**
 * @module errors — the core's error codes (negative i32). The table is mirrored in ABI.md and in
 * bindings/core/errors.ts; codes are stable once released. Each area owns a range.
 */

// -1 .. -19: general and Bitcoin parsing
export const E_TRUNCATED: i32 = -1;       // input ends inside a field
export const E_VARINT: i32 = -2;          // non-canonical or oversize varint
export const E_TRAILING: i32 = -3;        // trailing bytes after the last transaction
export const E_COUNT: i32 = -4;           // count larger than the remaining bytes could hold
export const E_TOO_LARGE: i32 = -5;       // input too large
export const E_BAD_ARG: i32 = -6;         // argument out of range
export const E_SEGWIT_FLAG: i32 = -7;     // segwit marker with a flag other than 1
export const E_NO_TXS: i32 = -8;          // block has no transactions
export const E_EMPTY_WITNESS: i32 = -9;   // segwit serialization with no witness data
// -20 .. -39: secp256k1
export const E_SECP_FRAMING: i32 = -20;   // signature batch record runs past the input
export const E_SECP_PUBKEY: i32 = -21;    // not a valid SEC 1 public key
export const E_SECP_TWEAK: i32 = -22;     // tweak not below the group order, or the tweaked key is the point at infinity
// -40 .. -59: virtualchain (op decoding, consensus)
export const E_VC_NO_MAGIC: i32 = -40;       // payload does not start with "id" and an opcode
export const E_VC_UNKNOWN_OPCODE: i32 = -41; // unknown name-operation opcode
export const E_VC_BAD_LENGTH: i32 = -42;     // payload length not allowed for the opcode in this epoch
export const E_VC_BAD_NAME: i32 = -43;       // invalid fully-qualified name
export const E_VC_BAD_NAMESPACE: i32 = -44;  // invalid namespace id
export const E_VC_BAD_DISPOSITION: i32 = -45; // transfer disposition byte is not ">" or "~"
export const E_VC_BAD_VERSION: i32 = -46;    // namespace version not 1, 2 or 3
export const E_VC_BAD_DISCOUNT: i32 = -47;   // namespace discount of 0
export const E_VC_BAD_TOKEN: i32 = -48;      // malformed token fields
export const E_VC_NOT_ACTIVE: i32 = -49;     // operation not active in this epoch
export const E_VC_TOO_MANY: i32 = -50;       // too many items for one call
