// A plain-JS Bitcoin block parser used as a benchmark peer: walks the block (segwit aware), hashes every
// txid with the given one-shot SHA-256 and computes the merkle root. `makeParser(sha256)` where
// sha256(Uint8Array) → Uint8Array (32 bytes). Written for speed: no per-tx objects besides the txid.

export function makeParser(sha256) {
  const sha256d = (b) => sha256(sha256(b));
  return function parseBlock(buf) {
    const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    let p = 80;
    const varint = () => {
      const b = buf[p];
      if (b < 0xfd) { p += 1; return b; }
      if (b === 0xfd) { p += 3; return dv.getUint16(p - 2, true); }
      if (b === 0xfe) { p += 5; return dv.getUint32(p - 4, true); }
      p += 9;
      return Number(dv.getBigUint64(p - 8, true));
    };
    const hash = sha256d(buf.subarray(0, 80));
    const n = varint();
    const txids = new Array(n);
    for (let i = 0; i < n; i++) {
      const start = p;
      p += 4;
      const segwit = buf[p] === 0 && buf[p + 1] === 1;
      if (segwit) p += 2;
      const bodyStart = p;
      const nIn = varint();
      for (let k = 0; k < nIn; k++) { p += 36; const l = varint(); p += l + 4; }
      const nOut = varint();
      for (let k = 0; k < nOut; k++) { p += 8; const l = varint(); p += l; }
      const bodyEnd = p;
      if (segwit) {
        for (let k = 0; k < nIn; k++) { const m = varint(); for (let j = 0; j < m; j++) { const l = varint(); p += l; } }
      }
      p += 4;
      if (p > buf.length) throw new Error('truncated');
      if (!segwit) txids[i] = sha256d(buf.subarray(start, p));
      else {
        const s = new Uint8Array(8 + bodyEnd - bodyStart);
        s.set(buf.subarray(start, start + 4), 0);
        s.set(buf.subarray(bodyStart, bodyEnd), 4);
        s.set(buf.subarray(p - 4, p), 4 + bodyEnd - bodyStart);
        txids[i] = sha256d(s);
      }
    }
    if (p !== buf.length) throw new Error('trailing bytes');
    let level = txids;
    const pair = new Uint8Array(64);
    while (level.length > 1) {
      const next = [];
      for (let i = 0; i < level.length; i += 2) {
        pair.set(level[i], 0);
        pair.set(level[i + 1] ?? level[i], 32);
        next.push(sha256d(pair));
      }
      level = next;
    }
    return { hash, merkleRoot: level[0], txids };
  };
}
