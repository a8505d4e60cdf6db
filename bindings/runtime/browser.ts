/** @module runtime/browser — the package entry for browsers: call `await ready()` before the first use. */
export * from '../index.ts';
