import { describe, expect, it } from 'vitest';
import { core, ABI_VERSION } from '../../bindings/index.ts';
import { writeInput } from '../../bindings/core/wasm.ts';

describe('core.wasm loading', () => {
  it('compiles synchronously and reports its ABI version', () => {
    expect(core().abiVersion()).toBe(ABI_VERSION);
  });
  it('grows the input arena on demand', () => {
    const ex = core();
    const p = ex.inputReserve(5 << 20);
    expect(p).toBeGreaterThan(0);
    expect(ex.memory.buffer.byteLength).toBeGreaterThanOrEqual(p + (5 << 20));
  });
  it('refuses arenas over 1 GiB instead of looping or overflowing', () => {
    const ex = core();
    expect(ex.inputReserve(2 ** 31 + 1)).toBe(0);
    expect(ex.inputReserve(2 ** 30 + 1)).toBe(0);
    expect(() => writeInput({ length: 2 ** 30 + 1 } as Uint8Array)).toThrow(/E_TOO_LARGE/);
  });
  it('rejects a payload count the input cannot hold before sizing its output', () => {
    const ex = core();
    ex.inputReserve(16);
    expect(ex.decodePayloads(1e8, 16)).toBeLessThan(0);
  });
});
