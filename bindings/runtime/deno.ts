/** @module runtime/deno — the package entry for Deno (the core compiles synchronously at first use). */
export * from '../index.ts';
