/**
 * @module mem — the two arenas every entry point shares (see ABI.md §Memory).
 *
 * The host writes its input at `inputPtr()` (after `inputReserve(n)`), calls one entry point, and reads
 * results from `outputPtr()` / `outputLen()`. Both arenas grow by doubling and are never freed (AssemblyScript's minimal
 * runtime), so steady-state calls allocate nothing. Growing the input may move it: always re-read the
 * pointer after `inputReserve`. Growing memory detaches the host's typed views: re-make them.
 */

let inPtr: usize = 0;
let inCap: usize = 0;
let outPtr: usize = 0;
let outCap: usize = 0;
let outLen: usize = 0;
/** Byte offset (into the input) where the last error was detected, or -1. */
let errOffset: i32 = -1;

/** The largest arena the core will reserve (1 GiB); larger requests get address 0 (E_TOO_LARGE on the host). */
export const MAX_ARENA: usize = 1 << 30;

function roundUp(n: usize): usize {
  let c: usize = 1 << 16;
  while (c < n) c <<= 1;
  return c;
}

/** Make the input arena at least `n` bytes; returns its (possibly new) address, or 0 when `n` > MAX_ARENA. */
export function inputReserve(n: usize): usize {
  if (n > MAX_ARENA) return 0;
  if (n > inCap || inPtr == 0) {
    inCap = roundUp(n);
    inPtr = heap.alloc(inCap);
  }
  return inPtr;
}

export function inputPtr(): usize { return inPtr; }
export function inputCap(): usize { return inCap; }

/**
 * Make the output arena at least `n` bytes (contents are not kept). Called by entry points, not hosts;
 * entry points bound `n` from their input (never above MAX_ARENA), so this cannot loop or overflow.
 */
export function outputReserve(n: usize): usize {
  if (n > MAX_ARENA) return 0;
  if (n > outCap || outPtr == 0) {
    outCap = roundUp(n);
    outPtr = heap.alloc(outCap);
  }
  return outPtr;
}

export function outputPtr(): usize { return outPtr; }
export function outputLen(): usize { return outLen; }
export function setOutputLen(n: usize): void { outLen = n; }

export function errorOffset(): i32 { return errOffset; }
export function setErrorOffset(off: i32): void { errOffset = off; }
