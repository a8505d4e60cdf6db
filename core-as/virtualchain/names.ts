/**
 * @module virtualchain/names — name and namespace syntax (spec protocol.md §6.1) on raw bytes.
 */

export const MAX_NAME_LENGTH: i32 = 37;
export const MAX_NAMESPACE_LENGTH: i32 = 19;

/** [a-z0-9-_] — the b40 alphabet without '.' and '+'. */
@inline function isNsChar(c: u32): bool {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c == 0x2d || c == 0x5f;
}

export function checkNamespaceId(p: usize, len: i32): bool {
  if (len < 1 || len > MAX_NAMESPACE_LENGTH) return false;
  for (let i = 0; i < len; i++) if (!isNsChar(load<u8>(p + i))) return false;
  return true;
}

/** is_name_valid: ≤ 37 bytes, exactly one '.', non-empty name part of b40 without '+', valid namespace. */
export function checkName(p: usize, len: i32): bool {
  if (len < 3 || len > MAX_NAME_LENGTH) return false;
  let dot = -1;
  for (let i = 0; i < len; i++) {
    const c = <u32>load<u8>(p + i);
    if (c == 0x2e) {
      if (dot >= 0) return false;
      dot = i;
    } else if (!isNsChar(c)) return false; // '+' and anything outside b40 are rejected here
  }
  if (dot <= 0) return false;
  return checkNamespaceId(p + dot + 1, len - dot - 1);
}
