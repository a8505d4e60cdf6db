/**
 * @module virtualchain/networks — the rules as data: epochs, price tables, windows and address
 * versions per network and release (protocol.md §1-2, §7.1; statemachine-replay.md §5).
 * Every parameter the state machine reads lives here; nothing in rules/ hard-codes a number.
 */
import type { NetworkVersions } from './codec.ts';

export type Feature =
  | 'MULTISIG' | 'SEGWIT' | 'OP_REGISTER_UPDATE' | 'OP_RENEW_TRANSFER_UPDATE' | 'NAMESPACE_BURN_TO_CREATOR'
  | 'NAMESPACE_PAY_WITH_STACKS' | 'STACKS_BUY_NAMESPACES' | 'FIX_PREORDER_EXPIRE' | 'NAMEOPS_COST_TOKENS'
  | 'TOKEN_TRANSFER' | 'INT_DIVISION' | 'TOKEN_TRANSFER_CONSENSUS_HASH_OPTIONAL';

export interface Epoch {
  epoch: number;
  firstBlock: number;
  /** Inclusive; null = open-ended. */
  endBlock: number | null;
  features: Feature[];
  lifetimeMultiplier: number;
  /** Float-era name price multiplier (BTC). */
  priceMultiplier: number;
  /** Integer-era divisor (BTC); 0 in float eras. */
  priceDivisor: number;
  gracePeriod: number;
  /** Namespace prices in satoshi by id length class [1, 2-3, 4-7, >=8]; null = no BTC table. */
  namespacePrices: [number, number, number, number] | null;
  /** Namespace prices in microStacks (epochs with STACKS_BUY_NAMESPACES); null = none. */
  namespacePricesStacks?: [number, number, number, number] | null;
}

/**
 * `legacy` = the 0.13/0.14/0.14.1 input conventions (burn = first output paying the burn address,
 * recipient = first non-OP_RETURN output, renewal chosen by state); `core21` = protocol.md §4 layout.
 */
export type Flavour = 'legacy' | 'core21';
/** Which field names the consensus serialization uses (consensus.md §2.3). */
export type FieldNames = '0.13' | '0.14';

/**
 * Release-specific behaviour kept as data. `update013`: release 0.13 checks NAME_UPDATE's revoked flag
 * only while the name is live at N, recovers the name among revoked names too, and commits revoked = False
 * (seen in 0.13__name_preorder_register_revoke_reregister, block 282).
 */
export interface Quirks { update013?: boolean }

export interface RuleSet {
  name: string;
  quirks: Quirks;
  flavour: Flavour;
  fieldNames: FieldNames;
  network: NetworkVersions;
  firstBlock: number;
  consensusHashWindow: number;
  maxNamesPerSender: number;
  namePreorderExpire: number;
  namespacePreorderExpire: number;
  namespaceRevealExpire: number;
  importKeyringSize: number;
  epochs: Epoch[];
  /** From this height every transaction is ignored (blocks hash as empty): the v1 export (22.x), or none. */
  freezeHeight?: number | null;
}

export const MAINNET_VERSIONS: NetworkVersions = { p2pkhVersion: 0x00, p2shVersion: 0x05 };
export const REGTEST_VERSIONS: NetworkVersions = { p2pkhVersion: 0x6f, p2shVersion: 0xc4 };
export const BURN_SCRIPT = '76a914000000000000000000000000000000000000000088ac';
export const NAMESPACE_LIFE_INFINITE = 0xffffffff;
export const NAME_COST_UNIT = 100;

const F12: Feature[] = [];
const F2: Feature[] = ['MULTISIG'];
const F3: Feature[] = [...F2, 'SEGWIT', 'OP_REGISTER_UPDATE', 'OP_RENEW_TRANSFER_UPDATE', 'NAMESPACE_BURN_TO_CREATOR'];
const F4: Feature[] = [...F3, 'NAMESPACE_PAY_WITH_STACKS', 'STACKS_BUY_NAMESPACES', 'FIX_PREORDER_EXPIRE',
  'NAMEOPS_COST_TOKENS', 'TOKEN_TRANSFER', 'INT_DIVISION'];
const F5: Feature[] = [...F4, 'TOKEN_TRANSFER_CONSENSUS_HASH_OPTIONAL'];
const NS_PRICES_12: [number, number, number, number] = [40_000_000_000, 4_000_000_000, 400_000_000, 40_000_000];
const NS_PRICES_3: [number, number, number, number] = [4_000_000_000, 400_000_000, 40_000_000, 4_000_000];
const NS_PRICES_STX: [number, number, number, number] = [640_000_000_000, 64_000_000_000, 6_400_000_000, 640_000_000];

/** Mainnet epochs (protocol.md §2). */
export const MAINNET_EPOCHS: Epoch[] = [
  { epoch: 1, firstBlock: 373601, endBlock: 436650, features: F12, lifetimeMultiplier: 1, priceMultiplier: 1.0, priceDivisor: 0, gracePeriod: 0, namespacePrices: NS_PRICES_12 },
  { epoch: 2, firstBlock: 436651, endBlock: 488500, features: F2, lifetimeMultiplier: 2, priceMultiplier: 1.0, priceDivisor: 0, gracePeriod: 0, namespacePrices: NS_PRICES_12 },
  { epoch: 3, firstBlock: 488501, endBlock: 547921, features: F3, lifetimeMultiplier: 2, priceMultiplier: 0.1, priceDivisor: 0, gracePeriod: 5000, namespacePrices: NS_PRICES_3 },
  { epoch: 4, firstBlock: 547922, endBlock: 599866, features: F4, lifetimeMultiplier: 2, priceMultiplier: 1.0, priceDivisor: 10, gracePeriod: 5000, namespacePrices: null, namespacePricesStacks: NS_PRICES_STX },
  { epoch: 5, firstBlock: 599867, endBlock: 613249, features: F5, lifetimeMultiplier: 2, priceMultiplier: 1.0, priceDivisor: 10, gracePeriod: 5000, namespacePrices: null, namespacePricesStacks: NS_PRICES_STX },
  // 22.x: same features as epoch 5 (consensus-mainnet.md §1); the v1 chain freezes at MAINNET.freezeHeight.
  { epoch: 6, firstBlock: 613250, endBlock: null, features: F5, lifetimeMultiplier: 2, priceMultiplier: 1.0, priceDivisor: 10, gracePeriod: 5000, namespacePrices: null, namespacePricesStacks: NS_PRICES_STX },
];

export const MAINNET: RuleSet = {
  name: 'mainnet', quirks: {}, flavour: 'core21', fieldNames: '0.14', network: MAINNET_VERSIONS, firstBlock: 373601,
  consensusHashWindow: 24, maxNamesPerSender: 25, namePreorderExpire: 144, namespacePreorderExpire: 144,
  namespaceRevealExpire: 52595, importKeyringSize: 300, epochs: MAINNET_EPOCHS, freezeHeight: 665750,
};

/** Devnet: mainnet epoch-3 rules from its first block, regtest addresses, short windows kept as mainnet. */
export function devnetRules(firstBlock = 1): RuleSet {
  const e3 = MAINNET_EPOCHS[2];
  return {
    ...MAINNET, name: 'devnet', network: REGTEST_VERSIONS, firstBlock, freezeHeight: null,
    epochs: [{ ...e3, epoch: 3, firstBlock, endBlock: null }],
  };
}

export function epochAt(rules: RuleSet, height: number): Epoch {
  const ep = rules.epochs;
  for (let i = 0; i < ep.length; i++) {
    const e = ep[i];
    if (e.endBlock === null || height <= e.endBlock) return e;
  }
  return ep[ep.length - 1];
}

export const hasFeature = (rules: RuleSet, height: number, f: Feature): boolean =>
  epochAt(rules, height).features.includes(f);

/** Namespace price (satoshi, float era) by id length, or null when there is no BTC table (protocol.md §7.1). */
export function priceNamespace(rules: RuleSet, namespaceId: string, height: number, units: 'BTC' | 'STACKS' = 'BTC'): number | null {
  const e = epochAt(rules, height);
  const t = units === 'BTC' ? e.namespacePrices : e.namespacePricesStacks ?? null;
  const L = namespaceId.length;
  if (!t || L === 0 || L >= 20) return null;
  return L === 1 ? t[0] : L <= 3 ? t[1] : L <= 7 ? t[2] : t[3];
}

/** Identity of a rule set (name + digest of every parameter), stored with a database. */
export function rulesId(rules: RuleSet): string {
  let id = RULES_IDS.get(rules); // computed once per rule-set object (applyBlock asks every block)
  if (id === undefined) RULES_IDS.set(rules, (id = computeRulesId(rules)));
  return id;
}
const RULES_IDS = new WeakMap<RuleSet, string>();

function computeRulesId(rules: RuleSet): string {
  const json = JSON.stringify(rules);
  let h = 0x811c9dc5;
  for (let i = 0; i < json.length; i++) { h ^= json.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  return `${rules.name}#${h.toString(16).padStart(8, '0')}`;
}
