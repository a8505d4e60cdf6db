import { describe, expect, it } from 'vitest';
import { b40Bytes, encodeRevealPayload, hash128, namePreorder, nameUpdate, nameImport, nameRegister } from '../../bindings/chain/nameops.ts';
import { ascii, toHex } from '../../bindings/chain/bytes.ts';

describe('name op payloads (protocol.md §5 worked examples)', () => {
  it('b40bytes, hash128 of name+consensus hash text, reveal payload', () => {
    expect(toHex(b40Bytes('muneeb.id'))).toBe('87b0059d8e5d');
    expect(toHex(hash128(ascii('jude.id' + '8d8762c37d82360b84cf4d87f32f7754')))).toBe('d1062edb9ec9c85ad1aca6d37f2f5793');
    const p = encodeRevealPayload('test', { lifetime: 52595, coeff: 250, base: 4, buckets: [6, 5, 4, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], nonalphaDiscount: 10, noVowelDiscount: 10, version: 1 });
    expect(toHex(p)).toBe('0000cd73fa046543210000000000aa000174657374');
  });
  it('output layouts and validation', () => {
    const ch = '8d8762c37d82360b84cf4d87f32f7754';
    const pre = namePreorder('alice.id', new Uint8Array(25), 'mxxx', ch, 40000n);
    expect(pre).toHaveLength(3);
    expect(pre[1]).toBe('change');
    const upd = nameUpdate('jude.id', ch, 'aa'.repeat(20));
    expect(toHex((upd[0] as { script: Uint8Array }).script)).toBe('6a27' + toHex(ascii('id+')) + 'd1062edb9ec9c85ad1aca6d37f2f5793' + 'aa'.repeat(20));
    const reg = nameRegister('alice.id', new Uint8Array(25), 5500n, 'bb'.repeat(20));
    expect((reg[0] as { script: Uint8Array }).script.length).toBe(2 + 3 + 57);
    expect(nameImport('a.id', new Uint8Array(25), 1n, 'cc'.repeat(20))).toHaveLength(4);
    expect(() => namePreorder('Alice.id', new Uint8Array(25), 'm', ch, 1n)).toThrow(/invalid name/);
    expect(() => nameUpdate('a.id', 'zz', 'aa'.repeat(20))).toThrow(/consensus hash/);
  });
});
