/**
 * @module routing/atlas/xmlrpc — the small subset of XML-RPC (xmlrpc.com spec) that Blockstack Core's Atlas
 * endpoint speaks: methodCall / methodResponse / fault with string, int/i4, boolean, double, base64, nil,
 * array and struct values. Core's replies are one string holding a JSON document (naming.md §2.2).
 */
import { RoutingError } from '../errors.ts';
import { b64encode, b64decode } from '../_base64.ts';

export type XValue = string | number | boolean | null | Uint8Array | XValue[] | { [k: string]: XValue };

const ENT: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const unescapeXml = (s: string): string =>
  s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENT[e]);
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

// ---- reader: a tag tokenizer + recursive descent ----
type Tok = { t: 'open' | 'close' | 'empty'; name: string } | { t: 'text'; s: string };

function tokenize(xml: string): Tok[] {
  const out: Tok[] = [];
  const re = /<(\/?)([A-Za-z_][\w.-]*)[^>]*?(\/?)>|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|([^<]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    if (m[2]) out.push({ t: m[1] ? 'close' : m[3] ? 'empty' : 'open', name: m[2] });
    else if (m[4] !== undefined) out.push({ t: 'text', s: m[4] });
    else if (m[5] !== undefined) out.push({ t: 'text', s: unescapeXml(m[5]) });
  }
  return out;
}

class Reader {
  i = 0;
  constructor(private toks: Tok[]) {}
  private fail(msg: string): never { throw new RoutingError('XMLRPC_PARSE', `XML-RPC: ${msg}`); }
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
      case 'base64': v = hasBody ? b64decode(this.text()) : new Uint8Array(0); break;
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
            o[k] = this.value(); this.close('member');
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

export function decodeMethodCall(xml: string): { method: string; params: XValue[] } {
  const r = new Reader(tokenize(xml));
  r.open('methodCall'); r.open('methodName');
  const method = r.text().trim(); r.close('methodName');
  const params = r.params();
  r.close('methodCall');
  return { method, params };
}

/** The value of a methodResponse; a fault becomes a RoutingError('ATLAS_RPC'). */
export function decodeMethodResponse(xml: string): XValue {
  const r = new Reader(tokenize(xml));
  r.open('methodResponse');
  if (r.isOpen('fault')) {
    r.open('fault');
    const f = r.value() as Record<string, XValue>;
    throw new RoutingError('ATLAS_RPC', `XML-RPC fault ${f?.faultCode}: ${f?.faultString}`);
  }
  const p = r.params();
  r.close('methodResponse');
  return p[0] ?? null;
}
