// Deno runs the same bindings as Node: the core compiles synchronously at import.
import { strictEqual as assertEquals } from 'node:assert/strict';
import { ABI_VERSION, core } from '../../bindings/runtime/deno.ts';

Deno.test('core loads under Deno with the expected ABI', () => {
  assertEquals(core().abiVersion(), ABI_VERSION);
});
