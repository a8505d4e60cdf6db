/**
 * @module node/logger — the node's pino logger (only node/ creates it; components get children):
 * everything at the configured level to `$BLOCKSTACK_HOME/node.log`, warnings and errors also to stderr.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';

export function createLogger(home: string, level = 'info', toStderr: 'warn' | 'info' | 'silent' = 'warn'): Logger {
  mkdirSync(home, { recursive: true });
  const file = pino.destination({ dest: join(home, 'node.log'), sync: false, mkdir: true });
  // the file opens asynchronously: a home removed meanwhile (a failed start cleaned up) must not crash the process
  file.on('error', (e: Error) => { if (toStderr !== 'silent') process.stderr.write(`node.log: ${e.message}\n`); });
  const streams: pino.StreamEntry[] = [{ level: level as pino.Level, stream: file }];
  if (toStderr !== 'silent') streams.push({ level: toStderr, stream: process.stderr });
  return pino({ level, base: { pid: process.pid } }, pino.multistream(streams));
}
export type { Logger };
