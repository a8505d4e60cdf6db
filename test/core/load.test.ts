import { describe, expect, it } from 'vitest';
import { core, ABI_VERSION } from '../../bindings/index.ts';

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
});
