/**
 * vectors/protocol: op payload parsing per epoch (decoded by the core), base-40 and hashes, name and
 * namespace pricing in both eras — all exact. Intermediate `explain` values are recomputed, not read.
 */
import { describe, expect, it } from 'vitest';
import {
  MAINNET, bucketExponent, btcToMicroStacks, epochAt, nameDiscount, parsePayload, priceName, priceNamespace,
} from '../../bindings/virtualchain/index.ts';
import {
  b40Bytes, b40FromBytes, base58checkEncode, concat, fromHex, hash128Hex, hash160, scriptToAddress, toHex, ascii,
} from '../../bindings/virtualchain/codec.ts';
import { VECTORS, readJson } from './helpers.ts';
import { decodeHexPayloadsCore, decodePayloadsCore } from '../../bindings/virtualchain/core-calls.ts';

const P = VECTORS + 'protocol/';

describe('op_parsing.json', () => {
  const v = readJson(P + 'op_parsing.json');
  for (const c of v.cases) {
    it(c.description, () => {
      expect(epochAt(MAINNET, c.block_height).epoch).toBe(c.explain.epoch);
      const got = parsePayload(fromHex(c.nulldata_hex), c.block_height, MAINNET);
      if (c.expected === null) expect(got).toBeNull();
      else expect(got).toEqual(c.expected);
    });
  }
  it('whole transactions: the OP_RETURN payload decodes as described', () => {
    for (const t of v.transactions) {
      const e = t.expected;
      if (!e.nulldata_hex || !e.parsed_payload_epoch5) continue;
      expect(parsePayload(fromHex(e.nulldata_hex), 600000, MAINNET)).toEqual(e.parsed_payload_epoch5);
      for (const o of e.outputs ?? []) {
        if (o.type === 'p2pkh' || o.type === 'p2sh') expect(scriptToAddress(o.script_hex, MAINNET.network)).toBe(o.address);
      }
    }
  });
});

describe('b40_and_hashes.json', () => {
  const v = readJson(P + 'b40_and_hashes.json');
  for (const c of v.cases) {
    it(`${c.kind}: ${c.text ?? c.name ?? c.input_hex ?? c.input_ascii ?? c.namespace_id ?? c.script_hex}`, () => {
      switch (c.kind) {
        case 'b40':
          expect(toHex(b40Bytes(c.text))).toBe(c.bytes_hex);
          expect(BigInt('0x' + c.bytes_hex)).toBe(BigInt(c.integer));
          expect(b40FromBytes(fromHex(c.bytes_hex))).toBe(c.roundtrip_from_bytes);
          break;
        case 'hash160': expect(toHex(hash160(fromHex(c.input_hex)))).toBe(c.output_hex); break;
        case 'hash128': expect(hash128Hex(c.input_ascii)).toBe(c.output_hex); break;
        case 'name_consensus_hash': expect(hash128Hex(c.name + c.consensus_hash)).toBe(c.output_hex); break;
        case 'preorder_hash':
          expect(toHex(hash160(concat(b40Bytes(c.name), fromHex(c.sender_script_pubkey), ascii(c.register_address))))).toBe(c.output_hex);
          break;
        case 'namespace_preorder_hash':
          expect(toHex(hash160(concat(b40Bytes(c.namespace_id), fromHex(c.sender_script_pubkey), ascii(c.reveal_address))))).toBe(c.output_hex);
          break;
        case 'address':
          expect(scriptToAddress(c.script_hex, MAINNET.network)).toBe(c.address);
          if (c.script_hex.startsWith('76a914')) expect(base58checkEncode(0, fromHex(c.script_hex.slice(6, 46)))).toBe(c.address);
          break;
        default: throw new Error('unknown case kind ' + c.kind);
      }
    });
  }
});

describe('pricing.json', () => {
  const v = readJson(P + 'pricing.json');
  for (const c of v.cases) {
    const label = c.kind === 'name' ? `${c.name}.${c.namespace.namespace_id} @${c.block_height}` : `namespace ${c.namespace_id} @${c.block_height} ${c.units}`;
    it(label, () => {
      expect(epochAt(MAINNET, c.block_height).epoch).toBe(c.explain?.epoch ?? epochAt(MAINNET, c.block_height).epoch);
      if (c.kind === 'namespace') {
        expect(priceNamespace(MAINNET, c.namespace_id, c.block_height, c.units)).toBe(c.expected.price);
        return;
      }
      const n = c.namespace;
      const ns = { coeff: n.coeff, base: n.base, buckets: n.buckets, nonalphaDiscount: n.nonalpha_discount, noVowelDiscount: n.no_vowel_discount, version: n.version };
      if (c.explain?.bucket_exponent !== undefined) expect(bucketExponent(c.name, ns)).toBe(c.explain.bucket_exponent);
      if (c.explain?.discount !== undefined) expect(nameDiscount(c.name, ns)).toBe(c.explain.discount);
      const p = priceName(c.name, ns, c.block_height, MAINNET);
      if (c.expected.arithmetic === 'float') {
        expect(typeof p).toBe('number');
        expect(p).toBe(c.expected.price);
      } else {
        expect(typeof p).toBe('bigint');
        expect((p as bigint).toString()).toBe(c.expected.price);
        if (c.expected.price_in_microstacks) expect(btcToMicroStacks(p as bigint).toString()).toBe(c.expected.price_in_microstacks);
      }
    });
  }
});

describe('payload decoder input', () => {
  it('payloads given as hex decode exactly as the same bytes (vector payloads, mutated and truncated ones)', () => {
    let seed = 11;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const real: Uint8Array[] = readJson(P + 'op_parsing.json').cases.map((c: any) => fromHex(c.nulldata_hex));
    const payloads = real.flatMap((p) => [p, p.slice(0, Math.floor(rnd() * p.length)), p.map((x) => (rnd() < 0.05 ? Math.floor(rnd() * 256) : x))]);
    for (const features of [0, 1, 15]) {
      const hex = decodeHexPayloadsCore(payloads.map((p) => Buffer.from(p).toString('hex')), features);
      expect(hex).toEqual(decodePayloadsCore(payloads, features));
      expect(hex.filter((r) => r.status > 0).length).toBeGreaterThan(real.length / 2);
    }
  });
});
