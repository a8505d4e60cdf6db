/**
 * @module routing/zonefile/classify — the client rule of naming.md §1.4: a zone file is a DNS zone file
 * (parses and has `$origin`), a legacy JSON profile / zone-file object, or non-standard opaque bytes.
 */
import { parseZoneFile } from './parse.ts';
import type { ZoneFileObject } from './types.ts';

export type ZoneFileKind =
  | { kind: 'zonefile'; zonefile: ZoneFileObject }
  | { kind: 'legacy-json'; json: unknown }
  | { kind: 'non-standard' };

export function classifyZoneFile(text: string): ZoneFileKind {
  const z = parseZoneFile(text);
  if (z.$origin !== undefined) return { kind: 'zonefile', zonefile: z };
  try {
    const json = JSON.parse(text);
    if (json && typeof json === 'object') {
      if (typeof (json as ZoneFileObject).$origin === 'string') return { kind: 'zonefile', zonefile: json as ZoneFileObject };
      return { kind: 'legacy-json', json };
    }
  } catch { /* not JSON */ }
  return { kind: 'non-standard' };
}
