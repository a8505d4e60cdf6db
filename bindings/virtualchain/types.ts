/**
 * @module virtualchain/types — plain data shapes of the state machine: the candidate transaction
 * (what a Bitcoin indexer hands over, statemachine-replay.md §4), decoded ops and stored records.
 */

export interface TxSender {
  script_pubkey: string;
  script_type: string;
  addresses: string[];
  amount?: number | null;
}

/** One candidate transaction: the tx object of the replay vectors, also what the node's scanner produces. */
export interface TxInput {
  txid: string;
  vtxindex: number;
  /** The OP_RETURN push: "id" + opcode + payload (hex). */
  op_return_hex: string;
  senders: TxSender[];
  sender_pubkey: string | null;
  outputs: { script_pubkey: string; value: number | null }[];
  fee?: number | null;
}

export type Opcode = '?' | ':' | '+' | '>' | '~' | ';' | '*' | '&' | '!' | '#' | '$';

/** Fields common to every decoded op. */
export interface OpBase {
  opcode: Opcode;
  txid: string;
  vtxindex: number;
  sender: string;
  address: string;
  senderType: string;
  senderPubkey: string | null;
  /** Burn output value (satoshi), null when the tx has no burn output. */
  opFee: number | null;
  /** Script the fee output pays (the burn script for valid legacy ops). */
  burnScript: string | null;
  /** Recipient output script / address (null when absent). */
  recipient: string | null;
  recipientAddress: string | null;
}

export type DecodedOp = OpBase & (
  | { opcode: '?'; preorderHash: string; consensusHash: string }
  | { opcode: ':'; name: string; valueHash: string | null; renewal: boolean | null }
  | { opcode: '+'; nameConsensusHash: string; valueHash: string }
  | { opcode: '>'; keepData: boolean; nameHash128: string; consensusHash: string }
  | { opcode: '~'; name: string }
  | { opcode: ';'; name: string; valueHash: string }
  | { opcode: '*'; preorderHash: string; consensusHash: string }
  | { opcode: '&'; namespaceId: string; preorderHash: string; version: number; lifetime: number; coeff: number;
      base: number; buckets: number[]; nonalphaDiscount: number; noVowelDiscount: number }
  | { opcode: '!'; namespaceId: string }
  | { opcode: '#'; messageHash: string }
);

export interface NameRecord {
  name: string;
  namespaceId: string;
  valueHash: string | null;
  sender: string;
  address: string;
  senderPubkey: string | null;
  blockNumber: number;
  preorderBlockNumber: number;
  preorderHash: string;
  firstRegistered: number;
  lastRenewed: number;
  revoked: boolean;
  op: string;
  txid: string;
  vtxindex: number;
  opFee: number;
  importer: string | null;
  importerAddress: string | null;
  /** Consensus hash stored by the latest NAME_UPDATE (transfer quirk), else null. */
  consensusHash: string | null;
  /** `?` or `;` — imported names serialize op_fee as a float (consensus.md §2.4). */
  lastCreationOp: '?' | ';';
}

export interface NamespaceRecord {
  namespaceId: string;
  preorderHash: string;
  version: number;
  sender: string;
  senderPubkey: string | null;
  address: string;
  recipient: string;
  recipientAddress: string;
  blockNumber: number;
  revealBlock: number;
  readyBlock: number;
  op: '&' | '!';
  txid: string;
  vtxindex: number;
  lifetime: number;
  coeff: number;
  base: number;
  buckets: number[];
  nonalphaDiscount: number;
  noVowelDiscount: number;
  opFee: number;
  /** Import keychain addresses (built by the first import), or null. */
  importKeychain: string[] | null;
  /** The reveal's sender (for ready's carried fields). */
  readySender: string | null;
}

export interface PreorderRecord {
  preorderHash: string;
  consensusHash: string;
  sender: string;
  senderPubkey: string | null;
  address: string;
  blockNumber: number;
  txid: string;
  vtxindex: number;
  opFee: number;
  burnScript: string | null;
}

/** One history entry: the record state after an accepted op. */
export interface HistoryEntry {
  block: number;
  vtxindex: number;
  txid: string;
  op: string;
  opcode: Opcode;
  /** For NAME_UPDATE: the recovered consensus hash. */
  consensusHash: string | null;
  record: NameRecord;
}

/** Verdict of one candidate tx. */
export interface Verdict { txid: string; vtxindex: number; opcode: string | null; accepted: boolean; op: string | null; reason?: string }
