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
