/**
 * Unmodified @stacks/storage (7.x) against our hub, and files crossing between it and our client:
 * plain, encrypted, signed, signed+encrypted, listFiles, deleteFile and If-Match conflicts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Storage } from '@stacks/storage';
import { startHub, type RunningHub } from '../../bindings/storage/hub/index.ts';
import { StorageClient } from '../../bindings/storage/client/index.ts';
import { APP_KEY, APP_ADDRESS, tempDir, stacksStorage } from './helpers.ts';

let hub: RunningHub;
let stacks: Storage;
let ours: StorageClient;

beforeAll(async () => {
  hub = await startHub({ storageDir: tempDir(), serverName: 'localhost' });
  stacks = stacksStorage(hub.url);
  ours = new StorageClient({ appPrivateKey: APP_KEY, hubUrls: [hub.url] });
});
afterAll(() => hub.close());

describe('@stacks/storage against our hub', () => {
  it('plain text and binary round trip; publicURL under the read prefix', async () => {
    const url = await stacks.putFile('plain.txt', 'hello gaia', { encrypt: false, contentType: 'text/plain' });
    expect(url).toBe(`${hub.url}/read/${APP_ADDRESS}/plain.txt`);
    expect(await stacks.getFile('plain.txt', { decrypt: false })).toBe('hello gaia');
    await stacks.putFile('plain.txt', 'hello again', { encrypt: false, contentType: 'text/plain' }); // If-Match path
    expect(await stacks.getFile('plain.txt', { decrypt: false })).toBe('hello again');
    await stacks.putFile('bin.dat', new Uint8Array([0, 1, 2, 255]), { encrypt: false });
    const bin = await stacks.getFile('bin.dat', { decrypt: false });
    expect(new Uint8Array(bin as ArrayBuffer)).toEqual(new Uint8Array([0, 1, 2, 255]));
  });

  it('encrypted, signed, signed+encrypted, base64', async () => {
    await stacks.putFile('secret.json', '{"a":1}');
    expect(await stacks.getFile('secret.json')).toBe('{"a":1}');
    await stacks.putFile('sealed.txt', 'signed and sealed', { encrypt: true, sign: true });
    expect(await stacks.getFile('sealed.txt', { decrypt: true, verify: true })).toBe('signed and sealed');
    await stacks.putFile('signed.txt', 'public but signed', { encrypt: false, sign: true, contentType: 'text/plain' });
    expect(await stacks.getFile('signed.txt', { decrypt: false, verify: true })).toBe('public but signed');
    await stacks.putFile('b64.txt', 'base64 body', { cipherTextEncoding: 'base64' });
    expect(await stacks.getFile('b64.txt')).toBe('base64 body');
  });

  it('If-None-Match from a fresh session on an existing file → PreconditionFailedError (412)', async () => {
    const fresh = stacksStorage(hub.url);
    await expect(fresh.putFile('bin.dat', 'other', { encrypt: false })).rejects.toMatchObject({ name: 'PreconditionFailedError', hubError: { statusCode: 412, error: 'PreconditionFailedError', message: 'The entity you are trying to create already exists' } });
    // stale If-Match: session A read the etag, session B overwrote → A's write fails
    const a = stacksStorage(hub.url);
    await a.getFile('plain.txt', { decrypt: false });
    await stacks.putFile('plain.txt', 'B wins', { encrypt: false, contentType: 'text/plain' });
    await expect(a.putFile('plain.txt', 'A loses', { encrypt: false, contentType: 'text/plain' })).rejects.toMatchObject({ name: 'PreconditionFailedError' });
    expect(await stacks.getFile('plain.txt', { decrypt: false })).toBe('B wins');
  });

  it('listFiles pages and deleteFile (plain, signed, missing → DoesNotExist)', async () => {
    const names: string[] = [];
    const n = await stacks.listFiles((name) => { names.push(name); return true; });
    expect(n).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['plain.txt', 'bin.dat', 'secret.json', 'sealed.txt', 'signed.txt', 'signed.txt.sig', 'b64.txt']));
    await stacks.deleteFile('signed.txt', { wasSigned: true });
    await stacks.deleteFile('b64.txt');
    await expect(stacks.getFile('b64.txt')).rejects.toMatchObject({ name: 'DoesNotExist' });
    await expect(stacks.deleteFile('nope.txt')).rejects.toMatchObject({ name: 'DoesNotExist', hubError: { statusCode: 404, message: 'File does not exist', error: 'DoesNotExist' } });
  });

  it('listFiles across several pages (page size 2)', async () => {
    const small = await startHub({ storageDir: tempDir(), pageSize: 2 });
    try {
      const s = stacksStorage(small.url);
      for (let i = 0; i < 5; i++) await s.putFile(`f${i}`, `v${i}`, { encrypt: false });
      const names: string[] = [];
      expect(await s.listFiles((x) => { names.push(x); return true; })).toBe(5);
      expect(names.sort()).toEqual(['f0', 'f1', 'f2', 'f3', 'f4']);
    } finally {
      await small.close();
    }
  });
});

describe('files cross between @stacks/storage and our client', () => {
  it('our client reads what @stacks/storage wrote', async () => {
    await stacks.putFile('x-plain.txt', 'from stacks', { encrypt: false, contentType: 'text/plain' });
    await stacks.putFile('x-enc.txt', 'enc from stacks');
    await stacks.putFile('x-sealed.txt', 'sealed from stacks', { sign: true });
    await stacks.putFile('x-signed.txt', 'signed from stacks', { encrypt: false, sign: true, contentType: 'text/plain' });
    expect(await ours.getFile('x-plain.txt', { decrypt: false })).toBe('from stacks');
    expect(await ours.getFile('x-enc.txt')).toBe('enc from stacks');
    expect(await ours.getFile('x-sealed.txt', { verify: true })).toBe('sealed from stacks');
    expect(await ours.getFile('x-signed.txt', { decrypt: false, verify: true })).toBe('signed from stacks');
  });

  it('@stacks/storage reads what our client wrote (manifest beside the file does not disturb it)', async () => {
    await ours.putFile('y-plain.txt', 'from ours', { encrypt: false, contentType: 'text/plain' });
    await ours.putFile('y-enc.txt', 'enc from ours');
    await ours.putFile('y-sealed.txt', 'sealed from ours', { sign: true });
    await ours.putFile('y-signed.txt', 'signed from ours', { encrypt: false, sign: true, contentType: 'text/plain' });
    await ours.putFile('y-b64.txt', 'b64 from ours', { cipherTextEncoding: 'base64' });
    expect(await stacks.getFile('y-plain.txt', { decrypt: false })).toBe('from ours');
    expect(await stacks.getFile('y-enc.txt')).toBe('enc from ours');
    expect(await stacks.getFile('y-sealed.txt', { verify: true })).toBe('sealed from ours');
    expect(await stacks.getFile('y-signed.txt', { decrypt: false, verify: true })).toBe('signed from ours');
    expect(await stacks.getFile('y-b64.txt')).toBe('b64 from ours');
    // and a second write by our client after @stacks read it, then @stacks writes with its remembered etag
    await ours.putFile('y-plain.txt', 'ours v2', { encrypt: false, contentType: 'text/plain' });
    await expect(stacks.putFile('y-plain.txt', 'stale', { encrypt: false })).rejects.toMatchObject({ name: 'PreconditionFailedError' });
    expect(await ours.getFile('y-plain.txt', { decrypt: false })).toBe('ours v2');
  });
});
