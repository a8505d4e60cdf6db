/**
 * @module virtualchain/rules — dispatch from opcode to its rule (one file per operation).
 */
import type { DecodedOp } from '../types.ts';
import { reject, type BlockCtx, type Outcome } from './context.ts';
import { checkImport } from './import.ts';
import { checkReady, checkReveal } from './namespace.ts';
import { checkNamePreorder, checkNamespacePreorder } from './preorder.ts';
import { checkRegister } from './register.ts';
import { checkRevoke } from './revoke.ts';
import { checkTransfer } from './transfer.ts';
import { checkUpdate } from './update.ts';

export function checkOp(ctx: BlockCtx, op: DecodedOp): Outcome {
  switch (op.opcode) {
    case '?': return checkNamePreorder(ctx, op);
    case ':': return checkRegister(ctx, op);
    case '+': return checkUpdate(ctx, op);
    case '>': return checkTransfer(ctx, op);
    case '~': return checkRevoke(ctx, op);
    case ';': return checkImport(ctx, op);
    case '*': return checkNamespacePreorder(ctx, op);
    case '&': return checkReveal(ctx, op);
    case '!': return checkReady(ctx, op);
    case '#': return reject('announce-not-recorded');
    default: return reject('unsupported-opcode');
  }
}

export type { BlockCtx, Outcome } from './context.ts';
