// The browser bundle (dist/browser.js, built by scripts/build.mjs) must load without Node built-ins:
// no static `node:` imports, and after `await ready()` the core answers synchronously.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const bundle = new URL('../../dist/browser.js', import.meta.url);

describe('dist/browser.js', () => {
  it('has no static imports of Node built-ins or native packages', () => {
    const text = readFileSync(bundle, 'utf8');
    const statics = text.split('\n').filter((l) => /^import\s.*from\s+["']/.test(l));
    expect(statics).toEqual([]);
    expect(text).not.toMatch(/require\(["']better-sqlite3["']\)/);
  });
  it('hashes after await ready()', async () => {
    const mod = await import(bundle.href);
    await mod.ready();
    const hex = Buffer.from(mod.sha256(new TextEncoder().encode('abc'))).toString('hex');
    expect(hex).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
