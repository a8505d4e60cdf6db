/**
 * Input read straight into core memory (`inputView`, what the block-file workers do): the block is not
 * copied again, and results equal those from a JS-heap copy — also when the call grows memory and so
 * detaches the view it was given (the binding re-makes it before slicing scripts out of the block).
 */
import { describe, expect, it } from 'vitest';
import { parseBlock, scanBlock, core } from '../../bindings/index.ts';
import { inputBytes, inputView } from '../../bindings/core/wasm.ts';
import { readData } from './fixtures.ts';

const raw = readData('block702861.raw');
const plain = (r: ReturnType<typeof scanBlock>) => JSON.stringify(r, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v));

describe('inputView', () => {
  it('scanBlock on the arena view equals scanBlock on a copy, even when the call grows memory', () => {
    // first calls of this file's fresh core: the output arena does not exist yet, so the call allocates it
    // above the block and grows memory, detaching `view`
    const view = inputView(raw.length);
    view.set(raw);
    const before = core().memory.buffer;
    const a = scanBlock(view, '');
    expect(core().memory.buffer).not.toBe(before); // memory grew during the call: the view was detached
    expect(view.length).toBe(0);
    expect(a.txs.length).toBeGreaterThan(0);
    expect(Buffer.from(inputBytes(raw.length)).equals(raw)).toBe(true); // the call left the input as it was
    const b = scanBlock(new Uint8Array(raw), '');
    expect(plain(a)).toBe(plain(b));
    for (const trusted of [false, true]) {
      const v = inputView(raw.length);
      v.set(raw);
      expect(plain(scanBlock(v, 'id', { trusted }))).toBe(plain(scanBlock(raw, 'id', { trusted })));
    }
  });

  it('parseBlock on the arena view keeps the header and every txid', () => {
    const v = inputView(raw.length);
    v.set(raw);
    const a = parseBlock(v);
    const b = parseBlock(raw);
    expect(a.hash).toBe(b.hash);
    expect(a.prevHash).toBe(b.prevHash);
    expect(Buffer.from(a.txidsBytes()).equals(Buffer.from(b.txidsBytes()))).toBe(true);
  });
});
