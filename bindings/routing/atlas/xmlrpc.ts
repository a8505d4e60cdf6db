/**
 * @module routing/atlas/xmlrpc — the small subset of XML-RPC (xmlrpc.com spec) that Blockstack Core's Atlas
 * endpoint speaks: methodCall / methodResponse / fault with string, int/i4, boolean, double, base64, nil,
 * array and struct values. Core's replies are one string holding a JSON document (naming.md §2.2).
 */
import { RoutingError } from '../errors.ts';
import { b64encode, b64decode } from '../_base64.ts';

export type XValue = string | number | boolean | null | Uint8Array | XValue[] | { [k: string]: XValue };

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export { b64encode, b64decode };

// ---- writer ----
export function encodeValue(v: XValue): string {
  if (v === null || v === undefined) return '<value><nil/></value>';
  if (typeof v === 'string') return `<value><string>${escapeXml(v)}</string></value>`;
  if (typeof v === 'boolean') return `<value><boolean>${v ? 1 : 0}</boolean></value>`;
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 2 ** 31 ? `<value><int>${v}</int></value>` : `<value><double>${v}</double></value>`;
  if (v instanceof Uint8Array) return `<value><base64>${b64encode(v)}</base64></value>`;
  if (Array.isArray(v)) return `<value><array><data>${v.map(encodeValue).join('')}</data></array></value>`;
  return `<value><struct>${Object.entries(v).map(([k, x]) => `<member><name>${escapeXml(k)}</name>${encodeValue(x)}</member>`).join('')}</struct></value>`;
}

export function encodeMethodCall(method: string, params: XValue[]): string {
  return `<?xml version="1.0"?>\n<methodCall><methodName>${escapeXml(method)}</methodName><params>${params.map((p) => `<param>${encodeValue(p)}</param>`).join('')}</params></methodCall>`;
}

export function encodeMethodResponse(v: XValue): string {
  return `<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n${encodeValue(v)}\n</param>\n</params>\n</methodResponse>\n`;
}

export function encodeFault(code: number, message: string): string {
  return `<?xml version='1.0'?>\n<methodResponse>\n<fault>\n${encodeValue({ faultCode: code, faultString: message })}\n</fault>\n</methodResponse>\n`;
}

// ---- reader: a linear scanner (limits on size, depth, element count, string size) + recursive descent ----
type Tok = { t: 'open' | 'close' | 'empty'; name: string } | { t: 'text'; s: string };

/** Bounds of one document. Every limit is checked while scanning, so a hostile body fails after O(n) work. */
export interface XmlLimits { maxBytes: number; maxDepth: number; maxElements: number; maxStringBytes: number; maxEntityRefs: number }
export const XML_LIMITS: XmlLimits = { maxBytes: 16 * 1024 * 1024, maxDepth: 64, maxElements: 10_000, maxStringBytes: 12 * 1024 * 1024, maxEntityRefs: 50_000 };

/** Every element XML-RPC defines; anything else is refused as soon as it is seen. */
const ELEMENTS = new Set(['methodCall', 'methodName', 'params', 'param', 'value', 'string', 'int', 'i4', 'i8', 'double', 'boolean',
  'base64', 'nil', 'array', 'data', 'struct', 'member', 'name', 'methodResponse', 'fault', 'dateTime.iso8601']);

const parseFail = (msg: string): never => { throw new RoutingError('E_XMLRPC_PARSE', `XML-RPC: ${msg}`); };

/** Character data with its five predefined entities and numeric references; anything else after `&` is an error. */
function unescapeXml(s: string, budget: { refs: number }): string {
  let amp = s.indexOf('&');
  if (amp < 0) return s;
  const out: string[] = [];
  let from = 0;
  while (amp >= 0) {
    if (--budget.refs < 0) parseFail('too many entity references');
    if (amp > from) out.push(s.slice(from, amp));
    const semi = s.indexOf(';', amp);
    if (semi < 0 || semi - amp > 11) parseFail('bad entity reference');
    const c0 = s.charCodeAt(amp + 1);
    const len = semi - amp - 1;
    let ch: string | undefined;
    if (len === 2 && s.charCodeAt(amp + 2) === 116) ch = c0 === 108 ? '<' : c0 === 103 ? '>' : undefined;
    else if (len === 3 && s.startsWith('amp', amp + 1)) ch = '&';
    else if (len === 4) ch = s.startsWith('quot', amp + 1) ? '"' : s.startsWith('apos', amp + 1) ? "'" : undefined;
    else if (c0 === 35 /* # */) {
      const e = s.slice(amp + 1, semi);
      const cp = /^#x[0-9a-fA-F]{1,6}$/.test(e) ? parseInt(e.slice(2), 16) : /^#\d{1,7}$/.test(e) ? parseInt(e.slice(1), 10) : NaN;
      if (!(cp >= 0 && cp <= 0x10ffff)) parseFail('bad character reference');
      ch = String.fromCodePoint(cp);
    }
    if (ch === undefined) parseFail(`undefined entity &${s.slice(amp + 1, semi)};`);
    out.push(ch!);
    from = semi + 1;
    amp = s.indexOf('&', from);
  }
  out.push(s.slice(from));
  return out.join('');
}

/** Index of `term` (ending in ">") at or after `from`, or -1. Scans for ">" only (one fast pass, no rescans). */
function findEnd(xml: string, from: number, term: string): number {
  const k = term.length - 1;
  for (let gt = xml.indexOf('>', from + k); gt >= 0; gt = xml.indexOf('>', gt + 1)) {
    if (xml.startsWith(term, gt - k)) return gt - k;
  }
  return -1;
}

const isNameStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isNameChar = (c: number): boolean => isNameStart(c) || (c >= 48 && c <= 57) || c === 46 || c === 45;

/**
 * One pass over `xml`: each position is looked at a bounded number of times (indexOf scans forward from the
 * cursor and the cursor only moves forward), so time is O(n) whatever the input. DOCTYPE (entity bombs,
 * XXE) and unknown elements are refused; tags must nest.
 */
export function tokenize(xml: string, limits: XmlLimits = XML_LIMITS): Tok[] {
  if (xml.length > limits.maxBytes) parseFail(`document over ${limits.maxBytes} bytes`);
  const out: Tok[] = [];
  const stack: string[] = [];
  const budget = { refs: limits.maxEntityRefs };
  let elements = 0;
  let i = 0;
  const n = xml.length;
  const text = (s: string) => {
    if (s.length > limits.maxStringBytes) parseFail(`string over ${limits.maxStringBytes} bytes`);
    if (stack.length === 0) { if (s.trim()) parseFail('text outside the root element'); return; }
    out.push({ t: 'text', s });
  };
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) { text(unescapeXml(xml.slice(i), budget)); break; }
    if (lt > i) text(unescapeXml(xml.slice(i, lt), budget));
    const c = xml.charCodeAt(lt + 1);
    if (c === 63 /* ? */) {
      const e = findEnd(xml, lt + 2, '?>');
      if (e < 0) parseFail('unterminated processing instruction');
      i = e + 2;
    } else if (c === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const e = findEnd(xml, lt + 4, '-->');
        if (e < 0) parseFail('unterminated comment');
        i = e + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        if (stack.length === 0) parseFail('CDATA outside the root element');
        const e = findEnd(xml, lt + 9, ']]>');
        if (e < 0) parseFail('unterminated CDATA section');
        text(xml.slice(lt + 9, e));
        i = e + 3;
      } else parseFail('DOCTYPE and other declarations are not allowed');
    } else {
      const close = c === 47; /* / */
      let j = close ? lt + 2 : lt + 1;
      const ns = j;
      if (!isNameStart(xml.charCodeAt(j))) parseFail(`bad tag at ${lt}`);
      while (j < n && j - ns < 24 && isNameChar(xml.charCodeAt(j))) j++; // the longest XML-RPC name is 16
      const name = xml.slice(ns, j);
      if (!ELEMENTS.has(name)) parseFail(`unknown element <${name.slice(0, 40)}>`);
      const gt = xml.indexOf('>', j);
      if (gt < 0) parseFail('unterminated tag');
      // XML-RPC elements carry no attributes: only white space (and a final "/") may follow the name
      let k = j;
      while (k < gt && (xml.charCodeAt(k) === 32 || xml.charCodeAt(k) === 9 || xml.charCodeAt(k) === 10 || xml.charCodeAt(k) === 13)) k++;
      const selfClose = !close && k === gt - 1 && xml.charCodeAt(k) === 47;
      if (k !== gt && !selfClose) parseFail(`attributes are not allowed on <${name}>`);
      if (close) {
        if (stack.pop() !== name) parseFail(`mismatched </${name}>`);
        out.push({ t: 'close', name });
      } else {
        if (++elements > limits.maxElements) parseFail(`more than ${limits.maxElements} elements`);
        if (selfClose) out.push({ t: 'empty', name });
        else {
          if (stack.length === 0 && out.length > 0) parseFail('more than one root element');
          if (stack.push(name) > limits.maxDepth) parseFail(`nesting deeper than ${limits.maxDepth}`);
          out.push({ t: 'open', name });
        }
      }
      i = gt + 1;
    }
  }
  if (stack.length) parseFail(`unclosed <${stack[stack.length - 1]}>`);
  return out;
}

class Reader {
  i = 0;
  constructor(private toks: Tok[], private maxString: number) {}
  private fail(msg: string): never { throw new RoutingError('E_XMLRPC_PARSE', `XML-RPC: ${msg}`); }
  skipWs(): void {
    while (this.i < this.toks.length) {
      const t = this.toks[this.i];
      if (t.t === 'text' && !t.s.trim()) this.i++; else break;
    }
  }
  peek(): Tok | undefined { this.skipWs(); return this.toks[this.i]; }
  open(name: string): boolean {
    const t = this.peek();
    if (t && (t.t === 'open' || t.t === 'empty') && t.name === name) { this.i++; return t.t === 'open'; }
    return this.fail(`expected <${name}>`);
  }
  close(name: string): void {
    const t = this.peek();
    if (t && t.t === 'close' && t.name === name) { this.i++; return; }
    this.fail(`expected </${name}>`);
  }
  isOpen(name: string): boolean { const t = this.peek(); return !!t && (t.t === 'open' || t.t === 'empty') && t.name === name; }
  text(): string {
    let s = '';
    while (this.i < this.toks.length && this.toks[this.i].t === 'text') s += (this.toks[this.i++] as { s: string }).s;
    if (s.length > this.maxString) this.fail(`string over ${this.maxString} bytes`);
    return s;
  }
  value(): XValue {
    if (!this.open('value')) return '';
    const t = this.toks[this.i];
    if (!t || t.t === 'close') { this.close('value'); return ''; }
    if (t.t === 'text') {
      const s = this.text();
      if (this.peek()?.t === 'close') { this.close('value'); return s; }
    }
    const tt = this.peek();
    if (!tt || tt.t === 'text' || tt.t === 'close') this.fail('bad value');
    const name = (tt as { name: string }).name;
    const hasBody = this.open(name);
    let v: XValue;
    switch (name) {
      case 'string': v = hasBody ? this.text() : ''; break;
      case 'int': case 'i4': case 'i8': v = parseInt(this.text().trim(), 10); if (Number.isNaN(v)) this.fail('bad int'); break;
      case 'double': v = parseFloat(this.text().trim()); break;
      case 'boolean': v = this.text().trim() === '1'; break;
      case 'base64': {
        const t = hasBody ? this.text() : '';
        try { v = b64decode(t); } catch { this.fail('bad base64'); }
        break;
      }
      case 'nil': v = null; break;
      case 'array': {
        const arr: XValue[] = [];
        if (hasBody && this.open('data')) {
          while (this.isOpen('value')) arr.push(this.value());
          this.close('data');
        }
        v = arr;
        break;
      }
      case 'struct': {
        const o: Record<string, XValue> = {};
        if (hasBody) {
          while (this.isOpen('member')) {
            this.open('member'); this.open('name');
            const k = this.text(); this.close('name');
            // defineProperty: a member named "__proto__" is plain data, not the object's prototype
            Object.defineProperty(o, k, { value: this.value(), enumerable: true, writable: true, configurable: true });
            this.close('member');
          }
        }
        v = o;
        break;
      }
      default: this.fail(`unknown type <${name}>`);
    }
    if (hasBody) this.close(name);
    this.close('value');
    return v;
  }
  params(): XValue[] {
    const out: XValue[] = [];
    if (!this.isOpen('params')) return out;
    if (!this.open('params')) return out;
    while (this.isOpen('param')) { this.open('param'); out.push(this.value()); this.close('param'); }
    this.close('params');
    return out;
  }
}

export function decodeMethodCall(xml: string, limits: XmlLimits = XML_LIMITS): { method: string; params: XValue[] } {
  const r = new Reader(tokenize(xml, limits), limits.maxStringBytes);
  r.open('methodCall'); r.open('methodName');
  const method = r.text().trim(); r.close('methodName');
  if (!/^[A-Za-z0-9_.:/]{1,128}$/.test(method)) throw new RoutingError('E_XMLRPC_PARSE', 'XML-RPC: bad methodName');
  const params = r.params();
  r.close('methodCall');
  return { method, params };
}

/** The value of a methodResponse; a fault becomes a RoutingError('E_ATLAS_RPC'). */
export function decodeMethodResponse(xml: string, limits: XmlLimits = XML_LIMITS): XValue {
  const r = new Reader(tokenize(xml, limits), limits.maxStringBytes);
  r.open('methodResponse');
  if (r.isOpen('fault')) {
    r.open('fault');
    const f = r.value() as Record<string, XValue>;
    throw new RoutingError('E_ATLAS_RPC', `XML-RPC fault ${f?.faultCode}: ${f?.faultString}`);
  }
  const p = r.params();
  r.close('methodResponse');
  return p[0] ?? null;
}
