/**
 * @module routing/atlas/inventory — the Atlas zone-file inventory (naming.md §2.4).
 *
 * Slots: one per accepted NAME_IMPORT / NAME_REGISTRATION / NAME_RENEWAL / NAME_UPDATE with a non-null
 * value hash, in chain order (block height, then vtxindex). Bit i (byte i>>3, mask 0x80 >> (i & 7)) is set
 * iff the zone file of slot i is stored; storing a zone file sets every slot with its hash.
 */
export interface SlotInfo {
  hash: string;           // value_hash, 40 hex
  block_height: number;
  vtxindex?: number;
  txid?: string;
  name?: string;
}

export const MAX_INVENTORY_REQUEST = 524_288;

/** Bit `i` of an MSB-first vector (bits past the end are clear). */
export function getBit(vec: Uint8Array, i: number): boolean {
  const b = i >> 3;
  return b < vec.length && (vec[b] & (0x80 >> (i & 7))) !== 0;
}

export function encodeBits(bits: ArrayLike<boolean | number>): Uint8Array {
  const out = new Uint8Array((bits.length + 7) >> 3);
  for (let i = 0; i < bits.length; i++) if (bits[i]) out[i >> 3] |= 0x80 >> (i & 7);
  return out;
}

/** Number of bits set in `remote` and clear in `local` (naming.md §2.4 `missing(local, remote)`). */
export function countMissing(local: Uint8Array, remote: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < remote.length; i++) {
    let x = remote[i] & ~(i < local.length ? local[i] : 0) & 0xff;
    while (x) { x &= x - 1; n++; }
  }
  return n;
}

/** The node's own slot list and bit vector. */
export class Inventory {
  private slots: SlotInfo[] = [];
  private byHash = new Map<string, number[]>();
  private vec = new Uint8Array(64);
  private present = new Set<string>();

  get slotCount(): number { return this.slots.length; }
  get byteLength(): number { return (this.slots.length + 7) >> 3; }

  /** Append slots in chain order; `isStored` tells which hashes the store already holds. */
  addSlots(list: SlotInfo[], isStored: (hash: string) => boolean = (h) => this.present.has(h)): void {
    for (const s of list) {
      const i = this.slots.length;
      this.slots.push(s);
      const arr = this.byHash.get(s.hash);
      if (arr) arr.push(i); else this.byHash.set(s.hash, [i]);
      if (((i >> 3) + 1) > this.vec.length) {
        const nv = new Uint8Array(Math.max(this.vec.length * 2, (i >> 3) + 1));
        nv.set(this.vec);
        this.vec = nv;
      }
      if (this.present.has(s.hash) || isStored(s.hash)) this.setBit(i, s.hash);
    }
  }

  /** Drop every slot from `count` on (chain reorganisation). */
  truncate(count: number): void {
    for (let i = this.slots.length - 1; i >= count; i--) {
      const h = this.slots[i].hash;
      const arr = this.byHash.get(h)!;
      arr.pop();
      if (!arr.length) this.byHash.delete(h);
      this.vec[i >> 3] &= ~(0x80 >> (i & 7));
    }
    this.slots.length = Math.min(this.slots.length, count);
  }

  private setBit(i: number, h: string): void {
    this.vec[i >> 3] |= 0x80 >> (i & 7);
    this.present.add(h);
  }

  /** Mark a hash stored: sets all its slots. Returns its slot indexes ([] if not on chain). */
  markStored(hash: string): number[] {
    const arr = this.byHash.get(hash) ?? [];
    for (const i of arr) this.setBit(i, hash);
    return arr;
  }

  isKnown(hash: string): boolean { return this.byHash.has(hash); }
  isStored(hash: string): boolean { return this.present.has(hash) && this.byHash.has(hash); }
  slotsOf(hash: string): number[] { return this.byHash.get(hash) ?? []; }
  slot(i: number): SlotInfo | undefined { return this.slots[i]; }
  allSlots(): readonly SlotInfo[] { return this.slots; }

  /** The whole vector (a copy, `ceil(slots/8)` bytes). */
  vector(): Uint8Array { return this.vec.slice(0, this.byteLength); }

  /** `vector[offset : offset+length]`, clamped; empty when offset ≥ size. */
  range(offset: number, length: number): Uint8Array {
    const size = this.byteLength;
    if (offset >= size) return new Uint8Array(0);
    return this.vec.slice(offset, Math.min(size, offset + length));
  }

  /** Hashes of slots whose bit is clear, each once, in slot order. */
  missingHashes(): string[] {
    const out: string[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < this.slots.length; i++) {
      if (getBit(this.vec, i)) continue;
      const h = this.slots[i].hash;
      if (!seen.has(h)) { seen.add(h); out.push(h); }
    }
    return out;
  }

  /** Does a peer's vector advertise any slot of `hash`? */
  peerHas(peerVec: Uint8Array, hash: string): boolean {
    for (const i of this.slotsOf(hash)) if (getBit(peerVec, i)) return true;
    return false;
  }

  /** Clear all slots of `hash` in a (cached) peer vector. */
  clearInPeer(peerVec: Uint8Array, hash: string): void {
    for (const i of this.slotsOf(hash)) if ((i >> 3) < peerVec.length) peerVec[i >> 3] &= ~(0x80 >> (i & 7));
  }
}
