/**
 * @module virtualchain/names — name and namespace syntax (protocol.md §6.1).
 */
import { isB40 } from './codec.ts';

export const MAX_NAME_LENGTH = 37;
export const MAX_NAMESPACE_LENGTH = 19;

export function checkNamespaceId(ns: string): boolean {
  return ns.length >= 1 && ns.length <= MAX_NAMESPACE_LENGTH && /^[a-z0-9\-_]+$/.test(ns);
}

/** is_name_valid: exactly one dot, non-empty b40 name part without `+`, valid namespace, ≤ 37 chars. */
export function checkName(fqn: string): boolean {
  if (fqn.length > MAX_NAME_LENGTH || !isB40(fqn)) return false;
  const parts = fqn.split('.');
  if (parts.length !== 2) return false;
  const [name, ns] = parts;
  return name.length > 0 && !name.includes('+') && checkNamespaceId(ns);
}

export const namespaceOf = (fqn: string): string => fqn.slice(fqn.indexOf('.') + 1);
export const namePart = (fqn: string): string => fqn.slice(0, fqn.indexOf('.'));
