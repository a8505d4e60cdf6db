/**
 * @module crawl/text — what the people search indexes of a profile and how text becomes terms: NFKD,
 * combining marks dropped, lower case, runs of letters/digits (the same terms FTS5 `unicode61` makes of the
 * space-joined strings we store). One-edit neighbourhoods (deletions) for typo tolerance, and the
 * optimal-string-alignment distance that confirms a candidate.
 */
export interface PersonDoc {
  name: string;
  displayName: string;
  description: string;
  /** linked accounts: "service identifier" strings (e.g. "twitter alice_tw") */
  accounts: string[];
  profile: Record<string, unknown>;
  /** token issued-at, ms */
  iat: number;
}

export function terms(s: string): string[] {
  return s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

const str = (v: unknown, max = 500): string => (typeof v === 'string' ? v.slice(0, max) : '');

/** The searchable fields of a profile (schema.org Person as Blockstack profiles use it). */
export function docOf(name: string, profile: Record<string, unknown>, iat: number): PersonDoc {
  const given = str(profile.givenName), family = str(profile.familyName);
  const displayName = str(profile.name) || [given, family].filter(Boolean).join(' ');
  const description = str(profile.description, 2000);
  const accounts: string[] = [];
  if (Array.isArray(profile.account)) {
    for (const a of profile.account.slice(0, 20)) {
      if (a && typeof a === 'object') {
        const o = a as Record<string, unknown>;
        const s = [str(o.service, 50), str(o.identifier, 200)].filter(Boolean).join(' ');
        if (s) accounts.push(s);
      }
    }
  }
  return { name, displayName, description, accounts, profile, iat };
}

/**
 * A word that gets one-typo matching: 3–32 characters, no digit. A term with a digit is a number or an
 * identifier (`user12345`, `bob2`): one character off is another person's label or number, not a misspelling,
 * so it matches exactly or as a prefix only — and the crawler does not store ~10 neighbourhood rows per
 * unique numbered label (the bulk of the `typo` table on a real name space).
 */
export const typoWord = (t: string): boolean => t.length >= 3 && t.length <= 32 && !/\p{N}/u.test(t);

/** Terms of a doc that go into the typo neighbourhood table (the words queries look typos up for). */
export function docTerms(d: PersonDoc): Set<string> {
  return new Set([...terms(d.name), ...terms(d.displayName), ...terms(d.description), ...d.accounts.flatMap(terms)].filter(typoWord));
}

/** The term itself and every string one deletion away. */
export function deletions(t: string): string[] {
  const out = new Set<string>([t]);
  for (let i = 0; i < t.length; i++) out.add(t.slice(0, i) + t.slice(i + 1));
  return [...out];
}

/** Optimal string alignment distance (Damerau-Levenshtein without repeated edits), capped at max+1. */
export function osaDistance(a: string, b: string, max = 1): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = a.length, m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0), prev = Array.from({ length: m + 1 }, (_, j) => j), cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m];
}

/** Core's search result entry. */
export interface SearchResult { fullyQualifiedName: string; username: string; profile: Record<string, unknown> }
export const resultOf = (name: string, profile: Record<string, unknown>): SearchResult => ({ fullyQualifiedName: name, username: name.slice(0, name.lastIndexOf('.')), profile });

/** Parsed query: at most 8 terms of at most 64 characters. */
export function queryTerms(q: string): string[] {
  return terms(q.slice(0, 256)).slice(0, 8).map((t) => t.slice(0, 64));
}
