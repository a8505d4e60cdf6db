/**
 * @module virtualchain/scenario-rules — builds a RuleSet from a replay vector's `scenario.config`
 * (statemachine-replay.md §5): the regtest rule sets of releases 0.13, 0.14 and 0.14.1.
 */
import type { Epoch, Feature, RuleSet } from './networks.ts';

export interface ScenarioConfig {
  network: { p2pkh_version: number; p2sh_version: number };
  first_block: number;
  consensus_hash_window: number;
  max_names_per_sender: number;
  name_preorder_expire: number;
  namespace_preorder_expire: number;
  namespace_reveal_expire: number;
  name_grace_period: number;
  import_keyring_size: number;
  namespace_price_1_char: number;
  epochs: { epoch: number; first_block: number; end_block: number | null; features: string[];
    namespace_lifetime_multiplier: number; price_multiplier: number }[] | null;
  namespace_lifetime_multiplier: number | null;
  price_multiplier: number | null;
}

const FEATURE_MAP: Record<string, Feature> = { BLOCKSTACK_MULTISIG: 'MULTISIG' };

export function rulesFromScenario(name: string, version: string, c: ScenarioConfig): RuleSet {
  const prices: [number, number, number, number] = [c.namespace_price_1_char, 4_000_000_000, 400_000_000, 40_000_000];
  const base = { priceDivisor: 0, gracePeriod: c.name_grace_period, namespacePrices: prices };
  let epochs: Epoch[];
  if (c.epochs && c.epochs.length) {
    epochs = c.epochs.map((e) => ({
      ...base, epoch: e.epoch, firstBlock: e.first_block, endBlock: e.end_block,
      features: e.features.map((f) => FEATURE_MAP[f]).filter(Boolean),
      lifetimeMultiplier: e.namespace_lifetime_multiplier, priceMultiplier: e.price_multiplier,
    }));
  } else {
    // 0.13 / 0.14: no epochs; p2sh allowed everywhere, constant multipliers.
    epochs = [{ ...base, epoch: 0, firstBlock: c.first_block, endBlock: null, features: ['MULTISIG'],
      lifetimeMultiplier: c.namespace_lifetime_multiplier ?? 2, priceMultiplier: c.price_multiplier ?? 1 }];
  }
  return {
    name: `regtest-${version}:${name}`, quirks: { update013: version === '0.13' }, flavour: 'legacy', fieldNames: version === '0.13' ? '0.13' : '0.14',
    network: { p2pkhVersion: c.network.p2pkh_version, p2shVersion: c.network.p2sh_version },
    firstBlock: c.first_block, consensusHashWindow: c.consensus_hash_window, maxNamesPerSender: c.max_names_per_sender,
    namePreorderExpire: c.name_preorder_expire, namespacePreorderExpire: c.namespace_preorder_expire,
    namespaceRevealExpire: c.namespace_reveal_expire, importKeyringSize: c.import_keyring_size, epochs,
  };
}
