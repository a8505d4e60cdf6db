/**
 * @module crawl/verify-worker — one worker thread of crawl/verify-pool, with its own WASM core: runs
 * crawl/verify's checks and answers `{id, ok}` or `{id, err: {type, reason|code, message}}`.
 */
import { parentPort } from 'node:worker_threads';
import { ResolverError } from '../resolver/errors.ts';
import { AppFileError } from './apps.ts';
import type { FromVerify, ToVerify } from './verify-pool.ts';
import { Reject, verifyAppFile, verifyTokenFile } from './verify.ts';

parentPort!.on('message', (m: ToVerify) => {
  let out: FromVerify;
  try {
    out = { id: m.id, ok: m.kind === 'token' ? verifyTokenFile(m.body, m.address) : verifyAppFile(m.body, m.sidecar, m.address, m.metaKey) };
  } catch (e) {
    const message = (e as Error)?.message ?? String(e);
    out = { id: m.id, err: e instanceof Reject ? { type: 'reject', reason: e.reason, message } : e instanceof ResolverError ? { type: 'resolver', reason: e.code, message } : e instanceof AppFileError ? { type: 'app', reason: e.reason, message } : { type: 'error', reason: 'error', message } };
  }
  parentPort!.postMessage(out);
});
