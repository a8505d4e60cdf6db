/**
 * @module virtualchain/pricing — name prices in both eras (protocol.md §7.2): IEEE-754 doubles with a
 * multiplier in epochs 1-3, exact integers with a divisor from INT_DIVISION on.
 */
import { epochAt, NAME_COST_UNIT, type RuleSet } from './networks.ts';

export interface PricedNamespace { coeff: number; base: number; buckets: number[]; nonalphaDiscount: number; noVowelDiscount: number; version?: number }

export function bucketExponent(name: string, ns: PricedNamespace): number {
  return name.length < 16 ? ns.buckets[name.length - 1] : ns.buckets[15];
}

export function nameDiscount(name: string, ns: PricedNamespace): number {
  let d = 1;
  if (!/[aeiouy]/.test(name)) d = Math.max(d, ns.noVowelDiscount);
  if (/[0-9\-_]/.test(name)) d = Math.max(d, ns.nonalphaDiscount);
  return d;
}

/** Price of `name` (name part only) at `height`: a double (float era) or a bigint (integer era). */
export function priceName(name: string, ns: PricedNamespace, height: number, rules: RuleSet): number | bigint {
  const ep = epochAt(rules, height);
  const exp = bucketExponent(name, ns);
  const disc = nameDiscount(name, ns);
  const stacks = ns.version === 3;
  const unit = stacks ? 1733 : NAME_COST_UNIT;
  const raw = BigInt(ns.coeff) * BigInt(ns.base) ** BigInt(exp);
  if (ep.features.includes('INT_DIVISION')) {
    let p = (raw * BigInt(unit)) / BigInt(disc);
    if (p < BigInt(unit)) p = BigInt(unit);
    return p / BigInt(stacks ? 1 : ep.priceDivisor);
  }
  let p = (Number(raw) / disc) * unit;
  if (p < unit) p = unit;
  return p * (stacks ? 1.0 : ep.priceMultiplier);
}

/** `fee < price` on the era's arithmetic. */
export function feeBelow(fee: number, price: number | bigint): boolean {
  return typeof price === 'bigint' ? BigInt(Math.trunc(fee)) < price : fee < price;
}

/** Stacks price of a BTC-priced name in the integer era: floor(price · 650 / 15) (protocol.md §7.2). */
export const btcToMicroStacks = (satoshi: bigint): bigint => (satoshi * 650n) / 15n;
