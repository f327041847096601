// A small lossless XML 1.0 reader. It builds an element tree whose nodes keep source offsets (start
// tag, each attribute's name and raw value with its quote, content, end tag), so that any part of
// the document can be reproduced byte for byte from the source text: whitespace inside tags,
// attribute order and quoting, entity and character references as written, comments, processing
// instructions, CDATA sections, the document type declaration, line endings and a byte-order mark.
// fast-xml-parser (even with preserveOrder) decodes those away, which is why this reader exists; the
// tests use fast-xml-parser and xmllint as independent oracles for the trees and errors it gives.
//
// Well-formedness is checked as the XML 1.0 (5th ed.) productions require for documents without
// entity declarations: names, matching end tags, unique attributes, quoted values without '<',
// predefined entities and valid character references only, legal characters, one root, nothing but
// whitespace/comments/PIs outside it, comments without "--", the XML declaration only at the start.
import { InputError } from "../errors.js";

/**
 * XML that is not well-formed, or not a CAEX file this tool reads: bad input located at a 1-based
 * line and column (columns count UTF-16 code units), as `line:col: detail`, or with the file known
 * `file:line:col: detail`.
 */
export class XmlError extends InputError {
  declare readonly line: number;
  declare readonly column: number;
  /** the message without the place */
  readonly detail: string;
  constructor(line: number, column: number, detail: string, file?: string) {
    super(`${file !== undefined ? `${file}:` : ""}${line}:${column}: ${detail}`, { ...(file !== undefined ? { file } : {}), line, column });
    this.detail = detail;
  }
}

export interface XAttr {
  /** qualified name as written */
  name: string;
  /** offset of the first character of the name */
  nameStart: number;
  /** offsets of the raw value between the quotes */
  valueStart: number;
  valueEnd: number;
}

/** An XML element with the offsets of its parts in the document text (lossless). */
export interface XElement {
  /** qualified name as written */
  name: string;
  /** offset of '<' of the start tag */
  start: number;
  /** offset just after the start tag's '>' (for an empty-element tag: after "/>") */
  contentStart: number;
  /** offset of "</" of the end tag (equal to contentStart for an empty-element tag) */
  contentEnd: number;
  /** offset just after the end tag */
  end: number;
  selfClosing: boolean;
  attrs: XAttr[];
  children: XElement[];
  parent: XElement | null;
  /** content other than elements and whitespace text: bit 1 text, 2 CDATA, 4 comment, 8 PI, 16 reference */
  flags: number;
  /** namespace URI of the element ("" when none) */
  ns: string;
  /** local name (after the prefix) */
  local: string;
}

export const F_TEXT = 1;
export const F_CDATA = 2;
export const F_COMMENT = 4;
export const F_PI = 8;
export const F_REF = 16;

/** A parsed XML document: the decoded text, the element tree with offsets into it, its encoding. */
export interface XDocument {
  /** the decoded source (a byte-order mark, if any, is kept as U+FEFF at offset 0) */
  text: string;
  root: XElement;
  /** "utf-8" or "iso-8859-1": how `text` maps back to bytes */
  encoding: "utf-8" | "iso-8859-1";
  lines: LineIndex;
}

/** Offset → line/column, built once per document (binary search over line starts). */
export class LineIndex {
  private readonly starts: Int32Array;
  constructor(text: string) {
    let n = 1;
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
    const starts = new Int32Array(n);
    let k = 1;
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts[k++] = i + 1;
    this.starts = starts;
  }
  line(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
  column(offset: number): number {
    return offset - this.starts[this.line(offset) - 1]! + 1;
  }
}

const XML_NS = "http://www.w3.org/XML/1998/namespace";

// XML 1.0 5th ed. NameStartChar / NameChar (§2.3), as regular expressions over UTF-16.
const NAME_START = "A-Z_a-z:\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\uD800-\\uDBFF\\uDC00-\\uDFFF";
const NAME_CHAR = NAME_START + "\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040";
const NAME_RE = new RegExp(`[${NAME_START}][${NAME_CHAR}]*`, "y");
/** Characters outside XML 1.0 Char (§2.2); surrogates are checked for pairing separately. */
const BAD_CHAR_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const REF_RE = /&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));/y;
const WS_RE = /^[ \t\r\n]*$/;

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

function legalCodePoint(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * Decodes bytes to text as the XML declaration (or a byte-order mark) says: UTF-8 (default) or
 * ISO-8859-1 / US-ASCII. Invalid UTF-8 and other encodings are errors with a location.
 */
export function decodeXmlBytes(bytes: Uint8Array): { text: string; encoding: "utf-8" | "iso-8859-1" } {
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) {
    throw new XmlError(1, 1, "UTF-16 documents are not supported (save the file as UTF-8)");
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let declared: string | undefined;
  if (!bom) {
    const head = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 200))).toString("latin1");
    const m = /^<\?xml[ \t\r\n][^>]*?encoding[ \t\r\n]*=[ \t\r\n]*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/.exec(head);
    if (m) declared = m[2]!.toLowerCase();
  }
  if (declared === "iso-8859-1" || declared === "latin1" || declared === "iso_8859-1" || declared === "us-ascii" || declared === "ascii") {
    if (declared.includes("ascii")) {
      const bad = bytes.findIndex((b) => b >= 0x80);
      if (bad >= 0) throw byteError(bytes, bad, `byte 0x${bytes[bad]!.toString(16)} is not US-ASCII`);
    }
    return { text: Buffer.from(bytes).toString("latin1"), encoding: "iso-8859-1" };
  }
  if (declared !== undefined && declared !== "utf-8" && declared !== "utf8") {
    throw new XmlError(1, 1, `unsupported encoding "${declared}" (UTF-8 and ISO-8859-1 are supported)`);
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    throw byteError(bytes, firstBadUtf8(bytes), "invalid UTF-8");
  }
}

function byteError(bytes: Uint8Array, at: number, detail: string): XmlError {
  const before = Buffer.from(bytes.subarray(0, at));
  const nl = before.lastIndexOf(0x0a);
  let line = 1;
  for (const b of before) if (b === 0x0a) line++;
  const col = new TextDecoder("utf-8").decode(before.subarray(nl + 1)).length + 1;
  return new XmlError(line, col, detail);
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstBadUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    let n = 0;
    let min = 0;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      min = 0x10000;
    } else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}

/** Decodes the predefined entity and character references of a raw text or attribute value. */
export function decodeRefs(raw: string): string {
  if (raw.indexOf("&") < 0) return raw;
  return raw.replace(/&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));/g, (_, name: string | undefined, dec: string | undefined, hex: string | undefined) =>
    name !== undefined ? PREDEFINED[name]! : String.fromCodePoint(dec !== undefined ? parseInt(dec, 10) : parseInt(hex!, 16)),
  );
}

/** Attribute-value normalisation of XML 1.0 §3.3.3 for CDATA attributes, then reference decoding. */
export function attributeValue(raw: string): string {
  const spaced = raw.indexOf("\r") < 0 && raw.indexOf("\n") < 0 && raw.indexOf("\t") < 0 ? raw : raw.replace(/\r\n|[\r\n\t]/g, " ");
  return decodeRefs(spaced);
}

/**
 * Character data of an element's content as the XML information set has it: line ends normalised
 * (§2.11), references decoded, CDATA sections unwrapped, comments and PIs dropped. The caller makes
 * sure the range holds no elements.
 */
export function decodeContent(text: string, from: number, to: number): string {
  let out = "";
  let i = from;
  while (i < to) {
    const lt = text.indexOf("<", i);
    const stop = lt < 0 || lt >= to ? to : lt;
    if (stop > i) out += decodeRefs(text.slice(i, stop).replace(/\r\n?/g, "\n"));
    if (stop >= to) break;
    if (text.startsWith("<![CDATA[", stop)) {
      const e = text.indexOf("]]>", stop + 9);
      out += text.slice(stop + 9, e).replace(/\r\n?/g, "\n");
      i = e + 3;
    } else if (text.startsWith("<!--", stop)) {
      i = text.indexOf("-->", stop + 4) + 3;
    } else if (text.startsWith("<?", stop)) {
      i = text.indexOf("?>", stop + 2) + 2;
    } else {
      throw new Error("decodeContent: element inside the range");
    }
  }
  return out;
}

class Reader {
  private pos = 0;
  private readonly lines: LineIndex;
  private root: XElement | null = null;
  private readonly stack: XElement[] = [];
  /** namespace scopes: prefix → URI, pushed by elements that declare namespaces */
  private readonly nsStack: { el: XElement; map: Map<string, string> }[] = [];

  constructor(private readonly text: string) {
    this.lines = new LineIndex(text);
  }

  fail(offset: number, detail: string): never {
    throw new XmlError(this.lines.line(offset), this.lines.column(offset), detail);
  }

  parse(): XDocument {
    const t = this.text;
    if (t.charCodeAt(0) === 0xfeff) this.pos = 1;
    if (t.startsWith("<?xml", this.pos) && isWs(t.charCodeAt(this.pos + 5))) this.xmlDecl();
    let seenDoctype = false;
    while (this.pos < t.length) {
      const lt = t.indexOf("<", this.pos);
      const stop = lt < 0 ? t.length : lt;
      if (stop > this.pos) this.text_(this.pos, stop);
      if (lt < 0) break;
      this.pos = lt;
      const c = t.charCodeAt(lt + 1);
      if (c === 0x2f /* / */) this.endTag();
      else if (c === 0x21 /* ! */) {
        if (t.startsWith("<!--", lt)) this.comment();
        else if (t.startsWith("<![CDATA[", lt)) this.cdata();
        else if (t.startsWith("<!DOCTYPE", lt)) {
          if (this.root !== null || seenDoctype) this.fail(lt, "DOCTYPE declaration not allowed here");
          seenDoctype = true;
          this.doctype();
        } else this.fail(lt, "malformed markup declaration after '<!'");
      } else if (c === 0x3f /* ? */) this.pi();
      else this.startTag();
    }
    if (this.stack.length > 0) {
      const open = this.stack[this.stack.length - 1]!;
      this.fail(t.length, `end of file inside element <${open.name}> opened at line ${this.lines.line(open.start)}`);
    }
    if (this.root === null) this.fail(t.length, "no root element");
    return { text: t, root: this.root, encoding: "utf-8", lines: this.lines };
  }

  private checkChars(from: number, to: number): void {
    const s = this.text.slice(from, to);
    const m = BAD_CHAR_RE.exec(s);
    if (m) this.fail(from + m.index, `illegal character U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
  }

  /** Checks '&' references in a raw range (text or attribute value). */
  private checkRefs(from: number, to: number): boolean {
    const t = this.text;
    let any = false;
    // search within the range only: an unbounded indexOf would scan to the end of the document
    const seg = t.slice(from, to);
    for (let j = seg.indexOf("&"); j >= 0; j = seg.indexOf("&", j + 1)) {
      const i = from + j;
      any = true;
      REF_RE.lastIndex = i;
      const m = REF_RE.exec(t);
      if (!m || REF_RE.lastIndex > to) {
        const name = /^&([^;\s<&]*);?/.exec(t.slice(i, Math.min(to, i + 40)))?.[1] ?? "";
        this.fail(i, name.length > 0 && /^[A-Za-z_]/.test(name) ? `undefined entity &${name};` : "'&' not followed by a valid reference (write &amp;)");
      }
      if (m[2] !== undefined || m[3] !== undefined) {
        const cp = m[2] !== undefined ? parseInt(m[2], 10) : parseInt(m[3]!, 16);
        if (!legalCodePoint(cp)) this.fail(i, `character reference ${m[0]} is not a legal XML character`);
      }
    }
    return any;
  }

  private text_(from: number, to: number): void {
    const t = this.text;
    this.checkChars(from, to);
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) {
      if (!WS_RE.test(t.slice(from, to))) {
        let k = from;
        while (isWs(t.charCodeAt(k))) k++;
        this.fail(k, this.root === null ? "text before the root element" : "text after the root element");
      }
      return;
    }
    if (this.checkRefs(from, to)) top.flags |= F_REF;
    const cd = t.slice(from, to).indexOf("]]>");
    if (cd >= 0) this.fail(from + cd, "']]>' not allowed in text");
    if (!(top.flags & F_TEXT)) {
      for (let i = from; i < to; i++) {
        if (!isWs(t.charCodeAt(i))) {
          top.flags |= F_TEXT;
          break;
        }
      }
    }
  }

  private xmlDecl(): void {
    const t = this.text;
    const start = this.pos;
    const end = t.indexOf("?>", start);
    if (end < 0) this.fail(start, "unterminated XML declaration");
    const body = t.slice(start + 5, end);
    const re = /^[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.[0-9]+\1(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(?:yes|no)\3)?[ \t\r\n]*$/;
    if (!re.test(body)) this.fail(start, "malformed XML declaration");
    this.pos = end + 2;
  }

  private comment(): void {
    const t = this.text;
    const start = this.pos;
    const end = t.indexOf("--", start + 4);
    if (end < 0) this.fail(start, "unterminated comment");
    if (t.charCodeAt(end + 2) !== 0x3e) this.fail(end, "'--' not allowed inside a comment");
    this.checkChars(start + 4, end);
    const top = this.stack[this.stack.length - 1];
    if (top) top.flags |= F_COMMENT;
    this.pos = end + 3;
  }

  private cdata(): void {
    const t = this.text;
    const start = this.pos;
    const top = this.stack[this.stack.length - 1];
    if (!top) this.fail(start, "CDATA section outside the root element");
    const end = t.indexOf("]]>", start + 9);
    if (end < 0) this.fail(start, "unterminated CDATA section");
    this.checkChars(start + 9, end);
    top.flags |= F_CDATA;
    this.pos = end + 3;
  }

  private pi(): void {
    const t = this.text;
    const start = this.pos;
    NAME_RE.lastIndex = start + 2;
    const m = NAME_RE.exec(t);
    if (!m) this.fail(start + 2, "processing instruction without a target name");
    if (m[0].toLowerCase() === "xml") this.fail(start, "XML declaration allowed only at the start of the document");
    const end = t.indexOf("?>", start + 2);
    if (end < 0) this.fail(start, "unterminated processing instruction");
    const after = start + 2 + m[0].length;
    if (after < end && !isWs(t.charCodeAt(after))) this.fail(after, "whitespace expected after the processing instruction target");
    this.checkChars(start, end);
    const top = this.stack[this.stack.length - 1];
    if (top) top.flags |= F_PI;
    this.pos = end + 2;
  }

  private doctype(): void {
    const t = this.text;
    const start = this.pos;
    let i = start + 9;
    let depth = 0;
    while (i < t.length) {
      const c = t.charCodeAt(i);
      if (c === 0x22 || c === 0x27) {
        const e = t.indexOf(String.fromCharCode(c), i + 1);
        if (e < 0) break;
        i = e + 1;
        continue;
      }
      if (c === 0x5b) depth++;
      else if (c === 0x5d) depth--;
      else if (c === 0x3e && depth === 0) {
        const body = t.slice(start, i);
        if (/<!ENTITY/.test(body)) this.fail(start, "entity declarations in the DOCTYPE are not supported");
        this.pos = i + 1;
        return;
      }
      i++;
    }
    this.fail(start, "unterminated DOCTYPE declaration");
  }

  private lookupNs(prefix: string, at: number): string {
    for (let k = this.nsStack.length - 1; k >= 0; k--) {
      const v = this.nsStack[k]!.map.get(prefix);
      if (v !== undefined) return v;
    }
    if (prefix === "xml") return XML_NS;
    if (prefix === "") return "";
    return this.fail(at, `undeclared namespace prefix "${prefix}"`);
  }

  private startTag(): void {
    const t = this.text;
    const start = this.pos;
    NAME_RE.lastIndex = start + 1;
    const m = NAME_RE.exec(t);
    if (!m) this.fail(start + 1, "element name expected after '<'");
    const name = m[0];
    let i = start + 1 + name.length;
    const attrs: XAttr[] = [];
    let selfClosing = false;
    for (;;) {
      const ws0 = i;
      while (isWs(t.charCodeAt(i))) i++;
      const c = t.charCodeAt(i);
      if (c === 0x3e) {
        i++;
        break;
      }
      if (c === 0x2f) {
        if (t.charCodeAt(i + 1) !== 0x3e) this.fail(i, "'>' expected after '/'");
        selfClosing = true;
        i += 2;
        break;
      }
      if (Number.isNaN(c)) this.fail(start, `unterminated start tag <${name}`);
      if (i === ws0) this.fail(i, "whitespace expected between attributes");
      NAME_RE.lastIndex = i;
      const an = NAME_RE.exec(t);
      if (!an) this.fail(i, `attribute name expected in <${name}>`);
      const nameStart = i;
      i += an[0].length;
      while (isWs(t.charCodeAt(i))) i++;
      if (t.charCodeAt(i) !== 0x3d) this.fail(i, `'=' expected after attribute ${an[0]}`);
      i++;
      while (isWs(t.charCodeAt(i))) i++;
      const q = t.charCodeAt(i);
      if (q !== 0x22 && q !== 0x27) this.fail(i, `quoted value expected for attribute ${an[0]}`);
      const vs = i + 1;
      const ve = t.indexOf(q === 0x22 ? '"' : "'", vs);
      if (ve < 0) this.fail(i, `unterminated value of attribute ${an[0]}`);
      const lt = t.indexOf("<", vs);
      if (lt >= 0 && lt < ve) this.fail(lt, `'<' not allowed in the value of attribute ${an[0]}`);
      this.checkChars(vs, ve);
      this.checkRefs(vs, ve);
      for (const a of attrs) if (a.name === an[0]) this.fail(nameStart, `duplicate attribute ${an[0]}`);
      attrs.push({ name: an[0], nameStart, valueStart: vs, valueEnd: ve });
      i = ve + 1;
    }
    const parent = this.stack[this.stack.length - 1] ?? null;
    if (parent === null && this.root !== null) this.fail(start, "a second root element");
    const el: XElement = {
      name,
      start,
      contentStart: i,
      contentEnd: i,
      end: i,
      selfClosing,
      attrs,
      children: [],
      parent,
      flags: 0,
      ns: "",
      local: name,
    };
    // namespaces: declarations on this element apply to its own name and attributes
    let map: Map<string, string> | undefined;
    for (const a of attrs) {
      if (a.name === "xmlns" || a.name.startsWith("xmlns:")) {
        map ??= new Map();
        map.set(a.name === "xmlns" ? "" : a.name.slice(6), attributeValue(t.slice(a.valueStart, a.valueEnd)));
      }
    }
    if (map) this.nsStack.push({ el, map });
    const colon = name.indexOf(":");
    el.ns = this.lookupNs(colon < 0 ? "" : name.slice(0, colon), start);
    if (colon >= 0) el.local = name.slice(colon + 1);
    if (parent) parent.children.push(el);
    else this.root = el;
    if (selfClosing) this.close(el);
    else this.stack.push(el);
    this.pos = i;
  }

  private close(el: XElement): void {
    const top = this.nsStack[this.nsStack.length - 1];
    if (top && top.el === el) this.nsStack.pop();
  }

  private endTag(): void {
    const t = this.text;
    const start = this.pos;
    NAME_RE.lastIndex = start + 2;
    const m = NAME_RE.exec(t);
    if (!m) this.fail(start + 2, "element name expected after '</'");
    let i = start + 2 + m[0].length;
    while (isWs(t.charCodeAt(i))) i++;
    if (t.charCodeAt(i) !== 0x3e) this.fail(i, `'>' expected to close the end tag </${m[0]}`);
    const open = this.stack.pop();
    if (!open) this.fail(start, `end tag </${m[0]}> without a start tag`);
    if (open.name !== m[0]) this.fail(start, `end tag </${m[0]}> does not match <${open.name}> opened at line ${this.lines.line(open.start)}`);
    open.contentEnd = start;
    open.end = i + 1;
    this.close(open);
    this.pos = i + 1;
  }
}

/** Parses decoded XML text into a lossless element tree; errors are XmlError with line and column. */
export function parseXml(text: string): XDocument {
  return new Reader(text).parse();
}

/** Reads bytes (any supported encoding) into a lossless element tree. */
export function parseXmlBytes(bytes: Uint8Array): XDocument {
  const { text, encoding } = decodeXmlBytes(bytes);
  const doc = parseXml(text);
  doc.encoding = encoding;
  return doc;
}

/** Encodes a document text back to bytes in its encoding. */
export function encodeXmlText(text: string, encoding: "utf-8" | "iso-8859-1"): Buffer {
  return Buffer.from(text, encoding === "utf-8" ? "utf8" : "latin1");
}

/** The attribute's decoded value, or undefined when absent. */
export function attr(doc: { text: string }, el: XElement, name: string): string | undefined {
  for (const a of el.attrs) if (a.name === name) return attributeValue(doc.text.slice(a.valueStart, a.valueEnd));
  return undefined;
}
