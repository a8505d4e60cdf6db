/** Loaders for the shared test data (../shared beside the repo). */
import { readFileSync } from 'node:fs';
import { sharedUrl } from '../helpers/shared.ts';

export const dataUrl = (name: string) => sharedUrl(`data/${name}`);
export const readData = (name: string): Uint8Array => new Uint8Array(readFileSync(dataUrl(name)));
export const readJson = (name: string): any => JSON.parse(readFileSync(dataUrl(name), 'utf8'));
export const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
export const unhex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
export const rev = (b: Uint8Array) => Buffer.from(b).reverse().toString('hex');

/** The message of a RIPEMD-160 vector (hex, repeat spec or the Bitcoin Core generator). */
export function ripemdMessage(v: any): Uint8Array {
  if (v.input_repeat) return new TextEncoder().encode(String(v.input_repeat.repeat).repeat(v.input_repeat.count));
  if (v.generator) {
    const out = new Uint8Array(v.len_bytes);
    for (let i = 0; i < v.len_bytes / 5; i++) {
      for (let k = 0; k < 5; k++) out[5 * i + k] = (i >> (4 * k)) & 0xff;
    }
    return out;
  }
  return unhex(v.msg_hex);
}
