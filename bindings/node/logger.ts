/**
 * @module node/logger — the node's pino logger (only node/ creates it; components get children):
 * everything at the configured level to `$BLOCKSTACK_HOME/node.log`, warnings and errors also to stderr.
 */
import { mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';

export function createLogger(home: string, level = 'info', toStderr: 'warn' | 'info' | 'silent' = 'warn'): Logger {
  mkdirSync(home, { recursive: true });
  // opened here, synchronously: the stream is ready at once, so pino's exit-time flush never meets an unopened
  // file (a start that fails and removes its home used to throw 'sonic boom is not ready yet' at exit)
  const file = pino.destination({ fd: openSync(join(home, 'node.log'), 'a'), sync: false });
  // writes stay asynchronous: a home removed meanwhile must not crash the process
  file.on('error', (e: Error) => { if (toStderr !== 'silent') process.stderr.write(`node.log: ${e.message}\n`); });
  const streams: pino.StreamEntry[] = [{ level: level as pino.Level, stream: file }];
  if (toStderr !== 'silent') streams.push({ level: toStderr, stream: process.stderr });
  return pino({ level, base: { pid: process.pid } }, pino.multistream(streams));
}
export type { Logger };
