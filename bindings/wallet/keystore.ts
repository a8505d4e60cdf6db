/**
 * @module wallet/keystore — secrets at rest: scrypt (password → 32-byte key) + AES-256-GCM
 * (@noble/hashes, @noble/ciphers). The sealed box is plain JSON so the wallet file stays readable:
 * `{kdf: {name:'scrypt', N, r, p, salt}, cipher: {name:'aes-256-gcm', iv, data}}` (hex). The
 * plaintext never touches disk; a wrong password fails the GCM tag (E_WALLET_BAD_PASSWORD).
 */
import { scrypt } from '@noble/hashes/scrypt.js';
import { randomBytes, bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { gcm } from '@noble/ciphers/aes.js';
import { AuthError } from '../auth/errors.ts';

export interface SealedBox {
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  cipher: { name: 'aes-256-gcm'; iv: string; data: string };
}

/** scrypt cost: 2^16 × r 8 = 64 MiB, ~0.3 s on the 2-core CI box; devnet wallets use 2^12. */
export const DEFAULT_SCRYPT_N = 1 << 16;

function deriveKey(password: string, k: SealedBox['kdf']): Uint8Array {
  return scrypt(new TextEncoder().encode(password.normalize('NFKC')), hexToBytes(k.salt), { N: k.N, r: k.r, p: k.p, dkLen: 32 });
}

export function seal(plaintext: string, password: string, N = DEFAULT_SCRYPT_N): SealedBox {
  if (typeof password !== 'string' || password.length === 0) throw new AuthError('E_BAD_ARGUMENT', 'a password is required');
  const kdf = { name: 'scrypt' as const, N, r: 8, p: 1, salt: bytesToHex(randomBytes(16)) };
  const iv = randomBytes(12);
  const data = gcm(deriveKey(password, kdf), iv).encrypt(new TextEncoder().encode(plaintext));
  return { kdf, cipher: { name: 'aes-256-gcm', iv: bytesToHex(iv), data: bytesToHex(data) } };
}

export function open(box: SealedBox, password: string): string {
  if (box?.kdf?.name !== 'scrypt' || box?.cipher?.name !== 'aes-256-gcm') throw new AuthError('E_WALLET_CORRUPT', 'unknown keystore format');
  const { N, r, p } = box.kdf;
  if (![N, r, p].every((x) => Number.isInteger(x) && x > 0) || N > 1 << 20 || (N & (N - 1)) !== 0) {
    throw new AuthError('E_WALLET_CORRUPT', 'bad scrypt parameters');
  }
  let plain: Uint8Array;
  try {
    plain = gcm(deriveKey(password, box.kdf), hexToBytes(box.cipher.iv)).decrypt(hexToBytes(box.cipher.data));
  } catch {
    throw new AuthError('E_WALLET_BAD_PASSWORD', 'wrong password (or the wallet file is damaged)');
  }
  return new TextDecoder().decode(plain);
}
