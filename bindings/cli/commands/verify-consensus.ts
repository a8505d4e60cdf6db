/**
 * @module cli/commands/verify-consensus — `blockstack verify-consensus PATH...`: replays state-machine
 * vector files (statemachine-replay.md §4) and compares, block by block, verdicts, records and consensus
 * hashes. Only `scenario` and `blocks[].txs` are given to the replay; a block's `expected` section is read
 * after that block has been computed. Prints one line per mismatching block, then `N/M blocks match`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { CliError } from '../output.ts';
import { compareBlock, replayInput, type VectorFile } from '../../virtualchain/replay.ts';

function collect(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try { st = statSync(p); } catch { throw new CliError(`no such file or directory: ${p}`, 'E_NO_SUCH_FILE'); }
    if (st.isDirectory()) {
      for (const f of readdirSync(p).sort()) if (f.endsWith('.json')) out.push(join(p, f));
    } else out.push(p);
  }
  return out;
}

export interface VerifySummary { files: number; blocks: number; matching: number; lines: string[] }

export function verifyConsensusFiles(paths: string[]): VerifySummary {
  const s: VerifySummary = { files: 0, blocks: 0, matching: 0, lines: [] };
  for (const file of collect(paths)) {
    s.files++;
    let raw: any;
    try { raw = JSON.parse(readFileSync(file, 'utf8')); } catch (e) {
      s.lines.push(`${file}: unreadable vector file: ${(e as Error).message}`);
      continue;
    }
    if (!raw?.scenario?.config || !Array.isArray(raw.blocks)) { s.lines.push(`${file}: not a state-machine vector file`); continue; }
    const input: VectorFile = { scenario: raw.scenario, blocks: raw.blocks.map((b: any) => ({ height: b.height, txs: b.txs ?? [] })) };
    s.blocks += input.blocks.length;
    try {
      replayInput(input, (r, i) => {
        const problems = compareBlock(r, raw.blocks[i].expected);
        if (problems.length === 0) s.matching++;
        else s.lines.push(`${file}: block ${r.height}: ${problems.join('; ')}`);
      });
    } catch (e) {
      s.lines.push(`${file}: replay failed: ${(e as Error).message}`);
    }
  }
  return s;
}

export function registerVerifyConsensus(program: Command): void {
  program
    .command('verify-consensus')
    .description('replay state-machine vector files (files or directories) and compare records and consensus hashes per block')
    .argument('<paths...>', 'vector files or directories of *.json')
    .option('--json', 'print a JSON summary instead of text')
    .action((paths: string[], opts: { json?: boolean }) => {
      const s = verifyConsensusFiles(paths);
      if (opts.json) console.log(JSON.stringify(s, null, 2));
      else {
        for (const l of s.lines) console.log(l);
        console.log(`${s.matching}/${s.blocks} blocks match`);
      }
      if (s.matching !== s.blocks || s.lines.length > 0) {
        const bad = s.blocks - s.matching;
        throw new CliError(`${bad} block(s) do not match${s.lines.length > bad ? ' (and some files could not be replayed)' : ''}`, 'E_VC_CONSENSUS_MISMATCH');
      }
    });
}
