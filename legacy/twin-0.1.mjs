// twin 0.1 host program, bundled from commit 2f640c4281a495279560b3068a9f8ca6f804cf21 (bin/twin.js and dist/) by scripts/build-legacy-host.js.
// Used by `twin archive rerun` for format-1 runs only. Generated: do not edit.

// dist/cli/main.js
import { readFileSync as readFileSync26 } from "node:fs";
import { join as join17 } from "node:path";

// dist/core/core.js
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
var PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
var DEFAULT_CORE_PATH = process.env.TWIN_CORE_WASM ?? join(PACKAGE_ROOT, "build", "core.wasm");
var DEFAULT_META_PATH = join(PACKAGE_ROOT, "build", "core.meta.json");
var CORE_ERRORS = {
  1: "invalid input",
  2: "singular matrix",
  3: "matrix not positive definite",
  4: "no convergence",
  5: "NaN or infinity in input",
  6: "unknown handle or buffer"
};
var CoreError = class extends Error {
  code;
  detail;
  operation;
  constructor(code, detail, operation) {
    super(`${operation}: ${CORE_ERRORS[code] ?? `core error ${code}`} (detail ${detail})`);
    this.code = code;
    this.detail = detail;
    this.operation = operation;
    this.name = "CoreError";
  }
};
function sha256Hex(bytes) {
  return createHash("sha256").update(bytes).digest("hex");
}
var Core = class _Core {
  bytes;
  sha256;
  path;
  exports;
  constructor(bytes, sha2563, path) {
    this.bytes = bytes;
    this.sha256 = sha2563;
    this.path = path;
    const module = new WebAssembly.Module(bytes);
    const imports = WebAssembly.Module.imports(module);
    if (imports.length > 0) {
      throw new Error(`${path}: the core must import nothing, but imports ${imports.map((i) => `${i.module}.${i.name}`).join(", ")}`);
    }
    this.exports = new WebAssembly.Instance(module, {}).exports;
  }
  /** Loads a core module; with `expectedSha256` (or the build's meta file) it refuses a different binary. */
  static load(path = DEFAULT_CORE_PATH, expectedSha256) {
    const bytes = new Uint8Array(readFileSync(path));
    const sha = sha256Hex(bytes);
    let expected = expectedSha256;
    if (expected === void 0 && path === join(PACKAGE_ROOT, "build", "core.wasm")) {
      try {
        expected = JSON.parse(readFileSync(DEFAULT_META_PATH, "utf8")).sha256;
      } catch {
        expected = void 0;
      }
    }
    if (expected !== void 0 && expected !== sha) {
      throw new Error(`${path}: SHA-256 ${sha} does not match the expected ${expected}`);
    }
    return new _Core(bytes, sha, path);
  }
  static shared;
  /** One instance of the default core per process. */
  static default() {
    return _Core.shared ??= _Core.load();
  }
  /** A named export as a function; throws if this build lacks it. */
  fn(name) {
    const f = this.exports[name];
    if (typeof f !== "function")
      throw new Error(`core export ${name} is missing (ABI ${this.exports.coreAbiVersion()})`);
    return f;
  }
  view(ptr, n) {
    return new Float64Array(this.exports.memory.buffer, ptr, n);
  }
  /** Copies values into a new core buffer and returns its address (free it with `free`). */
  put(values) {
    const ptr = this.exports.bufNew(values.length);
    this.view(ptr, values.length).set(values);
    return ptr;
  }
  /** Copy of a core buffer's contents. */
  read(ptr) {
    const n = this.exports.bufLen(ptr);
    if (n < 0)
      throw new Error(`core buffer ${ptr} is unknown`);
    return Float64Array.from(this.view(ptr, n));
  }
  free(ptr) {
    this.exports.bufFree(ptr);
  }
  /** Copy of a result buffer, then frees it. Throws the core's error if the export returned 0. */
  take(ptr, operation) {
    this.check(ptr, operation);
    const out = this.read(ptr);
    this.free(ptr);
    return out;
  }
  /** Throws a CoreError when an export signalled failure (returned 0). */
  check(result, operation) {
    if (result === 0) {
      const code = this.exports.coreError();
      throw new CoreError(code === 0 ? 1 : code, this.exports.coreErrorDetail(), operation);
    }
    return result;
  }
  /** Runs `body` with input buffers that are freed afterwards, whatever happens. */
  withBuffers(inputs, body) {
    const ptrs = inputs.map((v) => this.put(v));
    try {
      return body(...ptrs);
    } finally {
      for (const p of ptrs)
        this.free(p);
    }
  }
};

// dist/io/args.js
import { parseArgs } from "node:util";
var UsageError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "UsageError";
  }
};
var InputError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "InputError";
  }
};
function parseCommandLine(argv, options2, positionals) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: options2, strict: true, allowPositionals: true });
  } catch (e) {
    const msg = e.message;
    const text3 = /^Unknown option/.test(msg) ? msg.split(/\.(?: |$)/)[0].replace(/^Unknown/, "unknown") : msg.replace(/\n/g, " ");
    throw new UsageError(text3);
  }
  const n = parsed.positionals.length;
  if (parsed.values.help === true)
    return parsed;
  if (n < positionals.min)
    throw new UsageError(`missing ${positionals.names}`);
  if (n > positionals.max)
    throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[positionals.max])}`);
  return parsed;
}
function parseNumber(text3, what, rule = "finite") {
  const t = text3.trim();
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(t))
    throw new UsageError(`${what}: not a number: ${JSON.stringify(text3)}`);
  const x = Number(t);
  if (!Number.isFinite(x))
    throw new UsageError(`${what}: must be finite: ${text3}`);
  if (rule === "positive" && !(x > 0))
    throw new UsageError(`${what}: must be > 0: ${text3}`);
  if (rule === "nonnegative" && !(x >= 0))
    throw new UsageError(`${what}: must be >= 0: ${text3}`);
  if (rule === "integer" && !(Number.isInteger(x) && x >= 0))
    throw new UsageError(`${what}: must be an integer >= 0: ${text3}`);
  if (rule === "posinteger" && !(Number.isInteger(x) && x >= 1))
    throw new UsageError(`${what}: must be an integer >= 1: ${text3}`);
  return x;
}
var MAX_POINTS = 1e6;
function parseRange(text3, what) {
  const parts = text3.split(":");
  if (parts.length !== 3)
    throw new UsageError(`${what}: expected start:stop:step, got ${JSON.stringify(text3)}`);
  const start = parseNumber(parts[0], `${what} start`, "nonnegative");
  const stop = parseNumber(parts[1], `${what} stop`, "nonnegative");
  const step = parseNumber(parts[2], `${what} step`, "positive");
  if (stop < start)
    throw new UsageError(`${what}: stop ${stop} < start ${start}`);
  const count = Math.floor((stop - start) / step + 1e-9) + 1;
  if (count > MAX_POINTS)
    throw new UsageError(`${what}: ${count} points (more than ${MAX_POINTS})`);
  return Array.from({ length: count }, (_, i) => start + i * step);
}
function parseList(text3, what) {
  if (text3.trim() === "")
    throw new UsageError(`${what}: empty list`);
  return text3.split(",").map((p, i) => parseNumber(p, `${what} item ${i + 1}`, "nonnegative"));
}
function parseListOrRange(text3, what) {
  return text3.includes(":") ? parseRange(text3, what) : parseList(text3, what);
}
function located(option, text3, i = 0, count = 1) {
  return `${option}${count > 1 ? ` #${i + 1}` : ""} ${JSON.stringify(text3)}`;
}
function parseUnbalance(text3, nodes, i = 0, count = 1) {
  const where = located("--unbalance", text3, i, count);
  const parts = text3.split(":");
  if (parts.length !== 3)
    throw new UsageError(`${where}: expected NODE:MAGNITUDE:PHASE`);
  const node = nodes.check(parseNumber(parts[0], `${where}: node`, "integer"), where, true);
  return { node, magnitude: parseNumber(parts[1], `${where}: magnitude`, "nonnegative"), phase: parseNumber(parts[2], `${where}: phase`) };
}
function parseProbe(text3, nodes, i = 0, count = 1) {
  const where = located("--probe", text3, i, count);
  const parts = text3.split(":");
  if (parts.length !== 2)
    throw new UsageError(`${where}: expected NODE:DIR`);
  const node = nodes.check(parseNumber(parts[0], `${where}: node`, "integer"), where);
  const d = parts[1].trim();
  const dir = d === "x" || d === "y" ? d : parseNumber(d, `${where}: direction (x, y or an angle in rad)`);
  return { node, dir };
}
function parseEach(texts, parse) {
  return texts.map((t, i) => parse(t, i, texts.length));
}
function many(v) {
  if (v === void 0)
    return [];
  return (Array.isArray(v) ? v : [v]).filter((x) => typeof x === "string");
}
function str(v) {
  return typeof v === "string" ? v : void 0;
}
function required(v, name) {
  const s = str(v);
  if (s === void 0)
    throw new UsageError(`${name} is required`);
  return s;
}

// dist/cli/common.js
import { readFileSync as readFileSync2 } from "node:fs";

// dist/io/atomic.js
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname as dirname2, join as join2 } from "node:path";
var counter = 0;
function tempPath(target) {
  counter++;
  return join2(dirname2(target), `.${basename(target)}.${process.pid}.${counter}.tmp`);
}
function writeFileAtomic(path, data) {
  writeChunksAtomic(path, [data]);
}
function writeChunksAtomic(path, chunks) {
  const tmp = tempPath(path);
  let fd;
  try {
    fd = openSync(tmp, "wx", 420);
    for (const chunk of chunks) {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
      for (let off = 0; off < bytes.length; )
        off += writeSync(fd, bytes, off, bytes.length - off);
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = void 0;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== void 0)
      closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
}

// dist/io/json.js
var JsonSyntaxError = class extends Error {
  line;
  column;
  reason;
  constructor(line, column2, reason) {
    super(`${line}:${column2}: ${reason}`);
    this.line = line;
    this.column = column2;
    this.reason = reason;
    this.name = "JsonSyntaxError";
  }
};
var NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
var Parser = class {
  text;
  pos = 0;
  constructor(text3) {
    this.text = text3;
  }
  parseDocument() {
    if (this.text.charCodeAt(0) === 65279)
      this.pos = 1;
    this.skipWs();
    const value = this.value();
    this.skipWs();
    if (this.pos < this.text.length)
      this.fail(`unexpected ${this.describe()} after the JSON value`);
    return value;
  }
  /** Line and column (1-based, column counted in UTF-16 code units) of an offset. */
  where(offset) {
    let line = 1;
    let start = 0;
    for (let i = 0; i < offset && i < this.text.length; i++) {
      if (this.text.charCodeAt(i) === 10) {
        line++;
        start = i + 1;
      }
    }
    return { line, column: offset - start + 1 };
  }
  fail(reason, offset = this.pos) {
    const { line, column: column2 } = this.where(offset);
    throw new JsonSyntaxError(line, column2, reason);
  }
  describe() {
    if (this.pos >= this.text.length)
      return "end of input";
    return `character ${JSON.stringify(this.text[this.pos])}`;
  }
  skipWs() {
    for (; ; ) {
      const c = this.text.charCodeAt(this.pos);
      if (c === 32 || c === 10 || c === 13 || c === 9)
        this.pos++;
      else
        return;
    }
  }
  value() {
    const c = this.text[this.pos];
    switch (c) {
      case "{":
        return this.object();
      case "[":
        return this.array();
      case '"':
        return this.string();
      case "t":
        return this.literal("true", true);
      case "f":
        return this.literal("false", false);
      case "n":
        return this.literal("null", null);
      case "N":
        return this.literal("NaN", NaN);
      case "I":
        return this.literal("Infinity", Infinity);
      default:
        if (c === "-" && this.text.startsWith("-Infinity", this.pos))
          return this.literal("-Infinity", -Infinity);
        if (c === "-" || c !== void 0 && c >= "0" && c <= "9")
          return this.number();
        return this.fail(`expected a value, found ${this.describe()}`);
    }
  }
  literal(word, value) {
    if (!this.text.startsWith(word, this.pos))
      this.fail(`expected a value, found ${this.describe()}`);
    this.pos += word.length;
    return value;
  }
  number() {
    const start = this.pos;
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (m === null)
      return this.fail("malformed number", start);
    this.pos += m[0].length;
    const next = this.text[this.pos];
    if (next !== void 0 && /[0-9A-Za-z.+-]/.test(next))
      this.fail("malformed number", start);
    return Number(m[0]);
  }
  string() {
    const start = this.pos;
    this.pos++;
    let out = "";
    for (; ; ) {
      if (this.pos >= this.text.length)
        this.fail("unterminated string", start);
      const c = this.text[this.pos];
      const code = c.charCodeAt(0);
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (code < 32)
        this.fail("control character in string (escape it)");
      if (c !== "\\") {
        out += c;
        this.pos++;
        continue;
      }
      const e = this.text[this.pos + 1];
      const simple = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "	" };
      if (e !== void 0 && e in simple) {
        out += simple[e];
        this.pos += 2;
      } else if (e === "u") {
        const hex = this.text.slice(this.pos + 2, this.pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex))
          this.fail("malformed \\u escape");
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 6;
      } else {
        this.fail("invalid escape in string");
      }
    }
  }
  array() {
    this.pos++;
    const out = [];
    this.skipWs();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return out;
    }
    for (; ; ) {
      this.skipWs();
      out.push(this.value());
      this.skipWs();
      const c = this.text[this.pos];
      if (c === ",") {
        this.pos++;
        this.skipWs();
        if (this.text[this.pos] === "]")
          this.fail("trailing comma in array");
      } else if (c === "]") {
        this.pos++;
        return out;
      } else {
        this.fail(`expected ',' or ']' in array, found ${this.describe()}`);
      }
    }
  }
  object() {
    this.pos++;
    const out = /* @__PURE__ */ Object.create(null);
    this.skipWs();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return out;
    }
    for (; ; ) {
      this.skipWs();
      if (this.text[this.pos] !== '"')
        this.fail(`expected a key in double quotes, found ${this.describe()}`);
      const keyAt = this.pos;
      const key = this.string();
      if (Object.prototype.hasOwnProperty.call(out, key))
        this.fail(`duplicate key ${JSON.stringify(key)}`, keyAt);
      this.skipWs();
      if (this.text[this.pos] !== ":")
        this.fail(`expected ':' after key, found ${this.describe()}`);
      this.pos++;
      this.skipWs();
      out[key] = this.value();
      this.skipWs();
      const c = this.text[this.pos];
      if (c === ",") {
        this.pos++;
        this.skipWs();
        if (this.text[this.pos] === "}")
          this.fail("trailing comma in object");
      } else if (c === "}") {
        this.pos++;
        return out;
      } else {
        this.fail(`expected ',' or '}' in object, found ${this.describe()}`);
      }
    }
  }
};
function parseJson(text3) {
  return new Parser(text3).parseDocument();
}
function stringifyJson(value, indent2 = "") {
  if (value === null || value === void 0)
    return "null";
  if (typeof value === "number")
    return Number.isFinite(value) ? JSON.stringify(value) : "null";
  if (typeof value === "string" || typeof value === "boolean")
    return JSON.stringify(value);
  const inner = indent2 + "  ";
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const items = Array.from(value);
    if (items.length === 0)
      return "[]";
    if (items.every((x) => x === null || typeof x !== "object"))
      return `[${items.map((x) => stringifyJson(x)).join(", ")}]`;
    return `[
${items.map((x) => inner + stringifyJson(x, inner)).join(",\n")}
${indent2}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== void 0);
  if (entries.length === 0)
    return "{}";
  return `{
${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${stringifyJson(v, inner)}`).join(",\n")}
${indent2}}`;
}

// dist/rotor/validate.js
var ModelError = class extends Error {
  file;
  faults;
  constructor(file, faults) {
    super(faults.map((f) => formatFault(file, f)).join("\n"));
    this.file = file;
    this.faults = faults;
    this.name = "ModelError";
  }
  /** One line per fault: `file:line:col: message` or `file: path: message`. */
  lines() {
    return this.faults.map((f) => formatFault(this.file, f));
  }
};
function formatFault(file, f) {
  if (f.line !== void 0)
    return `${file}:${f.line}:${f.column ?? 1}: ${f.message}`;
  return f.path === "" ? `${file}: ${f.message}` : `${file}: ${f.path}: ${f.message}`;
}
var isObj = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
var show = (x) => String(x);
function typeName(v) {
  if (v === void 0)
    return "missing";
  if (v === null)
    return "null";
  if (Array.isArray(v))
    return "an array";
  if (typeof v === "object")
    return "an object";
  if (typeof v === "string")
    return `a string (${JSON.stringify(v.length > 20 ? v.slice(0, 20) + "\u2026" : v)})`;
  return `${typeof v} ${String(v)}`;
}
var Checker = class {
  faults = [];
  fault(path, message) {
    this.faults.push({ path, message });
  }
  /** Reports keys of `o` not in `allowed`. */
  keys(o, path, allowed) {
    for (const k of Object.keys(o)) {
      if (!allowed.includes(k)) {
        const near = allowed.find((a) => a.toLowerCase() === k.toLowerCase());
        this.fault(join3(path, k), `unknown key${near ? ` (did you mean "${near}"?)` : ` (allowed: ${allowed.join(", ")})`}`);
      }
    }
  }
  object(v, path) {
    if (isObj(v))
      return v;
    this.fault(path, `must be an object, found ${typeName(v)}`);
    return void 0;
  }
  array(v, path) {
    if (Array.isArray(v))
      return v;
    this.fault(path, `must be an array, found ${typeName(v)}`);
    return void 0;
  }
  /** A number obeying `rule`, or undefined (fault recorded). */
  number(v, path, rule) {
    if (typeof v !== "number") {
      this.fault(path, v === void 0 ? "required number is missing" : `must be a number, found ${typeName(v)}`);
      return void 0;
    }
    if (!Number.isFinite(v)) {
      this.fault(path, `must be finite (${show(v)})`);
      return void 0;
    }
    if (rule === "positive" && !(v > 0))
      return this.bad(path, `must be > 0 (${show(v)})`);
    if (rule === "nonnegative" && !(v >= 0))
      return this.bad(path, `must be >= 0 (${show(v)})`);
    if (rule === "index" && !(Number.isInteger(v) && v >= 0))
      return this.bad(path, `must be an integer >= 0 (${show(v)})`);
    return v;
  }
  optNumber(o, key, path, rule) {
    return has(o, key) ? this.number(o[key], join3(path, key), rule) : void 0;
  }
  reqNumber(o, key, path, rule) {
    return this.number(o[key], join3(path, key), rule);
  }
  boolean(v, path) {
    if (typeof v === "boolean")
      return v;
    this.fault(path, `must be true or false, found ${typeName(v)}`);
    return void 0;
  }
  bad(path, message) {
    this.fault(path, message);
    return void 0;
  }
};
function join3(path, key) {
  return path === "" ? key : `${path}.${key}`;
}
var ROOT_KEYS = ["name", "description", "material", "shaft", "disks", "bearings", "pedestals", "damping", "options"];
var MATERIAL_KEYS = ["E", "G", "nu", "rho"];
var OPTION_KEYS = ["shear", "rotaryInertia", "gyroscopic"];
var ELEMENT_KEYS = ["L", "od", "id", "odl", "idl", "odr", "idr", "material", "options"];
var DISK_KEYS = ["node", "m", "Id", "Ip", "od", "id", "width", "material"];
var COEFFS = ["kxx", "kyy", "kxy", "kyx", "cxx", "cyy", "cxy", "cyx"];
var BEARING_KEYS = ["node", "speeds", ...COEFFS];
var PEDESTAL_KEYS = ["bearing", "m", ...COEFFS];
var DIRECT = /* @__PURE__ */ new Set(["kxx", "kyy", "cxx", "cyy"]);
var G_NU_TOLERANCE = 1e-3;
function material(c, v, path) {
  const o = c.object(v, path);
  if (o === void 0)
    return void 0;
  c.keys(o, path, MATERIAL_KEYS);
  const E = c.reqNumber(o, "E", path, "positive");
  const rho = c.reqNumber(o, "rho", path, "positive");
  const G = c.optNumber(o, "G", path, "positive");
  let nu = c.optNumber(o, "nu", path, "finite");
  if (nu !== void 0 && !(nu > -1 && nu < 0.5)) {
    c.fault(join3(path, "nu"), `must be in (-1, 0.5) (${show(nu)})`);
    nu = void 0;
  }
  if (!has(o, "G") && !has(o, "nu"))
    c.fault(path, "needs G (shear modulus) or nu (Poisson's ratio)");
  if (E !== void 0 && G !== void 0 && nu !== void 0) {
    const fromNu = E / (2 * (1 + nu));
    if (Math.abs(fromNu - G) > G_NU_TOLERANCE * G) {
      c.fault(path, `G and nu disagree (G = ${show(G)}, E/(2(1+nu)) = ${show(fromNu)}); give one of them`);
    }
  }
  if (E === void 0 || rho === void 0 || G === void 0 && nu === void 0)
    return void 0;
  const m = { E, rho };
  if (G !== void 0)
    m.G = G;
  if (nu !== void 0)
    m.nu = nu;
  return m;
}
function options(c, v, path) {
  const o = c.object(v, path);
  if (o === void 0)
    return void 0;
  c.keys(o, path, OPTION_KEYS);
  const out = {};
  for (const k of OPTION_KEYS) {
    if (has(o, k)) {
      const b = c.boolean(o[k], join3(path, k));
      if (b !== void 0)
        out[k] = b;
    }
  }
  return out;
}
function section(c, o, path, odKey, idKey, idRequired) {
  const od = c.reqNumber(o, odKey, path, "positive");
  const id = idRequired || has(o, idKey) ? c.reqNumber(o, idKey, path, "nonnegative") : 0;
  if (od === void 0 || id === void 0)
    return void 0;
  if (!(od > id)) {
    c.fault(join3(path, odKey), `must be > ${idKey} (${show(od)} <= ${show(id)})`);
    return void 0;
  }
  return [od, id];
}
function shaftElement(c, v, path, modelMaterial) {
  const o = c.object(v, path);
  if (o === void 0)
    return void 0;
  c.keys(o, path, ELEMENT_KEYS);
  const L = c.reqNumber(o, "L", path, "positive");
  const tapered = ["odl", "idl", "odr", "idr"].filter((k) => has(o, k));
  const uniform = ["od", "id"].filter((k) => has(o, k));
  let el;
  if (tapered.length > 0 && uniform.length > 0) {
    c.fault(path, `give od/id (uniform) or odl/idl/odr/idr (tapered), not both (found ${[...uniform, ...tapered].join(", ")})`);
  } else if (tapered.length > 0) {
    const inner = has(o, "idl") || has(o, "idr");
    if (inner && !(has(o, "idl") && has(o, "idr"))) {
      c.fault(path, `tapered element gives ${has(o, "idl") ? "idl" : "idr"} but not ${has(o, "idl") ? "idr" : "idl"}`);
    }
    const left = section(c, o, path, "odl", "idl", false);
    const right = section(c, o, path, "odr", "idr", false);
    if (L !== void 0 && left && right)
      el = { L, odl: left[0], idl: left[1], odr: right[0], idr: right[1] };
  } else {
    const s = section(c, o, path, "od", "id", false);
    if (L !== void 0 && s)
      el = { L, od: s[0], id: s[1] };
  }
  let mat;
  if (has(o, "material"))
    mat = material(c, o.material, join3(path, "material"));
  else if (!modelMaterial)
    c.fault(join3(path, "material"), "missing (the element has no material and the model gives none)");
  const opt = has(o, "options") ? options(c, o.options, join3(path, "options")) : void 0;
  if (el === void 0)
    return void 0;
  if (mat !== void 0)
    el.material = mat;
  if (opt !== void 0)
    el.options = opt;
  return el;
}
function nodeRef(c, o, path, nodes) {
  const n = c.reqNumber(o, "node", path, "index");
  if (n !== void 0 && n >= nodes) {
    c.fault(join3(path, "node"), `node ${n} does not exist (nodes 0..${nodes - 1})`);
    return void 0;
  }
  return n;
}
function disk(c, v, path, nodes) {
  const o = c.object(v, path);
  if (o === void 0)
    return void 0;
  c.keys(o, path, DISK_KEYS);
  const node = nodeRef(c, o, path, nodes);
  const massKeys = ["m", "Id", "Ip"].filter((k) => has(o, k));
  const geoKeys = ["od", "id", "width"].filter((k) => has(o, k));
  if (massKeys.length > 0 && geoKeys.length > 0) {
    c.fault(path, `give mass properties (m, Id, Ip) or geometry (od, width[, id]), not both (found ${[...massKeys, ...geoKeys].join(", ")})`);
    return void 0;
  }
  if (massKeys.length === 0 && geoKeys.length === 0) {
    c.fault(path, "needs mass properties (m, Id, Ip) or geometry (od, width[, id])");
    return void 0;
  }
  if (massKeys.length > 0) {
    const m = c.reqNumber(o, "m", path, "positive");
    const Id = c.reqNumber(o, "Id", path, "nonnegative");
    const Ip = c.reqNumber(o, "Ip", path, "nonnegative");
    if (has(o, "material"))
      c.fault(join3(path, "material"), "applies only to a disk given by geometry");
    if (node === void 0 || m === void 0 || Id === void 0 || Ip === void 0)
      return void 0;
    return { node, m, Id, Ip };
  }
  const s = section(c, o, path, "od", "id", false);
  const width = c.reqNumber(o, "width", path, "positive");
  const mat = has(o, "material") ? material(c, o.material, join3(path, "material")) : void 0;
  if (node === void 0 || s === void 0 || width === void 0 || has(o, "material") && mat === void 0)
    return void 0;
  const d = { node, od: s[0], id: s[1], width };
  if (mat !== void 0)
    d.material = mat;
  return d;
}
function coefficient(c, v, path, direct, nSpeeds) {
  const rule = direct ? "nonnegative" : "finite";
  if (!Array.isArray(v))
    return c.number(v, path, rule);
  if (nSpeeds === void 0) {
    c.fault(path, 'an array of coefficients needs "speeds" in the same bearing');
    return void 0;
  }
  if (v.length !== nSpeeds) {
    c.fault(path, `has ${v.length} values but speeds has ${nSpeeds}`);
    return void 0;
  }
  const out = [];
  let ok = true;
  v.forEach((x, i) => {
    const n = c.number(x, `${path}[${i}]`, rule);
    if (n === void 0)
      ok = false;
    else
      out.push(n);
  });
  return ok ? out : void 0;
}
function speeds(c, v, path) {
  const a = c.array(v, path);
  if (a === void 0)
    return void 0;
  if (a.length === 0) {
    c.fault(path, "must not be empty");
    return void 0;
  }
  const out = [];
  let ok = true;
  a.forEach((x, i) => {
    const s = c.number(x, `${path}[${i}]`, "nonnegative");
    if (s === void 0) {
      ok = false;
      return;
    }
    if (out.length > 0 && ok && !(s > out[out.length - 1])) {
      c.fault(`${path}[${i}]`, `speeds must be strictly increasing (${show(s)} after ${show(out[out.length - 1])})`);
      ok = false;
    }
    out.push(s);
  });
  return ok ? out : void 0;
}
function bearing(c, v, path, nodes) {
  const o = c.object(v, path);
  if (o === void 0)
    return void 0;
  c.keys(o, path, BEARING_KEYS);
  const node = nodeRef(c, o, path, nodes);
  let nSpeeds;
  let sp;
  let ok = node !== void 0;
  if (has(o, "speeds")) {
    sp = speeds(c, o.speeds, join3(path, "speeds"));
    if (sp === void 0) {
      ok = false;
      nSpeeds = Array.isArray(o.speeds) ? o.speeds.length : void 0;
    } else
      nSpeeds = sp.length;
  }
  const coeffs = {};
  for (const k of COEFFS) {
    const required2 = k === "kxx" || k === "kyy";
    if (!required2 && !has(o, k))
      continue;
    const value = coefficient(c, o[k], join3(path, k), DIRECT.has(k), nSpeeds);
    if (value === void 0)
      ok = false;
    else
      coeffs[k] = value;
  }
  if (!ok || node === void 0)
    return void 0;
  const b = { node, kxx: coeffs.kxx, kyy: coeffs.kyy, ...coeffs };
  if (sp !== void 0)
    b.speeds = sp;
  return b;
}
function pedestal(c, v, path, nBearings, taken, index) {
  const o = c.object(v, path);
  if (o === void 0)
    return void 0;
  c.keys(o, path, PEDESTAL_KEYS);
  let b = c.reqNumber(o, "bearing", path, "index");
  if (b !== void 0 && b >= nBearings) {
    c.fault(join3(path, "bearing"), `bearing ${b} does not exist (bearings 0..${nBearings - 1})`);
    b = void 0;
  } else if (b !== void 0 && taken.has(b)) {
    c.fault(join3(path, "bearing"), `bearing ${b} already has a pedestal (pedestals[${taken.get(b)}])`);
    b = void 0;
  } else if (b !== void 0)
    taken.set(b, index);
  const m = c.reqNumber(o, "m", path, "positive");
  const out = {};
  let ok = b !== void 0 && m !== void 0;
  for (const k of COEFFS) {
    const required2 = k === "kxx" || k === "kyy";
    if (!required2 && !has(o, k))
      continue;
    if (Array.isArray(o[k])) {
      c.fault(join3(path, k), "pedestal coefficients are constants, not tables");
      ok = false;
      continue;
    }
    const x = c.number(o[k], join3(path, k), DIRECT.has(k) ? "nonnegative" : "finite");
    if (x === void 0)
      ok = false;
    else
      out[k] = x;
  }
  if (!ok)
    return void 0;
  return { bearing: b, m, kxx: out.kxx, kyy: out.kyy, ...out };
}
function damping(c, v, path) {
  const o = c.object(v, path);
  if (o === void 0)
    return void 0;
  c.keys(o, path, ["alpha", "beta"]);
  const out = {};
  const alpha = c.optNumber(o, "alpha", path, "nonnegative");
  const beta = c.optNumber(o, "beta", path, "nonnegative");
  if (alpha !== void 0)
    out.alpha = alpha;
  if (beta !== void 0)
    out.beta = beta;
  return out;
}
function checkRotorModel(doc) {
  const c = new Checker();
  if (!isObj(doc)) {
    c.fault("", `the model must be a JSON object, found ${typeName(doc)}`);
    return { faults: c.faults };
  }
  c.keys(doc, "", ROOT_KEYS);
  let name;
  if (typeof doc.name === "string" && doc.name.trim() !== "")
    name = doc.name;
  else
    c.fault("name", doc.name === void 0 ? "required string is missing" : `must be a non-empty string, found ${typeName(doc.name)}`);
  let description;
  if (has(doc, "description")) {
    if (typeof doc.description === "string")
      description = doc.description;
    else
      c.fault("description", `must be a string, found ${typeName(doc.description)}`);
  }
  const mat = has(doc, "material") ? material(c, doc.material, "material") : void 0;
  const opt = has(doc, "options") ? options(c, doc.options, "options") : void 0;
  const damp = has(doc, "damping") ? damping(c, doc.damping, "damping") : void 0;
  const shaftJson = c.array(doc.shaft, "shaft");
  if (shaftJson !== void 0 && shaftJson.length === 0)
    c.fault("shaft", "needs at least one element");
  const shaft = (shaftJson ?? []).map((e, i) => shaftElement(c, e, `shaft[${i}]`, has(doc, "material")));
  const nodes = shaftJson !== void 0 && shaftJson.length > 0 ? shaftJson.length + 1 : Infinity;
  const disks = has(doc, "disks") ? (c.array(doc.disks, "disks") ?? []).map((d, i) => disk(c, d, `disks[${i}]`, nodes)) : [];
  const bearingsJson = c.array(doc.bearings, "bearings");
  if (bearingsJson !== void 0 && bearingsJson.length === 0)
    c.fault("bearings", "needs at least one bearing");
  const bearings = (bearingsJson ?? []).map((b, i) => bearing(c, b, `bearings[${i}]`, nodes));
  const taken = /* @__PURE__ */ new Map();
  const nBearings = bearingsJson?.length ?? Infinity;
  const pedestals = has(doc, "pedestals") ? (c.array(doc.pedestals, "pedestals") ?? []).map((p, i) => pedestal(c, p, `pedestals[${i}]`, nBearings, taken, i)) : [];
  if (c.faults.length > 0)
    return { faults: c.faults };
  const model = {
    name,
    shaft,
    bearings
  };
  if (description !== void 0)
    model.description = description;
  if (mat !== void 0)
    model.material = mat;
  if (has(doc, "disks"))
    model.disks = disks;
  if (has(doc, "pedestals"))
    model.pedestals = pedestals;
  if (damp !== void 0)
    model.damping = damp;
  if (opt !== void 0)
    model.options = opt;
  return { model, faults: [] };
}
function parseJsonDocument(text3, file) {
  try {
    return parseJson(text3);
  } catch (e) {
    if (e instanceof JsonSyntaxError)
      throw new ModelError(file, [{ path: "", message: e.reason, line: e.line, column: e.column }]);
    throw e;
  }
}
function parseRotorModel(text3, file) {
  const doc = parseJsonDocument(text3, file);
  const { model, faults } = checkRotorModel(doc);
  if (model === void 0)
    throw new ModelError(file, faults);
  return model;
}

// dist/rotor/model.js
var STEEL = { E: 211e9, G: 812e8, rho: 7810 };
function shearModulus(m) {
  if (m.G !== void 0)
    return m.G;
  if (m.nu !== void 0)
    return m.E / (2 * (1 + m.nu));
  throw new Error("material needs G or nu");
}
function diskMassProperties(d) {
  if (d.m !== void 0)
    return { m: d.m, Id: d.Id ?? 0, Ip: d.Ip ?? 0 };
  const rho = d.material?.rho ?? STEEL.rho;
  const od = d.od ?? 0, id = d.id ?? 0, w = d.width ?? 0;
  const m = rho * Math.PI * w * (od * od - id * id) / 4;
  const Ip = m * (od * od + id * id) / 8;
  const Id = Ip / 2 + m * w * w / 12;
  return { m, Id, Ip };
}
function coeffRow(b, i) {
  const at = (c) => c === void 0 ? 0 : typeof c === "number" ? c : c[i];
  return [at(b.kxx), at(b.kxy), at(b.kyx), at(b.kyy), at(b.cxx), at(b.cxy), at(b.cyx), at(b.cyy)];
}
function encodeRotorModel(model) {
  const out = [];
  const disks = model.disks ?? [];
  const pedestals = model.pedestals ?? [];
  out.push(1, model.shaft.length, disks.length, model.bearings.length, pedestals.length);
  out.push(model.damping?.alpha ?? 0, model.damping?.beta ?? 0, 0);
  for (const el of model.shaft) {
    const mat = el.material ?? model.material ?? STEEL;
    const opt = { shear: true, rotaryInertia: true, gyroscopic: true, ...model.options, ...el.options };
    const odl = el.odl ?? el.od ?? 0, idl = el.idl ?? el.id ?? 0;
    const odr = el.odr ?? el.od ?? odl, idr = el.idr ?? el.id ?? idl;
    out.push(el.L, odl, idl, odr, idr, mat.E, shearModulus(mat), mat.rho);
    out.push(opt.shear ? 1 : 0, opt.rotaryInertia ? 1 : 0, opt.gyroscopic ? 1 : 0, 0, 0, 0);
  }
  for (const d of disks) {
    const p = diskMassProperties(d);
    out.push(d.node, p.m, p.Id, p.Ip);
  }
  for (const b of model.bearings) {
    const speeds2 = b.speeds ?? [0];
    out.push(b.node, speeds2.length);
    speeds2.forEach((s, i) => out.push(s, ...coeffRow(b, i)));
  }
  for (const p of pedestals) {
    out.push(p.bearing, p.m, p.kxx, p.kxy ?? 0, p.kyx ?? 0, p.kyy, p.cxx ?? 0, p.cxy ?? 0, p.cyx ?? 0, p.cyy ?? 0);
  }
  return Float64Array.from(out);
}

// dist/rotor/core.js
function probeAngle(dir) {
  if (dir === "x")
    return 0;
  if (dir === "y")
    return Math.PI / 2;
  return dir;
}
function whirlOf(code) {
  return code > 0 ? "forward" : code < 0 ? "backward" : "mixed";
}
function unbalanceTriples(unb) {
  return unb.flatMap((u) => [u.node, u.magnitude, u.phase]);
}
function block(v, o, r, c) {
  const out = [];
  for (let i = 0; i < r; i++)
    out.push(Array.from(v.subarray(o + i * c, o + (i + 1) * c)));
  return out;
}
function modalAt(v, o, n, speed) {
  const r = { speed, wn: [], wd: [], logdec: [], whirl: [] };
  for (let i = 0; i < n; i++) {
    const k = o + 4 * i;
    r.wn.push(v[k]);
    r.wd.push(v[k + 1]);
    r.logdec.push(v[k + 2]);
    r.whirl.push(whirlOf(v[k + 3]));
  }
  return r;
}
var RotorCore = class _RotorCore {
  core;
  model;
  dof;
  nodes;
  handle;
  constructor(core, model, handle, dof, nodes) {
    this.core = core;
    this.model = model;
    this.dof = dof;
    this.nodes = nodes;
    this.handle = handle;
  }
  /** Loads a (validated) model into the core; core defaults to Core.default(). */
  static load(model, core = Core.default()) {
    const h = core.withBuffers([encodeRotorModel(model)], (p) => core.check(core.fn("rotorLoad")(p), "rotorLoad"));
    const dof = core.fn("rotorDof")(h);
    const nodes = core.fn("rotorNodes")(h);
    return new _RotorCore(core, model, h, dof, nodes);
  }
  get h() {
    if (this.handle === 0)
      throw new Error("RotorCore used after free()");
    return this.handle;
  }
  /** The response-node numbering as the core applies it (probes, time-response columns). */
  responseNodes() {
    const v = this.core.take(this.core.fn("rotorResponseNodes")(this.h), "rotorResponseNodes");
    const shaftNodes = v[0], np = v[1];
    const pedestals = [];
    for (let j = 0; j < np; j++) {
      const o = 2 + 4 * j;
      pedestals.push({ node: shaftNodes + j, pedestal: v[o], bearing: v[o + 1], bearingNode: v[o + 2], xDof: v[o + 3] });
    }
    return { shaftNodes, pedestals };
  }
  matrices(speed) {
    const v = this.core.take(this.core.fn("rotorMatrices")(this.h, speed), "rotorMatrices");
    const n = v[0], nn = n * n;
    const part = (q) => v.slice(1 + q * nn, 1 + (q + 1) * nn);
    return { n, M: part(0), K: part(1), C: part(2), G: part(3) };
  }
  staticDeflection(opts) {
    const v = this.core.take(this.core.fn("rotorStatic")(this.h, opts.g, opts.rigidSupports ? 1 : 0), "rotorStatic");
    const nn = v[0], nb = v[1];
    const x = Array.from(v.subarray(2, 2 + nn));
    const y = Array.from(v.subarray(2 + nn, 2 + 2 * nn));
    const bearingForces = [];
    for (let b = 0; b < nb; b++) {
      const o = 2 + 2 * nn + 3 * b;
      bearingForces.push({ node: v[o], fx: v[o + 1], fy: v[o + 2] });
    }
    return { deflection: { x, y }, bearingForces };
  }
  unbalance(unbalance, freqs, probes) {
    const c = this.core;
    const pr = probes.flatMap((p) => [p.node, probeAngle(p.dir)]);
    const v = c.withBuffers([unbalanceTriples(unbalance), freqs, pr], (u, f, p) => c.take(c.fn("rotorUnbalance")(this.h, u, unbalance.length, f, freqs.length, p, probes.length), "rotorUnbalance"));
    const nf = freqs.length;
    return {
      freqs: [...freqs],
      probes: probes.map((p, i) => {
        const amplitude = [], phase = [];
        for (let k = 0; k < nf; k++) {
          amplitude.push(v[2 * (i * nf + k)]);
          phase.push(v[2 * (i * nf + k) + 1]);
        }
        return { node: p.node, dir: p.dir, amplitude, phase };
      })
    };
  }
  time(opts) {
    const c = this.core;
    const withAcc = opts.accelerations === true;
    const v = c.withBuffers([unbalanceTriples(opts.unbalance)], (u) => c.take(c.fn("rotorTime")(this.h, opts.speed, opts.tEnd, opts.dt, u, opts.unbalance.length, withAcc ? 1 : 0), "rotorTime"));
    const rows4 = v[0], nodes = v[1];
    const w = 2 * nodes;
    const stride = 1 + w * (withAcc ? 2 : 1);
    const t = new Float64Array(rows4);
    const disp = new Float64Array(rows4 * w);
    const acc = withAcc ? new Float64Array(rows4 * w) : void 0;
    for (let r = 0; r < rows4; r++) {
      const o = 2 + r * stride;
      t[r] = v[o];
      disp.set(v.subarray(o + 1, o + 1 + w), r * w);
      if (acc)
        acc.set(v.subarray(o + 1 + w, o + 1 + 2 * w), r * w);
    }
    return acc ? { nodes, t, disp, acc } : { nodes, t, disp };
  }
  /**
   * Energy balance of the same Newmark integration as `time`: kinetic + strain energy E, work of the
   * unbalance forces W and energy dissipated by damping D per step (E + D = W for symmetric K).
   */
  timeEnergy(opts) {
    const c = this.core;
    const v = c.withBuffers([unbalanceTriples(opts.unbalance)], (u) => c.take(c.fn("rotorTimeEnergy")(this.h, opts.speed, opts.tEnd, opts.dt, u, opts.unbalance.length), "rotorTimeEnergy"));
    const rows4 = v[0];
    const col = (j) => Float64Array.from({ length: rows4 }, (_, r) => v[1 + 4 * r + j]);
    return { t: col(0), E: col(1), W: col(2), D: col(3) };
  }
  modal(speed, modes) {
    const v = this.core.take(this.core.fn("rotorModal")(this.h, speed, modes), "rotorModal");
    return modalAt(v, 1, v[0], speed);
  }
  campbell(speeds2, modes) {
    const c = this.core;
    const v = c.withBuffers([speeds2], (s) => c.take(c.fn("rotorCampbell")(this.h, s, speeds2.length, modes), "rotorCampbell"));
    const ns = v[0], nm = v[1];
    const results = [];
    for (let i = 0; i < ns; i++)
      results.push(modalAt(v, 2 + 4 * nm * i, nm, speeds2[i]));
    const o = 2 + 4 * nm * ns;
    const nc = v[o];
    const critical = [];
    for (let i = 0; i < nc; i++)
      critical.push({ mode: v[o + 1 + 2 * i], speed: v[o + 2 + 2 * i] });
    return { speeds: [...speeds2], results, critical };
  }
  reduce(speed, modes, dt) {
    const v = this.core.take(this.core.fn("rotorReduce")(this.h, speed, modes, dt), "rotorReduce");
    const k = v[0], n = v[1], k2 = 2 * k;
    let o = 2;
    const A2 = block(v, o, k2, k2);
    o += k2 * k2;
    const B = block(v, o, k2, n);
    o += k2 * n;
    const C = block(v, o, n, k2);
    o += n * k2;
    const Ad = block(v, o, k2, k2);
    o += k2 * k2;
    const Bd = block(v, o, k2, n);
    o += k2 * n;
    const wn = Array.from(v.subarray(o, o + k));
    return { speed, modes: k, dof: n, dt, wn, A: A2, B, C, Ad, Bd };
  }
  /** Releases the model in the core; the object is unusable afterwards. */
  free() {
    if (this.handle !== 0)
      this.core.fn("rotorFree")(this.handle);
    this.handle = 0;
  }
};

// dist/cli/common.js
var stdoutGuarded = false;
function guardStdout() {
  if (stdoutGuarded)
    return;
  stdoutGuarded = true;
  process.stdout.on("error", (e) => {
    if (e.code === "EPIPE")
      process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
    process.stderr.write(`twin: cannot write to standard output: ${e.message}
`);
    process.exit(1);
  });
}
var processIo = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t)
};
var EXIT_FAILURE = 1;
var EXIT_USAGE = 2;
var NumericalError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "NumericalError";
  }
};
var OutputError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "OutputError";
  }
};
function nodeErrorMessage(e) {
  const err = e;
  return err.code !== void 0 ? `${err.code}: ${err.message.replace(/^[A-Z]+: /, "")}` : String(err.message ?? e);
}
function loadModelFile(file) {
  let text3;
  try {
    text3 = readFileSync2(file, "utf8");
  } catch (e) {
    throw new InputError(`${file}: cannot read: ${nodeErrorMessage(e)}`);
  }
  return parseRotorModel(text3, file);
}
function withRotor(model, body) {
  let core;
  try {
    core = Core.default();
  } catch (e) {
    throw new Error(`cannot load the numerical core ${DEFAULT_CORE_PATH}: ${e.message}`, { cause: e });
  }
  const rotor = RotorCore.load(model, core);
  try {
    return body(rotor);
  } finally {
    rotor.free();
  }
}
function requireFinite(values, what) {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]))
      throw new NumericalError(`${what}: non-finite value ${values[i]} at index ${i}`);
  }
}
function writeOutput(path, chunks) {
  try {
    writeChunksAtomic(path, chunks);
  } catch (e) {
    throw new OutputError(`${path}: cannot write: ${nodeErrorMessage(e)}`);
  }
}
async function runCommand(cmd, argv, io) {
  try {
    return await cmd.run(argv, io);
  } catch (e) {
    return reportError(e, io, cmd);
  }
}
function reportError(e, io, cmd) {
  const debug = process.env.TWIN_DEBUG === "1";
  const prefix = cmd ? `twin ${cmd.name}` : "twin";
  if (e instanceof UsageError) {
    io.err(`${prefix}: ${e.message}

${cmd ? cmd.usage : ""}`.trimEnd() + "\n");
    return EXIT_USAGE;
  }
  if (e instanceof ModelError) {
    io.err(e.lines().join("\n") + "\n");
    return EXIT_USAGE;
  }
  if (e instanceof InputError) {
    io.err(`${e.message}
`);
    return EXIT_USAGE;
  }
  if (e instanceof CoreError || e instanceof NumericalError) {
    io.err(`${prefix}: numerical failure: ${e.message}
`);
    if (debug && e.stack)
      io.err(e.stack + "\n");
    return EXIT_FAILURE;
  }
  if (e instanceof OutputError) {
    io.err(`${prefix}: ${e.message}
`);
    return EXIT_FAILURE;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  io.err(`${prefix}: error: ${err.message}
`);
  if (debug && err.stack)
    io.err(err.stack + "\n");
  return EXIT_FAILURE;
}
function helpRequested(values, cmd, io) {
  if (values.help === true) {
    io.out(cmd.usage.trimEnd() + "\n");
    return true;
  }
  return false;
}

// dist/aml/from-rdf.js
import { Parser as Parser2 } from "n3";

// dist/rdf/namespaces.js
var TWIN = "https://w3id.org/twin/";
var MO = `${TWIN}modelica#`;
var AML = `${TWIN}aml#`;
var ROTOR = `${TWIN}rotor#`;
var ARCHIVE = `${TWIN}archive#`;
var NS = {
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  rdfs: "http://www.w3.org/2000/01/rdf-schema#",
  owl: "http://www.w3.org/2002/07/owl#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
  sh: "http://www.w3.org/ns/shacl#",
  prov: "http://www.w3.org/ns/prov#",
  dcterms: "http://purl.org/dc/terms/",
  qudt: "http://qudt.org/schema/qudt/",
  unit: "http://qudt.org/vocab/unit/",
  quantitykind: "http://qudt.org/vocab/quantitykind/",
  sosa: "http://www.w3.org/ns/sosa/",
  ssn: "http://www.w3.org/ns/ssn/",
  schema: "http://schema.org/"
};
var PREFIXES = {
  ...NS,
  mo: MO,
  aml: AML,
  rotor: ROTOR,
  twin: ARCHIVE
};

// dist/aml/xml.js
var XmlError = class extends Error {
  line;
  column;
  detail;
  constructor(line, column2, detail) {
    super(`${line}:${column2}: ${detail}`);
    this.line = line;
    this.column = column2;
    this.detail = detail;
    this.name = "XmlError";
  }
};
var F_TEXT = 1;
var F_CDATA = 2;
var F_COMMENT = 4;
var F_PI = 8;
var F_REF = 16;
var LineIndex = class {
  starts;
  constructor(text3) {
    let n = 1;
    for (let i = text3.indexOf("\n"); i >= 0; i = text3.indexOf("\n", i + 1))
      n++;
    const starts = new Int32Array(n);
    let k = 1;
    for (let i = text3.indexOf("\n"); i >= 0; i = text3.indexOf("\n", i + 1))
      starts[k++] = i + 1;
    this.starts = starts;
  }
  line(offset) {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if (this.starts[mid] <= offset)
        lo = mid;
      else
        hi = mid - 1;
    }
    return lo + 1;
  }
  column(offset) {
    return offset - this.starts[this.line(offset) - 1] + 1;
  }
};
var XML_NS = "http://www.w3.org/XML/1998/namespace";
var NAME_START = "A-Z_a-z:\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\uD800-\\uDBFF\\uDC00-\\uDFFF";
var NAME_CHAR = NAME_START + "\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040";
var NAME_RE = new RegExp(`[${NAME_START}][${NAME_CHAR}]*`, "y");
var BAD_CHAR_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
var REF_RE = /&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));/y;
var WS_RE = /^[ \t\r\n]*$/;
function isWs(c) {
  return c === 32 || c === 10 || c === 9 || c === 13;
}
function legalCodePoint(cp) {
  return cp === 9 || cp === 10 || cp === 13 || cp >= 32 && cp <= 55295 || cp >= 57344 && cp <= 65533 || cp >= 65536 && cp <= 1114111;
}
var PREDEFINED = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
function decodeXmlBytes(bytes) {
  if (bytes[0] === 254 && bytes[1] === 255 || bytes[0] === 255 && bytes[1] === 254) {
    throw new XmlError(1, 1, "UTF-16 documents are not supported (save the file as UTF-8)");
  }
  const bom = bytes[0] === 239 && bytes[1] === 187 && bytes[2] === 191;
  let declared;
  if (!bom) {
    const head = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 200))).toString("latin1");
    const m = /^<\?xml[ \t\r\n][^>]*?encoding[ \t\r\n]*=[ \t\r\n]*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/.exec(head);
    if (m)
      declared = m[2].toLowerCase();
  }
  if (declared === "iso-8859-1" || declared === "latin1" || declared === "iso_8859-1" || declared === "us-ascii" || declared === "ascii") {
    if (declared.includes("ascii")) {
      const bad = bytes.findIndex((b) => b >= 128);
      if (bad >= 0)
        throw byteError(bytes, bad, `byte 0x${bytes[bad].toString(16)} is not US-ASCII`);
    }
    return { text: Buffer.from(bytes).toString("latin1"), encoding: "iso-8859-1" };
  }
  if (declared !== void 0 && declared !== "utf-8" && declared !== "utf8") {
    throw new XmlError(1, 1, `unsupported encoding "${declared}" (UTF-8 and ISO-8859-1 are supported)`);
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    throw byteError(bytes, firstBadUtf8(bytes), "invalid UTF-8");
  }
}
function byteError(bytes, at, detail) {
  const before = Buffer.from(bytes.subarray(0, at));
  const nl = before.lastIndexOf(10);
  let line = 1;
  for (const b of before)
    if (b === 10)
      line++;
  const col = new TextDecoder("utf-8").decode(before.subarray(nl + 1)).length + 1;
  return new XmlError(line, col, detail);
}
function firstBadUtf8(b) {
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    let n = 0;
    let min = 0;
    if (c < 128) {
      i++;
      continue;
    } else if (c >= 194 && c <= 223) {
      n = 1;
      min = 128;
    } else if (c >= 224 && c <= 239) {
      n = 2;
      min = 2048;
    } else if (c >= 240 && c <= 244) {
      n = 3;
      min = 65536;
    } else
      return i;
    let cp = c & 63 >> n;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === void 0 || (d & 192) !== 128)
        return i;
      cp = cp << 6 | d & 63;
    }
    if (cp < min || cp > 1114111 || cp >= 55296 && cp <= 57343)
      return i;
    i += n + 1;
  }
  return b.length;
}
function decodeRefs(raw) {
  if (raw.indexOf("&") < 0)
    return raw;
  return raw.replace(/&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));/g, (_, name, dec, hex) => name !== void 0 ? PREDEFINED[name] : String.fromCodePoint(dec !== void 0 ? parseInt(dec, 10) : parseInt(hex, 16)));
}
function attributeValue(raw) {
  const spaced = raw.indexOf("\r") < 0 && raw.indexOf("\n") < 0 && raw.indexOf("	") < 0 ? raw : raw.replace(/\r\n|[\r\n\t]/g, " ");
  return decodeRefs(spaced);
}
function decodeContent(text3, from, to) {
  let out = "";
  let i = from;
  while (i < to) {
    const lt = text3.indexOf("<", i);
    const stop = lt < 0 || lt >= to ? to : lt;
    if (stop > i)
      out += decodeRefs(text3.slice(i, stop).replace(/\r\n?/g, "\n"));
    if (stop >= to)
      break;
    if (text3.startsWith("<![CDATA[", stop)) {
      const e = text3.indexOf("]]>", stop + 9);
      out += text3.slice(stop + 9, e).replace(/\r\n?/g, "\n");
      i = e + 3;
    } else if (text3.startsWith("<!--", stop)) {
      i = text3.indexOf("-->", stop + 4) + 3;
    } else if (text3.startsWith("<?", stop)) {
      i = text3.indexOf("?>", stop + 2) + 2;
    } else {
      throw new Error("decodeContent: element inside the range");
    }
  }
  return out;
}
var Reader = class {
  text;
  pos = 0;
  lines;
  root = null;
  stack = [];
  /** namespace scopes: prefix → URI, pushed by elements that declare namespaces */
  nsStack = [];
  constructor(text3) {
    this.text = text3;
    this.lines = new LineIndex(text3);
  }
  fail(offset, detail) {
    throw new XmlError(this.lines.line(offset), this.lines.column(offset), detail);
  }
  parse() {
    const t = this.text;
    if (t.charCodeAt(0) === 65279)
      this.pos = 1;
    if (t.startsWith("<?xml", this.pos) && isWs(t.charCodeAt(this.pos + 5)))
      this.xmlDecl();
    let seenDoctype = false;
    while (this.pos < t.length) {
      const lt = t.indexOf("<", this.pos);
      const stop = lt < 0 ? t.length : lt;
      if (stop > this.pos)
        this.text_(this.pos, stop);
      if (lt < 0)
        break;
      this.pos = lt;
      const c = t.charCodeAt(lt + 1);
      if (c === 47)
        this.endTag();
      else if (c === 33) {
        if (t.startsWith("<!--", lt))
          this.comment();
        else if (t.startsWith("<![CDATA[", lt))
          this.cdata();
        else if (t.startsWith("<!DOCTYPE", lt)) {
          if (this.root !== null || seenDoctype)
            this.fail(lt, "DOCTYPE declaration not allowed here");
          seenDoctype = true;
          this.doctype();
        } else
          this.fail(lt, "malformed markup declaration after '<!'");
      } else if (c === 63)
        this.pi();
      else
        this.startTag();
    }
    if (this.stack.length > 0) {
      const open = this.stack[this.stack.length - 1];
      this.fail(t.length, `end of file inside element <${open.name}> opened at line ${this.lines.line(open.start)}`);
    }
    if (this.root === null)
      this.fail(t.length, "no root element");
    return { text: t, root: this.root, encoding: "utf-8", lines: this.lines };
  }
  checkChars(from, to) {
    const s = this.text.slice(from, to);
    const m = BAD_CHAR_RE.exec(s);
    if (m)
      this.fail(from + m.index, `illegal character U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
  }
  /** Checks '&' references in a raw range (text or attribute value). */
  checkRefs(from, to) {
    const t = this.text;
    let any = false;
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
      if (m[2] !== void 0 || m[3] !== void 0) {
        const cp = m[2] !== void 0 ? parseInt(m[2], 10) : parseInt(m[3], 16);
        if (!legalCodePoint(cp))
          this.fail(i, `character reference ${m[0]} is not a legal XML character`);
      }
    }
    return any;
  }
  text_(from, to) {
    const t = this.text;
    this.checkChars(from, to);
    const top = this.stack[this.stack.length - 1];
    if (top === void 0) {
      if (!WS_RE.test(t.slice(from, to))) {
        let k = from;
        while (isWs(t.charCodeAt(k)))
          k++;
        this.fail(k, this.root === null ? "text before the root element" : "text after the root element");
      }
      return;
    }
    if (this.checkRefs(from, to))
      top.flags |= F_REF;
    const cd = t.slice(from, to).indexOf("]]>");
    if (cd >= 0)
      this.fail(from + cd, "']]>' not allowed in text");
    if (!(top.flags & F_TEXT)) {
      for (let i = from; i < to; i++) {
        if (!isWs(t.charCodeAt(i))) {
          top.flags |= F_TEXT;
          break;
        }
      }
    }
  }
  xmlDecl() {
    const t = this.text;
    const start = this.pos;
    const end = t.indexOf("?>", start);
    if (end < 0)
      this.fail(start, "unterminated XML declaration");
    const body = t.slice(start + 5, end);
    const re = /^[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.[0-9]+\1(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(?:yes|no)\3)?[ \t\r\n]*$/;
    if (!re.test(body))
      this.fail(start, "malformed XML declaration");
    this.pos = end + 2;
  }
  comment() {
    const t = this.text;
    const start = this.pos;
    const end = t.indexOf("--", start + 4);
    if (end < 0)
      this.fail(start, "unterminated comment");
    if (t.charCodeAt(end + 2) !== 62)
      this.fail(end, "'--' not allowed inside a comment");
    this.checkChars(start + 4, end);
    const top = this.stack[this.stack.length - 1];
    if (top)
      top.flags |= F_COMMENT;
    this.pos = end + 3;
  }
  cdata() {
    const t = this.text;
    const start = this.pos;
    const top = this.stack[this.stack.length - 1];
    if (!top)
      this.fail(start, "CDATA section outside the root element");
    const end = t.indexOf("]]>", start + 9);
    if (end < 0)
      this.fail(start, "unterminated CDATA section");
    this.checkChars(start + 9, end);
    top.flags |= F_CDATA;
    this.pos = end + 3;
  }
  pi() {
    const t = this.text;
    const start = this.pos;
    NAME_RE.lastIndex = start + 2;
    const m = NAME_RE.exec(t);
    if (!m)
      this.fail(start + 2, "processing instruction without a target name");
    if (m[0].toLowerCase() === "xml")
      this.fail(start, "XML declaration allowed only at the start of the document");
    const end = t.indexOf("?>", start + 2);
    if (end < 0)
      this.fail(start, "unterminated processing instruction");
    const after = start + 2 + m[0].length;
    if (after < end && !isWs(t.charCodeAt(after)))
      this.fail(after, "whitespace expected after the processing instruction target");
    this.checkChars(start, end);
    const top = this.stack[this.stack.length - 1];
    if (top)
      top.flags |= F_PI;
    this.pos = end + 2;
  }
  doctype() {
    const t = this.text;
    const start = this.pos;
    let i = start + 9;
    let depth = 0;
    while (i < t.length) {
      const c = t.charCodeAt(i);
      if (c === 34 || c === 39) {
        const e = t.indexOf(String.fromCharCode(c), i + 1);
        if (e < 0)
          break;
        i = e + 1;
        continue;
      }
      if (c === 91)
        depth++;
      else if (c === 93)
        depth--;
      else if (c === 62 && depth === 0) {
        const body = t.slice(start, i);
        if (/<!ENTITY/.test(body))
          this.fail(start, "entity declarations in the DOCTYPE are not supported");
        this.pos = i + 1;
        return;
      }
      i++;
    }
    this.fail(start, "unterminated DOCTYPE declaration");
  }
  lookupNs(prefix, at) {
    for (let k = this.nsStack.length - 1; k >= 0; k--) {
      const v = this.nsStack[k].map.get(prefix);
      if (v !== void 0)
        return v;
    }
    if (prefix === "xml")
      return XML_NS;
    if (prefix === "")
      return "";
    return this.fail(at, `undeclared namespace prefix "${prefix}"`);
  }
  startTag() {
    const t = this.text;
    const start = this.pos;
    NAME_RE.lastIndex = start + 1;
    const m = NAME_RE.exec(t);
    if (!m)
      this.fail(start + 1, "element name expected after '<'");
    const name = m[0];
    let i = start + 1 + name.length;
    const attrs = [];
    let selfClosing = false;
    for (; ; ) {
      const ws0 = i;
      while (isWs(t.charCodeAt(i)))
        i++;
      const c = t.charCodeAt(i);
      if (c === 62) {
        i++;
        break;
      }
      if (c === 47) {
        if (t.charCodeAt(i + 1) !== 62)
          this.fail(i, "'>' expected after '/'");
        selfClosing = true;
        i += 2;
        break;
      }
      if (Number.isNaN(c))
        this.fail(start, `unterminated start tag <${name}`);
      if (i === ws0)
        this.fail(i, "whitespace expected between attributes");
      NAME_RE.lastIndex = i;
      const an = NAME_RE.exec(t);
      if (!an)
        this.fail(i, `attribute name expected in <${name}>`);
      const nameStart = i;
      i += an[0].length;
      while (isWs(t.charCodeAt(i)))
        i++;
      if (t.charCodeAt(i) !== 61)
        this.fail(i, `'=' expected after attribute ${an[0]}`);
      i++;
      while (isWs(t.charCodeAt(i)))
        i++;
      const q = t.charCodeAt(i);
      if (q !== 34 && q !== 39)
        this.fail(i, `quoted value expected for attribute ${an[0]}`);
      const vs = i + 1;
      const ve = t.indexOf(q === 34 ? '"' : "'", vs);
      if (ve < 0)
        this.fail(i, `unterminated value of attribute ${an[0]}`);
      const lt = t.indexOf("<", vs);
      if (lt >= 0 && lt < ve)
        this.fail(lt, `'<' not allowed in the value of attribute ${an[0]}`);
      this.checkChars(vs, ve);
      this.checkRefs(vs, ve);
      for (const a of attrs)
        if (a.name === an[0])
          this.fail(nameStart, `duplicate attribute ${an[0]}`);
      attrs.push({ name: an[0], nameStart, valueStart: vs, valueEnd: ve });
      i = ve + 1;
    }
    const parent = this.stack[this.stack.length - 1] ?? null;
    if (parent === null && this.root !== null)
      this.fail(start, "a second root element");
    const el = {
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
      local: name
    };
    let map;
    for (const a of attrs) {
      if (a.name === "xmlns" || a.name.startsWith("xmlns:")) {
        map ??= /* @__PURE__ */ new Map();
        map.set(a.name === "xmlns" ? "" : a.name.slice(6), attributeValue(t.slice(a.valueStart, a.valueEnd)));
      }
    }
    if (map)
      this.nsStack.push({ el, map });
    const colon = name.indexOf(":");
    el.ns = this.lookupNs(colon < 0 ? "" : name.slice(0, colon), start);
    if (colon >= 0)
      el.local = name.slice(colon + 1);
    if (parent)
      parent.children.push(el);
    else
      this.root = el;
    if (selfClosing)
      this.close(el);
    else
      this.stack.push(el);
    this.pos = i;
  }
  close(el) {
    const top = this.nsStack[this.nsStack.length - 1];
    if (top && top.el === el)
      this.nsStack.pop();
  }
  endTag() {
    const t = this.text;
    const start = this.pos;
    NAME_RE.lastIndex = start + 2;
    const m = NAME_RE.exec(t);
    if (!m)
      this.fail(start + 2, "element name expected after '</'");
    let i = start + 2 + m[0].length;
    while (isWs(t.charCodeAt(i)))
      i++;
    if (t.charCodeAt(i) !== 62)
      this.fail(i, `'>' expected to close the end tag </${m[0]}`);
    const open = this.stack.pop();
    if (!open)
      this.fail(start, `end tag </${m[0]}> without a start tag`);
    if (open.name !== m[0])
      this.fail(start, `end tag </${m[0]}> does not match <${open.name}> opened at line ${this.lines.line(open.start)}`);
    open.contentEnd = start;
    open.end = i + 1;
    this.close(open);
    this.pos = i + 1;
  }
};
function parseXml(text3) {
  return new Reader(text3).parse();
}
function parseXmlBytes(bytes) {
  const { text: text3, encoding } = decodeXmlBytes(bytes);
  const doc = parseXml(text3);
  doc.encoding = encoding;
  return doc;
}
function encodeXmlText(text3, encoding) {
  return Buffer.from(text3, encoding === "utf-8" ? "utf8" : "latin1");
}
function attr(doc, el, name) {
  for (const a of el.attrs)
    if (a.name === name)
      return attributeValue(doc.text.slice(a.valueStart, a.valueEnd));
  return void 0;
}

// dist/aml/model.js
import { basename as basename2 } from "node:path";

// dist/aml/vocab.js
var CAEX3_NS = "http://www.dke.de/CAEX";
var RESOURCE_TAGS = /* @__PURE__ */ new Map([
  ["CAEXFile", "file"],
  ["SourceDocumentInformation", "sdi"],
  ["ExternalReference", "er"],
  ["InstanceHierarchy", "ih"],
  ["InternalElement", "ie"],
  ["InterfaceClassLib", "icl"],
  ["InterfaceClass", "ic"],
  ["RoleClassLib", "rcl"],
  ["RoleClass", "rc"],
  ["SystemUnitClassLib", "sucl"],
  ["SystemUnitClass", "suc"],
  ["AttributeTypeLib", "atl"],
  ["AttributeType", "at"],
  ["Attribute", "a"],
  ["ExternalInterface", "ei"],
  ["InternalLink", "il"],
  ["SupportedRoleClass", "src"],
  ["RoleRequirements", "rr"],
  ["MappingObject", "mo"],
  ["AttributeNameMapping", "anm"],
  ["InterfaceIDMapping", "iim"],
  ["InterfaceNameMapping", "inm"],
  ["Constraint", "c"],
  ["OrdinalScaledType", "ost"],
  ["NominalScaledType", "nst"],
  ["UnknownType", "ut"],
  ["RefSemantic", "rs"],
  ["Revision", "rev"],
  ["AdditionalInformation", "ai"],
  ["SourceObjectInformation", "soi"]
]);
var TEXT_TAGS = /* @__PURE__ */ new Map([
  ["Description", "description"],
  ["Version", "version"],
  ["Copyright", "copyright"],
  ["Value", "value"],
  ["DefaultValue", "defaultValue"],
  ["RequiredValue", "requiredValue"],
  ["RequiredMaxValue", "requiredMaxValue"],
  ["RequiredMinValue", "requiredMinValue"],
  ["Requirements", "requirements"],
  ["SuperiorStandardVersion", "superiorStandardVersion"],
  ["RevisionDate", "revisionDate"],
  ["OldVersion", "oldVersion"],
  ["NewVersion", "newVersion"],
  ["AuthorName", "authorName"],
  ["Comment", "comment"]
]);
var ATTR_PROPS = new Map([
  "Name",
  "ID",
  "ChangeMode",
  "RefBaseClassPath",
  "RefBaseSystemUnitPath",
  "RefBaseRoleClassPath",
  "RefRoleClassPath",
  "RefAttributeType",
  "RefPartnerSideA",
  "RefPartnerSideB",
  "AttributeDataType",
  "Unit",
  "Path",
  "Alias",
  "FileName",
  "SchemaVersion",
  "CorrespondingAttributePath",
  "SystemUnitAttributeName",
  "RoleAttributeName",
  "SystemUnitInterfaceID",
  "RoleInterfaceID",
  "SystemUnitInterfaceName",
  "RoleInterfaceName",
  "OriginName",
  "OriginID",
  "OriginVendor",
  "OriginVendorURL",
  "OriginVersion",
  "OriginRelease",
  "LastWritingDateTime",
  "OriginProjectTitle",
  "OriginProjectID",
  "SourceObjID",
  "AutomationMLVersion"
].map((a) => [a, a === "ID" ? "id" : a[0].toLowerCase() + a.slice(1)]));
var CONTENT_PROP = "content";
function containmentProp(tag) {
  return tag[0].toLowerCase() + tag.slice(1);
}
var LIB_OF = {
  InterfaceClass: "InterfaceClassLib",
  RoleClass: "RoleClassLib",
  SystemUnitClass: "SystemUnitClassLib",
  AttributeType: "AttributeTypeLib"
};
var KIND_OF_LIB = new Map(Object.entries(LIB_OF).map(([k, lib]) => [lib, k]));
function isClassKind(tag) {
  return tag === "InterfaceClass" || tag === "RoleClass" || tag === "SystemUnitClass" || tag === "AttributeType";
}
function refKind(tag, attr2) {
  switch (attr2) {
    case "RefBaseClassPath":
      if (tag === "ExternalInterface")
        return "InterfaceClass";
      return isClassKind(tag) ? tag : void 0;
    case "RefBaseSystemUnitPath":
      return "SystemUnitClass";
    case "RefBaseRoleClassPath":
    case "RefRoleClassPath":
      return "RoleClass";
    case "RefAttributeType":
      return "AttributeType";
    default:
      return void 0;
  }
}
var PATH_ATTRS = ["RefBaseClassPath", "RefBaseSystemUnitPath", "RefBaseRoleClassPath", "RefRoleClassPath", "RefAttributeType"];
var XSD_TYPES = /* @__PURE__ */ new Set([
  "string",
  "normalizedString",
  "token",
  "boolean",
  "decimal",
  "integer",
  "int",
  "long",
  "short",
  "byte",
  "nonNegativeInteger",
  "positiveInteger",
  "nonPositiveInteger",
  "negativeInteger",
  "unsignedInt",
  "unsignedLong",
  "unsignedShort",
  "unsignedByte",
  "float",
  "double",
  "dateTime",
  "date",
  "time",
  "duration",
  "anyURI",
  "hexBinary",
  "base64Binary",
  "QName",
  "language",
  "gYear"
]);
var INT_RE = /^[+-]?[0-9]+$/;
var DEC_RE = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;
var DBL_RE = /^(?:[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?INF|NaN)$/;
var INT_RANGE = {
  int: [-(2n ** 31n), 2n ** 31n - 1n],
  long: [-(2n ** 63n), 2n ** 63n - 1n],
  short: [-32768n, 32767n],
  byte: [-128n, 127n],
  unsignedInt: [0n, 2n ** 32n - 1n],
  unsignedLong: [0n, 2n ** 64n - 1n],
  unsignedShort: [0n, 65535n],
  unsignedByte: [0n, 255n],
  nonNegativeInteger: [0n, 2n ** 1024n],
  positiveInteger: [1n, 2n ** 1024n],
  nonPositiveInteger: [-(2n ** 1024n), 0n],
  negativeInteger: [-(2n ** 1024n), -1n]
};
function typedLexical(type, value) {
  const v = value.trim();
  if (type === "boolean")
    return v === "true" || v === "false" || v === "1" || v === "0" ? v : void 0;
  if (type === "decimal")
    return DEC_RE.test(v) ? v : void 0;
  if (type === "float" || type === "double")
    return DBL_RE.test(v) ? v : void 0;
  if (type === "integer")
    return INT_RE.test(v) ? v : void 0;
  const range = INT_RANGE[type];
  if (range) {
    if (!INT_RE.test(v))
      return void 0;
    const n = BigInt(v);
    return n >= range[0] && n <= range[1] ? v : void 0;
  }
  return void 0;
}
var QUDT_UNITS = /* @__PURE__ */ new Map([
  ["m", "M"],
  ["mm", "MilliM"],
  ["cm", "CentiM"],
  ["\xB5m", "MicroM"],
  ["um", "MicroM"],
  ["km", "KiloM"],
  ["kg", "KiloGM"],
  ["g", "GM"],
  ["t", "TONNE"],
  ["s", "SEC"],
  ["ms", "MilliSEC"],
  ["min", "MIN"],
  ["h", "HR"],
  ["Hz", "HZ"],
  ["kHz", "KiloHZ"],
  ["rad", "RAD"],
  ["deg", "DEG"],
  ["\xB0", "DEG"],
  ["rad/s", "RAD-PER-SEC"],
  ["rpm", "REV-PER-MIN"],
  ["1/min", "REV-PER-MIN"],
  ["N", "N"],
  ["kN", "KiloN"],
  ["N m", "N-M"],
  ["N*m", "N-M"],
  ["N\xB7m", "N-M"],
  ["Nm", "N-M"],
  ["N/m", "N-PER-M"],
  ["N s/m", "N-SEC-PER-M"],
  ["N*s/m", "N-SEC-PER-M"],
  ["N\xB7s/m", "N-SEC-PER-M"],
  ["Pa", "PA"],
  ["kPa", "KiloPA"],
  ["MPa", "MegaPA"],
  ["GPa", "GigaPA"],
  ["bar", "BAR"],
  ["kg/m3", "KiloGM-PER-M3"],
  ["kg/m^3", "KiloGM-PER-M3"],
  ["kg/m\xB3", "KiloGM-PER-M3"],
  ["kg m2", "KiloGM-M2"],
  ["kg*m^2", "KiloGM-M2"],
  ["kg\xB7m\xB2", "KiloGM-M2"],
  ["kg m\xB2", "KiloGM-M2"],
  ["m/s", "M-PER-SEC"],
  ["m/s2", "M-PER-SEC2"],
  ["m/s^2", "M-PER-SEC2"],
  ["m/s\xB2", "M-PER-SEC2"],
  ["V", "V"],
  ["mV", "MilliV"],
  ["A", "A"],
  ["W", "W"],
  ["kW", "KiloW"],
  ["K", "K"],
  ["\xB0C", "DEG_C"],
  ["degC", "DEG_C"],
  ["%", "PERCENT"],
  ["l/min", "L-PER-MIN"],
  ["m3/h", "M3-PER-HR"],
  ["1", "UNITLESS"]
]);

// dist/aml/model.js
var DATA_BASE = `${TWIN}aml/file/`;
function defaultBase(fileName) {
  return `${DATA_BASE}${encodeSegment(fileName)}/`;
}
function pathKey(path) {
  return path.join("\0");
}
function encodeSegment(s) {
  if (s === "." || s === "..")
    return s.replace(/\./g, "%2E");
  let out = "";
  for (const ch of s) {
    const cp = ch.codePointAt(0);
    if (/[A-Za-z0-9\-._~]/.test(ch) || cp >= 160 && cp !== 65279 && !(cp >= 57344 && cp <= 63743) && !(cp >= 65520 && cp <= 65535))
      out += ch;
    else
      for (const b of Buffer.from(ch, "utf8"))
        out += `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}
function locatedError(doc, offset, detail) {
  return new XmlError(doc.lines.line(offset), doc.lines.column(offset), detail);
}
function readAml(bytes, file, options2 = {}) {
  const doc = parseXmlBytes(bytes);
  return buildModel(doc, file, options2);
}
function buildModel(doc, file, options2 = {}) {
  const rootEl = doc.root;
  if (rootEl.local !== "CAEXFile")
    throw locatedError(doc, rootEl.start, `root element is <${rootEl.name}>, expected <CAEXFile>`);
  const sv = rootEl.attrs.find((a) => a.name === "SchemaVersion");
  if (!sv)
    throw locatedError(doc, rootEl.start, "CAEXFile has no SchemaVersion attribute (2.15 or 3.0 expected)");
  const version2 = attributeValue(doc.text.slice(sv.valueStart, sv.valueEnd));
  if (version2 !== "2.15" && version2 !== "3.0") {
    throw locatedError(doc, sv.valueStart, `unknown CAEX schema version "${version2}" (2.15 and 3.0 are supported)`);
  }
  if (version2 === "3.0" && rootEl.ns !== CAEX3_NS) {
    throw locatedError(doc, rootEl.start, `CAEX 3.0 requires the namespace ${CAEX3_NS}, found ${rootEl.ns === "" ? "no namespace" : rootEl.ns}`);
  }
  if (version2 === "2.15" && rootEl.ns !== "") {
    throw locatedError(doc, rootEl.start, `CAEX 2.15 elements have no namespace, found ${rootEl.ns}`);
  }
  const fileName = attr(doc, rootEl, "FileName");
  const base = options2.base ?? defaultBase(fileName && fileName.length > 0 ? fileName : basename2(file));
  const b = new Builder(doc, version2, rootEl.ns, base);
  const root = b.build(rootEl);
  return {
    file,
    doc,
    version: version2,
    ns: rootEl.ns,
    base,
    root,
    nodes: b.nodes,
    byId: b.byId,
    classes: b.classes,
    aliases: b.aliases,
    roles: b.roles
  };
}
var Builder = class {
  doc;
  version;
  ns;
  base;
  nodes = [];
  byId = /* @__PURE__ */ new Map();
  classes = {
    InterfaceClass: /* @__PURE__ */ new Map(),
    RoleClass: /* @__PURE__ */ new Map(),
    SystemUnitClass: /* @__PURE__ */ new Map(),
    AttributeType: /* @__PURE__ */ new Map()
  };
  aliases = /* @__PURE__ */ new Map();
  roles = /* @__PURE__ */ new Map();
  used = /* @__PURE__ */ new Set();
  constructor(doc, version2, ns, base) {
    this.doc = doc;
    this.version = version2;
    this.ns = ns;
    this.base = base;
  }
  value(a) {
    return attributeValue(this.doc.text.slice(a.valueStart, a.valueEnd));
  }
  unique(iri2) {
    let out = iri2;
    for (let k = 2; this.used.has(out); k++)
      out = `${iri2}~${k}`;
    this.used.add(out);
    return out;
  }
  build(rootEl) {
    const root = { el: rootEl, tag: "CAEXFile", iri: this.unique(`${this.base}file`), parent: null, children: [], index: 0, path: null };
    this.nodes.push(root);
    const stack = [root];
    while (stack.length > 0) {
      const node = stack.pop();
      this.expand(node);
      for (let i = node.children.length - 1; i >= 0; i--)
        stack.push(node.children[i]);
    }
    this.nodes.sort((x, y) => x.el.start - y.el.start);
    return root;
  }
  /** Classifies the children of a resource element and creates their nodes. */
  expand(node) {
    const opaque = node.tag === "AdditionalInformation";
    const unnamed = /* @__PURE__ */ new Map();
    for (const c of node.el.children) {
      let role = 2;
      if (!opaque && c.ns === this.ns) {
        if (RESOURCE_TAGS.has(c.local) && c.local !== "CAEXFile")
          role = 0;
        else if (TEXT_TAGS.has(c.local) && c.children.length === 0)
          role = 1;
      }
      this.roles.set(c, role);
      if (role !== 0)
        continue;
      const child = this.node(c, node, unnamed);
      child.index = node.children.length;
      node.children.push(child);
      this.nodes.push(child);
    }
  }
  node(el, parent, unnamed) {
    const tag = el.local;
    let name;
    let id;
    for (const a of el.attrs) {
      if (a.name === "Name")
        name = this.value(a);
      else if (a.name === "ID")
        id = this.value(a);
    }
    const code = RESOURCE_TAGS.get(tag);
    let path = null;
    const libKind = KIND_OF_LIB.get(tag);
    if (libKind && parent.tag === "CAEXFile")
      path = [name ?? ""];
    else if (isClassKind(tag) && parent.path && (parent.tag === tag || KIND_OF_LIB.get(parent.tag) === tag))
      path = [...parent.path, name ?? ""];
    let iri2;
    if (path && libKind)
      iri2 = this.unique(`${this.base}${code}.${encodeSegment(path[0])}`);
    else if (path)
      iri2 = this.unique(`${parent.iri}/${encodeSegment(path[path.length - 1])}`);
    else if (id !== void 0 && id !== "" && !this.used.has(`${this.base}id/${encodeSegment(id)}`))
      iri2 = this.unique(`${this.base}id/${encodeSegment(id)}`);
    else {
      const prefix = parent.tag === "CAEXFile" ? this.base : `${parent.iri}/`;
      let local;
      if (name !== void 0)
        local = encodeSegment(name);
      else {
        const k = unnamed.get(tag) ?? 0;
        unnamed.set(tag, k + 1);
        local = String(k);
      }
      iri2 = this.unique(`${prefix}${code}.${local}`);
    }
    const node = { el, tag, iri: iri2, parent, children: [], index: 0, path };
    if (id !== void 0 && id !== "") {
      const list = this.byId.get(id);
      if (list)
        list.push(node);
      else
        this.byId.set(id, [node]);
    }
    if (path) {
      const kind = libKind ?? tag;
      const key = pathKey(path);
      if (!this.classes[kind].has(key))
        this.classes[kind].set(key, node);
    }
    if (tag === "ExternalReference") {
      const alias = attr(this.doc, el, "Alias");
      if (alias !== void 0 && !this.aliases.has(alias))
        this.aliases.set(alias, node);
    }
    return node;
  }
};
function nodeAttr(model, node, name) {
  return attr(model.doc, node.el, name);
}

// dist/aml/resolve.js
import { basename as basename3 } from "node:path";
function parsePath(value) {
  const segments = [];
  let alias;
  let cur = "";
  let depth = 0;
  let bracketed = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === "[" && depth === 0 && cur === "") {
      depth = 1;
      bracketed = true;
      continue;
    }
    if (depth > 0) {
      if (c === "]" && (i + 1 === value.length || value[i + 1] === "/")) {
        depth = 0;
        continue;
      }
      cur += c;
      continue;
    }
    if (c === "@" && alias === void 0 && segments.length === 0 && !bracketed) {
      alias = cur;
      cur = "";
      continue;
    }
    if (c === "/") {
      segments.push(cur);
      cur = "";
      bracketed = false;
      continue;
    }
    cur += c;
  }
  segments.push(cur);
  return alias === void 0 ? { segments } : { alias, segments };
}
function externalClassIri(refPath, kind, segments) {
  const file = basename3(refPath.replace(/\\/g, "/"));
  const lib = `${defaultBase(file)}${RESOURCE_TAGS.get(LIB_OF[kind])}.${encodeSegment(segments[0] ?? "")}`;
  return segments.length <= 1 ? lib : `${lib}/${segments.slice(1).map(encodeSegment).join("/")}`;
}
function inFamily(node, kind) {
  return node.path !== null && (node.tag === kind || node.tag === LIB_OF[kind]);
}
function resolvePath(model, value, kind, from, mirrors = false) {
  const p = parsePath(value);
  if (p.alias !== void 0) {
    const ref2 = model.aliases.get(p.alias);
    if (!ref2)
      return { kind: "unresolved", reason: `no ExternalReference with Alias "${p.alias}"` };
    const path = nodeAttr(model, ref2, "Path") ?? "";
    return { kind: "external", alias: p.alias, ref: ref2, segments: p.segments, iri: externalClassIri(path, kind, p.segments) };
  }
  const table4 = model.classes[kind];
  const exact = table4.get(pathKey(p.segments));
  if (exact && exact.tag === kind)
    return { kind: "local", node: exact };
  for (let a = from?.parent ?? null; a !== null; a = a.parent) {
    if (!inFamily(a, kind))
      continue;
    const hit = table4.get(pathKey([...a.path, ...p.segments]));
    if (hit && hit.tag === kind && hit !== from)
      return { kind: "local", node: hit };
  }
  if (mirrors) {
    const master = model.byId.get(value)?.[0];
    if (master && master !== from)
      return { kind: "mirror", node: master };
  }
  return { kind: "unresolved", reason: exact ? `"${value}" is a ${exact.tag}, not a ${kind}` : `no ${kind} "${value}"` };
}
function resolveAttr(model, node, attrName) {
  const value = nodeAttr(model, node, attrName);
  if (value === void 0)
    return void 0;
  const kind = refKind(node.tag, attrName);
  if (!kind)
    return void 0;
  const mirrors = node.tag === "InternalElement" && attrName === "RefBaseSystemUnitPath" || node.tag === "ExternalInterface" && attrName === "RefBaseClassPath";
  return resolvePath(model, value, kind, node, mirrors);
}
function resolvePartner(model, value) {
  const direct = model.byId.get(value)?.[0];
  if (direct && direct.tag === "ExternalInterface")
    return direct;
  for (let k = value.lastIndexOf(":"); k > 0; k = value.lastIndexOf(":", k - 1)) {
    const owner = model.byId.get(value.slice(0, k))?.[0];
    if (!owner)
      continue;
    const name = value.slice(k + 1);
    for (const c of owner.children)
      if (c.tag === "ExternalInterface" && nodeAttr(model, c, "Name") === name)
        return c;
  }
  return void 0;
}
function baseAttr(tag) {
  switch (tag) {
    case "InterfaceClass":
    case "RoleClass":
    case "SystemUnitClass":
    case "ExternalInterface":
      return "RefBaseClassPath";
    case "InternalElement":
      return "RefBaseSystemUnitPath";
    case "AttributeType":
    case "Attribute":
      return "RefAttributeType";
    default:
      return void 0;
  }
}
function inheritanceChain(model, node) {
  const chain = [];
  const seen = /* @__PURE__ */ new Set([node]);
  let cur = node;
  for (; ; ) {
    const a = baseAttr(cur.tag);
    if (!a)
      return { chain, cycle: false };
    const r = resolveAttr(model, cur, a);
    if (!r)
      return { chain, cycle: false };
    chain.push({ path: nodeAttr(model, cur, a), resolution: r });
    if (r.kind !== "local" && r.kind !== "mirror")
      return { chain, cycle: false };
    if (seen.has(r.node))
      return { chain, cycle: true };
    seen.add(r.node);
    cur = r.node;
  }
}

// dist/aml/to-rdf.js
import { basename as basename4 } from "node:path";
var AML_IRIS = /* @__PURE__ */ new Map();
var A = (local) => {
  let v = AML_IRIS.get(local);
  if (v === void 0)
    AML_IRIS.set(local, v = AML + local);
  return v;
};
var RDF_TYPE = `${NS.rdf}type`;
var SUBCLASS = `${NS.rdfs}subClassOf`;
var OWL_CLASS = `${NS.owl}Class`;
function escapeText(s) {
  return s.replace(/[&<>]/g, (c) => c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;");
}
function escapeAttr(s, quote2) {
  return s.replace(/[&<>"']/g, (c) => {
    if (c === "&")
      return "&amp;";
    if (c === "<")
      return "&lt;";
    if (c === ">")
      return "&gt;";
    if (c !== quote2)
      return c;
    return c === '"' ? "&quot;" : "&apos;";
  });
}
function braces(s) {
  return s.indexOf("{") < 0 ? s : s.replace(/\{/g, "{{");
}
function xsdType(dataType) {
  const m = /^(?:xs|xsd):([A-Za-z]+)$/.exec(dataType.trim());
  return m && XSD_TYPES.has(m[1]) ? `${NS.xsd}${m[1]}` : void 0;
}
function childText(model, el, tag) {
  for (const c of el.children) {
    if (c.local === tag && model.roles.get(c) === 1)
      return decodeContent(model.doc.text, c.contentStart, c.contentEnd);
  }
  return void 0;
}
function targetIri(r) {
  if (!r)
    return void 0;
  if (r.kind === "local" || r.kind === "mirror")
    return r.node.iri;
  if (r.kind === "external")
    return r.iri;
  return void 0;
}
function template(model, node) {
  const t = model.doc.text;
  const el = node.el;
  let out = "";
  let pos = el.parent === null ? 0 : el.start;
  for (const a of el.attrs) {
    const prop = ATTR_PROPS.get(a.name);
    if (prop === void 0)
      continue;
    const raw = t.slice(a.valueStart, a.valueEnd);
    const quote2 = t[a.valueStart - 1];
    if (escapeAttr(attributeValue(raw), quote2) !== raw)
      continue;
    out += braces(t.slice(pos, a.valueStart)) + `{@${prop}}`;
    pos = a.valueEnd;
  }
  out += braces(t.slice(pos, el.contentStart));
  pos = el.contentStart;
  if (!el.selfClosing) {
    if (el.children.length === 0 && el.flags & (F_TEXT | F_CDATA)) {
      const raw = t.slice(el.contentStart, el.contentEnd);
      if (escapeText(decodeContent(t, el.contentStart, el.contentEnd)) === raw) {
        out += `{${CONTENT_PROP}}`;
        pos = el.contentEnd;
      }
    }
    const counts = /* @__PURE__ */ new Map();
    for (const c of el.children)
      if (model.roles.get(c) === 1)
        counts.set(c.local, (counts.get(c.local) ?? 0) + 1);
    for (const c of el.children) {
      const role = model.roles.get(c);
      if (role === 0) {
        out += braces(t.slice(pos, c.start)) + "{*}";
        pos = c.end;
      } else if (role === 1 && counts.get(c.local) === 1 && !c.selfClosing) {
        const raw = t.slice(c.contentStart, c.contentEnd);
        if (escapeText(decodeContent(t, c.contentStart, c.contentEnd)) === raw) {
          out += braces(t.slice(pos, c.contentStart)) + `{${TEXT_TAGS.get(c.local)}}`;
          pos = c.contentEnd;
        }
      }
    }
  }
  out += braces(t.slice(pos, el.parent === null ? t.length : el.end));
  return out;
}
function emitGraph(model, sink) {
  const t = model.doc.text;
  for (const node of model.nodes) {
    const el = node.el;
    sink.subject(node.iri);
    sink.iri(RDF_TYPE, A(node.tag));
    const types = /* @__PURE__ */ new Set();
    const addType = (iri2) => {
      if (iri2 !== void 0 && !types.has(iri2)) {
        types.add(iri2);
        sink.iri(RDF_TYPE, iri2);
      }
    };
    if (isClassKind(node.tag) && node.path)
      addType(OWL_CLASS);
    const ba = baseAttr(node.tag);
    const baseRes = ba ? resolveAttr(model, node, ba) : void 0;
    if (baseRes && baseRes.kind !== "mirror" && !(isClassKind(node.tag) && node.path))
      addType(targetIri(baseRes));
    if (node.tag === "InternalElement") {
      for (const c of node.children)
        if (c.tag === "RoleRequirements")
          addType(targetIri(resolveAttr(model, c, "RefBaseRoleClassPath")));
    }
    for (const a of el.attrs) {
      const prop = ATTR_PROPS.get(a.name);
      if (prop !== void 0)
        sink.lit(A(prop), attributeValue(t.slice(a.valueStart, a.valueEnd)));
    }
    for (const c of el.children) {
      if (model.roles.get(c) === 1)
        sink.lit(A(TEXT_TAGS.get(c.local)), decodeContent(t, c.contentStart, c.contentEnd));
    }
    if (el.children.length === 0 && !el.selfClosing && el.flags & (F_TEXT | F_CDATA))
      sink.lit(A(CONTENT_PROP), decodeContent(t, el.contentStart, el.contentEnd));
    if (isClassKind(node.tag) && node.path) {
      const b = targetIri(baseRes);
      if (b !== void 0)
        sink.iri(SUBCLASS, b);
    }
    if (baseRes?.kind === "mirror")
      sink.iri(A("mirrorOf"), baseRes.node.iri);
    semantic(model, node, sink);
    for (const c of node.children)
      sink.iri(A(containmentProp(c.tag)), c.iri);
    if (node.parent !== null)
      sink.int(A("xmlIndex"), node.index);
    else if (model.doc.encoding !== "utf-8")
      sink.lit(A("xmlEncoding"), model.doc.encoding);
    sink.lit(A("xmlTemplate"), template(model, node));
    sink.end();
  }
}
function semantic(model, node, sink) {
  const el = node.el;
  switch (node.tag) {
    case "Attribute":
    case "AttributeType": {
      const dt = attrOf(model, el, "AttributeDataType");
      const xsd = dt !== void 0 ? xsdType(dt) : void 0;
      if (xsd)
        sink.iri(A("dataType"), xsd);
      const unit = attrOf(model, el, "Unit");
      const q = unit !== void 0 ? QUDT_UNITS.get(unit.trim()) : void 0;
      if (q)
        sink.iri(`${NS.qudt}unit`, `${NS.unit}${q}`);
      if (xsd) {
        const local = xsd.slice(NS.xsd.length);
        for (const [tag, prop] of [
          ["Value", "typedValue"],
          ["DefaultValue", "typedDefaultValue"]
        ]) {
          const v = childText(model, el, tag);
          const lex = v !== void 0 ? typedLexical(local, v) : void 0;
          if (lex !== void 0)
            sink.lit(A(prop), lex, xsd);
        }
      }
      break;
    }
    case "SupportedRoleClass":
    case "RoleRequirements": {
      const r = resolveAttr(model, node, node.tag === "SupportedRoleClass" ? "RefRoleClassPath" : "RefBaseRoleClassPath");
      const iri2 = targetIri(r);
      if (iri2 !== void 0)
        sink.iri(A("role"), iri2);
      break;
    }
    case "SystemUnitClass":
      for (const c of node.children) {
        if (c.tag !== "SupportedRoleClass")
          continue;
        const iri2 = targetIri(resolveAttr(model, c, "RefRoleClassPath"));
        if (iri2 !== void 0)
          sink.iri(A("supportsRole"), iri2);
      }
      break;
    case "InternalElement":
      for (const c of node.children) {
        if (c.tag !== "SupportedRoleClass")
          continue;
        const iri2 = targetIri(resolveAttr(model, c, "RefRoleClassPath"));
        if (iri2 !== void 0)
          sink.iri(A("supportsRole"), iri2);
      }
      break;
    case "InternalLink":
      for (const [side, prop] of [
        ["RefPartnerSideA", "partnerA"],
        ["RefPartnerSideB", "partnerB"]
      ]) {
        const v = attrOf(model, el, side);
        const p = v !== void 0 ? resolvePartner(model, v) : void 0;
        if (p)
          sink.iri(A(prop), p.iri);
      }
      break;
    case "ExternalInterface": {
      for (const c of node.children) {
        if (c.tag === "Attribute" && attrOf(model, c.el, "Name") === "refURI") {
          const v = childText(model, c.el, "Value");
          if (v !== void 0 && v.trim() !== "")
            sink.lit(A("refURI"), v.trim(), `${NS.xsd}anyURI`);
        }
      }
      break;
    }
    case "ExternalReference": {
      const path = attrOf(model, el, "Path");
      if (path !== void 0 && path.trim() !== "")
        sink.iri(A("referencedFile"), `${defaultBase(basename4(path.replace(/\\/g, "/")))}file`);
      break;
    }
    case "InterfaceIDMapping":
      for (const [a, prop] of [
        ["SystemUnitInterfaceID", "systemUnitInterface"],
        ["RoleInterfaceID", "roleInterface"]
      ]) {
        const v = attrOf(model, el, a);
        const target = v !== void 0 ? model.byId.get(v)?.[0] : void 0;
        if (target)
          sink.iri(A(prop), target.iri);
      }
      break;
    default:
      break;
  }
}
function attrOf(model, el, name) {
  for (const a of el.attrs)
    if (a.name === name)
      return attributeValue(model.doc.text.slice(a.valueStart, a.valueEnd));
  return void 0;
}

// dist/aml/from-rdf.js
var GraphError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "GraphError";
  }
};
var CONTAINMENT = new Set([...RESOURCE_TAGS.keys()].filter((t) => t !== "CAEXFile").map((t) => AML + containmentProp(t)));
var T_TEMPLATE = `${AML}xmlTemplate`;
var T_INDEX = `${AML}xmlIndex`;
var T_ENCODING = `${AML}xmlEncoding`;
var RDF_TYPE2 = `${NS.rdf}type`;
var CAEX_FILE = `${AML}CAEXFile`;
var LayoutGraph = class {
  recs = /* @__PURE__ */ new Map();
  rec(s) {
    let r = this.recs.get(s);
    if (!r)
      this.recs.set(s, r = {});
    return r;
  }
  add(q) {
    const p = q.predicate.value;
    if (!p.startsWith(AML) && p !== RDF_TYPE2)
      return;
    if (q.subject.termType !== "NamedNode")
      return;
    const s = q.subject.value;
    const o = q.object;
    if (p === RDF_TYPE2) {
      if (o.value === CAEX_FILE)
        this.rec(s).isFile = true;
      return;
    }
    if (p === T_TEMPLATE) {
      const r = this.rec(s);
      if (r.template !== void 0 && r.template !== o.value)
        r.dup = "aml:xmlTemplate";
      r.template = o.value;
    } else if (p === T_INDEX) {
      const r = this.rec(s);
      const n = Number(o.value);
      if (r.index !== void 0 && r.index !== n)
        r.dup = "aml:xmlIndex";
      r.index = n;
    } else if (p === T_ENCODING) {
      this.rec(s).encoding = o.value;
    } else if (CONTAINMENT.has(p) && o.termType === "NamedNode") {
      const r = this.rec(s);
      (r.children ??= []).push(o.value);
    } else if (o.termType === "Literal") {
      const r = this.rec(s);
      const local = p.slice(AML.length);
      const lits = r.lits ??= /* @__PURE__ */ new Map();
      const list = lits.get(local);
      if (list) {
        if (!list.includes(o.value))
          list.push(o.value);
      } else
        lits.set(local, [o.value]);
    }
  }
  /** IRIs of the CAEX files in the graph (resources typed aml:CAEXFile with a template). */
  files() {
    const out = [];
    for (const [s, r] of this.recs)
      if (r.isFile && r.template !== void 0)
        out.push(s);
    return out.sort();
  }
  /** Regenerates the text of the file rooted at `root` (default: the only CAEX file of the graph). */
  render(root) {
    let rootIri = root;
    if (rootIri === void 0) {
      const files = this.files();
      if (files.length === 0)
        throw new GraphError("the graph holds no CAEX file (no aml:CAEXFile resource with an aml:xmlTemplate)");
      if (files.length > 1)
        throw new GraphError(`the graph holds ${files.length} CAEX files; choose one with --root: ${files.join(", ")}`);
      rootIri = files[0];
    }
    const r = this.recs.get(rootIri);
    if (!r || r.template === void 0)
      throw new GraphError(`<${rootIri}> has no aml:xmlTemplate`);
    const enc2 = r.encoding ?? "utf-8";
    if (enc2 !== "utf-8" && enc2 !== "iso-8859-1")
      throw new GraphError(`<${rootIri}>: unknown aml:xmlEncoding "${enc2}"`);
    const parts = [];
    const frame = (iri2) => {
      const rec = this.recs.get(iri2);
      if (!rec || rec.template === void 0)
        throw new GraphError(`<${iri2}> has no aml:xmlTemplate`);
      if (rec.dup)
        throw new GraphError(`<${iri2}> has more than one ${rec.dup}`);
      const list = rec.children ?? [];
      const kids = new Array(list.length);
      for (const k of list) {
        const i = this.recs.get(k)?.index;
        if (i === void 0)
          throw new GraphError(`<${k}> (a child of <${iri2}>) has no aml:xmlIndex`);
        if (!(i >= 0 && i < list.length && Number.isInteger(i)) || kids[i] !== void 0)
          throw new GraphError(`children of <${iri2}>: aml:xmlIndex ${i} out of range or repeated`);
        kids[i] = k;
      }
      return { iri: iri2, t: rec.template, pos: 0, kids, next: 0, lits: rec.lits };
    };
    const stack = [frame(rootIri)];
    const seen = /* @__PURE__ */ new Set([rootIri]);
    while (stack.length > 0) {
      const f = stack[stack.length - 1];
      const t = f.t;
      const open = t.indexOf("{", f.pos);
      if (open < 0) {
        parts.push(t.slice(f.pos));
        if (f.next !== f.kids.length)
          throw new GraphError(`<${f.iri}>: ${f.kids.length} children but ${f.next} {*} slots in its template`);
        stack.pop();
        continue;
      }
      parts.push(t.slice(f.pos, open));
      if (t[open + 1] === "{") {
        parts.push("{");
        f.pos = open + 2;
        continue;
      }
      const close = t.indexOf("}", open);
      if (close < 0)
        throw new GraphError(`<${f.iri}>: unterminated placeholder in aml:xmlTemplate`);
      const name = t.slice(open + 1, close);
      f.pos = close + 1;
      if (name === "*") {
        const kid = f.kids[f.next++];
        if (kid === void 0)
          throw new GraphError(`<${f.iri}>: more {*} slots than children`);
        if (seen.has(kid))
          throw new GraphError(`<${kid}> is contained twice`);
        seen.add(kid);
        stack.push(frame(kid));
        continue;
      }
      const isAttr = name.startsWith("@");
      const prop = isAttr ? name.slice(1) : name;
      const values = f.lits?.get(prop);
      if (!values || values.length !== 1) {
        throw new GraphError(`<${f.iri}>: aml:${prop} needs exactly one value for its placeholder, found ${values?.length ?? 0}`);
      }
      const v = values[0];
      parts.push(isAttr ? escapeAttr(v, t[open - 1] ?? '"') : escapeText(v));
    }
    return { text: parts.join(""), encoding: enc2 };
  }
};
function layoutFromTurtle(text3, file) {
  const g = new LayoutGraph();
  return new Promise((resolve5, reject) => {
    new Parser2({ format: "text/turtle" }).parse(text3, (error, q) => {
      if (error) {
        const msg = error.message;
        const line = /on line (\d+)/.exec(msg)?.[1];
        reject(new GraphError(`${file}${line ? `:${line}` : ""}: ${msg.replace(/ on line \d+\.?$/, "")}`));
      } else if (q)
        g.add(q);
      else
        resolve5(g);
    });
  });
}
async function amlFromTurtle(text3, file, root) {
  const { text: xml, encoding } = (await layoutFromTurtle(text3, file)).render(root);
  return encodeXmlText(xml, encoding);
}
function amlFromQuads(quads, root) {
  const g = new LayoutGraph();
  for (const q of quads)
    g.add(q);
  const { text: text3, encoding } = g.render(root);
  return encodeXmlText(text3, encoding);
}

// dist/cli/aml-common.js
import { readFileSync as readFileSync3 } from "node:fs";
import { resolve } from "node:path";
function readAmlFile(file, base) {
  let bytes;
  try {
    bytes = readFileSync3(file);
  } catch (e) {
    const err = e;
    throw new InputError(`${file}: cannot read: ${err.code ?? ""}${err.code ? ": " : ""}${err.message.replace(/^[A-Z]+: /, "")}`);
  }
  try {
    return readAml(bytes, file, base === void 0 ? {} : { base });
  } catch (e) {
    if (e instanceof XmlError)
      throw new InputError(`${file}:${e.line}:${e.column}: ${e.detail}`);
    throw e;
  }
}
function readTextFile(file) {
  try {
    return readFileSync3(file, "utf8");
  } catch (e) {
    const err = e;
    throw new InputError(`${file}: cannot read: ${err.code ?? ""}${err.code ? ": " : ""}${err.message.replace(/^[A-Z]+: /, "")}`);
  }
}
function graphInput(f) {
  try {
    return f();
  } catch (e) {
    if (e instanceof GraphError)
      throw new InputError(e.message);
    throw e;
  }
}
function checkOutput(input, output) {
  if (resolve(input) === resolve(output))
    throw new UsageError(`the output ${output} would overwrite the input`);
}
function checkBase(base) {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|^`\\]*$/.test(base))
    throw new UsageError(`--base: not an absolute IRI: ${JSON.stringify(base)}`);
  if (!base.endsWith("/") && !base.endsWith("#"))
    throw new UsageError(`--base: must end in "/" or "#": ${base}`);
  return base;
}

// dist/cli/aml-from-rdf.js
var amlFromRdfCommand = {
  name: "aml from-rdf",
  summary: "OWL/RDF graph (Turtle) -> the CAEX file, byte for byte",
  usage: `Usage: twin aml from-rdf IN.ttl -o OUT.aml [--root IRI]

Regenerates the CAEX file from the graph alone (the layout layer written by "twin aml to-rdf").

Options:
  -o, --out FILE  the .aml file to write (required)
  --root IRI      the aml:CAEXFile resource to write when the graph holds several files
  -h, --help      show this help
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { out: { type: "string", short: "o" }, root: { type: "string" }, help: { type: "boolean", short: "h" } }, { min: 1, max: 1, names: "IN.ttl" });
    if (helpRequested(values, this, io))
      return 0;
    const file = positionals[0];
    const out = required(values.out, "-o OUT.aml");
    checkOutput(file, out);
    const text3 = readTextFile(file);
    let graph;
    try {
      graph = await layoutFromTurtle(text3, file);
    } catch (e) {
      if (e instanceof GraphError)
        throw new InputError(e.message);
      throw e;
    }
    const { text: xml, encoding } = graphInput(() => graph.render(str(values.root)));
    try {
      writeChunksAtomic(out, [encodeXmlText(xml, encoding)]);
    } catch (e) {
      throw new OutputError(`${out}: cannot write: ${e.message}`);
    }
    return 0;
  }
};

// dist/cli/aml-roundtrip.js
import { existsSync as existsSync2 } from "node:fs";

// dist/aml/roundtrip.js
import { createHash as createHash2 } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync as readFileSync5, rmSync as rmSync2, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join as join5 } from "node:path";

// dist/rdf/sparql.js
import * as oxigraph from "oxigraph";

// dist/rdf/graph.js
import { DataFactory, Parser as Parser3, Writer } from "n3";
var { namedNode, literal, quad: makeQuad } = DataFactory;
function iri(value) {
  return namedNode(value);
}
function lit(value, datatypeOrLang) {
  if (typeof value === "number") {
    if (Number.isInteger(value) && datatypeOrLang === void 0)
      return literal(String(value), namedNode(`${NS.xsd}integer`));
    return literal(numberLexical(value), namedNode(datatypeOrLang ?? `${NS.xsd}double`));
  }
  if (typeof value === "boolean")
    return literal(String(value), namedNode(`${NS.xsd}boolean`));
  if (datatypeOrLang === void 0)
    return literal(value);
  if (datatypeOrLang.includes(":"))
    return literal(value, namedNode(datatypeOrLang));
  return literal(value, datatypeOrLang.replace(/^@/, ""));
}
function numberLexical(x) {
  if (Number.isNaN(x))
    return "NaN";
  if (x === Infinity)
    return "INF";
  if (x === -Infinity)
    return "-INF";
  const s = String(x);
  return /[eE.]/.test(s) ? s : `${s}.0`;
}
function quad(s, p, o) {
  return makeQuad(s, p, o);
}
var RdfSyntaxError = class extends Error {
  file;
  line;
  detail;
  constructor(file, line, detail) {
    super(`${file}${line === void 0 ? "" : `:${line}`}: ${detail}`);
    this.file = file;
    this.line = line;
    this.detail = detail;
    this.name = "RdfSyntaxError";
  }
};
function parseTurtle(text3, file, baseIRI) {
  try {
    return new Parser3({ format: "text/turtle", ...baseIRI ? { baseIRI } : {} }).parse(text3);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const line = e.context?.line ?? Number(/on line (\d+)/.exec(msg)?.[1] ?? NaN);
    throw new RdfSyntaxError(file, Number.isFinite(line) ? line : void 0, msg.replace(/ on line \d+\.?$/, ""));
  }
}
function termKey(t) {
  switch (t.termType) {
    case "NamedNode":
      return `<${t.value}>`;
    case "BlankNode":
      return `_:${t.value}`;
    case "Literal": {
      const l = t;
      const v = JSON.stringify(l.value);
      if (l.language)
        return `${v}@${l.language}`;
      if (l.datatype && l.datatype.value !== `${NS.xsd}string`)
        return `${v}^^<${l.datatype.value}>`;
      return v;
    }
    default:
      return t.value;
  }
}
function quadKey(q) {
  return `${termKey(q.subject)} ${termKey(q.predicate)} ${termKey(q.object)}`;
}
function canonicalQuads(quads) {
  const keyed = /* @__PURE__ */ new Map();
  for (const q of quads) {
    const k = quadKey(q);
    if (!keyed.has(k))
      keyed.set(k, q);
  }
  return [...keyed.keys()].sort(compareCodeUnits).map((k) => keyed.get(k));
}
function compareCodeUnits(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function usedPrefixes(quads, prefixes) {
  const used = {};
  const names = Object.keys(prefixes).sort(compareCodeUnits);
  const seen = /* @__PURE__ */ new Set();
  for (const q of quads) {
    for (const t of [q.subject, q.predicate, q.object, q.object.datatype]) {
      if (t && t.termType === "NamedNode")
        seen.add(t.value);
    }
  }
  for (const name of names) {
    const ns = prefixes[name];
    for (const v of seen) {
      if (v.startsWith(ns) && /^[A-Za-z_][\w-]*$/.test(v.slice(ns.length))) {
        used[name] = ns;
        break;
      }
    }
  }
  return used;
}
function writeWith(format, quads, prefixes) {
  const writer = new Writer({ format, ...prefixes ? { prefixes } : {} });
  writer.addQuads(quads);
  let out = "";
  writer.end((error, result) => {
    if (error)
      throw error;
    out = result;
  });
  return out;
}
function writeTurtle(quads, prefixes = PREFIXES) {
  const sorted = canonicalQuads(quads);
  return writeWith("text/turtle", sorted, usedPrefixes(sorted, prefixes));
}
function writeNTriples(quads) {
  return writeWith("application/n-triples", canonicalQuads(quads));
}
function writeJsonLd(quads) {
  const nodes = /* @__PURE__ */ new Map();
  for (const q of canonicalQuads(quads)) {
    const s = q.subject.termType === "BlankNode" ? `_:${q.subject.value}` : q.subject.value;
    let props = nodes.get(s);
    if (!props)
      nodes.set(s, props = /* @__PURE__ */ new Map());
    const p = q.predicate.value === `${NS.rdf}type` ? "@type" : q.predicate.value;
    let values = props.get(p);
    if (!values)
      props.set(p, values = []);
    const o = q.object;
    if (o.termType === "Literal") {
      const v = { "@value": o.value };
      if (o.language)
        v["@language"] = o.language;
      else if (o.datatype.value !== `${NS.xsd}string`)
        v["@type"] = o.datatype.value;
      values.push(v);
    } else {
      values.push({ "@id": o.termType === "BlankNode" ? `_:${o.value}` : o.value });
    }
  }
  const graph = [...nodes.entries()].map(([id, props]) => {
    const node = { "@id": id };
    for (const [p, values] of props)
      node[p] = p === "@type" ? values.map((v) => v["@id"]) : values;
    return node;
  });
  return JSON.stringify(graph, null, 1) + "\n";
}

// dist/rdf/sparql.js
var SparqlError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "SparqlError";
  }
};
var SparqlStore = class _SparqlStore {
  store;
  constructor(store) {
    this.store = store;
  }
  static fromQuads(quads) {
    const store = new oxigraph.Store();
    store.load(writeNTriples(quads), { format: "application/n-triples" });
    return new _SparqlStore(store);
  }
  static fromTurtle(text3, file) {
    const store = new oxigraph.Store();
    try {
      store.load(text3, { format: "text/turtle" });
    } catch (e) {
      throw new SparqlError(`${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
    return new _SparqlStore(store);
  }
  /** Adds more data (e.g. several packages into one store). */
  loadTurtle(text3, file) {
    try {
      this.store.load(text3, { format: "text/turtle" });
    } catch (e) {
      throw new SparqlError(`${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  get size() {
    return this.store.size;
  }
  run(query) {
    try {
      return this.store.query(query);
    } catch (e) {
      throw new SparqlError(e instanceof Error ? e.message : String(e));
    }
  }
  /** SELECT: one record per solution, each bound variable as its value string (IRI or lexical form). */
  select(query) {
    const result = this.run(query);
    if (!Array.isArray(result))
      throw new SparqlError("not a SELECT query");
    return result.map((binding) => {
      const row = {};
      for (const [name, term] of binding)
        row[name] = term.value;
      return row;
    });
  }
  /** SELECT with the variable order of the query, for tables and CSV. */
  selectTable(query) {
    const rows4 = this.select(query);
    const m = /select\s+(distinct\s+|reduced\s+)?([\s\S]*?)\s*(where|from|\{)/i.exec(query);
    let vars = [];
    if (m && !/^\*/.test(m[2].trim()))
      vars = [...m[2].matchAll(/\?(\w+)(?![^(]*\()/g)].map((v) => v[1]);
    if (vars.length === 0)
      vars = [...new Set(rows4.flatMap((r) => Object.keys(r)))];
    return { vars: [...new Set(vars)], rows: rows4 };
  }
  ask(query) {
    const result = this.run(query);
    if (typeof result !== "boolean")
      throw new SparqlError("not an ASK query");
    return result;
  }
  /** The first variable of the first solution as a number (COUNT queries). */
  count(query) {
    const rows4 = this.select(query);
    const first = rows4[0];
    if (!first)
      return 0;
    const v = Object.values(first)[0];
    return v === void 0 ? 0 : Number(v);
  }
  construct(query) {
    const result = this.run(query);
    if (!Array.isArray(result))
      throw new SparqlError("not a CONSTRUCT query");
    return result;
  }
};

// dist/aml/turtle.js
import { DataFactory as DataFactory2 } from "n3";
var RDF_TYPE3 = `${NS.rdf}type`;
var XSD_STRING = `${NS.xsd}string`;
var AML_PREFIXES = [
  ["aml", AML],
  ["owl", NS.owl],
  ["qudt", NS.qudt],
  ["rdf", NS.rdf],
  ["rdfs", NS.rdfs],
  ["unit", NS.unit],
  ["xsd", NS.xsd]
];
function safeRelative(rest) {
  const c = rest.charCodeAt(0);
  if (c === 47 || rest.indexOf("?") >= 0 || rest.indexOf("#") >= 0)
    return false;
  const colon = rest.indexOf(":");
  if (colon >= 0) {
    const slash = rest.indexOf("/");
    if (slash < 0 || colon < slash)
      return false;
  }
  if (rest.indexOf(".") < 0)
    return true;
  return !(rest === "." || rest === ".." || rest.startsWith("./") || rest.startsWith("../") || rest.includes("/./") || rest.includes("/../") || rest.endsWith("/.") || rest.endsWith("/.."));
}
var PN_LOCAL = /^[A-Za-z_][A-Za-z0-9_-]*$/;
function turtleString(s) {
  let out = '"';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc2;
    if (c === 34)
      esc2 = '\\"';
    else if (c === 92)
      esc2 = "\\\\";
    else if (c === 10)
      esc2 = "\\n";
    else if (c === 13)
      esc2 = "\\r";
    else if (c === 9)
      esc2 = "\\t";
    else if (c < 32 || c === 127 || c === 65279)
      esc2 = `\\u${c.toString(16).toUpperCase().padStart(4, "0")}`;
    if (esc2 !== void 0) {
      out += s.slice(last, i) + esc2;
      last = i + 1;
    }
  }
  return out + s.slice(last) + '"';
}
var BAD_IRI = /[\u0000-\u0020<>"{}|^`\\]/;
var TurtleWriter = class {
  base;
  emit;
  buf = [];
  size = 0;
  open = false;
  lastPred = "";
  prefixes;
  /** relative IRIs only against a base ending in "/" (RFC 3986 §5.2 merge keeps the directory) */
  relative;
  constructor(base, emit, prefixes = AML_PREFIXES) {
    this.base = base;
    this.emit = emit;
    this.prefixes = prefixes;
    this.relative = base.endsWith("/");
    if (BAD_IRI.test(base))
      throw new Error(`base IRI not writable in Turtle: ${JSON.stringify(base)}`);
    let head = `@base <${base}> .
`;
    for (const [p, ns] of prefixes)
      head += `@prefix ${p}: <${ns}> .
`;
    this.push(head);
  }
  push(s) {
    this.buf.push(s);
    this.size += s.length;
    if (this.size > 1 << 16)
      this.flush();
  }
  flush() {
    if (this.buf.length > 0)
      this.emit(this.buf.join(""));
    this.buf = [];
    this.size = 0;
  }
  /** predicates and classes repeat: their written form is cached */
  cache = /* @__PURE__ */ new Map();
  /** A term for a predicate or class IRI (few distinct values): cached. */
  vocab(iri2) {
    let t = this.cache.get(iri2);
    if (t === void 0) {
      t = this.term(iri2);
      if (this.cache.size < 1e4)
        this.cache.set(iri2, t);
    }
    return t;
  }
  term(iri2) {
    if (this.relative && iri2.startsWith(this.base)) {
      const rest = iri2.slice(this.base.length);
      if (safeRelative(rest) && !BAD_IRI.test(rest))
        return `<${rest}>`;
    }
    if (BAD_IRI.test(iri2))
      throw new Error(`IRI not writable in Turtle: ${JSON.stringify(iri2)}`);
    for (const [p, ns] of this.prefixes) {
      if (iri2.startsWith(ns)) {
        const local = iri2.slice(ns.length);
        if (PN_LOCAL.test(local))
          return `${p}:${local}`;
      }
    }
    return `<${iri2}>`;
  }
  subject(iri2) {
    if (this.open)
      this.end();
    this.push(`
${this.term(iri2)}`);
    this.open = true;
    this.lastPred = "";
  }
  pred(p) {
    if (p === this.lastPred) {
      this.push(", ");
      return;
    }
    const t = p === RDF_TYPE3 ? "a" : this.vocab(p);
    this.push(this.lastPred === "" ? ` ${t} ` : ` ;
    ${t} `);
    this.lastPred = p;
  }
  iri(p, o) {
    this.pred(p);
    this.push(this.term(o));
  }
  lit(p, value, datatype) {
    this.pred(p);
    const s = turtleString(value);
    this.push(datatype === void 0 || datatype === XSD_STRING ? s : `${s}^^${this.vocab(datatype)}`);
  }
  int(p, n) {
    this.pred(p);
    this.push(String(n));
  }
  end() {
    if (!this.open)
      return;
    this.push(" .\n");
    this.open = false;
  }
  /** Ends the document and flushes the rest. */
  finish() {
    this.end();
    this.flush();
  }
};
var { namedNode: namedNode2, literal: literal2, quad: quad2 } = DataFactory2;
var QuadCollector = class {
  quads = [];
  s = namedNode2("urn:x-none");
  subject(iri2) {
    this.s = namedNode2(iri2);
  }
  iri(p, o) {
    this.quads.push(quad2(this.s, namedNode2(p), namedNode2(o)));
  }
  lit(p, value, datatype) {
    this.quads.push(quad2(this.s, namedNode2(p), literal2(value, datatype === void 0 ? void 0 : namedNode2(datatype))));
  }
  int(p, n) {
    this.quads.push(quad2(this.s, namedNode2(p), literal2(String(n), namedNode2(`${NS.xsd}integer`))));
  }
  end() {
  }
};

// dist/aml/index.js
function writeAmlTurtle(model, emit) {
  const w = new TurtleWriter(model.base, emit);
  emitGraph(model, w);
  w.finish();
}
function amlToTurtle(model) {
  const chunks = [];
  writeAmlTurtle(model, (c) => chunks.push(c));
  return chunks.join("");
}
function amlToQuads(model) {
  const c = new QuadCollector();
  emitGraph(model, c);
  return c.quads;
}

// dist/aml/validate.js
import { existsSync, readFileSync as readFileSync4 } from "node:fs";
import { basename as basename5, dirname as dirname3, join as join4, resolve as resolve2 } from "node:path";

// dist/aml/libxml2.js
import { memoryPages, validateXML } from "xmllint-wasm";
var ToolError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "ToolError";
  }
};
async function xmllint(args, files) {
  for (const f of files)
    if (!/^[A-Za-z0-9_.][A-Za-z0-9_.-]*$/.test(f.name))
      throw new ToolError(`xmllint: bad file name ${JSON.stringify(f.name)}`);
  try {
    const r = await validateXML({
      xml: files.map((f) => ({ fileName: f.name, contents: f.contents })),
      // required by the wrapper's types; modifyArguments replaces its arguments with ours
      normalization: "format",
      // the wrapper's default maximum is 32 MiB; CAEX files of several MB need more (wasm32 allows 4 GiB)
      maxMemoryPages: 2 * memoryPages.GiB,
      modifyArguments: () => args
    });
    return { status: r.valid ? 0 : 3, stdout: r.normalized, stderr: r.rawOutput };
  } catch (e) {
    const code = e.code;
    const message = e.message ?? String(e);
    if (typeof code === "number" && code > 0)
      return { status: code, stdout: "", stderr: message };
    throw new ToolError(`xmllint (libxml2 in WebAssembly) failed: ${message.trim().split("\n")[0]}`);
  }
}

// dist/aml/validate.js
var SCHEMA_DIR = join4(PACKAGE_ROOT, "schemas", "caex");
function schemaFile(version2) {
  return join4(SCHEMA_DIR, version2 === "3.0" ? "CAEX_ClassModel_V.3.0.xsd" : "CAEX_ClassModel_V2.15.xsd");
}
function xmllintFindings(stderr, name, failed, fallback = "xmllint failed") {
  const findings = [];
  for (const line of stderr.split("\n")) {
    if (!line.startsWith(name + ":"))
      continue;
    const m = /^(\d+): (?:element [^:]*: )?(.*)$/.exec(line.slice(name.length + 1));
    if (!m)
      continue;
    findings.push({ line: Number(m[1]), column: 0, kind: "schema", severity: "error", message: m[2].replace(/^Schemas validity error : /, "") });
  }
  if (failed && findings.length === 0)
    findings.push({ line: 0, column: 0, kind: "schema", severity: "error", message: fallback });
  return findings;
}
var schemaText = /* @__PURE__ */ new Map();
async function schemaValidateFiles(files, version2) {
  if (files.length === 0)
    return [];
  const xsd = schemaFile(version2);
  let schema = schemaText.get(version2);
  if (schema === void 0)
    schemaText.set(version2, schema = readFileSync4(xsd, "utf8"));
  const names = files.map((_, i) => `document-${i}.xml`);
  const r = await xmllint(["--noout", "--nonet", "--schema", basename5(xsd), ...names], [{ name: basename5(xsd), contents: schema }, ...files.map((f, i) => ({ name: names[i], contents: new Uint8Array(readFileSync4(f)) }))]);
  const lines = r.stderr.split("\n");
  return files.map((file, i) => {
    const name = names[i];
    const valid = r.status === 0 || lines.includes(`${name} validates`);
    const mine = lines.filter((l) => l.startsWith(name + ":") || l.startsWith(name + " "));
    const fallback = (mine.find((l) => !l.startsWith(name + ":")) ?? lines.find((l) => l.trim() !== "") ?? `xmllint exit status ${r.status}`).split(name).join(file);
    return { valid, findings: xmllintFindings(r.stderr, name, !valid, fallback) };
  });
}
async function schemaValidate(file, version2) {
  return (await schemaValidateFiles([file], version2))[0];
}
var DOCUMENT = "document.xml";
async function c14n(file) {
  const r = await xmllint(["--c14n", "--nonet", DOCUMENT], [{ name: DOCUMENT, contents: new Uint8Array(readFileSync4(file)) }]);
  if (r.status !== 0)
    throw new Error(`xmllint --c14n ${file}: ${r.stderr.split(DOCUMENT).join(file).trim().split("\n")[0]}`);
  if (!r.stdout.endsWith(">\n"))
    throw new ToolError(`xmllint --c14n ${file}: unexpected end of the canonical form ${JSON.stringify(r.stdout.slice(-20))}`);
  return r.stdout.slice(0, -1);
}
function integrityFindings(model, options2 = {}) {
  const out = [];
  const at = (node, kind, severity, message) => {
    out.push({ line: model.doc.lines.line(node.el.start), column: model.doc.lines.column(node.el.start), kind, severity, message });
  };
  const externals = /* @__PURE__ */ new Map();
  const loadExternal = (ref2) => {
    const p = nodeAttr(model, ref2, "Path") ?? "";
    const abs = resolve2(dirname3(model.file), p.replace(/\\/g, "/"));
    let m = externals.get(abs);
    if (m === void 0) {
      if (options2.external === false)
        m = "not checked (external files off)";
      else if (!existsSync(abs))
        m = `file ${p} not found`;
      else {
        try {
          m = readAml(readFileSync4(abs), abs);
        } catch (e) {
          m = `file ${p} unreadable: ${e.message}`;
        }
      }
      externals.set(abs, m);
    }
    return m;
  };
  const firstLine = (n) => model.doc.lines.line(n.el.start);
  const dupIds = /* @__PURE__ */ new Set();
  for (const nodes of model.byId.values())
    for (let i = 1; i < nodes.length; i++)
      dupIds.add(nodes[i]);
  const aliasSeen = /* @__PURE__ */ new Map();
  const pathSeen = /* @__PURE__ */ new Map();
  const cycleReported = /* @__PURE__ */ new Set();
  for (const node of model.nodes) {
    if (dupIds.has(node)) {
      const id = nodeAttr(model, node, "ID");
      at(node, "duplicate-id", "error", `ID "${id}" is already used at line ${firstLine(model.byId.get(id)[0])}`);
    }
    if (node.tag === "ExternalReference") {
      const alias = nodeAttr(model, node, "Alias");
      if (alias !== void 0) {
        const prev = aliasSeen.get(alias);
        if (prev)
          at(node, "duplicate-alias", "warning", `Alias "${alias}" is already defined at line ${firstLine(prev)}`);
        else
          aliasSeen.set(alias, node);
      }
    }
    if (node.path) {
      const key = `${node.tag}${pathKey(node.path)}`;
      const prev = pathSeen.get(key);
      if (prev)
        at(node, "duplicate-name", "warning", `${node.tag} "${node.path.join("/")}" is already defined at line ${firstLine(prev)}; paths to it are ambiguous`);
      else
        pathSeen.set(key, node);
    }
    for (const a of PATH_ATTRS) {
      const value = nodeAttr(model, node, a);
      if (value === void 0)
        continue;
      const kind = refKind(node.tag, a);
      if (!kind)
        continue;
      const r = resolveAttr(model, node, a);
      if (r.kind === "unresolved")
        at(node, "unresolved-reference", "error", `${a} "${value}": ${r.reason}`);
      else if (r.kind === "external") {
        const ext = loadExternal(r.ref);
        if (typeof ext === "string")
          at(node, "external-reference", "warning", `${a} "${value}": ${ext}; reference not checked`);
        else {
          const hit = ext.classes[kind].get(pathKey(r.segments));
          if (!hit || hit.tag !== kind)
            at(node, "unresolved-reference", "error", `${a} "${value}": no ${kind} "${r.segments.join("/")}" in ${ext.file}`);
        }
      }
    }
    if (node.tag === "InternalLink") {
      for (const side of ["RefPartnerSideA", "RefPartnerSideB"]) {
        const v = nodeAttr(model, node, side);
        if (v === void 0)
          continue;
        if (!resolvePartner(model, v))
          at(node, "unresolved-link", "error", `${side} "${v}": no such interface`);
      }
    }
    if (isClassKind(node.tag) && node.path || node.tag === "InternalElement" || node.tag === "ExternalInterface") {
      if (cycleReported.has(node))
        continue;
      const { chain, cycle } = inheritanceChain(model, node);
      if (!cycle)
        continue;
      const last = chain[chain.length - 1].resolution;
      if (last.kind !== "local" && last.kind !== "mirror")
        continue;
      const members = [node];
      for (const l of chain)
        if (l.resolution.kind === "local" || l.resolution.kind === "mirror")
          members.push(l.resolution.node);
      const start = members.indexOf(last.node);
      const cyc = members.slice(start, members.length - 1);
      if (!cyc.includes(node))
        continue;
      for (const c of cyc)
        cycleReported.add(c);
      const names = [...cyc, cyc[0]].map((c) => c.path ? c.path.join("/") : nodeAttr(model, c, "Name") ?? c.tag);
      at(node, "inheritance-cycle", "error", `inheritance cycle: ${names.join(" -> ")}`);
    }
  }
  return out;
}
async function validateAml(model, options2 = {}) {
  const schema = await schemaValidate(model.file, model.version);
  const findings = [...schema.findings, ...integrityFindings(model, options2)].sort((a, b) => a.line - b.line || a.column - b.column);
  return {
    file: model.file,
    schemaVersion: model.version,
    schemaValid: schema.valid,
    errors: findings.filter((f) => f.severity === "error").length,
    warnings: findings.filter((f) => f.severity === "warning").length,
    findings
  };
}

// dist/aml/roundtrip.js
var COUNTED = ["InternalElement", "SystemUnitClass", "RoleClass", "InterfaceClass", "Attribute", "ExternalInterface", "InternalLink"];
function zeroCounts() {
  return Object.fromEntries(COUNTED.map((k) => [k, 0]));
}
function xmlCounts(model) {
  const c = zeroCounts();
  const stack = [model.doc.root];
  while (stack.length > 0) {
    const el = stack.pop();
    if (el.ns === model.ns && COUNTED.includes(el.local))
      c[el.local]++;
    if (el.local === "AdditionalInformation" && el.ns === model.ns)
      continue;
    for (const ch of el.children)
      stack.push(ch);
  }
  return c;
}
function sparqlCounts(store) {
  const c = zeroCounts();
  for (const k of COUNTED)
    c[k] = store.count(`SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a <${AML}${k}> }`);
  return c;
}
function listAmlFiles(path) {
  if (!statSync(path).isDirectory())
    return [path];
  return readdirSync(path).filter((f) => f.toLowerCase().endsWith(".aml")).sort().map((f) => join5(path, f));
}
var sha256 = (b) => createHash2("sha256").update(b).digest("hex");
async function schemaValidity(files) {
  const valid = new Array(files.length).fill(false);
  const versions = [...new Set(files.map((f) => f.version))];
  await Promise.all(versions.map(async (v) => {
    const idx = files.flatMap((f, i) => f.version === v ? [i] : []);
    const r = await schemaValidateFiles(idx.map((i) => files[i].path), v);
    idx.forEach((i, k) => valid[i] = r[k].valid);
  }));
  return valid;
}
async function roundtrip(files) {
  const report = {
    files: files.length,
    parsed: 0,
    c14nEqual: 0,
    byteEqual: 0,
    schemaValidIn: 0,
    schemaValidOut: 0,
    failed: [],
    counts: zeroCounts(),
    seconds: { parse: 0, toRdf: 0, fromRdf: 0 }
  };
  const tmp = mkdtempSync(join5(tmpdir(), "twin-aml-rt-"));
  const inputs = [];
  const outputs = [];
  try {
    for (const file of files) {
      const fail2 = (stage, message) => void report.failed.push({ file, stage, message });
      let bytes;
      let model;
      let t0 = performance.now();
      try {
        bytes = readFileSync5(file);
        model = readAml(bytes, file);
      } catch (e) {
        fail2("parse", e.message);
        continue;
      }
      report.seconds.parse += (performance.now() - t0) / 1e3;
      report.parsed++;
      inputs.push({ path: file, version: model.version });
      t0 = performance.now();
      let ttl;
      try {
        ttl = amlToTurtle(model);
      } catch (e) {
        fail2("rdf", e.message);
        continue;
      }
      report.seconds.toRdf += (performance.now() - t0) / 1e3;
      const counts = sparqlCounts(SparqlStore.fromTurtle(ttl, `${file}.ttl`));
      const expected = xmlCounts(model);
      for (const k of COUNTED)
        report.counts[k] += counts[k];
      const diff = COUNTED.filter((k) => counts[k] !== expected[k]);
      if (diff.length > 0)
        fail2("rdf", `SPARQL counts differ from the XML: ${diff.map((k) => `${k} ${counts[k]} vs ${expected[k]}`).join(", ")}`);
      t0 = performance.now();
      let out;
      try {
        out = await amlFromTurtle(ttl, `${file}.ttl`);
      } catch (e) {
        fail2("regenerate", e.message);
        continue;
      }
      report.seconds.fromRdf += (performance.now() - t0) / 1e3;
      const outFile = join5(tmp, `out-${report.parsed}.aml`);
      writeFileSync(outFile, out);
      const byteEq = sha256(out) === sha256(bytes);
      if (byteEq)
        report.byteEqual++;
      let c14nEq = false;
      try {
        const [a, b] = await Promise.all([c14n(file), c14n(outFile)]);
        c14nEq = a === b;
      } catch (e) {
        fail2("compare", e.message);
      }
      if (c14nEq)
        report.c14nEqual++;
      if (!byteEq || !c14nEq)
        fail2("compare", `${byteEq ? "" : "bytes differ"}${!byteEq && !c14nEq ? ", " : ""}${c14nEq ? "" : "canonical XML differs"}`);
      outputs.push({ path: outFile, version: model.version, file, input: inputs.length - 1 });
    }
    const valid = await schemaValidity([...inputs, ...outputs]);
    const validIn = valid.slice(0, inputs.length);
    report.schemaValidIn = validIn.filter((v) => v).length;
    outputs.forEach((o, k) => {
      const validOut = valid[inputs.length + k];
      if (validOut)
        report.schemaValidOut++;
      if (validIn[o.input] && !validOut)
        report.failed.push({ file: o.file, stage: "schema", message: "the input is schema-valid, the output is not" });
    });
  } finally {
    rmSync2(tmp, { recursive: true, force: true });
  }
  return report;
}

// dist/cli/aml-roundtrip.js
var amlRoundtripCommand = {
  name: "aml roundtrip",
  summary: "CAEX -> RDF -> Turtle text -> CAEX for a file or every .aml of a directory, compared",
  usage: `Usage: twin aml roundtrip FILE_OR_DIR [--json]

For every file: parse -> graph -> Turtle text -> parse the Turtle -> CAEX, then compare with the
original (SHA-256, and canonical XML by xmllint --c14n), validate input and output against the CAEX
schema (libxml2 compiled to WebAssembly), and count InternalElement, SystemUnitClass, RoleClass,
InterfaceClass, Attribute, ExternalInterface, InternalLink by SPARQL over the graph (checked against
the XML). Exit 0 when every file went through, 1 when any failed.

Options:
  --json       print { files, parsed, c14nEqual, byteEqual, schemaValidIn, schemaValidOut,
               failed: [{ file, stage, message }], counts, seconds: { parse, toRdf, fromRdf } }
  -h, --help   show this help
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, { min: 1, max: 1, names: "FILE_OR_DIR" });
    if (helpRequested(values, this, io))
      return 0;
    const path = positionals[0];
    if (!existsSync2(path))
      throw new InputError(`${path}: no such file or directory`);
    const files = listAmlFiles(path);
    const r = await roundtrip(files);
    if (values.json === true)
      io.out(stringifyJson(r) + "\n");
    else {
      io.out(`${r.files} file(s): ${r.parsed} parsed, ${r.byteEqual} byte-equal, ${r.c14nEqual} c14n-equal, schema-valid ${r.schemaValidIn} in / ${r.schemaValidOut} out
counts (SPARQL): ${Object.entries(r.counts).map(([k, v]) => `${k} ${v}`).join(", ")}
seconds: parse ${r.seconds.parse.toFixed(3)}, to-rdf ${r.seconds.toRdf.toFixed(3)}, from-rdf ${r.seconds.fromRdf.toFixed(3)}
`);
      for (const f of r.failed)
        io.out(`FAILED ${f.file} [${f.stage}]: ${f.message}
`);
    }
    return r.failed.length > 0 ? 1 : 0;
  }
};

// dist/cli/aml-to-rdf.js
var amlToRdfCommand = {
  name: "aml to-rdf",
  summary: "CAEX file -> OWL/RDF graph (Turtle) with the layout for exact regeneration",
  usage: `Usage: twin aml to-rdf FILE.aml -o OUT.ttl [--base IRI]

Writes the graph of FILE.aml as Turtle: the CAEX structure (classes, roles, interfaces,
instances, attributes with data types and units, resolved references) in the vocabulary of
ontologies/aml.ttl, plus the layout layer (aml:xmlIndex, aml:xmlTemplate) from which
"twin aml from-rdf" gives the file back byte for byte. Deterministic: the same file gives the
same bytes.

Options:
  -o, --out FILE  the Turtle file to write (required)
  --base IRI      base of the element IRIs (default https://w3id.org/twin/aml/file/<FileName>/)
  -h, --help      show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { out: { type: "string", short: "o" }, base: { type: "string" }, help: { type: "boolean", short: "h" } }, { min: 1, max: 1, names: "FILE.aml" });
    if (helpRequested(values, this, io))
      return 0;
    const file = positionals[0];
    const out = required(values.out, "-o OUT.ttl");
    checkOutput(file, out);
    const base = str(values.base);
    const model = readAmlFile(file, base === void 0 ? void 0 : checkBase(base));
    const chunks = [];
    writeAmlTurtle(model, (c) => chunks.push(c));
    writeOutput(out, chunks);
    return 0;
  }
};

// dist/cli/aml-validate.js
var amlValidateCommand = {
  name: "aml validate",
  summary: "XSD validation (libxml2) and reference integrity of a CAEX 2.15/3.0 file",
  usage: `Usage: twin aml validate FILE.aml [--json] [--no-external]

Checks that FILE.aml is well-formed XML, that it validates against the CAEX schema of its
SchemaVersion (2.15 or 3.0; the XSDs are vendored in schemas/caex/, run by libxml2's xmllint
compiled to WebAssembly, so nothing needs to be installed), and its reference integrity: duplicate
IDs, unresolved RefBaseClassPath / RefBaseSystemUnitPath / RefBaseRoleClassPath / RefRoleClassPath /
RefAttributeType, InternalLinks whose partners do not exist, inheritance cycles. Paths through
ExternalReference aliases are checked in the referenced file when it exists (relative to FILE.aml);
otherwise a warning says they were not checked.

Each finding: line, kind, severity, message. Exit 0 when there is no error (warnings allowed),
1 when there is any error, 2 when the file is not well-formed or not CAEX 2.15/3.0.

Options:
  --json          print { file, schemaVersion, schemaValid, errors, warnings, findings: [...] }
  --no-external   do not open files named by ExternalReference
  -h, --help      show this help
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { json: { type: "boolean" }, "no-external": { type: "boolean" }, help: { type: "boolean", short: "h" } }, { min: 1, max: 1, names: "FILE.aml" });
    if (helpRequested(values, this, io))
      return 0;
    const file = positionals[0];
    const model = readAmlFile(file);
    const report = await validateAml(model, { external: values["no-external"] !== true });
    if (values.json === true)
      io.out(stringifyJson(report) + "\n");
    else {
      for (const f of report.findings)
        io.out(`${file}:${f.line}: ${f.severity}: ${f.kind}: ${f.message}
`);
      io.out(`${file}: CAEX ${report.schemaVersion}, schema ${report.schemaValid ? "valid" : "INVALID"}, ${report.errors} error(s), ${report.warnings} warning(s)
`);
    }
    return report.errors > 0 ? 1 : 0;
  }
};

// dist/cli/core-info.js
import { readFileSync as readFileSync6 } from "node:fs";
function coreInfo(path = DEFAULT_CORE_PATH, metaPath = DEFAULT_META_PATH) {
  let bytes;
  try {
    bytes = new Uint8Array(readFileSync6(path));
  } catch (e) {
    throw new Error(`${path}: cannot read the core: ${e.message}`);
  }
  let meta = null;
  try {
    meta = JSON.parse(readFileSync6(metaPath, "utf8"));
  } catch {
    meta = null;
  }
  const mod = new WebAssembly.Module(bytes);
  const sha2563 = sha256Hex(bytes);
  return {
    path,
    sha256: sha2563,
    size: bytes.length,
    matches: meta === null ? null : meta.sha256 === sha2563,
    recorded: meta === null ? null : { path: metaPath, sha256: meta.sha256, size: meta.size },
    assemblyscript: meta?.assemblyscript ?? null,
    target: meta?.target ?? null,
    flags: meta?.flags ?? null,
    imports: WebAssembly.Module.imports(mod).map((i) => `${i.module}.${i.name}`),
    exports: WebAssembly.Module.exports(mod).map((e) => `${e.name} (${e.kind})`)
  };
}
function formatInfo(i) {
  const flags = i.flags === null ? "(unknown)" : Object.entries(i.flags).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(" ");
  const rec = i.recorded === null ? "no build record (build/core.meta.json missing): a development build" : i.matches ? `matches the build record (${i.recorded.path})` : `DOES NOT MATCH the build record ${i.recorded.sha256} (${i.recorded.path})`;
  const lines = [
    `core            ${i.path}`,
    `sha256          ${i.sha256}`,
    `size            ${i.size} bytes`,
    `build record    ${rec}`,
    `assemblyscript  ${i.assemblyscript ?? "(unknown)"}`,
    `target          ${i.target ?? "(unknown)"}`,
    `flags           ${flags}`,
    `imports         ${i.imports.length === 0 ? "none" : i.imports.join(", ")}`,
    `exports         ${i.exports.length}:`,
    ...i.exports.map((e) => `  ${e}`)
  ];
  return lines.join("\n") + "\n";
}
var coreInfoCommand = {
  name: "core info",
  summary: "SHA-256, size, compiler, build flags, imports and exports of the numerical core",
  usage: `Usage: twin core info [--json]

Describes the WebAssembly core the rotor commands run (build/core.wasm, or TWIN_CORE_WASM):
its SHA-256 (recomputed now, compared with the one recorded at build time), size, the
AssemblyScript version and flags it was built with, its imports (must be none) and exports.
Exit code 1 if the hash differs from the build record or the module imports anything.

Options:
  --json      print JSON { path, sha256, size, matches, recorded, assemblyscript, target, flags, imports, exports }
  -h, --help  show this help
`,
  run(argv, io) {
    const { values } = parseCommandLine(argv, { json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, { min: 0, max: 0, names: "" });
    if (helpRequested(values, this, io))
      return 0;
    const info = coreInfo();
    io.out(values.json === true ? stringifyJson(info) + "\n" : formatInfo(info));
    if (info.matches === false)
      io.err(`twin core info: ${info.path} does not match its build record
`);
    if (info.imports.length > 0)
      io.err(`twin core info: the core imports ${info.imports.join(", ")}; it must import nothing
`);
    return info.matches === false || info.imports.length > 0 ? 1 : 0;
  }
};

// dist/cli/demo.js
import { join as join15, resolve as resolve4 } from "node:path";

// dist/archive/demo.js
import { mkdtempSync as mkdtempSync6, readFileSync as readFileSync14, rmSync as rmSync9, writeFileSync as writeFileSync8 } from "node:fs";
import { tmpdir as tmpdir6 } from "node:os";
import { join as join14 } from "node:path";

// dist/archive/create.js
import { availableParallelism } from "node:os";
import { mkdtempSync as mkdtempSync4, readdirSync as readdirSync5, readFileSync as readFileSync13, rmSync as rmSync6, statSync as statSync6, writeFileSync as writeFileSync5 } from "node:fs";
import { tmpdir as tmpdir4 } from "node:os";
import { basename as basename9, join as join11 } from "node:path";

// dist/rdf/shacl.js
import { Store as Store2 } from "n3";
import SHACLValidator from "rdf-validate-shacl";
async function validateShacl(data, shapes) {
  const validator = new SHACLValidator(new Store2([...shapes]));
  const report = await validator.validate(new Store2([...data]));
  return {
    conforms: report.conforms,
    results: report.results.map((r) => ({
      focusNode: r.focusNode?.value ?? "",
      path: r.path?.value ?? null,
      message: r.message.map((m) => m.value).join("; "),
      severity: r.severity?.value.replace(/^.*#/, "") ?? "Violation",
      sourceShape: r.sourceShape?.value ?? ""
    }))
  };
}

// dist/archive/hash.js
import { createHash as createHash3 } from "node:crypto";
var HASH_SCHEME = "twin-canonical-hash/1";
var CANONICAL_NAN_HI = 2146959360;
function sha256Hex2(bytes) {
  return createHash3("sha256").update(bytes).digest("hex");
}
function sha512Hex(bytes) {
  return createHash3("sha512").update(bytes).digest("hex");
}
var scratch = new DataView(new ArrayBuffer(8));
function putNumber(h, x) {
  if (Number.isNaN(x)) {
    scratch.setUint32(0, CANONICAL_NAN_HI);
    scratch.setUint32(4, 0);
  } else {
    scratch.setFloat64(0, x);
  }
  h.update("d");
  h.update(new Uint8Array(scratch.buffer.slice(0)));
}
function putLength(h, tag, n) {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  h.update(tag);
  h.update(b);
}
function putString(h, s) {
  const b = Buffer.from(s, "utf8");
  putLength(h, "s", b.length);
  h.update(b);
}
function compareCodeUnits2(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function putJson(h, v) {
  if (v === null)
    h.update("n");
  else if (v === true)
    h.update("t");
  else if (v === false)
    h.update("f");
  else if (typeof v === "number")
    putNumber(h, v);
  else if (typeof v === "string")
    putString(h, v);
  else if (Array.isArray(v)) {
    putLength(h, "[", v.length);
    for (const x of v)
      putJson(h, x);
  } else {
    const keys = Object.keys(v).sort(compareCodeUnits2);
    putLength(h, "{", keys.length);
    for (const k of keys) {
      putString(h, k);
      putJson(h, v[k]);
    }
  }
}
var NUMBER_TOKEN = /[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|NaN|Infinity)/g;
function putText(h, text3) {
  let last = 0;
  for (const m of text3.matchAll(NUMBER_TOKEN)) {
    if (m.index > last)
      putString(h, text3.slice(last, m.index));
    putNumber(h, Number(m[0]));
    last = m.index + m[0].length;
  }
  if (last < text3.length)
    putString(h, text3.slice(last));
}
function detectMode(bytes) {
  const text3 = decodeUtf8(bytes);
  if (text3 === void 0)
    return "bytes";
  try {
    parseJson(text3);
    return "json";
  } catch {
    return "text";
  }
}
function decodeUtf8(bytes) {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return void 0;
  }
}
function canonicalHash(bytes, mode) {
  const h = createHash3("sha256");
  h.update(`${HASH_SCHEME}
${mode}
`);
  if (mode === "bytes") {
    h.update(bytes);
    return h.digest("hex");
  }
  const text3 = decodeUtf8(bytes);
  if (text3 === void 0)
    return void 0;
  if (mode === "text") {
    putText(h, text3);
    return h.digest("hex");
  }
  let value;
  try {
    value = parseJson(text3);
  } catch {
    return void 0;
  }
  putJson(h, value);
  return h.digest("hex");
}

// dist/archive/bagit.js
var BAGIT_VERSION = "1.0";
var PACKAGE_FORMAT = 1;
var SIGNATURE_FILE = "tagmanifest-sha256.txt.sig.json";
var ALGORITHMS = { sha256: sha256Hex2, sha512: sha512Hex };
function encodeManifestPath(p) {
  return p.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function decodeManifestPath(p) {
  return p.replace(/%0D/gi, "\r").replace(/%0A/gi, "\n").replace(/%25/g, "%");
}
function manifestText(files, alg) {
  const lines = [...files].map(([p, b]) => `${ALGORITHMS[alg](b)}  ${encodeManifestPath(p)}`);
  return lines.sort(compareCodeUnits).join("\n") + (lines.length ? "\n" : "");
}
function parseTagFile(text3) {
  const out = [];
  for (const line of text3.replace(/\r\n?/g, "\n").split("\n")) {
    if (line === "")
      continue;
    if (/^[ \t]/.test(line) && out.length > 0) {
      out[out.length - 1][1] += " " + line.trim();
      continue;
    }
    const i = line.indexOf(":");
    if (i <= 0)
      throw new Error(`not a "Label: value" line: ${JSON.stringify(line)}`);
    out.push([line.slice(0, i).trim(), line.slice(i + 1).trim()]);
  }
  return out;
}
var enc = (s) => Buffer.from(s, "utf8");
function buildBag(payload, info) {
  const bag = /* @__PURE__ */ new Map();
  const data = [...payload].map(([p, b]) => [`data/${p}`, b]);
  for (const [p, b] of data)
    bag.set(p, b);
  const octets = data.reduce((n, [, b]) => n + b.length, 0);
  bag.set("bagit.txt", enc(`BagIt-Version: ${BAGIT_VERSION}
Tag-File-Character-Encoding: UTF-8
`));
  const infoLines = [
    `Bag-Software-Agent: ${info.software}`,
    `Bagging-Date: ${info.baggingDate}`,
    `External-Identifier: ${info.externalIdentifier}`,
    ...info.description ? [`External-Description: ${info.description.replace(/\s+/g, " ")}`] : [],
    `Payload-Oxum: ${octets}.${data.length}`,
    `Twin-Package-Format: ${PACKAGE_FORMAT}`
  ];
  bag.set("bag-info.txt", enc(infoLines.join("\n") + "\n"));
  for (const alg of Object.keys(ALGORITHMS))
    bag.set(`manifest-${alg}.txt`, enc(manifestText(data, alg)));
  const tags = [...bag].filter(([p]) => !p.startsWith("data/"));
  bag.set("tagmanifest-sha256.txt", enc(manifestText(tags, "sha256")));
  return bag;
}
var PackageError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "PackageError";
  }
};
function text(files, p) {
  const b = files.get(p);
  return b === void 0 ? void 0 : new TextDecoder().decode(b);
}
function checkDeclaration(files, where) {
  const decl = text(files, "bagit.txt");
  if (decl === void 0)
    throw new PackageError(`${where}: bagit.txt is missing: not a BagIt bag`);
  let fields;
  try {
    fields = parseTagFile(decl);
  } catch (e) {
    throw new PackageError(`${where}/bagit.txt: ${e.message}`);
  }
  const version2 = fields.find(([k]) => k === "BagIt-Version")?.[1];
  if (version2 === void 0)
    throw new PackageError(`${where}/bagit.txt: no BagIt-Version`);
  const m = /^(\d+)\.(\d+)$/.exec(version2);
  if (!m)
    throw new PackageError(`${where}/bagit.txt: malformed BagIt-Version ${JSON.stringify(version2)}`);
  if (Number(m[1]) > 1 || Number(m[1]) === 1 && Number(m[2]) > 0) {
    throw new PackageError(`${where}/bagit.txt: BagIt-Version ${version2} is newer than this tool reads (${BAGIT_VERSION})`);
  }
  const encoding = fields.find(([k]) => k === "Tag-File-Character-Encoding")?.[1];
  if (encoding !== void 0 && encoding.toUpperCase() !== "UTF-8")
    throw new PackageError(`${where}/bagit.txt: tag file encoding ${encoding} is not supported (UTF-8 only)`);
  const infoText = text(files, "bag-info.txt");
  const info = /* @__PURE__ */ new Map();
  if (infoText !== void 0) {
    try {
      for (const [k, v] of parseTagFile(infoText))
        info.set(k, v);
    } catch (e) {
      throw new PackageError(`${where}/bag-info.txt: ${e.message}`);
    }
  }
  const fmt4 = info.get("Twin-Package-Format");
  if (fmt4 !== void 0) {
    if (!/^\d+$/.test(fmt4))
      throw new PackageError(`${where}/bag-info.txt: malformed Twin-Package-Format ${JSON.stringify(fmt4)}`);
    if (Number(fmt4) > PACKAGE_FORMAT)
      throw new PackageError(`${where}/bag-info.txt: Twin-Package-Format ${fmt4} is newer than this tool reads (${PACKAGE_FORMAT}); use a newer twin`);
  }
  return info;
}
function parseManifest(files, name, problems) {
  const t = text(files, name);
  if (t === void 0)
    return void 0;
  const out = /* @__PURE__ */ new Map();
  t.replace(/\r\n?/g, "\n").split("\n").forEach((line, i) => {
    if (line.trim() === "")
      return;
    const m = /^([0-9a-fA-F]+)[ \t]+(.+)$/.exec(line);
    if (!m) {
      problems.push({ file: name, message: `line ${i + 1}: malformed manifest line` });
      return;
    }
    const p = decodeManifestPath(m[2].replace(/^\*/, ""));
    if (out.has(p))
      problems.push({ file: name, message: `line ${i + 1}: ${p} listed twice` });
    out.set(p, m[1].toLowerCase());
  });
  return out;
}
function checkFixity(files, info) {
  const problems = [];
  const payload = [...files.keys()].filter((p) => p.startsWith("data/"));
  const manifests = Object.keys(ALGORITHMS).filter((a) => files.has(`manifest-${a}.txt`));
  if (manifests.length === 0)
    problems.push({ file: "manifest-sha256.txt", message: "missing: the bag has no payload manifest" });
  for (const [name] of files) {
    const m = /^(tag)?manifest-(\w+)\.txt$/.exec(name);
    if (m && !(m[2] in ALGORITHMS))
      problems.push({ file: name, message: `unsupported checksum algorithm ${m[2]}` });
  }
  for (const alg of manifests) {
    const name = `manifest-${alg}.txt`;
    const listed = parseManifest(files, name, problems);
    for (const p of payload) {
      if (!listed.has(p))
        problems.push({ file: p, message: `extra file: not listed in ${name}` });
    }
    for (const [p, sum] of listed) {
      const bytes = files.get(p);
      if (!p.startsWith("data/"))
        problems.push({ file: name, message: `${p} lies outside data/` });
      else if (bytes === void 0)
        problems.push({ file: p, message: `missing: listed in ${name}` });
      else if (ALGORITHMS[alg](bytes) !== sum)
        problems.push({ file: p, message: `${alg} checksum mismatch (altered content)` });
    }
  }
  const tagName = "tagmanifest-sha256.txt";
  const tagList = parseManifest(files, tagName, problems);
  if (tagList === void 0)
    problems.push({ file: tagName, message: "missing: the tag files are not protected" });
  else {
    for (const p of files.keys()) {
      if (p.startsWith("data/") || /^tagmanifest-/.test(p) || p === SIGNATURE_FILE)
        continue;
      if (!tagList.has(p))
        problems.push({ file: p, message: `extra tag file: not listed in ${tagName}` });
    }
    for (const [p, sum] of tagList) {
      const bytes = files.get(p);
      if (bytes === void 0)
        problems.push({ file: p, message: `missing: listed in ${tagName}` });
      else if (sha256Hex2(bytes) !== sum)
        problems.push({ file: p, message: `sha256 checksum mismatch (altered tag file)` });
    }
  }
  const oxum = info.get("Payload-Oxum");
  if (oxum !== void 0) {
    const octets = payload.reduce((n, p) => n + files.get(p).length, 0);
    if (oxum !== `${octets}.${payload.length}`)
      problems.push({ file: "bag-info.txt", message: `Payload-Oxum ${oxum} but the payload is ${octets}.${payload.length} (octets.files)` });
  }
  return problems;
}

// dist/archive/core-record.js
import { readdirSync as readdirSync2, readFileSync as readFileSync7, statSync as statSync2 } from "node:fs";
import { join as join6 } from "node:path";
function collect(dir, rel2, out) {
  for (const name of readdirSync2(join6(dir, rel2)).sort(compareCodeUnits)) {
    const p = rel2 ? `${rel2}/${name}` : name;
    if (statSync2(join6(dir, p)).isDirectory())
      collect(dir, p, out);
    else
      out.set(p, new Uint8Array(readFileSync7(join6(dir, p))));
  }
}
function sourceDigest(files) {
  return sha256Hex2([...files.keys()].sort(compareCodeUnits).map((p) => `${p} ${sha256Hex2(files.get(p))}
`).join(""));
}
function bundleCore(corePath = DEFAULT_CORE_PATH) {
  const bytes = new Uint8Array(readFileSync7(corePath));
  const sha2563 = sha256Hex2(bytes);
  const mod = new WebAssembly.Module(bytes);
  const imports = WebAssembly.Module.imports(mod).map((i) => `${i.module}.${i.name}`);
  if (imports.length > 0)
    throw new Error(`${corePath}: the core imports ${imports.join(", ")}; only a core that imports nothing can be archived`);
  let meta = null;
  try {
    meta = JSON.parse(readFileSync7(DEFAULT_META_PATH, "utf8"));
  } catch {
    meta = null;
  }
  const matches = meta !== null && meta.sha256 === sha2563;
  const sources = /* @__PURE__ */ new Map();
  collect(join6(PACKAGE_ROOT, "assembly"), "", sources);
  const extra = /* @__PURE__ */ new Map();
  for (const f of ["asconfig.json", "package.json"]) {
    try {
      extra.set(f, new Uint8Array(readFileSync7(join6(PACKAGE_ROOT, f))));
    } catch {
    }
  }
  const srcFiles = /* @__PURE__ */ new Map();
  for (const [p, b] of sources)
    srcFiles.set(`assembly/${p}`, b);
  for (const [p, b] of extra)
    srcFiles.set(p, b);
  const record = {
    file: "core.wasm",
    sha256: sha2563,
    size: bytes.length,
    imports,
    exports: WebAssembly.Module.exports(mod).map((e) => `${e.name} (${e.kind})`),
    assemblyscript: matches ? meta.assemblyscript : null,
    target: matches ? meta.target : null,
    flags: matches ? meta.flags : null,
    buildRecordMatches: matches,
    sourceSha256: sourceDigest(srcFiles),
    sourcesNote: matches ? "sources as found beside the build when the package was made; the binary is what ran" : "no build record describes this binary (a development build); sources as found when the package was made; the binary is what ran"
  };
  const files = /* @__PURE__ */ new Map();
  files.set("core.wasm", bytes);
  files.set("build.json", Buffer.from(JSON.stringify(record, null, 2) + "\n"));
  const abi = sources.get("ABI.md");
  if (abi)
    files.set("README.md", abi);
  for (const [p, b] of srcFiles)
    files.set(`sources/${p}`, b);
  return { bytes, sha256: sha2563, files, record };
}

// dist/archive/crate.js
var CRATE_FILE = "ro-crate-metadata.json";
var RO_CRATE = "https://w3id.org/ro/crate/1.1";
var PROCESS_RUN = "https://w3id.org/ro/wfrun/process/0.5";
function encodingFormat(path) {
  const ext = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? "";
  return {
    json: "application/json",
    ttl: "text/turtle",
    wasm: "application/wasm",
    mo: "text/x-modelica",
    aml: "application/automationml-aml+xml",
    xml: "application/xml",
    csv: "text/csv",
    svg: "image/svg+xml",
    md: "text/markdown",
    ts: "text/typescript",
    txt: "text/plain",
    order: "text/plain"
  }[ext] ?? "application/octet-stream";
}
var ref = (id) => ({ "@id": id });
function buildCrate(c) {
  const paths = [...c.files.keys()].sort();
  const files = paths.map((p) => {
    const b = c.files.get(p);
    const e = { "@id": p, "@type": "File", name: p.split("/").pop(), encodingFormat: encodingFormat(p), contentSize: String(b.length), sha256: sha256Hex2(b) };
    if (p === "core/core.wasm") {
      e["@type"] = ["File", "SoftwareApplication"];
      e.name = "twin numerical core (WebAssembly, imports nothing)";
      e.description = "The exact binary every recorded run used; ABI in core/README.md, build record in core/build.json.";
    }
    if (p === "graph/twin.ttl")
      e.description = "The models, their links, the runs and their PROV-O provenance (RDF, Turtle).";
    return e;
  });
  const actions = c.runs.map((r) => ({
    "@id": `#run-${r.id}`,
    "@type": "CreateAction",
    name: r.kind === "selfcheck" ? `self-checks of the core (${(r.exports ?? []).join(", ")})` : `twin ${(r.argv ?? []).join(" ")}`,
    ...r.description ? { description: r.description } : {},
    instrument: ref("core/core.wasm"),
    agent: ref("#twin"),
    object: [ref(`runs/${r.id}/run.json`), ...r.inputs.map((i) => ref(`runs/${r.id}/${i.path}`))],
    result: r.outputs.map((o) => ref(`runs/${r.id}/${o.path}`)),
    startTime: r.startedAt,
    endTime: r.endedAt,
    actionStatus: ref("http://schema.org/CompletedActionStatus")
  }));
  const root = {
    "@id": "./",
    "@type": "Dataset",
    name: c.name,
    description: c.description,
    identifier: c.identifier,
    datePublished: c.datePublished,
    conformsTo: ref(PROCESS_RUN),
    hasPart: paths.map(ref),
    mentions: actions.map((a) => ref(a["@id"]))
  };
  const graph = [
    { "@id": CRATE_FILE, "@type": "CreativeWork", conformsTo: ref(RO_CRATE), about: ref("./") },
    root,
    { "@id": PROCESS_RUN, "@type": "CreativeWork", name: "Process Run Crate", version: "0.5" },
    { "@id": "#twin", "@type": "SoftwareApplication", name: "twin", softwareVersion: c.toolVersion, url: "https://w3id.org/twin/" },
    ...files,
    ...actions
  ];
  return JSON.stringify({ "@context": "https://w3id.org/ro/crate/1.1/context", "@graph": graph }, null, 1) + "\n";
}
function checkCrate(text3, payload, runIds) {
  const file = `data/${CRATE_FILE}`;
  if (text3 === void 0)
    return [{ file, message: "missing" }];
  let doc;
  try {
    doc = JSON.parse(text3);
  } catch (e) {
    return [{ file, message: `not JSON: ${e.message}` }];
  }
  const problems = [];
  const graph = Array.isArray(doc["@graph"]) ? doc["@graph"] : [];
  if (graph.length === 0)
    problems.push({ file, message: "no @graph" });
  const byId = new Map(graph.map((e) => [e["@id"], e]));
  const meta = byId.get(CRATE_FILE);
  if (!meta || meta.conformsTo?.["@id"] !== RO_CRATE)
    problems.push({ file, message: `the metadata descriptor does not conform to ${RO_CRATE}` });
  const root = byId.get("./");
  if (!root)
    problems.push({ file, message: "no root data entity ./" });
  const parts = new Set((root?.hasPart ?? []).map((x) => x["@id"]));
  for (const [p, b] of payload) {
    if (p === CRATE_FILE)
      continue;
    const e = byId.get(p);
    if (!e) {
      problems.push({ file: `data/${p}`, message: `not described in ${CRATE_FILE}` });
      continue;
    }
    if (!parts.has(p))
      problems.push({ file: `data/${p}`, message: `not in the root's hasPart (${CRATE_FILE})` });
    if (e.contentSize !== String(b.length))
      problems.push({ file: `data/${p}`, message: `size ${b.length} differs from contentSize ${String(e.contentSize)} in ${CRATE_FILE}` });
    if (e.sha256 !== sha256Hex2(b))
      problems.push({ file: `data/${p}`, message: `SHA-256 differs from the one in ${CRATE_FILE}` });
  }
  for (const e of graph) {
    const types = [].concat(e["@type"]);
    if (types.includes("File") && !payload.has(e["@id"]))
      problems.push({ file, message: `describes ${e["@id"]}, which is not in the package` });
  }
  const actions = graph.filter((e) => e["@type"] === "CreateAction");
  for (const id of runIds) {
    const a = actions.find((x) => x["@id"] === `#run-${id}`);
    if (!a) {
      problems.push({ file, message: `run ${id} has no CreateAction` });
      continue;
    }
    if (a.instrument?.["@id"] !== "core/core.wasm")
      problems.push({ file, message: `run ${id}: instrument is not core/core.wasm` });
    for (const r of [].concat(a.result ?? [], a.object ?? [])) {
      if (!payload.has(r["@id"]))
        problems.push({ file, message: `run ${id}: refers to ${r["@id"]}, which is not in the package` });
    }
  }
  for (const a of actions) {
    const id = a["@id"].replace(/^#run-/, "");
    if (!runIds.includes(id))
      problems.push({ file, message: `CreateAction ${a["@id"]} has no run in runs/` });
  }
  return problems;
}

// dist/archive/engines.js
import { execFile, spawnSync } from "node:child_process";
import { existsSync as existsSync3, mkdtempSync as mkdtempSync2, readFileSync as readFileSync8, rmSync as rmSync3, writeFileSync as writeFileSync2 } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir as tmpdir2 } from "node:os";
import { dirname as dirname4, join as join7 } from "node:path";

// dist/archive/wasm-edit.js
var WasmFormatError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "WasmFormatError";
  }
};
var Reader2 = class {
  b;
  pos = 0;
  constructor(b) {
    this.b = b;
  }
  byte() {
    if (this.pos >= this.b.length)
      throw new WasmFormatError("unexpected end of module");
    return this.b[this.pos++];
  }
  u32() {
    let result = 0;
    let shift = 0;
    for (; ; ) {
      const x = this.byte();
      result += (x & 127) * 2 ** shift;
      if ((x & 128) === 0)
        return result;
      shift += 7;
      if (shift > 35)
        throw new WasmFormatError("LEB128 u32 too long");
    }
  }
  s64() {
    let result = 0n;
    let shift = 0n;
    let x;
    do {
      x = this.byte();
      result |= BigInt(x & 127) << shift;
      shift += 7n;
    } while (x & 128);
    if (shift < 64n && x & 64)
      result |= -1n << shift;
    return BigInt.asIntN(64, result);
  }
  bytes(n) {
    if (this.pos + n > this.b.length)
      throw new WasmFormatError("unexpected end of module");
    const out = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  name() {
    return new TextDecoder("utf-8", { fatal: true }).decode(this.bytes(this.u32()));
  }
};
function u32Leb(n) {
  const out = [];
  do {
    let b = n & 127;
    n = Math.floor(n / 128);
    if (n !== 0)
      b |= 128;
    out.push(b);
  } while (n !== 0);
  return out;
}
function nameBytes(s) {
  const b = [...Buffer.from(s, "utf8")];
  return [...u32Leb(b.length), ...b];
}
function readSections(bytes) {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 97 || bytes[2] !== 115 || bytes[3] !== 109)
    throw new WasmFormatError("not a WebAssembly module (bad magic)");
  if (bytes[4] !== 1 || bytes[5] !== 0 || bytes[6] !== 0 || bytes[7] !== 0)
    throw new WasmFormatError("unsupported WebAssembly binary version");
  const r = new Reader2(bytes);
  r.pos = 8;
  const sections = [];
  while (r.pos < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    sections.push({ id, body: r.bytes(size) });
  }
  return sections;
}
function writeSections(sections) {
  const parts = [[0, 97, 115, 109, 1, 0, 0, 0]];
  for (const s of sections)
    parts.push([s.id, ...u32Leb(s.body.length)]);
  const total = parts.reduce((n, p) => n + p.length, 0) + sections.reduce((n, s) => n + s.body.length, 0);
  const out = new Uint8Array(total);
  let off = 0;
  out.set(parts[0], off);
  off += 8;
  sections.forEach((s, i) => {
    out.set(parts[i + 1], off);
    off += parts[i + 1].length;
    out.set(s.body, off);
    off += s.body.length;
  });
  return out;
}
function vecOf(body) {
  const r = new Reader2(body);
  const count = r.u32();
  return { count, rest: body.subarray(r.pos) };
}
function withVec(count, rest, extra) {
  return Uint8Array.from([...u32Leb(count), ...rest, ...extra]);
}
function readExports(sections) {
  const s = sections.find((x) => x.id === 7);
  if (!s)
    return [];
  const r = new Reader2(s.body);
  const n = r.u32();
  const out = [];
  for (let i = 0; i < n; i++)
    out.push({ name: r.name(), kind: r.byte(), index: r.u32() });
  return out;
}
function readI64Globals(bytes) {
  const s = readSections(bytes).find((x) => x.id === 6);
  if (!s)
    return [];
  const r = new Reader2(s.body);
  const n = r.u32();
  const out = [];
  for (let i = 0; i < n; i++) {
    const type = r.byte();
    r.byte();
    let value = null;
    let first = true;
    for (; ; ) {
      const op = r.byte();
      if (op === 11)
        break;
      if (op === 66) {
        const v = r.s64();
        if (first && type === 126)
          value = v;
      } else if (op === 65)
        r.s64();
      else if (op === 67)
        r.bytes(4);
      else if (op === 68)
        r.bytes(8);
      else if (op === 35 || op === 210)
        r.u32();
      else if (op === 208)
        r.byte();
      else
        throw new WasmFormatError(`unsupported constant expression opcode 0x${op.toString(16)} in global ${i}`);
      first = false;
    }
    out.push(value);
  }
  return out;
}
var INIT_EXPORT = "wizer-initialize";
function buildInitRunner(core, names) {
  const sections = readSections(core);
  if (sections.some((s) => s.id === 2))
    throw new WasmFormatError("the core imports something; the runner needs a module without imports");
  const exports = readExports(sections);
  const funcIdx = names.map((n) => {
    const e = exports.find((x) => x.name === n && x.kind === 0);
    if (!e)
      throw new WasmFormatError(`the core has no function export ${n}`);
    return e.index;
  });
  const typeSec = sections.find((s) => s.id === 1);
  const funcSec = sections.find((s) => s.id === 3);
  const codeSec = sections.find((s) => s.id === 10);
  if (!typeSec || !funcSec || !codeSec)
    throw new WasmFormatError("module without type, function or code section");
  const types = vecOf(typeSec.body);
  const funcs = vecOf(funcSec.body);
  const codes = vecOf(codeSec.body);
  const globSec = sections.find((s) => s.id === 6);
  const globs = globSec ? vecOf(globSec.body) : { count: 0, rest: new Uint8Array() };
  const exps = vecOf(sections.find((s) => s.id === 7).body);
  const newType = types.count;
  const newFunc = funcs.count;
  const globals = names.map((_, i) => globs.count + i);
  const body = [0];
  names.forEach((_, i) => body.push(16, ...u32Leb(funcIdx[i]), 36, ...u32Leb(globals[i])));
  body.push(11);
  const globalBytes = [];
  for (let i = 0; i < names.length; i++)
    globalBytes.push(126, 1, 66, 0, 11);
  const exportBytes = [...nameBytes(INIT_EXPORT), 0, ...u32Leb(newFunc)];
  globals.forEach((g, i) => exportBytes.push(...nameBytes(`result${i}`), 3, ...u32Leb(g)));
  const replaced = /* @__PURE__ */ new Map([
    [1, withVec(types.count + 1, types.rest, [96, 0, 0])],
    [3, withVec(funcs.count + 1, funcs.rest, u32Leb(newType))],
    [6, withVec(globs.count + names.length, globs.rest, globalBytes)],
    [7, withVec(exps.count + 1 + names.length, exps.rest, exportBytes)],
    [10, withVec(codes.count + 1, codes.rest, [...u32Leb(body.length), ...body])]
  ]);
  const out = [];
  let globalsWritten = false;
  for (const s of sections) {
    if (!globSec && !globalsWritten && s.id === 7) {
      out.push({ id: 6, body: replaced.get(6) });
      globalsWritten = true;
    }
    out.push(s.id !== 0 && replaced.has(s.id) ? { id: s.id, body: replaced.get(s.id) } : s);
  }
  return { module: writeSections(out), globals };
}

// dist/archive/engines.js
var ENGINES = ["node", "node-baseline", "node-turbofan", "wasm-interp", "wasmtime"];
var NODE_FLAGS = {
  node: [],
  "node-baseline": ["--liftoff", "--no-wasm-tier-up"],
  "node-turbofan": ["--no-liftoff"]
};
function isNodeEngine(e) {
  return NODE_FLAGS[e] !== void 0;
}
function runProcess(file, args, options2 = {}) {
  return new Promise((resolve5) => {
    execFile(file, args, { cwd: options2.cwd, env: options2.env, encoding: "buffer", maxBuffer: 1 << 30, timeout: options2.timeoutMs ?? 0 }, (error, stdout, stderr) => {
      const code = error ? typeof error.code === "number" ? error.code : null : 0;
      resolve5({ code, stdout: Buffer.from(stdout), stderr: Buffer.from(stderr).toString("utf8") + (error && code === null ? `
${error.message}` : "") });
    });
  });
}
function wizerPath() {
  try {
    const require2 = createRequire(import.meta.url);
    const p = join7(dirname4(require2.resolve("@bytecodealliance/wizer-linux-x64/package.json")), "wizer");
    return existsSync3(p) ? p : void 0;
  } catch {
    return void 0;
  }
}
function engineAvailable(e) {
  if (isNodeEngine(e))
    return { ok: true };
  if (e === "wasm-interp") {
    const r = spawnSync("wasm-interp", ["--version"], { encoding: "utf8" });
    return r.status === 0 ? { ok: true } : { ok: false, reason: "wasm-interp not found (Debian package wabt)" };
  }
  if (process.platform !== "linux" || process.arch !== "x64")
    return { ok: false, reason: `wizer/wasmtime binary is for linux-x64, this is ${process.platform}-${process.arch}` };
  return wizerPath() ? { ok: true } : { ok: false, reason: "npm package @bytecodealliance/wizer-linux-x64 (wasmtime) not installed" };
}
function engineVersion(e) {
  if (isNodeEngine(e))
    return `node ${process.version} (V8 ${process.versions.v8})${NODE_FLAGS[e].length ? " " + NODE_FLAGS[e].join(" ") : ""}`;
  if (e === "wasm-interp")
    return `wabt wasm-interp ${spawnSync("wasm-interp", ["--version"], { encoding: "utf8" }).stdout.trim()}`;
  const w = wizerPath();
  if (!w)
    return "wizer (not installed)";
  try {
    const pkg = JSON.parse(readFileSync8(join7(dirname4(w), "package.json"), "utf8"));
    return `wasmtime inside @bytecodealliance/wizer-linux-x64 ${pkg.version}`;
  } catch {
    return "wasmtime inside wizer";
  }
}
function selfcheckExports(core) {
  const mod = new WebAssembly.Module(core);
  return WebAssembly.Module.exports(mod).filter((e) => e.kind === "function" && /^selfcheck\w*$/.test(e.name)).map((e) => e.name).sort();
}
var NODE_SELFCHECK = `
import { readFileSync } from "node:fs";
const [path, ...names] = process.argv.slice(1);
const inst = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(path)), {});
const out = {};
for (const n of names) out[n] = BigInt.asUintN(64, BigInt(inst.exports[n]())).toString();
process.stdout.write(JSON.stringify(out));
`;
async function runSelfchecks(engine, corePath, names) {
  const out = {};
  if (isNodeEngine(engine)) {
    const r = await runProcess(process.execPath, [...NODE_FLAGS[engine], "--input-type=module", "-e", NODE_SELFCHECK, "--", corePath, ...names]);
    if (r.code !== 0)
      throw new Error(`${engine}: self-checks failed: ${r.stderr.trim()}`);
    return JSON.parse(r.stdout.toString("utf8"));
  }
  if (engine === "wasm-interp") {
    const r = await runProcess("wasm-interp", [corePath, "--run-all-exports"]);
    if (r.code !== 0)
      throw new Error(`wasm-interp failed: ${r.stderr.trim() || r.stdout.toString("utf8").trim()}`);
    for (const line of r.stdout.toString("utf8").split("\n")) {
      const m = /^(\w+)\(\) => i64:(-?\d+)$/.exec(line.trim());
      if (m && names.includes(m[1]))
        out[m[1]] = BigInt.asUintN(64, BigInt(m[2])).toString();
    }
    for (const n of names)
      if (!(n in out))
        throw new Error(`wasm-interp printed no result for ${n}`);
    return out;
  }
  const wizer = wizerPath();
  if (!wizer)
    throw new Error("wasmtime is not available");
  const dir = mkdtempSync2(join7(tmpdir2(), "twin-wasmtime-"));
  try {
    const { module, globals } = buildInitRunner(new Uint8Array(readFileSync8(corePath)), names);
    writeFileSync2(join7(dir, "runner.wasm"), module);
    const r = await runProcess(wizer, ["-o", join7(dir, "snapshot.wasm"), join7(dir, "runner.wasm")]);
    if (r.code !== 0)
      throw new Error(`wizer (wasmtime) failed: ${r.stderr.trim()}`);
    const values = readI64Globals(new Uint8Array(readFileSync8(join7(dir, "snapshot.wasm"))));
    names.forEach((n, i) => {
      const v = values[globals[i]];
      if (v === null || v === void 0)
        throw new Error(`wasmtime snapshot has no result for ${n}`);
      out[n] = BigInt.asUintN(64, v).toString();
    });
    return out;
  } finally {
    rmSync3(dir, { recursive: true, force: true });
  }
}

// dist/archive/links.js
function findLinks(amlQuads, modelicaQuads, rotorFiles) {
  const classes = /* @__PURE__ */ new Map();
  for (const q of modelicaQuads)
    if (q.predicate.value === `${MO}fullName`)
      classes.set(q.object.value, q.subject.value);
  const rotorByName = /* @__PURE__ */ new Map();
  for (const [path, iri2] of rotorFiles)
    rotorByName.set(path.split("/").pop(), iri2);
  const parent = /* @__PURE__ */ new Map();
  const types = /* @__PURE__ */ new Map();
  for (const q of amlQuads) {
    if (q.predicate.value === `${NS.rdf}type`) {
      let t = types.get(q.subject.value);
      if (!t)
        types.set(q.subject.value, t = /* @__PURE__ */ new Set());
      t.add(q.object.value);
    } else if (q.object.termType === "NamedNode" && q.predicate.value.startsWith(AML) && /^(attribute|externalInterface|internalElement)$/.test(q.predicate.value.slice(AML.length))) {
      parent.set(q.object.value, q.subject.value);
    }
  }
  const owner = (s) => {
    for (let x = s, i = 0; x !== void 0 && i < 1e3; x = parent.get(x), i++) {
      const t = types.get(x);
      if (t && (t.has(`${AML}InternalElement`) || t.has(`${AML}SystemUnitClass`)))
        return x;
    }
    return void 0;
  };
  const target = (value) => {
    const v = value.trim();
    const m = /^modelica:\/\/([\w.']+)$/.exec(v) ?? /\.mo#([\w.']+)$/.exec(v);
    if (m)
      return classes.get(m[1]);
    const base = v.replace(/^file:(\/\/)?/, "").split(/[\\/]/).pop();
    return /\.json$/i.test(base) ? rotorByName.get(base) : void 0;
  };
  const out = /* @__PURE__ */ new Map();
  for (const q of amlQuads) {
    if (q.object.termType !== "Literal" || q.predicate.value !== `${AML}value`)
      continue;
    const model = target(q.object.value);
    if (model === void 0)
      continue;
    const element = owner(q.subject.value);
    if (element === void 0)
      continue;
    out.set(`${element} ${model}`, { element, model, via: q.object.value });
  }
  return [...out.values()].sort((a, b) => a.element + a.model < b.element + b.model ? -1 : 1);
}

// dist/archive/mapper.js
var SourceError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "SourceError";
  }
};

// dist/archive/mapper-aml.js
function graphOf(f) {
  return amlToQuads(readAml(f.bytes, `sources/aml/${f.path}`, { base: defaultBase(f.path) }));
}
var amlMapper = {
  kind: "aml",
  label: "AutomationML (CAEX 2.15 / 3.0 .aml files)",
  tool: "twin aml to-rdf (src/aml)",
  toGraph(files) {
    const quads = [];
    const roots = /* @__PURE__ */ new Map();
    const triples = /* @__PURE__ */ new Map();
    for (const f of files) {
      let q;
      try {
        q = graphOf(f);
      } catch (e) {
        if (e instanceof XmlError)
          throw new SourceError(`sources/aml/${f.path}:${e.message}`);
        throw e;
      }
      quads.push(...q);
      roots.set(f.path, [`${defaultBase(f.path)}file`]);
      triples.set(f.path, q.length);
    }
    return { quads, roots, triples };
  },
  restore(quads) {
    const files = /* @__PURE__ */ new Set();
    for (const q of quads) {
      if (q.predicate.value === `${NS.rdf}type` && q.object.value === `${AML}CAEXFile` && q.subject.value.startsWith(DATA_BASE))
        files.add(q.subject.value);
    }
    return [...files].sort().map((root) => {
      const seg = root.slice(DATA_BASE.length).replace(/\/file$/, "");
      return { path: decodeURIComponent(seg), bytes: new Uint8Array(amlFromQuads(quads, root)) };
    });
  },
  modelEqual(original, restored) {
    try {
      return writeNTriples(graphOf(original)) === writeNTriples(graphOf({ path: original.path, bytes: restored.bytes })) ? void 0 : "the graphs of the two files differ";
    } catch (e) {
      return e.message;
    }
  }
};

// dist/modelica/ast-util.js
function astEqual(a, b) {
  if (a === b)
    return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null)
    return false;
  if (Array.isArray(a) !== Array.isArray(b))
    return false;
  if (Array.isArray(a)) {
    const bb = b;
    if (a.length !== bb.length)
      return false;
    for (let i = 0; i < a.length; i++)
      if (!astEqual(a[i], bb[i]))
        return false;
    return true;
  }
  const ka = Object.keys(a).filter((k) => k !== "layout" && a[k] !== void 0);
  const kb = Object.keys(b).filter((k) => k !== "layout" && b[k] !== void 0);
  if (ka.length !== kb.length)
    return false;
  for (const k of ka)
    if (!astEqual(a[k], b[k]))
      return false;
  return true;
}
function astDiff(a, b, path = "$") {
  if (astEqual(a, b))
    return void 0;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null)
    return `${path}: ${JSON.stringify(a)?.slice(0, 80)} != ${JSON.stringify(b)?.slice(0, 80)}`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => k !== "layout"));
  for (const k of keys) {
    const d = astDiff(a[k], b[k], `${path}.${k}`);
    if (d)
      return d;
  }
  return `${path}: differ`;
}
function countAst(sd) {
  const c = { classes: 0, components: 0, equations: 0, connects: 0, annotations: 0, statements: 0 };
  const cls = (d) => {
    c.classes++;
    const s = d.spec;
    if (s.k !== "long" && s.k !== "extends")
      return;
    for (const sec of s.comp.sections) {
      if (sec.k === "equation")
        c.equations += sec.eqs.length;
      else if (sec.k === "algorithm")
        c.statements += sec.stmts.length;
      else
        for (const el of sec.elems) {
          if (el.k === "comp")
            c.components += el.clause.decls.length;
          else if (el.k === "class")
            cls(el.cls);
        }
    }
  };
  for (const x of sd.classes)
    cls(x.cls);
  walk(sd, (key, v) => {
    if (key === "ann" && Array.isArray(v))
      c.annotations++;
    if (key === "k" && v === "connect")
      c.connects++;
  });
  return c;
}
function walk(node, visit) {
  if (typeof node !== "object" || node === null)
    return;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++)
      walk(node[i], visit);
    return;
  }
  for (const k in node) {
    if (k === "layout")
      continue;
    const v = node[k];
    visit(k, v);
    if (typeof v === "object" && v !== null)
      walk(v, visit);
  }
}
function stringValue(raw) {
  const body = raw.slice(1, -1);
  if (!body.includes("\\"))
    return body;
  return body.replace(/\\(.)/gs, (_, ch) => {
    switch (ch) {
      case "n":
        return "\n";
      case "t":
        return "	";
      case "r":
        return "\r";
      case "a":
        return "\x07";
      case "b":
        return "\b";
      case "f":
        return "\f";
      case "v":
        return "\v";
      default:
        return ch;
    }
  });
}
function addCounts(a, b) {
  return {
    classes: a.classes + b.classes,
    components: a.components + b.components,
    equations: a.equations + b.equations,
    connects: a.connects + b.connects,
    annotations: a.annotations + b.annotations,
    statements: a.statements + b.statements
  };
}

// dist/modelica/from-rdf.js
import { DataFactory as DataFactory4, Parser as N3Parser } from "n3";

// dist/modelica/layout.js
var NONE = -1;
var SPACE = -2;
var C_TAB = 9;
var C_LF = 10;
var C_VT = 11;
var C_FF = 12;
var C_CR = 13;
var C_SP = 32;
var C_SLASH = 47;
var C_STAR = 42;
var C_BAR = 124;
var C_BOM = 65279;
function hintTrivia(hint, first) {
  if (first || hint === NONE)
    return "";
  if (hint === SPACE)
    return " ";
  return "\n" + "  ".repeat(hint);
}
function isHintTrivia(src, s, e, hint, first) {
  const n = e - s;
  if (first || hint === NONE)
    return n === 0;
  if (hint === SPACE)
    return n === 1 && src.charCodeAt(s) === C_SP;
  if (n !== 1 + 2 * hint || src.charCodeAt(s) !== C_LF)
    return false;
  for (let i = s + 1; i < e; i++)
    if (src.charCodeAt(i) !== C_SP)
      return false;
  return true;
}
var LayoutEncoder = class {
  parts = "";
  run = 0;
  same() {
    this.run++;
  }
  differ(trivia) {
    if (this.run > 0) {
      this.parts += this.run;
      this.run = 0;
    }
    this.parts += "|" + trivia;
  }
  finish() {
    if (this.run > 0) {
      this.parts += this.run;
      this.run = 0;
    }
    return this.parts;
  }
};
function triviaEnd(s, i) {
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === C_SP || c === C_LF || c === C_CR || c === C_TAB || c === C_VT || c === C_FF || c === C_BOM)
      i++;
    else if (c === C_SLASH && s.charCodeAt(i + 1) === C_SLASH) {
      const nl = s.indexOf("\n", i + 2);
      i = nl < 0 ? n : nl;
    } else if (c === C_SLASH && s.charCodeAt(i + 1) === C_STAR) {
      const close = s.indexOf("*/", i + 2);
      if (close < 0)
        return -1;
      i = close + 2;
    } else
      break;
  }
  return i;
}
var LayoutDecoder = class {
  s;
  pos = 0;
  run = 0;
  /** set when the layout is malformed or does not fit the tokens */
  bad = false;
  constructor(s) {
    this.s = s;
  }
  /** Trivia of the next token, or undefined when the layout is exhausted or malformed. */
  next(hint, first) {
    if (this.run > 0) {
      this.run--;
      return hintTrivia(hint, first);
    }
    const s = this.s;
    if (this.pos >= s.length) {
      this.bad = true;
      return void 0;
    }
    const c = s.charCodeAt(this.pos);
    if (c === C_BAR) {
      const start = this.pos + 1;
      const e = triviaEnd(s, start);
      if (e < 0) {
        this.bad = true;
        this.pos = s.length;
        return void 0;
      }
      this.pos = e;
      return s.slice(start, e);
    }
    let n = 0;
    let i = this.pos;
    for (let d = s.charCodeAt(i); d >= 48 && d <= 57; d = s.charCodeAt(++i))
      n = n * 10 + (d - 48);
    if (i === this.pos || n === 0) {
      this.bad = true;
      this.pos = s.length;
      return void 0;
    }
    this.pos = i;
    this.run = n - 1;
    return hintTrivia(hint, first);
  }
  /** True when every item was used. */
  done() {
    return this.run === 0 && this.pos >= this.s.length;
  }
};
function isLayout(s) {
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === C_BAR) {
      const e = triviaEnd(s, i + 1);
      if (e < 0)
        return false;
      i = e;
    } else if (c >= 49 && c <= 57) {
      i++;
      while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57)
        i++;
    } else
      return false;
  }
  return true;
}

// dist/modelica/lexer.js
var KEYWORD_LIST = [
  "algorithm",
  "and",
  "annotation",
  "block",
  "break",
  "class",
  "connect",
  "connector",
  "constant",
  "constrainedby",
  "der",
  "discrete",
  "each",
  "else",
  "elseif",
  "elsewhen",
  "encapsulated",
  "end",
  "enumeration",
  "equation",
  "expandable",
  "extends",
  "external",
  "false",
  "final",
  "flow",
  "for",
  "function",
  "if",
  "import",
  "impure",
  "in",
  "initial",
  "inner",
  "input",
  "loop",
  "model",
  "not",
  "operator",
  "or",
  "outer",
  "output",
  "package",
  "parameter",
  "partial",
  "protected",
  "public",
  "pure",
  "record",
  "redeclare",
  "replaceable",
  "return",
  "stream",
  "then",
  "true",
  "type",
  "when",
  "while",
  "within"
];
var KEYWORDS = new Map(KEYWORD_LIST.map((k, i) => [k, 33 + i]));
var PUNCT_TEXT = {
  [
    4
    /* T.LPAREN */
  ]: "(",
  [
    5
    /* T.RPAREN */
  ]: ")",
  [
    6
    /* T.LBRACK */
  ]: "[",
  [
    7
    /* T.RBRACK */
  ]: "]",
  [
    8
    /* T.LBRACE */
  ]: "{",
  [
    9
    /* T.RBRACE */
  ]: "}",
  [
    10
    /* T.COMMA */
  ]: ",",
  [
    11
    /* T.SEMI */
  ]: ";",
  [
    12
    /* T.COLON */
  ]: ":",
  [
    13
    /* T.DOT */
  ]: ".",
  [
    14
    /* T.EQ */
  ]: "=",
  [
    15
    /* T.ASSIGN */
  ]: ":=",
  [
    16
    /* T.PLUS */
  ]: "+",
  [
    17
    /* T.MINUS */
  ]: "-",
  [
    18
    /* T.STAR */
  ]: "*",
  [
    19
    /* T.SLASH */
  ]: "/",
  [
    20
    /* T.POW */
  ]: "^",
  [
    21
    /* T.DPLUS */
  ]: ".+",
  [
    22
    /* T.DMINUS */
  ]: ".-",
  [
    23
    /* T.DSTAR */
  ]: ".*",
  [
    24
    /* T.DSLASH */
  ]: "./",
  [
    25
    /* T.DPOW */
  ]: ".^",
  [
    27
    /* T.LT */
  ]: "<",
  [
    28
    /* T.LE */
  ]: "<=",
  [
    29
    /* T.GT */
  ]: ">",
  [
    30
    /* T.GE */
  ]: ">=",
  [
    31
    /* T.EQEQ */
  ]: "==",
  [
    32
    /* T.NEQ */
  ]: "<>"
};
function kindName(k) {
  if (k === 0)
    return "end of file";
  if (k === 1)
    return "identifier";
  if (k === 2)
    return "string";
  if (k === 3)
    return "number";
  if (k >= 33 && k <= 91)
    return `'${KEYWORD_LIST[
      k - 33
      /* T.KW_FIRST */
    ]}'`;
  return `'${PUNCT_TEXT[k] ?? "?"}'`;
}
var ModelicaSyntaxError = class extends Error {
  file;
  line;
  col;
  detail;
  constructor(file, line, col, detail) {
    super(`${file}:${line}:${col}: ${detail}`);
    this.file = file;
    this.line = line;
    this.col = col;
    this.detail = detail;
    this.name = "ModelicaSyntaxError";
  }
};
function lineCol(src, pos) {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < pos; i++) {
    if (src.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: pos - lineStart + 1 };
}
var C_TAB2 = 9;
var C_LF2 = 10;
var C_VT2 = 11;
var C_FF2 = 12;
var C_CR2 = 13;
var C_SP2 = 32;
function isIdentStart(c) {
  return c >= 97 && c <= 122 || c >= 65 && c <= 90 || c === 95;
}
function isIdentPart(c) {
  return c >= 97 && c <= 122 || c >= 65 && c <= 90 || c === 95 || c >= 48 && c <= 57;
}
function isDigit(c) {
  return c >= 48 && c <= 57;
}
var KW_BITS = 9;
var KW_SIZE = 1 << KW_BITS;
var kwTable = new Uint8Array(KW_SIZE);
function kwHash(h) {
  return Math.imul(h, 2654435761) >>> 32 - KW_BITS;
}
for (let k = 0; k < KEYWORD_LIST.length; k++) {
  const w = KEYWORD_LIST[k];
  let h = 0;
  for (let i = 0; i < w.length; i++)
    h = Math.imul(h, 31) + w.charCodeAt(i) | 0;
  let slot = kwHash(h);
  while (kwTable[slot] !== 0)
    slot = slot + 1 & KW_SIZE - 1;
  kwTable[slot] = 33 + k;
}
function keywordAt(src, s, len, h) {
  for (let slot = kwHash(h); ; slot = slot + 1 & KW_SIZE - 1) {
    const k = kwTable[slot];
    if (k === 0)
      return 1;
    const w = KEYWORD_LIST[
      k - 33
      /* T.KW_FIRST */
    ];
    if (w.length === len && src.startsWith(w, s))
      return k;
  }
}
var shared;
function tokenize(src, file, reuse = false) {
  const n = src.length;
  let cap = Math.max(16, (n >> 2) + 16);
  let kind, start, end;
  if (reuse && shared !== void 0 && shared.kind.length >= cap)
    ({ kind, start, end } = shared);
  else {
    if (reuse)
      cap = Math.max(cap, 4096);
    kind = new Uint8Array(cap);
    start = new Uint32Array(cap);
    end = new Uint32Array(cap);
    if (reuse)
      shared = { kind, start, end };
  }
  cap = kind.length;
  let count = 0;
  const fail2 = (pos, msg) => {
    const { line, col } = lineCol(src, pos);
    throw new ModelicaSyntaxError(file, line, col, msg);
  };
  let i = 0;
  if (n > 0 && src.charCodeAt(0) === 65279)
    i = 1;
  for (; ; ) {
    if (count === cap) {
      cap *= 2;
      const k2 = new Uint8Array(cap);
      k2.set(kind);
      kind = k2;
      const s2 = new Uint32Array(cap);
      s2.set(start);
      start = s2;
      const e2 = new Uint32Array(cap);
      e2.set(end);
      end = e2;
      if (reuse)
        shared = { kind, start, end };
    }
    if (i >= n)
      break;
    const c = src.charCodeAt(i);
    if (c === C_SP2 || c === C_LF2 || c === C_CR2 || c === C_TAB2 || c === C_VT2 || c === C_FF2) {
      i++;
      continue;
    }
    const s = i;
    let k;
    if (c === 47) {
      const d = src.charCodeAt(i + 1);
      if (d === 47) {
        const nl = src.indexOf("\n", i + 2);
        i = nl < 0 ? n : nl;
        continue;
      }
      if (d === 42) {
        const close = src.indexOf("*/", i + 2);
        if (close < 0)
          fail2(i, "unterminated comment, expected '*/', found end of file");
        i = close + 2;
        continue;
      }
      k = 19;
      i++;
    } else if (isIdentStart(c)) {
      let h = c;
      i++;
      let d = src.charCodeAt(i);
      while (isIdentPart(d)) {
        h = Math.imul(h, 31) + d | 0;
        d = src.charCodeAt(++i);
      }
      const len = i - s;
      k = len >= 2 && len <= 13 && c >= 97 ? keywordAt(src, s, len, h) : 1;
    } else if (isDigit(c) || c === 46 && isDigit(src.charCodeAt(i + 1))) {
      while (i < n && isDigit(src.charCodeAt(i)))
        i++;
      if (src.charCodeAt(i) === 46) {
        i++;
        while (i < n && isDigit(src.charCodeAt(i)))
          i++;
      }
      const e = src.charCodeAt(i);
      if (e === 101 || e === 69) {
        let j = i + 1;
        const sg = src.charCodeAt(j);
        if (sg === 43 || sg === 45)
          j++;
        if (!isDigit(src.charCodeAt(j)))
          fail2(j, `expected exponent digits, found ${describeChar(src, j)}`);
        while (j < n && isDigit(src.charCodeAt(j)))
          j++;
        i = j;
      }
      k = 3;
    } else if (c === 34) {
      i++;
      for (; ; ) {
        if (i >= n)
          fail2(s, `unterminated string, expected '"', found end of file`);
        const d = src.charCodeAt(i);
        if (d === 34) {
          i++;
          break;
        }
        if (d === 92) {
          i += 2;
          continue;
        }
        i++;
      }
      k = 2;
    } else if (c === 39) {
      i++;
      for (; ; ) {
        if (i >= n)
          fail2(s, `unterminated quoted identifier, expected "'", found end of file`);
        const d = src.charCodeAt(i);
        if (d === 39) {
          i++;
          break;
        }
        if (d === 92) {
          i += 2;
          continue;
        }
        if (d === 10 || d === 13)
          fail2(i, `expected "'" closing the quoted identifier, found end of line`);
        i++;
      }
      if (i - s === 2)
        fail2(s, `expected a character in the quoted identifier, found "'"`);
      k = 1;
    } else {
      const d = src.charCodeAt(i + 1);
      i++;
      switch (c) {
        case 40:
          k = 4;
          break;
        case 41:
          k = 5;
          break;
        case 91:
          k = 6;
          break;
        case 93:
          k = 7;
          break;
        case 123:
          k = 8;
          break;
        case 125:
          k = 9;
          break;
        case 44:
          k = 10;
          break;
        case 59:
          k = 11;
          break;
        case 58:
          if (d === 61) {
            k = 15;
            i++;
          } else
            k = 12;
          break;
        case 61:
          if (d === 61) {
            k = 31;
            i++;
          } else
            k = 14;
          break;
        case 43:
          k = 16;
          break;
        case 45:
          k = 17;
          break;
        case 42:
          k = 18;
          break;
        case 94:
          k = 20;
          break;
        case 60:
          if (d === 61) {
            k = 28;
            i++;
          } else if (d === 62) {
            k = 32;
            i++;
          } else
            k = 27;
          break;
        case 62:
          if (d === 61) {
            k = 30;
            i++;
          } else
            k = 29;
          break;
        case 46:
          if (d === 43) {
            k = 21;
            i++;
          } else if (d === 45) {
            k = 22;
            i++;
          } else if (d === 42) {
            k = 23;
            i++;
          } else if (d === 47) {
            k = 24;
            i++;
          } else if (d === 94) {
            k = 25;
            i++;
          } else
            k = 13;
          break;
        default:
          return fail2(s, `expected a token, found ${describeChar(src, s)}`);
      }
    }
    kind[count] = k;
    start[count] = s;
    end[count] = i;
    count++;
  }
  kind[count] = 0;
  start[count] = n;
  end[count] = n;
  count++;
  return { src, file, count, kind, start, end };
}
function describeChar(src, i) {
  if (i >= src.length)
    return "end of file";
  const cp = src.codePointAt(i);
  return cp < 32 ? `character U+${cp.toString(16).padStart(4, "0")}` : `'${String.fromCodePoint(cp)}'`;
}

// dist/modelica/parser.js
var CLASS_START = /* @__PURE__ */ new Set([
  49,
  77,
  38,
  69,
  71,
  81,
  36,
  53,
  40,
  88,
  75,
  80,
  63,
  60
]);
var Parser4 = class {
  toks;
  cov;
  kind;
  start;
  end;
  src;
  p = 0;
  constructor(toks, cov) {
    this.toks = toks;
    this.cov = cov;
    this.kind = toks.kind;
    this.start = toks.start;
    this.end = toks.end;
    this.src = toks.src;
  }
  // ---- token helpers -------------------------------------------------------------------------
  // number, not T: TypeScript would otherwise narrow it across this.p++ and reject later checks
  tk() {
    return this.kind[this.p];
  }
  la(n) {
    const i = this.p + n;
    return i < this.toks.count ? this.kind[i] : 0;
  }
  text() {
    return this.src.slice(this.start[this.p], this.end[this.p]);
  }
  hit(rule) {
    this.cov?.add(rule);
  }
  eat(k) {
    if (this.kind[this.p] === k) {
      this.p++;
      return true;
    }
    return false;
  }
  expect(k, what) {
    if (this.kind[this.p] !== k)
      this.fail(what ?? kindName(k));
    this.p++;
  }
  ident() {
    if (this.kind[this.p] !== 1)
      this.fail("identifier");
    return this.src.slice(this.start[this.p], this.end[this.p++]);
  }
  fail(expected) {
    const pos = this.start[this.p];
    const { line, col } = lineCol(this.src, pos);
    const k = this.tk();
    const found = k === 0 ? "end of file" : k === 2 ? "string" : `'${this.text()}'`;
    throw new ModelicaSyntaxError(this.toks.file, line, col, `expected ${expected}, found ${found}`);
  }
  atEnd() {
    return this.tk() === 0;
  }
  expectEof() {
    if (this.tk() !== 0)
      this.fail("end of input");
  }
  // ---- A.2.1 stored definition ------------------------------------------------------------------
  storedDefinition() {
    this.hit("stored-definition");
    const sd = { classes: [] };
    if (this.eat(
      91
      /* T.WITHIN */
    )) {
      this.hit("stored-definition/within");
      sd.within = this.tk() === 1 ? { name: this.name() } : {};
      this.expect(
        11
        /* T.SEMI */
      );
    }
    while (this.tk() !== 0) {
      const final = this.eat(
        57
        /* T.FINAL */
      );
      if (final)
        this.hit("stored-definition/final");
      if (!CLASS_START.has(this.tk()))
        this.fail("a class definition");
      const cls = this.classDefinition();
      this.expect(
        11
        /* T.SEMI */
      );
      sd.classes.push({ final, cls });
    }
    return sd;
  }
  // ---- A.2.2 class definition -------------------------------------------------------------------
  classDefinition() {
    this.hit("class-definition");
    const encapsulated = this.eat(
      49
      /* T.ENCAPSULATED */
    );
    if (encapsulated)
      this.hit("class-definition/encapsulated");
    const pre = this.classPrefixes();
    return this.classSpecifier(encapsulated, pre);
  }
  classPrefixes() {
    this.hit("class-prefixes");
    const partial = this.eat(
      77
      /* T.PARTIAL */
    );
    if (partial)
      this.hit("class-prefixes/partial");
    const pre = { partial, kind: "class", operator: false, expandable: false };
    switch (this.tk()) {
      case 38:
        pre.kind = "class";
        break;
      case 69:
        pre.kind = "model";
        break;
      case 36:
        pre.kind = "block";
        break;
      case 88:
        pre.kind = "type";
        break;
      case 75:
        pre.kind = "package";
        break;
      case 81:
        pre.kind = "record";
        break;
      case 40:
        pre.kind = "connector";
        break;
      case 60:
        pre.kind = "function";
        break;
      case 53:
        this.p++;
        this.hit("class-prefixes/expandable");
        pre.expandable = true;
        if (this.tk() !== 40)
          this.fail("'connector'");
        pre.kind = "connector";
        break;
      case 80:
      case 63:
        pre.purity = this.tk() === 80 ? "pure" : "impure";
        this.hit(`class-prefixes/${pre.purity}`);
        this.p++;
        if (this.eat(
          71
          /* T.OPERATOR */
        ))
          pre.operator = true;
        if (this.tk() !== 60)
          this.fail("'function'");
        pre.kind = "function";
        break;
      case 71:
        this.p++;
        if (this.tk() === 81) {
          pre.operator = true;
          pre.kind = "record";
          this.hit("class-prefixes/operator-record");
        } else if (this.tk() === 60) {
          pre.operator = true;
          pre.kind = "function";
          this.hit("class-prefixes/operator-function");
        } else {
          pre.kind = "operator";
          this.hit("class-prefixes/operator");
          return pre;
        }
        break;
      default:
        this.fail("a class kind (class, model, record, block, connector, type, package, function, operator)");
    }
    this.hit(`class-prefixes/${pre.kind}`);
    this.p++;
    return pre;
  }
  classSpecifier(encapsulated, pre) {
    this.hit("class-specifier");
    if (this.tk() === 54) {
      this.hit("long-class-specifier");
      this.hit("long-class-specifier/extends");
      this.p++;
      const name2 = this.ident();
      const cm = this.tk() === 4 ? this.classModification() : void 0;
      const desc2 = this.descriptionString();
      const comp2 = this.composition();
      this.expect(
        50
        /* T.END */
      );
      const endName2 = this.ident();
      const spec = { k: "extends", desc: desc2, comp: comp2, endName: endName2 };
      if (cm)
        spec.cm = cm;
      return { encapsulated, pre, name: name2, spec };
    }
    const name = this.ident();
    if (this.tk() === 14) {
      this.p++;
      if (this.tk() === 51)
        return { encapsulated, pre, name, spec: this.enumSpec() };
      if (this.tk() === 43 && this.la(1) === 4) {
        this.hit("der-class-specifier");
        this.p += 2;
        const type = this.typeSpecifier();
        const ids = [];
        do {
          this.expect(
            10
            /* T.COMMA */
          );
          ids.push(this.ident());
        } while (this.tk() === 10);
        this.expect(
          5
          /* T.RPAREN */
        );
        return { encapsulated, pre, name, spec: { k: "der", type, ids, comment: this.comment() } };
      }
      return { encapsulated, pre, name, spec: this.shortSpec() };
    }
    this.hit("long-class-specifier");
    const desc = this.descriptionString();
    const comp = this.composition();
    this.expect(
      50
      /* T.END */
    );
    const endName = this.ident();
    return { encapsulated, pre, name, spec: { k: "long", desc, comp, endName } };
  }
  /** short-class-specifier after `IDENT =` (not enumeration). */
  shortSpec() {
    this.hit("short-class-specifier");
    let base;
    if (this.tk() === 67 || this.tk() === 74) {
      this.hit("base-prefix");
      base = this.tk() === 67 ? "input" : "output";
      this.p++;
    }
    const type = this.typeSpecifier();
    const spec = { k: "short", type, comment: { desc: [] } };
    if (base)
      spec.base = base;
    if (this.tk() === 6)
      spec.subs = this.arraySubscripts();
    if (this.tk() === 4)
      spec.cm = this.classModification();
    spec.comment = this.comment();
    return spec;
  }
  enumSpec() {
    this.hit("short-class-specifier/enumeration");
    this.p++;
    this.expect(
      4
      /* T.LPAREN */
    );
    const lits = [];
    let colon = false;
    if (this.eat(
      12
      /* T.COLON */
    )) {
      colon = true;
      this.hit("short-class-specifier/enumeration-colon");
    } else if (this.tk() === 1) {
      this.hit("enum-list");
      do {
        this.hit("enumeration-literal");
        lits.push({ id: this.ident(), comment: this.comment() });
      } while (this.eat(
        10
        /* T.COMMA */
      ));
    }
    this.expect(5, lits.length ? "',' or ')'" : "')'");
    return { k: "enum", colon, lits, comment: this.comment() };
  }
  isSectionStart() {
    const k = this.tk();
    return k === 79 || k === 78 || k === 52 || k === 33 || k === 65 && (this.la(1) === 52 || this.la(1) === 33);
  }
  composition() {
    this.hit("composition");
    const comp = { sections: [{ k: "public", keyword: false, elems: this.elementList() }] };
    for (; ; ) {
      const k = this.tk();
      if (k === 79 || k === 78) {
        this.hit(k === 79 ? "composition/public" : "composition/protected");
        this.p++;
        comp.sections.push({ k: k === 79 ? "public" : "protected", keyword: true, elems: this.elementList() });
      } else if (k === 52 || k === 65 && this.la(1) === 52) {
        comp.sections.push(this.equationSection());
      } else if (k === 33 || k === 65 && this.la(1) === 33) {
        comp.sections.push(this.algorithmSection());
      } else
        break;
    }
    if (this.eat(
      55
      /* T.EXTERNAL */
    )) {
      this.hit("composition/external");
      const ext = {};
      if (this.tk() === 2) {
        this.hit("language-specification");
        ext.lang = this.text();
        this.p++;
      }
      if (this.tk() === 1 || this.tk() === 13)
        ext.call = this.externalCall();
      if (this.tk() === 35)
        ext.ann = this.annotationClause();
      this.expect(
        11
        /* T.SEMI */
      );
      comp.external = ext;
    }
    if (this.tk() === 35) {
      this.hit("composition/annotation");
      comp.ann = this.annotationClause();
      this.expect(
        11
        /* T.SEMI */
      );
    }
    return comp;
  }
  externalCall() {
    this.hit("external-function-call");
    if (this.tk() === 1 && this.la(1) === 4) {
      return this.externalCallTail({ fn: this.ident() });
    }
    const lhs = this.componentReference();
    this.expect(14, "'=' or '('");
    this.hit("external-function-call/lhs");
    return this.externalCallTail({ lhs, fn: this.ident() });
  }
  externalCallTail(call) {
    this.expect(
      4
      /* T.LPAREN */
    );
    if (this.tk() !== 5)
      call.args = this.expressionList();
    this.expect(
      5
      /* T.RPAREN */
    );
    return call;
  }
  elementList() {
    this.hit("element-list");
    const elems = [];
    for (; ; ) {
      const k = this.tk();
      if (k === 50 || k === 0 || k === 55 || k === 35 || this.isSectionStart())
        break;
      elems.push(this.element());
      this.expect(
        11
        /* T.SEMI */
      );
    }
    return elems;
  }
  element() {
    this.hit("element");
    if (this.tk() === 62)
      return this.importClause();
    if (this.tk() === 54)
      return this.extendsClause();
    const pre = { redeclare: false, final: false, inner: false, outer: false, replaceable: false };
    if (this.eat(
      82
      /* T.REDECLARE */
    )) {
      pre.redeclare = true;
      this.hit("element/redeclare");
    }
    if (this.eat(
      57
      /* T.FINAL */
    )) {
      pre.final = true;
      this.hit("element/final");
    }
    if (this.eat(
      66
      /* T.INNER */
    )) {
      pre.inner = true;
      this.hit("element/inner");
    }
    if (this.eat(
      73
      /* T.OUTER */
    )) {
      pre.outer = true;
      this.hit("element/outer");
    }
    if (this.eat(
      83
      /* T.REPLACEABLE */
    )) {
      pre.replaceable = true;
      this.hit("element/replaceable");
    }
    let el;
    if (CLASS_START.has(this.tk())) {
      this.hit("element/class-definition");
      el = { k: "class", pre, cls: this.classDefinition() };
    } else {
      this.hit("element/component-clause");
      el = { k: "comp", pre, clause: this.componentClause() };
    }
    if (pre.replaceable && this.tk() === 42) {
      el.cc = this.constrainingClause();
      el.ccComment = this.comment();
    }
    return el;
  }
  importClause() {
    this.hit("import-clause");
    this.p++;
    if (this.tk() === 1 && this.la(1) === 14) {
      this.hit("import-clause/alias");
      const alias = this.ident();
      this.p++;
      const name2 = this.name();
      return { k: "import", alias, name: name2, comment: this.comment() };
    }
    const name = this.name();
    const el = { k: "import", name, comment: { desc: [] } };
    if (this.eat(
      23
      /* T.DSTAR */
    )) {
      this.hit("import-clause/dot-star");
      el.wild = ".*";
    } else if (this.tk() === 13) {
      this.p++;
      if (this.eat(
        18
        /* T.STAR */
      )) {
        this.hit("import-clause/dot-space-star");
        el.wild = ". *";
      } else {
        this.expect(8, "'*' or '{'");
        this.hit("import-list");
        const list = [this.ident()];
        while (this.eat(
          10
          /* T.COMMA */
        ))
          list.push(this.ident());
        this.expect(
          9
          /* T.RBRACE */
        );
        el.list = list;
      }
    } else
      this.hit("import-clause/name");
    el.comment = this.comment();
    return el;
  }
  // ---- A.2.3 extends ------------------------------------------------------------------------------
  extendsClause() {
    this.hit("extends-clause");
    this.p++;
    const el = { k: "extends", type: this.typeSpecifier() };
    if (this.tk() === 4)
      el.cm = this.classModification();
    if (this.tk() === 35)
      el.ann = this.annotationClause();
    return el;
  }
  constrainingClause() {
    this.hit("constraining-clause");
    this.expect(
      42
      /* T.CONSTRAINEDBY */
    );
    const cc = { type: this.typeSpecifier() };
    if (this.tk() === 4)
      cc.cm = this.classModification();
    return cc;
  }
  // ---- A.2.4 component clause ------------------------------------------------------------------
  componentClause() {
    this.hit("component-clause");
    const cc = this.typePrefixAndSpecifier();
    if (this.tk() === 6)
      cc.subs = this.arraySubscripts();
    this.hit("component-list");
    do {
      cc.decls.push(this.componentDeclaration());
    } while (this.eat(
      10
      /* T.COMMA */
    ));
    return cc;
  }
  typePrefixAndSpecifier() {
    this.hit("type-prefix");
    const cc = { type: { global: false, name: [] }, decls: [] };
    if (this.tk() === 58 || this.tk() === 85) {
      cc.flow = this.tk() === 58 ? "flow" : "stream";
      this.hit(`type-prefix/${cc.flow}`);
      this.p++;
    }
    if (this.tk() === 44 || this.tk() === 76 || this.tk() === 41) {
      cc.variability = this.tk() === 44 ? "discrete" : this.tk() === 76 ? "parameter" : "constant";
      this.hit(`type-prefix/${cc.variability}`);
      this.p++;
    }
    if (this.tk() === 67 || this.tk() === 74) {
      cc.causality = this.tk() === 67 ? "input" : "output";
      this.hit(`type-prefix/${cc.causality}`);
      this.p++;
    }
    cc.type = this.typeSpecifier();
    return cc;
  }
  componentDeclaration() {
    this.hit("component-declaration");
    const d = this.declaration();
    if (this.tk() === 61) {
      this.hit("condition-attribute");
      this.p++;
      d.cond = this.expression();
    }
    d.comment = this.comment();
    return d;
  }
  declaration() {
    this.hit("declaration");
    const d = { name: this.ident(), comment: { desc: [] } };
    if (this.tk() === 6)
      d.subs = this.arraySubscripts();
    if (this.tk() === 4 || this.tk() === 14 || this.tk() === 15)
      d.mod = this.modification();
    return d;
  }
  // ---- A.2.5 modification ----------------------------------------------------------------------
  modification() {
    this.hit("modification");
    const m = {};
    if (this.tk() === 4) {
      m.cm = this.classModification();
      if (this.tk() !== 14)
        return m;
    }
    if (this.tk() === 14) {
      m.eq = "=";
      this.hit("modification/=");
    } else if (this.tk() === 15) {
      m.eq = ":=";
      this.hit("modification/:=");
    } else
      this.fail("'(', '=' or ':='");
    this.p++;
    this.hit("modification-expression");
    if (this.tk() === 37) {
      this.hit("modification-expression/break");
      this.p++;
      m.value = "break";
    } else
      m.value = this.expression();
    return m;
  }
  classModification() {
    this.hit("class-modification");
    this.expect(
      4
      /* T.LPAREN */
    );
    const args = [];
    if (this.tk() !== 5) {
      this.hit("argument-list");
      do
        args.push(this.argument());
      while (this.eat(
        10
        /* T.COMMA */
      ));
    }
    this.expect(5, args.length ? "',' or ')'" : "')'");
    return args;
  }
  argument() {
    this.hit("argument");
    const a = { redeclare: false, each: false, final: false, replaceable: false, kind: "mod" };
    if (this.eat(
      82
      /* T.REDECLARE */
    )) {
      a.redeclare = true;
      this.hit("element-redeclaration");
    } else
      this.hit("element-modification-or-replaceable");
    if (this.eat(
      45
      /* T.EACH */
    )) {
      a.each = true;
      this.hit("argument/each");
    }
    if (this.eat(
      57
      /* T.FINAL */
    )) {
      a.final = true;
      this.hit("argument/final");
    }
    if (this.eat(
      83
      /* T.REPLACEABLE */
    )) {
      this.hit("element-replaceable");
      a.replaceable = true;
      this.replaceableBody(a);
      if (this.tk() === 42)
        a.cc = this.constrainingClause();
      return a;
    }
    if (a.redeclare) {
      this.replaceableBody(a);
      return a;
    }
    this.hit("element-modification");
    a.name = this.name();
    if (this.tk() === 4 || this.tk() === 14 || this.tk() === 15)
      a.mod = this.modification();
    a.desc = this.descriptionString();
    return a;
  }
  replaceableBody(a) {
    if (CLASS_START.has(this.tk())) {
      this.hit("short-class-definition");
      a.kind = "class";
      const pre = this.classPrefixes();
      const name = this.ident();
      this.expect(
        14
        /* T.EQ */
      );
      a.cls = { encapsulated: false, pre, name, spec: this.tk() === 51 ? this.enumSpec() : this.shortSpec() };
    } else {
      this.hit("component-clause1");
      a.kind = "comp";
      const cc = this.typePrefixAndSpecifier();
      this.hit("component-declaration1");
      const d = this.declaration();
      d.comment = this.comment();
      cc.decls.push(d);
      a.comp = cc;
    }
  }
  // ---- A.2.6 equations -------------------------------------------------------------------------
  equationSection() {
    this.hit("equation-section");
    const initial = this.eat(
      65
      /* T.INITIAL */
    );
    if (initial)
      this.hit("equation-section/initial");
    this.expect(
      52
      /* T.EQUATION */
    );
    const eqs = [];
    while (!this.isSectionEnd()) {
      eqs.push(this.equation());
      this.expect(
        11
        /* T.SEMI */
      );
    }
    return { k: "equation", initial, eqs };
  }
  algorithmSection() {
    this.hit("algorithm-section");
    const initial = this.eat(
      65
      /* T.INITIAL */
    );
    if (initial)
      this.hit("algorithm-section/initial");
    this.expect(
      33
      /* T.ALGORITHM */
    );
    const stmts = [];
    while (!this.isSectionEnd()) {
      stmts.push(this.statement());
      this.expect(
        11
        /* T.SEMI */
      );
    }
    return { k: "algorithm", initial, stmts };
  }
  isSectionEnd() {
    const k = this.tk();
    return k === 50 || k === 0 || k === 55 || k === 35 || this.isSectionStart();
  }
  equation() {
    this.hit("equation");
    switch (this.tk()) {
      case 61: {
        this.hit("if-equation");
        const { branches, otherwise } = this.ifBlock(() => this.equation());
        const eq = { k: "if", branches, comment: { desc: [] } };
        if (otherwise)
          eq.otherwise = otherwise;
        eq.comment = this.comment();
        return eq;
      }
      case 59: {
        this.hit("for-equation");
        this.p++;
        const idx = this.forIndices();
        this.expect(
          68
          /* T.LOOP */
        );
        const body = this.bodyUntilEnd(() => this.equation());
        this.expect(
          50
          /* T.END */
        );
        this.expect(
          59
          /* T.FOR */
        );
        return { k: "for", idx, body, comment: this.comment() };
      }
      case 39: {
        this.hit("connect-clause");
        this.p++;
        this.expect(
          4
          /* T.LPAREN */
        );
        const a = this.componentReference();
        this.expect(
          10
          /* T.COMMA */
        );
        const b = this.componentReference();
        this.expect(
          5
          /* T.RPAREN */
        );
        return { k: "connect", a, b, comment: this.comment() };
      }
      case 89: {
        this.hit("when-equation");
        const branches = this.whenBlock(() => this.equation());
        return { k: "when", branches, comment: this.comment() };
      }
    }
    const lhs = this.simpleExpression();
    if (this.eat(
      14
      /* T.EQ */
    )) {
      this.hit("equation/simple");
      const rhs = this.expression();
      return { k: "eq", lhs, rhs, comment: this.comment() };
    }
    if (lhs.k === "call" && typeof lhs.fn !== "string") {
      this.hit("equation/call");
      return { k: "call", fn: lhs.fn, args: lhs.args, comment: this.comment() };
    }
    return this.fail("'='");
  }
  statement() {
    this.hit("statement");
    switch (this.tk()) {
      case 37:
        this.p++;
        this.hit("statement/break");
        return { k: "break", comment: this.comment() };
      case 84:
        this.p++;
        this.hit("statement/return");
        return { k: "return", comment: this.comment() };
      case 61: {
        this.hit("if-statement");
        const { branches, otherwise } = this.ifBlock(() => this.statement());
        const st = { k: "if", branches, comment: { desc: [] } };
        if (otherwise)
          st.otherwise = otherwise;
        st.comment = this.comment();
        return st;
      }
      case 59: {
        this.hit("for-statement");
        this.p++;
        const idx = this.forIndices();
        this.expect(
          68
          /* T.LOOP */
        );
        const body = this.bodyUntilEnd(() => this.statement());
        this.expect(
          50
          /* T.END */
        );
        this.expect(
          59
          /* T.FOR */
        );
        return { k: "for", idx, body, comment: this.comment() };
      }
      case 90: {
        this.hit("while-statement");
        this.p++;
        const cond = this.expression();
        this.expect(
          68
          /* T.LOOP */
        );
        const body = this.bodyUntilEnd(() => this.statement());
        this.expect(
          50
          /* T.END */
        );
        this.expect(
          90
          /* T.WHILE */
        );
        return { k: "while", cond, body, comment: this.comment() };
      }
      case 89: {
        this.hit("when-statement");
        const branches = this.whenBlock(() => this.statement());
        return { k: "when", branches, comment: this.comment() };
      }
      case 4: {
        this.hit("statement/multiple-output");
        this.p++;
        const out = this.outputExpressionList();
        this.expect(
          5
          /* T.RPAREN */
        );
        this.expect(
          15
          /* T.ASSIGN */
        );
        const fn = this.componentReference();
        const args = this.functionCallArgs();
        return { k: "multi", out, fn, args, comment: this.comment() };
      }
    }
    const ref2 = this.componentReference();
    if (this.eat(
      15
      /* T.ASSIGN */
    )) {
      this.hit("statement/assign");
      return { k: "assign", lhs: ref2, rhs: this.expression(), comment: this.comment() };
    }
    if (this.tk() !== 4)
      this.fail("':=' or '('");
    this.hit("statement/call");
    return { k: "call", fn: ref2, args: this.functionCallArgs(), comment: this.comment() };
  }
  bodyUntilEnd(item) {
    const body = [];
    while (this.tk() !== 50 && this.tk() !== 0) {
      body.push(item());
      this.expect(
        11
        /* T.SEMI */
      );
    }
    return body;
  }
  ifBlock(item) {
    this.p++;
    const branches = [];
    let otherwise;
    for (; ; ) {
      const cond = this.expression();
      this.expect(
        86
        /* T.THEN */
      );
      const body = [];
      while (this.tk() !== 47 && this.tk() !== 46 && this.tk() !== 50 && this.tk() !== 0) {
        body.push(item());
        this.expect(
          11
          /* T.SEMI */
        );
      }
      branches.push({ cond, body });
      if (this.eat(
        47
        /* T.ELSEIF */
      )) {
        this.hit("if/elseif");
        continue;
      }
      break;
    }
    if (this.eat(
      46
      /* T.ELSE */
    )) {
      this.hit("if/else");
      otherwise = this.bodyUntilEnd(item);
    }
    this.expect(
      50
      /* T.END */
    );
    this.expect(
      61
      /* T.IF */
    );
    return otherwise ? { branches, otherwise } : { branches };
  }
  whenBlock(item) {
    this.p++;
    const branches = [];
    for (; ; ) {
      const cond = this.expression();
      this.expect(
        86
        /* T.THEN */
      );
      const body = [];
      while (this.tk() !== 48 && this.tk() !== 50 && this.tk() !== 0) {
        body.push(item());
        this.expect(
          11
          /* T.SEMI */
        );
      }
      branches.push({ cond, body });
      if (this.eat(
        48
        /* T.ELSEWHEN */
      )) {
        this.hit("when/elsewhen");
        continue;
      }
      break;
    }
    this.expect(
      50
      /* T.END */
    );
    this.expect(
      89
      /* T.WHEN */
    );
    return branches;
  }
  forIndices() {
    this.hit("for-indices");
    const idx = [];
    do {
      this.hit("for-index");
      const fi = { id: this.ident() };
      if (this.eat(
        64
        /* T.IN */
      ))
        fi.range = this.expression();
      else
        this.hit("for-index/implicit-range");
      idx.push(fi);
    } while (this.eat(
      10
      /* T.COMMA */
    ));
    return idx;
  }
  // ---- A.2.7 expressions -----------------------------------------------------------------------
  expression() {
    this.hit("expression");
    if (this.tk() === 61) {
      this.hit("expression/if");
      this.p++;
      const branches = [];
      for (; ; ) {
        const c = this.expression();
        this.expect(
          86
          /* T.THEN */
        );
        branches.push([c, this.expression()]);
        if (this.eat(
          47
          /* T.ELSEIF */
        )) {
          this.hit("expression/elseif");
          continue;
        }
        break;
      }
      this.expect(46, "'elseif' or 'else'");
      return { k: "if", branches, otherwise: this.expression() };
    }
    return this.simpleExpression();
  }
  simpleExpression() {
    this.hit("simple-expression");
    const first = this.logicalExpression();
    if (this.tk() !== 12)
      return first;
    this.hit("simple-expression/range");
    const parts = [first];
    this.p++;
    parts.push(this.logicalExpression());
    if (this.eat(
      12
      /* T.COLON */
    ))
      parts.push(this.logicalExpression());
    return { k: "range", parts };
  }
  logicalExpression() {
    this.hit("logical-expression");
    let e = this.logicalTerm();
    while (this.tk() === 72) {
      this.hit("logical-expression/or");
      this.p++;
      e = { k: "bin", op: "or", l: e, r: this.logicalTerm() };
    }
    return e;
  }
  logicalTerm() {
    this.hit("logical-term");
    let e = this.logicalFactor();
    while (this.tk() === 34) {
      this.hit("logical-term/and");
      this.p++;
      e = { k: "bin", op: "and", l: e, r: this.logicalFactor() };
    }
    return e;
  }
  logicalFactor() {
    this.hit("logical-factor");
    if (this.tk() === 70) {
      this.hit("logical-factor/not");
      this.p++;
      return { k: "un", op: "not", e: this.relation() };
    }
    return this.relation();
  }
  relation() {
    this.hit("relation");
    const l = this.arithmeticExpression();
    const k = this.tk();
    if (k >= 27 && k <= 32) {
      this.hit("relational-operator");
      const op = this.text();
      this.p++;
      return { k: "bin", op, l, r: this.arithmeticExpression() };
    }
    return l;
  }
  arithmeticExpression() {
    this.hit("arithmetic-expression");
    let e;
    const k0 = this.tk();
    if (k0 === 16 || k0 === 17 || k0 === 21 || k0 === 22) {
      this.hit("add-operator");
      this.hit("arithmetic-expression/unary");
      const op = this.text();
      this.p++;
      e = { k: "un", op, e: this.term() };
    } else
      e = this.term();
    for (; ; ) {
      const k = this.tk();
      if (k !== 16 && k !== 17 && k !== 21 && k !== 22)
        return e;
      this.hit("add-operator");
      const op = this.text();
      this.p++;
      e = { k: "bin", op, l: e, r: this.term() };
    }
  }
  term() {
    this.hit("term");
    let e = this.factor();
    for (; ; ) {
      const k = this.tk();
      if (k !== 18 && k !== 19 && k !== 23 && k !== 24)
        return e;
      this.hit("mul-operator");
      const op = this.text();
      this.p++;
      e = { k: "bin", op, l: e, r: this.factor() };
    }
  }
  factor() {
    this.hit("factor");
    const e = this.primary();
    if (this.tk() === 20 || this.tk() === 25) {
      this.hit("factor/power");
      const op = this.text();
      this.p++;
      return { k: "bin", op, l: e, r: this.primary() };
    }
    return e;
  }
  primary() {
    this.hit("primary");
    switch (this.tk()) {
      case 3: {
        this.hit("primary/number");
        const v = this.text();
        this.p++;
        return { k: "num", v };
      }
      case 2: {
        this.hit("primary/string");
        const v = this.text();
        this.p++;
        return { k: "str", v };
      }
      case 87:
        this.p++;
        this.hit("primary/true");
        return { k: "bool", v: true };
      case 56:
        this.p++;
        this.hit("primary/false");
        return { k: "bool", v: false };
      case 50:
        this.p++;
        this.hit("primary/end");
        return { k: "end" };
      case 43:
      case 65:
      case 80: {
        const fn = this.tk() === 43 ? "der" : this.tk() === 65 ? "initial" : "pure";
        this.hit(`primary/${fn}`);
        this.p++;
        if (this.tk() !== 4)
          this.fail("'('");
        return { k: "call", fn, args: this.functionCallArgs() };
      }
      case 1:
      case 13: {
        const ref2 = this.componentReference();
        if (this.tk() === 4) {
          this.hit("primary/call");
          return { k: "call", fn: ref2, args: this.functionCallArgs() };
        }
        this.hit("primary/component-reference");
        return { k: "ref", ref: ref2 };
      }
      case 4: {
        this.hit("primary/parenthesis");
        this.p++;
        const items = this.outputExpressionList();
        this.expect(5, "',' or ')'");
        return { k: "paren", items };
      }
      case 6: {
        this.hit("primary/matrix");
        this.p++;
        const rows4 = [this.expressionList()];
        while (this.eat(
          11
          /* T.SEMI */
        )) {
          this.hit("primary/matrix-rows");
          rows4.push(this.expressionList());
        }
        this.expect(7, "',', ';' or ']'");
        return { k: "matrix", rows: rows4 };
      }
      case 8: {
        this.hit("primary/array");
        this.p++;
        if (this.eat(
          9
          /* T.RBRACE */
        )) {
          this.hit("primary/empty-array");
          return { k: "array", items: [] };
        }
        this.hit("array-arguments");
        const items = [this.expression()];
        if (this.eat(
          59
          /* T.FOR */
        )) {
          this.hit("array-arguments/comprehension");
          const iter = this.forIndices();
          this.expect(
            9
            /* T.RBRACE */
          );
          return { k: "array", items, iter };
        }
        while (this.eat(
          10
          /* T.COMMA */
        )) {
          this.hit("array-arguments-non-first");
          items.push(this.expression());
        }
        this.expect(9, "',' or '}'");
        return { k: "array", items };
      }
    }
    return this.fail("an expression");
  }
  typeSpecifier() {
    this.hit("type-specifier");
    const global = this.eat(
      13
      /* T.DOT */
    );
    if (global)
      this.hit("type-specifier/global");
    return { global, name: this.name() };
  }
  name() {
    this.hit("name");
    const parts = [this.ident()];
    while (this.tk() === 13 && this.la(1) === 1) {
      this.p++;
      parts.push(this.ident());
    }
    return parts;
  }
  componentReference() {
    this.hit("component-reference");
    const global = this.eat(
      13
      /* T.DOT */
    );
    if (global)
      this.hit("component-reference/global");
    const parts = [];
    for (; ; ) {
      const part = { id: this.ident() };
      if (this.tk() === 6)
        part.subs = this.arraySubscripts();
      parts.push(part);
      if (this.tk() === 13 && this.la(1) === 1) {
        this.p++;
        continue;
      }
      break;
    }
    return { global, parts };
  }
  functionCallArgs() {
    this.hit("function-call-args");
    this.expect(
      4
      /* T.LPAREN */
    );
    const args = { pos: [], named: [] };
    if (this.eat(
      5
      /* T.RPAREN */
    ))
      return args;
    this.hit("function-arguments");
    if (this.tk() === 1 && this.la(1) === 14) {
      this.namedArguments(args);
    } else {
      const first = this.functionArgument();
      args.pos.push(first);
      if (first.k !== "partial" && this.eat(
        59
        /* T.FOR */
      )) {
        this.hit("function-arguments/reduction");
        args.iter = this.forIndices();
      } else {
        while (this.eat(
          10
          /* T.COMMA */
        )) {
          this.hit("function-arguments-non-first");
          if (this.tk() === 1 && this.la(1) === 14) {
            this.namedArguments(args);
            break;
          }
          args.pos.push(this.functionArgument());
        }
      }
    }
    this.expect(5, "',' or ')'");
    return args;
  }
  namedArguments(args) {
    this.hit("named-arguments");
    do {
      this.hit("named-argument");
      const id = this.ident();
      this.expect(
        14
        /* T.EQ */
      );
      args.named.push({ id, value: this.functionArgument() });
    } while (this.eat(
      10
      /* T.COMMA */
    ));
  }
  functionArgument() {
    this.hit("function-argument");
    if (this.tk() === 60) {
      this.hit("function-partial-application");
      this.p++;
      const fn = this.typeSpecifier();
      this.expect(
        4
        /* T.LPAREN */
      );
      const tmp = { pos: [], named: [] };
      if (this.tk() !== 5)
        this.namedArguments(tmp);
      this.expect(
        5
        /* T.RPAREN */
      );
      return { k: "partial", fn, named: tmp.named };
    }
    return this.expression();
  }
  outputExpressionList() {
    this.hit("output-expression-list");
    const items = [];
    for (; ; ) {
      items.push(this.tk() === 10 || this.tk() === 5 ? null : this.expression());
      if (!this.eat(
        10
        /* T.COMMA */
      ))
        return items;
      this.hit("output-expression-list/comma");
    }
  }
  expressionList() {
    this.hit("expression-list");
    const items = [this.expression()];
    while (this.eat(
      10
      /* T.COMMA */
    ))
      items.push(this.expression());
    return items;
  }
  arraySubscripts() {
    this.hit("array-subscripts");
    this.expect(
      6
      /* T.LBRACK */
    );
    const subs = [];
    do {
      this.hit("subscript");
      if (this.eat(
        12
        /* T.COLON */
      )) {
        this.hit("subscript/colon");
        subs.push({ k: "colon" });
      } else
        subs.push(this.expression());
    } while (this.eat(
      10
      /* T.COMMA */
    ));
    this.expect(7, "',' or ']'");
    return subs;
  }
  comment() {
    const c = { desc: this.descriptionString() };
    if (this.tk() === 35) {
      this.hit("description/annotation");
      c.ann = this.annotationClause();
    }
    if (c.desc.length || c.ann)
      this.hit("description");
    return c;
  }
  descriptionString() {
    if (this.tk() !== 2)
      return [];
    this.hit("description-string");
    const parts = [this.text()];
    this.p++;
    while (this.tk() === 16 && this.la(1) === 2) {
      this.hit("description-string/concatenation");
      this.p++;
      parts.push(this.text());
      this.p++;
    }
    return parts;
  }
  annotationClause() {
    this.hit("annotation-clause");
    this.expect(
      35
      /* T.ANNOTATION */
    );
    return this.classModification();
  }
};
function parseModelica(src, file, coverage) {
  const p = new Parser4(tokenize(src, file), coverage);
  return p.storedDefinition();
}
function parseFragment(src, file, what) {
  const p = new Parser4(tokenize(src, file, true));
  let r;
  switch (what) {
    case "expression":
      r = p.expression();
      break;
    case "equation":
      r = p.equation();
      break;
    case "statement":
      r = p.statement();
      break;
    case "modification":
      r = p.modification();
      break;
    case "classModification":
      r = p.classModification();
      break;
    case "element":
      r = p.element();
      break;
    case "comment":
      r = p.comment();
      break;
    case "subscripts":
      r = p.arraySubscripts();
      break;
    default:
      throw new Error(`unknown fragment ${what}`);
  }
  p.expectEof();
  return r;
}

// dist/modelica/to-rdf.js
import { DataFactory as DataFactory3 } from "n3";

// dist/modelica/iri.js
var PLAIN = /^[A-Za-z0-9_]+$/;
function segment(id) {
  if (PLAIN.test(id))
    return id;
  return encodeURIComponent(id).replace(/'/g, "%27").replace(/[!*()~]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}
function pathIri(base, path) {
  return `${base}file/${path.split("/").map(segment).join("/")}`;
}

// dist/modelica/printer.js
var WORDY = /^[A-Za-z0-9_']/;
var WORDY_END = /[A-Za-z0-9_']$/;
var CanonicalSink = class {
  out = "";
  first = true;
  tok(text3, hint) {
    if (this.first)
      this.first = false;
    else if (hint === SPACE)
      this.out += " ";
    else if (hint >= 0)
      this.out += "\n" + "  ".repeat(hint);
    this.out += text3;
  }
  enter() {
  }
  exit() {
  }
  text() {
    return this.out;
  }
};
var LayoutSink = class {
  out = [];
  stack = [];
  prevWordy = false;
  atStart = true;
  /** set when some layout was missing or did not fit the tokens (graph edited): output is then not original */
  degraded = false;
  constructor(root) {
    this.stack.push(root.layout === void 0 ? void 0 : new LayoutDecoder(root.layout));
  }
  tok(text3, hint) {
    const top = this.stack[this.stack.length - 1];
    let trivia = top?.next(hint, this.atStart);
    if (trivia === void 0) {
      if (top !== void 0)
        this.degraded = true;
      trivia = hintTrivia(hint, this.atStart);
    }
    if (trivia === "" && this.prevWordy && text3 !== "" && WORDY.test(text3)) {
      trivia = " ";
      this.degraded = true;
    }
    if (trivia !== "")
      this.out.push(trivia);
    this.out.push(text3);
    this.prevWordy = WORDY_END.test(text3);
    this.atStart = false;
  }
  enter(owner) {
    this.stack.push(owner.layout === void 0 ? void 0 : new LayoutDecoder(owner.layout));
  }
  exit() {
    const top = this.stack.pop();
    if (top !== void 0 && (top.bad || !top.done()))
      this.degraded = true;
  }
  text() {
    return this.out.join("");
  }
};
var CaptureSink = class {
  toks;
  i = 0;
  stack = [];
  root;
  constructor(toks, root) {
    this.toks = toks;
    this.root = root;
    this.stack.push(new LayoutEncoder());
  }
  tok(text3, hint) {
    const t = this.toks;
    const i = this.i++;
    const s = t.start[i];
    const e = t.end[i];
    const src = t.src;
    let same2 = e - s === text3.length;
    for (let j = 0; same2 && j < text3.length; j++)
      same2 = src.charCodeAt(s + j) === text3.charCodeAt(j);
    if (!same2)
      throw new Error(`${t.file}: layout capture: token ${i} is ${JSON.stringify(src.slice(s, e))}, printer gave ${JSON.stringify(text3)}`);
    const ts = i === 0 ? 0 : t.end[i - 1];
    const enc2 = this.stack[this.stack.length - 1];
    if (isHintTrivia(src, ts, s, hint, i === 0))
      enc2.same();
    else
      enc2.differ(src.slice(ts, s));
  }
  enter() {
    this.stack.push(new LayoutEncoder());
  }
  exit(owner) {
    owner.layout = this.stack.pop().finish();
  }
  finish() {
    if (this.i !== this.toks.count)
      throw new Error(`${this.toks.file}: layout capture: printed ${this.i} of ${this.toks.count} tokens`);
    this.root.layout = this.stack.pop().finish();
  }
};
var Printer = class {
  sink;
  ind = 0;
  /** print every annotation clause as `annotation()` (a hole that from-rdf.ts fills from the annotation nodes) */
  elideAnnotations = false;
  constructor(sink) {
    this.sink = sink;
  }
  w(t) {
    this.sink.tok(t, SPACE);
  }
  g(t) {
    this.sink.tok(t, NONE);
  }
  n(t) {
    this.sink.tok(t, this.ind);
  }
  storedDefinition(sd) {
    if (sd.within) {
      this.n("within");
      if (sd.within.name)
        this.nameTokens(sd.within.name, SPACE);
      this.g(";");
    }
    for (const { final, cls } of sd.classes) {
      if (final) {
        this.n("final");
        this.classDef(cls, SPACE);
      } else
        this.classDef(cls, this.ind);
      this.g(";");
    }
    this.sink.tok("", 0);
  }
  nameTokens(name, hint) {
    this.sink.tok(name[0], hint);
    for (let i = 1; i < name.length; i++) {
      this.g(".");
      this.g(name[i]);
    }
  }
  typeSpec(t, hint = SPACE) {
    if (t.global) {
      this.sink.tok(".", hint);
      this.nameTokens(t.name, NONE);
    } else
      this.nameTokens(t.name, hint);
  }
  classDef(c, hint) {
    this.sink.enter(c);
    let h = hint;
    const t = (s2) => {
      this.sink.tok(s2, h);
      h = SPACE;
    };
    if (c.encapsulated)
      t("encapsulated");
    this.classPrefixes(c.pre, t);
    const s = c.spec;
    switch (s.k) {
      case "long":
      case "extends":
        if (s.k === "extends") {
          this.w("extends");
          this.w(c.name);
          if (s.cm)
            this.classMod(s.cm, NONE);
        } else
          this.w(c.name);
        this.desc(s.desc);
        this.composition(s.comp);
        this.n("end");
        this.w(s.endName);
        break;
      case "short":
      case "enum":
      case "der":
        this.w(c.name);
        this.w("=");
        this.shortSpecBody(s);
        break;
    }
    this.sink.exit(c);
  }
  classPrefixes(p, t) {
    if (p.partial)
      t("partial");
    if (p.expandable)
      t("expandable");
    if (p.purity)
      t(p.purity);
    if (p.operator)
      t("operator");
    t(p.kind);
  }
  shortSpecBody(s) {
    if (s.k === "short") {
      if (s.base)
        this.w(s.base);
      this.typeSpec(s.type);
      if (s.subs)
        this.subscripts(s.subs);
      if (s.cm)
        this.classMod(s.cm, NONE);
      this.comment(s.comment);
    } else if (s.k === "enum") {
      this.w("enumeration");
      this.g("(");
      if (s.colon)
        this.g(":");
      s.lits.forEach((l, i) => {
        if (i > 0)
          this.g(",");
        this.sink.tok(l.id, i === 0 ? NONE : SPACE);
        this.comment(l.comment);
      });
      this.g(")");
      this.comment(s.comment);
    } else if (s.k === "der") {
      this.w("der");
      this.g("(");
      this.typeSpec(s.type, NONE);
      for (const id of s.ids) {
        this.g(",");
        this.w(id);
      }
      this.g(")");
      this.comment(s.comment);
    }
  }
  composition(c) {
    this.ind++;
    for (const sec of c.sections) {
      if (sec.k === "public" || sec.k === "protected") {
        if (sec.keyword) {
          this.ind--;
          this.n(sec.k);
          this.ind++;
        }
        for (const el of sec.elems) {
          this.element(el, this.ind);
          this.g(";");
        }
      } else {
        const s2 = sec;
        this.ind--;
        if (s2.initial) {
          this.n("initial");
          this.w(s2.k);
        } else
          this.n(s2.k);
        this.ind++;
        if (s2.k === "equation")
          for (const eq of s2.eqs) {
            this.equation(eq, this.ind);
            this.g(";");
          }
        else
          for (const st of s2.stmts) {
            this.statement(st, this.ind);
            this.g(";");
          }
      }
    }
    if (c.external) {
      const e = c.external;
      this.n("external");
      if (e.lang)
        this.w(e.lang);
      if (e.call) {
        if (e.call.lhs) {
          this.compRef(e.call.lhs, SPACE);
          this.w("=");
        }
        this.w(e.call.fn);
        this.g("(");
        if (e.call.args)
          this.exprList(e.call.args, NONE);
        this.g(")");
      }
      if (e.ann)
        this.annotation(e.ann, SPACE);
      this.g(";");
    }
    if (c.ann) {
      this.annotation(c.ann, this.ind);
      this.g(";");
    }
    this.ind--;
  }
  element(e, hint) {
    let h = hint;
    const t = (s) => {
      this.sink.tok(s, h);
      h = SPACE;
    };
    switch (e.k) {
      case "import":
        t("import");
        if (e.alias) {
          this.w(e.alias);
          this.w("=");
        }
        this.nameTokens(e.name, SPACE);
        if (e.wild === ".*")
          this.g(".*");
        else if (e.wild === ". *") {
          this.g(".");
          this.w("*");
        } else if (e.list) {
          this.g(".");
          this.g("{");
          e.list.forEach((id, i) => {
            if (i > 0)
              this.g(",");
            this.sink.tok(id, i === 0 ? NONE : SPACE);
          });
          this.g("}");
        }
        this.comment(e.comment);
        return;
      case "extends":
        t("extends");
        this.typeSpec(e.type);
        if (e.cm)
          this.classMod(e.cm, NONE);
        if (e.ann)
          this.annotation(e.ann, SPACE);
        return;
      case "comp":
      case "class": {
        const p = e.pre;
        if (p.redeclare)
          t("redeclare");
        if (p.final)
          t("final");
        if (p.inner)
          t("inner");
        if (p.outer)
          t("outer");
        if (p.replaceable)
          t("replaceable");
        if (e.k === "class")
          this.classDef(e.cls, h);
        else
          this.componentClause(e.clause, h);
        if (e.cc) {
          this.constraining(e.cc);
          this.comment(e.ccComment ?? { desc: [] });
        }
        return;
      }
    }
  }
  constraining(cc) {
    this.w("constrainedby");
    this.typeSpec(cc.type);
    if (cc.cm)
      this.classMod(cc.cm, NONE);
  }
  componentClause(c, hint) {
    this.typePrefix(c, hint);
    if (c.subs)
      this.subscripts(c.subs);
    c.decls.forEach((d, i) => {
      if (i > 0)
        this.g(",");
      this.declaration(d, SPACE);
    });
  }
  /** type-prefix and type-specifier; the first token gets `hint`. */
  typePrefix(c, hint) {
    let h = hint;
    const t = (s) => {
      this.sink.tok(s, h);
      h = SPACE;
    };
    if (c.flow)
      t(c.flow);
    if (c.variability)
      t(c.variability);
    if (c.causality)
      t(c.causality);
    this.typeSpec(c.type, h);
  }
  declaration(d, hint) {
    this.sink.tok(d.name, hint);
    if (d.subs)
      this.subscripts(d.subs);
    if (d.mod)
      this.modification(d.mod);
    if (d.cond) {
      this.w("if");
      this.expr(d.cond, SPACE);
    }
    this.comment(d.comment);
  }
  modification(m, hint = NONE) {
    if (m.cm)
      this.classMod(m.cm, hint);
    if (m.eq) {
      this.sink.tok(m.eq, m.cm ? SPACE : hint === NONE ? SPACE : hint);
      if (m.value === "break")
        this.w("break");
      else if (m.value)
        this.expr(m.value, SPACE);
    }
  }
  classMod(args, hint) {
    this.sink.tok("(", hint);
    args.forEach((a, i) => {
      if (i > 0)
        this.g(",");
      this.argument(a, i === 0 ? NONE : SPACE);
    });
    this.g(")");
  }
  argument(a, hint) {
    let h = hint;
    const t = (s) => {
      this.sink.tok(s, h);
      h = SPACE;
    };
    if (a.redeclare)
      t("redeclare");
    if (a.each)
      t("each");
    if (a.final)
      t("final");
    if (a.replaceable)
      t("replaceable");
    if (a.kind === "mod") {
      this.nameTokens(a.name, h);
      if (a.mod)
        this.modification(a.mod);
      this.desc(a.desc ?? []);
    } else if (a.kind === "class") {
      const c = a.cls;
      this.classPrefixes(c.pre, t);
      this.w(c.name);
      this.w("=");
      this.shortSpecBody(c.spec);
    } else {
      const cc = a.comp;
      this.typePrefix(cc, h);
      this.declaration(cc.decls[0], SPACE);
    }
    if (a.cc)
      this.constraining(a.cc);
  }
  annotation(args, hint) {
    this.sink.tok("annotation", hint);
    this.classMod(this.elideAnnotations ? [] : args, NONE);
  }
  desc(parts) {
    parts.forEach((s, i) => {
      if (i > 0)
        this.w("+");
      this.w(s);
    });
  }
  comment(c) {
    this.desc(c.desc);
    if (c.ann)
      this.annotation(c.ann, SPACE);
  }
  // ---- equations and statements --------------------------------------------------------------
  equation(e, hint) {
    switch (e.k) {
      case "eq":
        this.expr(e.lhs, hint);
        this.w("=");
        this.expr(e.rhs, SPACE);
        break;
      case "call":
        this.compRef(e.fn, hint);
        this.callArgs(e.args);
        break;
      case "connect":
        this.sink.tok("connect", hint);
        this.g("(");
        this.compRef(e.a, NONE);
        this.g(",");
        this.compRef(e.b, SPACE);
        this.g(")");
        break;
      case "if":
        this.ifBlock(e.branches, e.otherwise, hint, (x, h) => this.equation(x, h));
        break;
      case "for":
        this.sink.tok("for", hint);
        this.forIndices(e.idx);
        this.w("loop");
        this.block(e.body, (x, h) => this.equation(x, h));
        this.n("end");
        this.w("for");
        break;
      case "when":
        this.whenBlock(e.branches, hint, (x, h) => this.equation(x, h));
        break;
    }
    this.comment(e.comment);
  }
  statement(s, hint) {
    switch (s.k) {
      case "assign":
        this.compRef(s.lhs, hint);
        this.w(":=");
        this.expr(s.rhs, SPACE);
        break;
      case "call":
        this.compRef(s.fn, hint);
        this.callArgs(s.args);
        break;
      case "multi":
        this.sink.tok("(", hint);
        this.outputList(s.out);
        this.g(")");
        this.w(":=");
        this.compRef(s.fn, SPACE);
        this.callArgs(s.args);
        break;
      case "break":
      case "return":
        this.sink.tok(s.k, hint);
        break;
      case "if":
        this.ifBlock(s.branches, s.otherwise, hint, (x, h) => this.statement(x, h));
        break;
      case "for":
        this.sink.tok("for", hint);
        this.forIndices(s.idx);
        this.w("loop");
        this.block(s.body, (x, h) => this.statement(x, h));
        this.n("end");
        this.w("for");
        break;
      case "while":
        this.sink.tok("while", hint);
        this.expr(s.cond, SPACE);
        this.w("loop");
        this.block(s.body, (x, h) => this.statement(x, h));
        this.n("end");
        this.w("while");
        break;
      case "when":
        this.whenBlock(s.branches, hint, (x, h) => this.statement(x, h));
        break;
    }
    this.comment(s.comment);
  }
  block(body, item) {
    this.ind++;
    for (const x of body) {
      item(x, this.ind);
      this.g(";");
    }
    this.ind--;
  }
  ifBlock(branches, otherwise, hint, item) {
    branches.forEach((b, i) => {
      if (i === 0)
        this.sink.tok("if", hint);
      else
        this.n("elseif");
      this.expr(b.cond, SPACE);
      this.w("then");
      this.block(b.body, item);
    });
    if (otherwise) {
      this.n("else");
      this.block(otherwise, item);
    }
    this.n("end");
    this.w("if");
  }
  whenBlock(branches, hint, item) {
    branches.forEach((b, i) => {
      if (i === 0)
        this.sink.tok("when", hint);
      else
        this.n("elsewhen");
      this.expr(b.cond, SPACE);
      this.w("then");
      this.block(b.body, item);
    });
    this.n("end");
    this.w("when");
  }
  forIndices(idx) {
    idx.forEach((fi, i) => {
      if (i > 0)
        this.g(",");
      this.w(fi.id);
      if (fi.range) {
        this.w("in");
        this.expr(fi.range, SPACE);
      }
    });
  }
  // ---- expressions ---------------------------------------------------------------------------
  expr(e, hint) {
    switch (e.k) {
      case "num":
      case "str":
        this.sink.tok(e.v, hint);
        return;
      case "bool":
        this.sink.tok(e.v ? "true" : "false", hint);
        return;
      case "end":
        this.sink.tok("end", hint);
        return;
      case "ref":
        this.compRef(e.ref, hint);
        return;
      case "call":
        if (typeof e.fn === "string")
          this.sink.tok(e.fn, hint);
        else
          this.compRef(e.fn, hint);
        this.callArgs(e.args);
        return;
      case "paren":
        this.sink.tok("(", hint);
        this.outputList(e.items);
        this.g(")");
        return;
      case "matrix":
        this.sink.tok("[", hint);
        e.rows.forEach((row, i) => {
          if (i > 0)
            this.g(";");
          this.exprList(row, i === 0 ? NONE : SPACE);
        });
        this.g("]");
        return;
      case "array":
        this.sink.tok("{", hint);
        if (e.items.length)
          this.exprList(e.items, NONE);
        if (e.iter) {
          this.w("for");
          this.forIndices(e.iter);
        }
        this.g("}");
        return;
      case "range":
        e.parts.forEach((p, i) => {
          if (i > 0)
            this.g(":");
          this.expr(p, i === 0 ? hint : NONE);
        });
        return;
      case "if":
        e.branches.forEach(([c, v], i) => {
          this.sink.tok(i === 0 ? "if" : "elseif", i === 0 ? hint : SPACE);
          this.expr(c, SPACE);
          this.w("then");
          this.expr(v, SPACE);
        });
        this.w("else");
        this.expr(e.otherwise, SPACE);
        return;
      case "bin": {
        this.expr(e.l, hint);
        const tight = e.op === "^" || e.op === ".^";
        this.sink.tok(e.op, tight ? NONE : SPACE);
        this.expr(e.r, tight ? NONE : SPACE);
        return;
      }
      case "un":
        this.sink.tok(e.op, hint);
        this.expr(e.e, e.op === "not" ? SPACE : NONE);
        return;
    }
  }
  exprList(items, hint) {
    items.forEach((x, i) => {
      if (i > 0)
        this.g(",");
      this.expr(x, i === 0 ? hint : SPACE);
    });
  }
  outputList(items) {
    items.forEach((x, i) => {
      if (i > 0)
        this.g(",");
      if (x)
        this.expr(x, i === 0 ? NONE : SPACE);
    });
  }
  compRef(r, hint) {
    let h = hint;
    if (r.global) {
      this.sink.tok(".", h);
      h = NONE;
    }
    r.parts.forEach((p, i) => {
      if (i > 0)
        this.g(".");
      this.sink.tok(p.id, i === 0 ? h : NONE);
      if (p.subs)
        this.subscripts(p.subs);
    });
  }
  subscripts(subs) {
    this.g("[");
    subs.forEach((s, i) => {
      if (i > 0)
        this.g(",");
      if (s.k === "colon")
        this.sink.tok(":", i === 0 ? NONE : SPACE);
      else
        this.expr(s, i === 0 ? NONE : SPACE);
    });
    this.g("]");
  }
  callArgs(a) {
    this.g("(");
    let first = true;
    const h = () => {
      const r = first ? NONE : SPACE;
      first = false;
      return r;
    };
    a.pos.forEach((x, i) => {
      if (i > 0)
        this.g(",");
      this.fnArg(x, h());
    });
    if (a.iter) {
      this.w("for");
      this.forIndices(a.iter);
    }
    a.named.forEach((na, i) => {
      if (i > 0 || a.pos.length > 0)
        this.g(",");
      this.sink.tok(na.id, h());
      this.w("=");
      this.fnArg(na.value, SPACE);
    });
    this.g(")");
  }
  fnArg(x, hint) {
    if (x.k === "partial") {
      this.sink.tok("function", hint);
      this.typeSpec(x.fn);
      this.g("(");
      x.named.forEach((na, i) => {
        if (i > 0)
          this.g(",");
        this.sink.tok(na.id, i === 0 ? NONE : SPACE);
        this.w("=");
        this.fnArg(na.value, SPACE);
      });
      this.g(")");
    } else
      this.expr(x, hint);
  }
};
function canonical(body) {
  const sink = new CanonicalSink();
  body(new Printer(sink));
  return sink.text();
}
function canonicalElided(body) {
  const sink = new CanonicalSink();
  const p = new Printer(sink);
  p.elideAnnotations = true;
  body(p);
  return sink.text();
}
function printCanonical(sd) {
  return canonical((p) => p.storedDefinition(sd));
}
function printOriginal(sd) {
  const sink = new LayoutSink(sd);
  new Printer(sink).storedDefinition(sd);
  return { text: sink.text(), degraded: sink.degraded };
}
function captureLayout(sd, toks) {
  const sink = new CaptureSink(toks, sd);
  new Printer(sink).storedDefinition(sd);
  sink.finish();
}

// dist/modelica/turtle.js
var XSD_STRING2 = NS.xsd + "string";
var XSD_INTEGER = NS.xsd + "integer";
var XSD_BOOLEAN = NS.xsd + "boolean";
var XSD_DOUBLE = NS.xsd + "double";
var RDF_TYPE4 = NS.rdf + "type";
var LOCAL = /^[A-Za-z_][A-Za-z0-9_-]*$/;
var INTEGER = /^[+-]?[0-9]+$/;
var DOUBLE = /^[+-]?([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)[eE][+-]?[0-9]+$/;
var NEEDS_ESCAPE = /["\\\n\r\t\b\f\u0000-\u001f\u007f]/;
var IRI_UNSAFE = /[\u0000-\u0020<>"{}|^`\\]/g;
var REL_UNSAFE = /[\u0000-\u0020<>"{}|^`\\:]|(^|\/)\.\.?(\/|$)/;
function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function quote(s) {
  if (!NEEDS_ESCAPE.test(s))
    return `"${s}"`;
  const long = s.includes("\n");
  let out = long ? '"""' : '"';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let e;
    if (c === 34)
      e = '\\"';
    else if (c === 92)
      e = "\\\\";
    else if (c === 10)
      e = long ? void 0 : "\\n";
    else if (c === 13)
      e = "\\r";
    else if (c === 9)
      e = "\\t";
    else if (c === 8)
      e = "\\b";
    else if (c === 12)
      e = "\\f";
    else if (c < 32 || c === 127)
      e = "\\u" + c.toString(16).padStart(4, "0");
    if (e !== void 0) {
      out += s.slice(last, i) + e;
      last = i + 1;
    }
  }
  return out + s.slice(last) + (long ? '"""' : '"');
}
var TurtleWriter2 = class {
  prefixes;
  names;
  used = /* @__PURE__ */ new Set();
  predText = /* @__PURE__ */ new Map();
  group = /* @__PURE__ */ new Map();
  blocks = [];
  relBase;
  /** `base`: IRIs under it are written relative to an `@base` (when that is exact, see `relative`). */
  constructor(prefixes = PREFIXES, base) {
    this.prefixes = prefixes;
    this.names = Object.keys(prefixes).sort(cmp);
    this.relBase = base !== void 0 && /^[a-z][a-z0-9+.-]*:\/\/[^?#]*\/$/i.test(base) ? base : void 0;
  }
  /** Relative reference for an IRI under the base, if resolving it against the base gives it back exactly (RFC 3986 §5.2). */
  relative(v) {
    const b = this.relBase;
    if (b === void 0 || !v.startsWith(b))
      return void 0;
    const rest = v.slice(b.length);
    if (rest === "" || REL_UNSAFE.test(rest))
      return void 0;
    const c = rest.charCodeAt(0);
    if (c === 47 || c === 63 || c === 35)
      return void 0;
    return rest;
  }
  iriText(v) {
    const rel2 = this.relative(v);
    if (rel2 !== void 0)
      return "<" + rel2 + ">";
    for (const n of this.names) {
      const ns = this.prefixes[n];
      if (v.startsWith(ns) && LOCAL.test(v.slice(ns.length))) {
        this.used.add(n);
        return `${n}:${v.slice(ns.length)}`;
      }
    }
    return `<${v.replace(IRI_UNSAFE, uchar)}>`;
  }
  pred(p) {
    let t = this.predText.get(p);
    if (t === void 0) {
      t = p === RDF_TYPE4 ? "a" : this.iriText(p);
      this.predText.set(p, t);
    }
    return t;
  }
  add(s, p, o) {
    let e = this.group.get(s);
    if (e === void 0)
      this.group.set(s, e = { p: [], o: [] });
    e.p.push(this.pred(p));
    e.o.push(o);
  }
  iri(s, p, o) {
    this.add(s, p, this.iriText(o));
  }
  str(s, p, v) {
    this.add(s, p, quote(v));
  }
  int(s, p, n) {
    this.add(s, p, String(n));
  }
  typed(s, p, lexical, datatype) {
    let o;
    if (datatype === XSD_STRING2)
      o = quote(lexical);
    else if (datatype === XSD_INTEGER && INTEGER.test(lexical) || datatype === XSD_BOOLEAN && (lexical === "true" || lexical === "false") || datatype === XSD_DOUBLE && DOUBLE.test(lexical))
      o = lexical;
    else
      o = `${quote(lexical)}^^${this.iriText(datatype)}`;
    this.add(s, p, o);
  }
  lang(s, p, v, language) {
    this.add(s, p, `${quote(v)}@${language}`);
  }
  endGroup() {
    for (const [s, e] of this.group) {
      const n = e.p.length;
      const ix = new Array(n);
      for (let i = 0; i < n; i++)
        ix[i] = i;
      const P3 = e.p, O = e.o;
      ix.sort((a, b) => {
        const pa = P3[a], pb = P3[b];
        if (pa !== pb)
          return pa === "a" ? -1 : pb === "a" ? 1 : cmp(pa, pb);
        return cmp(O[a], O[b]);
      });
      const parts = [this.iriText(s)];
      let prevP = "";
      let prevO = "";
      for (let k = 0; k < n; k++) {
        const i = ix[k];
        const p = P3[i], o = O[i];
        if (p === prevP) {
          if (o === prevO)
            continue;
          parts.push(", ", o);
        } else
          parts.push(prevP === "" ? "\n  " : " ;\n  ", p, " ", o);
        prevP = p;
        prevO = o;
      }
      parts.push(" .\n");
      this.blocks.push({ s, text: parts.join("") });
    }
    this.group = /* @__PURE__ */ new Map();
  }
  /** The document: prefixes, base, subject blocks by IRI. */
  finish() {
    this.endGroup();
    const blocks = this.blocks;
    this.blocks = [];
    blocks.sort((a, b) => cmp(a.s, b.s));
    let head = [...this.used].sort(cmp).map((n) => `@prefix ${n}: <${this.prefixes[n]}> .
`).join("");
    if (this.relBase !== void 0)
      head += `@base <${this.relBase}> .
`;
    const parts = new Array(blocks.length + 1);
    parts[0] = head;
    for (let i = 0; i < blocks.length; i++)
      parts[i + 1] = "\n" + blocks[i].text;
    return parts.join("");
  }
};
function uchar(c) {
  return "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0");
}
function inferBase(quads) {
  const PATH = MO + "path";
  for (const q of quads) {
    if (q.predicate.value !== PATH || q.object.termType !== "Literal")
      continue;
    const s = q.subject.value;
    const tail = pathIri("", q.object.value);
    if (s.endsWith(tail))
      return s.slice(0, s.length - tail.length);
  }
  return void 0;
}
function writeModelicaTurtle(quads, prefixes = PREFIXES, base) {
  const list = Array.isArray(quads) ? quads : [...quads];
  const w = new TurtleWriter2(prefixes, base ?? inferBase(list));
  for (const q of list) {
    if (q.subject.termType !== "NamedNode")
      throw new Error("writeModelicaTurtle: only IRI subjects");
    const o = q.object;
    if (o.termType === "Literal") {
      const l = o;
      if (l.language)
        w.lang(q.subject.value, q.predicate.value, l.value, l.language);
      else
        w.typed(q.subject.value, q.predicate.value, l.value, l.datatype.value);
    } else
      w.iri(q.subject.value, q.predicate.value, o.value);
  }
  return w.finish();
}

// dist/modelica/units.js
var TABLE = {
  "1": "UNITLESS",
  m: "M",
  kg: "KiloGM",
  s: "SEC",
  A: "A",
  K: "K",
  mol: "MOL",
  cd: "CD",
  rad: "RAD",
  sr: "SR",
  Hz: "HZ",
  N: "N",
  Pa: "PA",
  J: "J",
  W: "W",
  C: "C",
  V: "V",
  F: "FARAD",
  Ohm: "OHM",
  S: "S",
  Wb: "WB",
  T: "T",
  H: "H",
  degC: "DEG_C",
  lm: "LM",
  lx: "LUX",
  "m2": "M2",
  "m3": "M3",
  "m/s": "M-PER-SEC",
  "m/s2": "M-PER-SEC2",
  "rad/s": "RAD-PER-SEC",
  "rad/s2": "RAD-PER-SEC2",
  "N.m": "N-M",
  "kg.m2": "KiloGM-M2",
  "N/m": "N-PER-M",
  "N.s/m": "N-SEC-PER-M",
  "N.m/rad": "N-M-PER-RAD",
  "N.m.s/rad": "N-M-SEC-PER-RAD",
  "kg/m3": "KiloGM-PER-M3",
  "kg/s": "KiloGM-PER-SEC",
  "m3/s": "M3-PER-SEC",
  "W/(m.K)": "W-PER-M-K",
  "J/(kg.K)": "J-PER-KiloGM-K",
  "1/s": "PER-SEC",
  "min": "MIN",
  "h": "HR",
  "rev/min": "REV-PER-MIN",
  "deg": "DEG",
  "bar": "BAR",
  "mm": "MilliM",
  "g": "GM",
  "kW": "KiloW",
  "kV": "KiloV",
  "mA": "MilliA",
  "ms": "MilliSEC",
  "Wb/m2": "WB-PER-M2",
  "V/m": "V-PER-M",
  "A/m": "A-PER-M",
  "kg.m/s": "KiloGM-M-PER-SEC"
};
function qudtUnit(unit) {
  const u = TABLE[unit.trim()];
  return u === void 0 ? void 0 : NS.unit + u;
}

// dist/modelica/to-rdf.js
var DEFAULT_BASE = "https://w3id.org/twin/modelica/model/";
var BUILTIN = /* @__PURE__ */ new Set(["Real", "Integer", "Boolean", "String", "Clock"]);
var RDF_TYPE5 = NS.rdf + "type";
var XSD_INTEGER2 = NS.xsd + "integer";
var XSD_BOOLEAN2 = NS.xsd + "boolean";
var XSD_DOUBLE2 = NS.xsd + "double";
var QUDT_HAS_UNIT = NS.qudt + "hasUnit";
var MO_TERMS = /* @__PURE__ */ new Map();
function P(local) {
  let v = MO_TERMS.get(local);
  if (v === void 0)
    MO_TERMS.set(local, v = MO + local);
  return v;
}
function canonicalString(v) {
  return `"${v.replace(/[\\"]/g, (c) => "\\" + c)}"`;
}
function argsNamed(args, name) {
  let n = 0;
  for (const a of args)
    if (a.kind === "mod" && a.name?.length === 1 && a.name[0] === name)
      n++;
  return n;
}
var KIND_CLASS = {
  class: "Class",
  model: "Model",
  record: "Record",
  block: "Block",
  connector: "Connector",
  type: "Type",
  package: "Package",
  function: "Function",
  operator: "Operator"
};
var RdfMapper = class {
  base;
  out;
  classes = /* @__PURE__ */ new Map();
  // by full name
  byDef = /* @__PURE__ */ new Map();
  // classes of the file being mapped
  /** file path -> its classes in registration order (pre-order) */
  fileInfos = /* @__PURE__ */ new Map();
  registering = [];
  used = /* @__PURE__ */ new Set();
  /** component IRI -> class declaring it and its type specifier */
  compTypes = /* @__PURE__ */ new Map();
  typeCache = /* @__PURE__ */ new Map();
  constructor(base, out) {
    this.base = base;
    this.out = out;
  }
  /** string literal */
  S(s, p, v) {
    this.out.str(s, P(p), v);
  }
  /** IRI object */
  I(s, p, o) {
    this.out.iri(s, P(p), o);
  }
  /** xsd:integer */
  N(s, p, n) {
    this.out.int(s, P(p), n);
  }
  type(s, cls) {
    this.out.iri(s, RDF_TYPE5, P(cls));
  }
  text(s, p, v) {
    if (v !== void 0 && v !== "")
      this.S(s, p, v);
  }
  flag(s, p, v) {
    if (v)
      this.out.typed(s, P(p), "true", XSD_BOOLEAN2);
  }
  unique(iriText) {
    let x = iriText;
    for (let n = 2; this.used.has(x); n++)
      x = `${iriText}~${n}`;
    this.used.add(x);
    return x;
  }
  /** Maps a set of files (a package tree or single files); the sink's groups are files. */
  map(files, others) {
    const sorted = [...files].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
    for (const f of sorted)
      this.registerFile(f);
    for (const f of sorted)
      this.mapFile(f);
    this.mapOthers(others);
  }
  /**
   * Pass 1: the classes and components of a file, for name lookup. Keeps no reference into the
   * AST but type specifiers, so a caller may parse, register and drop files one at a time. Files
   * must be registered, and then mapped, in path order (IRIs of duplicates depend on the order).
   */
  registerFile(f) {
    this.registering = [];
    const within = f.sd.within?.name ?? [];
    for (const { cls } of f.sd.classes)
      this.register(cls, void 0, within);
    this.fileInfos.set(f.path, this.registering);
  }
  /** Pass 2: the triples of a registered file (its AST may be a fresh parse of the same text). */
  mapFile(f) {
    const infos = this.fileInfos.get(f.path);
    if (!infos)
      throw new Error(`${f.path}: file not registered`);
    let i = 0;
    const bind = (cls) => {
      const info = infos[i++];
      if (!info || info.cls !== void 0)
        throw new Error(`${f.path}: not the registered file`);
      info.cls = cls;
      this.byDef.set(cls, info);
      const s = cls.spec;
      if (s.k === "long" || s.k === "extends") {
        for (const sec of s.comp.sections)
          if (sec.k === "public" || sec.k === "protected") {
            for (const el of sec.elems)
              if (el.k === "class")
                bind(el.cls);
          }
      }
    };
    for (const { cls } of f.sd.classes)
      bind(cls);
    this.file(f);
    this.out.endGroup();
    for (const info of infos)
      info.cls = void 0;
    this.byDef = /* @__PURE__ */ new Map();
  }
  /** package.order files. */
  mapOthers(others) {
    for (const o of [...others].sort((a, b) => a.path < b.path ? -1 : 1)) {
      const s = pathIri(this.base, o.path);
      this.type(s, "PackageOrder");
      this.S(s, "path", o.path);
      this.S(s, "text", o.text);
    }
    this.out.endGroup();
  }
  register(cls, scope, within) {
    const fullName = (scope ? scope.fullName + "." : within.length ? within.join(".") + "." : "") + cls.name;
    const iriText = this.unique(this.base + fullName.split(".").map(segment).join("."));
    const info = { iri: iriText, fullName, cls: void 0, scope, withinName: within, components: /* @__PURE__ */ new Map(), bases: [], imports: [] };
    if (!this.classes.has(fullName))
      this.classes.set(fullName, info);
    this.registering.push(info);
    const s = cls.spec;
    if (s.k === "short")
      info.bases.push(s.type);
    if (s.k !== "long" && s.k !== "extends")
      return;
    for (const sec of s.comp.sections) {
      if (sec.k !== "public" && sec.k !== "protected")
        continue;
      for (const el of sec.elems) {
        if (el.k === "class")
          this.register(el.cls, info, within);
        else if (el.k === "extends")
          info.bases.push(el.type);
        else if (el.k === "import")
          info.imports.push({ alias: el.alias, name: el.name, wild: el.wild, list: el.list });
        else
          for (const d of el.clause.decls)
            if (!info.components.has(d.name))
              info.components.set(d.name, "");
      }
    }
    for (const name of info.components.keys())
      info.components.set(name, this.unique(`${iriText}/${segment(name)}`));
    for (const sec of s.comp.sections) {
      if (sec.k !== "public" && sec.k !== "protected")
        continue;
      for (const el of sec.elems) {
        if (el.k !== "comp")
          continue;
        for (const d of el.clause.decls) {
          const x = info.components.get(d.name);
          if (!this.compTypes.has(x))
            this.compTypes.set(x, { info, type: el.clause.type });
        }
      }
    }
  }
  /** Class lookup (MLS 3.6 §5.3, simplified: enclosing scopes, their imports, then global). */
  resolve(t, from) {
    const name = t.name.join(".");
    if (t.global)
      return this.classes.get(name);
    if (t.name.length === 1 && BUILTIN.has(name))
      return MO + name;
    const first = t.name[0];
    const rest = t.name.slice(1);
    const outer = (sc) => sc.scope ?? (sc.withinName.length ? this.classes.get(sc.withinName.join(".")) : void 0);
    for (let sc = from, guard = 0; sc && guard < 64; sc = outer(sc), guard++) {
      const hit = this.classes.get(`${sc.fullName}.${name}`);
      if (hit)
        return hit;
      for (const im of sc.imports) {
        const target = im.name.join(".");
        let cand;
        if (im.alias === first)
          cand = target;
        else if (im.wild)
          cand = `${target}.${first}`;
        else if (im.list?.includes(first))
          cand = `${target}.${first}`;
        else if (!im.alias && !im.list && im.name[im.name.length - 1] === first)
          cand = target;
        if (cand !== void 0) {
          const full = [cand, ...rest].join(".");
          const c = this.classes.get(full);
          if (c)
            return c;
        }
      }
    }
    return this.classes.get(name);
  }
  /** A component visible in `c` (own or inherited through extends within the corpus). */
  component(c, name, depth = 0) {
    const own = c.components.get(name);
    if (own)
      return own;
    if (depth > 20)
      return void 0;
    for (const b of c.bases) {
      const r = this.resolve(b, c.scope ?? c);
      if (r && typeof r !== "string") {
        const x = this.component(r, name, depth + 1);
        if (x)
          return x;
      }
    }
    return void 0;
  }
  componentType(compIri) {
    const cached = this.typeCache.get(compIri);
    if (cached !== void 0)
      return cached ?? void 0;
    const ct = this.compTypes.get(compIri);
    const r = ct ? this.resolve(ct.type, ct.info) : void 0;
    const hit = r && typeof r !== "string" ? r : void 0;
    this.typeCache.set(compIri, hit ?? null);
    return hit;
  }
  /** First component of a reference (in `c`) and the deepest component the path resolves to. */
  resolveRef(c, ref2) {
    if (ref2.global)
      return {};
    const head = this.component(c, ref2.parts[0].id);
    if (!head)
      return {};
    let leaf = head;
    let owner = c;
    for (let i = 1; i < ref2.parts.length && owner; i++) {
      const ty = this.componentType(leaf);
      if (!ty)
        break;
      const next = this.component(ty, ref2.parts[i].id);
      if (!next)
        break;
      leaf = next;
      owner = ty;
    }
    return { head, leaf };
  }
  file(f) {
    const s = pathIri(this.base, f.path);
    this.type(s, "StoredDefinition");
    this.S(s, "path", f.path);
    if (f.sd.within) {
      this.S(s, "within", f.sd.within.name ? f.sd.within.name.join(".") : "");
      if (f.sd.within.name) {
        const pkg = this.classes.get(f.sd.within.name.join("."));
        if (pkg)
          this.I(s, "withinPackage", pkg.iri);
      }
    }
    this.S(s, "layout", f.sd.layout ?? "");
    f.sd.classes.forEach(({ final, cls }, i) => {
      const info = this.byDef.get(cls);
      this.I(info.iri, "storedIn", s);
      this.N(info.iri, "index", i);
      this.flag(info.iri, "isFinal", final);
      this.classDef(info);
    });
  }
  /** The description; its source lexemes only when they are not the canonical quoting of it. */
  desc(s, parts) {
    if (!parts.length)
      return;
    const v = parts.length === 1 ? stringValue(parts[0]) : parts.map(stringValue).join("");
    this.S(s, "description", v);
    if (parts.length !== 1 || parts[0] !== canonicalString(v))
      this.S(s, "descriptionSource", parts.join(" + "));
  }
  classDef(info) {
    const { iri: c } = info;
    const cls = info.cls;
    this.type(c, "ClassDefinition");
    this.type(c, KIND_CLASS[cls.pre.kind]);
    this.S(c, "name", cls.name);
    this.S(c, "fullName", info.fullName);
    this.S(c, "classKind", cls.pre.kind);
    this.flag(c, "isPartial", cls.pre.partial);
    this.flag(c, "isEncapsulated", cls.encapsulated);
    this.flag(c, "isExpandable", cls.pre.expandable);
    this.flag(c, "isOperator", cls.pre.operator);
    this.text(c, "purity", cls.pre.purity);
    if (info.scope)
      this.I(c, "definedIn", info.scope.iri);
    else if (info.withinName.length) {
      const pkg = this.classes.get(info.withinName.join("."));
      if (pkg)
        this.I(c, "definedIn", pkg.iri);
    }
    if (cls.layout !== void 0)
      this.S(c, "layout", cls.layout);
    const s = cls.spec;
    this.S(c, "specifier", s.k);
    switch (s.k) {
      case "long":
      case "extends":
        this.desc(c, s.desc);
        if (s.endName !== cls.name)
          this.S(c, "endName", s.endName);
        if (s.k === "extends" && s.cm) {
          this.S(c, "extendsModification", canonical((p) => p.classMod(s.cm, -1)));
          this.embedded(c, s.cm);
        }
        this.composition(info, s.comp);
        break;
      case "short": {
        this.text(c, "basePrefix", s.base);
        this.typeRef(c, info.scope ?? info, s.type, "baseType");
        if (s.subs)
          this.S(c, "arrayDims", canonical((p) => p.subscripts(s.subs)));
        if (s.cm) {
          this.S(c, "modification", canonical((p) => p.classMod(s.cm, -1)));
          this.units(c, s.cm);
          this.embedded(c, s.cm);
        }
        this.comment(c, s.comment, "comment");
        break;
      }
      case "enum":
        this.flag(c, "enumerationColon", s.colon);
        s.lits.forEach((l, i) => {
          const e = `${c}/literal/${segment(l.id)}`;
          this.type(e, "EnumerationLiteral");
          this.I(c, "literal", e);
          this.S(e, "name", l.id);
          this.N(e, "index", i);
          this.comment(e, l.comment, "comment");
        });
        this.comment(c, s.comment, "comment");
        break;
      case "der":
        this.typeRef(c, info.scope ?? info, s.type, "derivativeOf");
        this.S(c, "derivativeVariables", JSON.stringify(s.ids));
        this.comment(c, s.comment, "comment");
        break;
    }
  }
  typeRef(s, scope, t, link) {
    this.S(s, link === "type" ? "typeName" : link + "Name", canonical((p) => p.typeSpec(t, -1)));
    const r = this.resolve(t, scope);
    if (r)
      this.I(s, link, typeof r === "string" ? r : r.iri);
  }
  comment(s, c, role) {
    this.desc(s, c.desc);
    if (c.ann)
      this.annotation(s, c.ann, role);
  }
  embeddedCount = /* @__PURE__ */ new Map();
  /** Annotation clauses nested inside text-mapped parts (equations, modifications, imports). */
  embedded(owner, node) {
    const visit = (x) => {
      if (typeof x !== "object" || x === null)
        return;
      if (Array.isArray(x)) {
        for (let i = 0; i < x.length; i++)
          visit(x[i]);
        return;
      }
      for (const k in x) {
        if (k === "layout")
          continue;
        const v = x[k];
        if (typeof v !== "object" || v === null)
          continue;
        if (k === "ann" && Array.isArray(v)) {
          const n = this.embeddedCount.get(owner) ?? 0;
          this.embeddedCount.set(owner, n + 1);
          this.annotation(owner, v, `embedded/${n}`);
        }
        visit(v);
      }
    };
    visit(node);
  }
  composition(info, comp) {
    const c = info.iri;
    let eqN = 0, stN = 0, connN = 0, impN = 0, extN = 0;
    comp.sections.forEach((sec, si) => {
      const s = `${c}/section/${si}`;
      this.type(s, "Section");
      this.I(s, "sectionOf", c);
      this.N(s, "index", si);
      const kind = sec.k === "equation" || sec.k === "algorithm" ? sec.initial ? `initial ${sec.k}` : sec.k : sec.k;
      this.S(s, "sectionKind", kind);
      if (sec.k === "public" || sec.k === "protected") {
        if (!sec.keyword)
          this.flag(s, "implicit", true);
        sec.elems.forEach((el, ei) => {
          switch (el.k) {
            case "class": {
              const sub = this.byDef.get(el.cls);
              this.I(sub.iri, "inSection", s);
              this.N(sub.iri, "index", ei);
              this.I(c, "nestedClass", sub.iri);
              this.prefixes(sub.iri, el.pre);
              this.constraint(sub.iri, info, el.cc, el.ccComment);
              this.classDef(sub);
              break;
            }
            case "comp":
              this.componentClause(info, s, ei, el);
              break;
            case "extends": {
              const x = `${c}/extends/${extN++}`;
              this.type(x, "ExtendsClause");
              this.I(x, "inSection", s);
              this.N(x, "index", ei);
              this.I(c, "extendsClause", x);
              this.typeRef(x, info.scope ?? info, el.type, "baseClass");
              const r = this.resolve(el.type, info.scope ?? info);
              if (r)
                this.I(c, "extends", typeof r === "string" ? r : r.iri);
              if (el.cm) {
                this.S(x, "modification", canonical((p) => p.classMod(el.cm, -1)));
                this.embedded(x, el.cm);
              }
              if (el.ann)
                this.annotation(x, el.ann, "comment");
              break;
            }
            case "import": {
              const x = `${c}/import/${impN++}`;
              this.type(x, "ImportClause");
              this.I(x, "inSection", s);
              this.N(x, "index", ei);
              this.I(c, "import", x);
              this.S(x, "text", canonical((p) => p.element(el, -1)));
              this.S(x, "importedName", el.name.join("."));
              this.text(x, "importAlias", el.alias);
              const r = this.classes.get(el.name.join("."));
              if (r)
                this.I(x, "importedClass", r.iri);
              this.desc(x, el.comment.desc);
              this.embedded(x, el.comment);
              break;
            }
          }
        });
      } else if (sec.k === "equation") {
        sec.eqs.forEach((eq, i) => {
          const x = `${c}/equation/${eqN++}`;
          this.type(x, "Equation");
          this.I(x, "inSection", s);
          this.N(x, "index", i);
          this.I(c, "equation", x);
          this.S(x, "equationKind", eq.k);
          this.S(x, "text", canonicalElided((p) => p.equation(eq, 0)));
          this.references(info, x, eq);
          const conns = [];
          collectConnects(eq, conns);
          for (const cn of conns) {
            const y = `${c}/connect/${connN++}`;
            this.type(y, "Connection");
            this.I(c, "connection", y);
            this.I(y, "inEquation", x);
            this.connectEnd(info, y, cn.a, "from");
            this.connectEnd(info, y, cn.b, "to");
          }
          this.embedded(x, eq);
        });
      } else {
        sec.stmts.forEach((st, i) => {
          const x = `${c}/statement/${stN++}`;
          this.type(x, "Statement");
          this.I(x, "inSection", s);
          this.N(x, "index", i);
          this.I(c, "statement", x);
          this.S(x, "text", canonicalElided((p) => p.statement(st, 0)));
          this.references(info, x, st);
          this.embedded(x, st);
        });
      }
    });
    if (comp.external) {
      const e = comp.external;
      const x = `${c}/external`;
      this.type(x, "ExternalClause");
      this.I(c, "external", x);
      if (e.lang) {
        this.S(x, "languageSource", e.lang);
        this.S(x, "language", stringValue(e.lang));
      }
      if (e.call) {
        const call = e.call;
        this.S(x, "externalFunction", call.fn);
        this.S(x, "externalCall", canonical((p) => {
          if (call.lhs) {
            p.compRef(call.lhs, -1);
            p.sink.tok("=", -2);
          }
          p.sink.tok(call.fn, call.lhs ? -2 : -1);
          p.sink.tok("(", -1);
          if (call.args)
            p.exprList(call.args, -1);
          p.sink.tok(")", -1);
        }));
      }
      if (e.ann)
        this.annotation(x, e.ann, "comment");
    }
    if (comp.ann)
      this.annotation(c, comp.ann, "class");
  }
  prefixes(s, p) {
    this.flag(s, "isRedeclare", p.redeclare);
    this.flag(s, "isFinal", p.final);
    this.flag(s, "isInner", p.inner);
    this.flag(s, "isOuter", p.outer);
    this.flag(s, "isReplaceable", p.replaceable);
  }
  constraint(s, info, cc, cmt) {
    if (!cc)
      return;
    this.typeRef(s, info, cc.type, "constrainedBy");
    if (cc.cm) {
      this.S(s, "constrainedByModification", canonical((p) => p.classMod(cc.cm, -1)));
      this.embedded(s, cc.cm);
    }
    this.flag(s, "hasConstraintComment", true);
    if (cmt) {
      if (cmt.desc.length)
        this.S(s, "constraintDescriptionSource", cmt.desc.join(" + "));
      if (cmt.ann)
        this.annotation(s, cmt.ann, "constraint");
    }
  }
  componentClause(info, sec, ei, el) {
    const cl = el.clause;
    cl.decls.forEach((d, di) => {
      const x = info.components.get(d.name) === void 0 ? this.unique(`${info.iri}/${segment(d.name)}`) : this.claim(info, d.name);
      this.type(x, "Component");
      this.I(info.iri, "component", x);
      this.S(x, "name", d.name);
      this.I(x, "inSection", sec);
      this.N(x, "index", ei);
      this.N(x, "declarationIndex", di);
      this.prefixes(x, el.pre);
      this.text(x, "connectorKind", cl.flow);
      this.text(x, "variability", cl.variability);
      this.text(x, "causality", cl.causality);
      this.typeRef(x, info, cl.type, "type");
      if (cl.subs)
        this.S(x, "typeArrayDims", canonical((p) => p.subscripts(cl.subs)));
      if (d.subs)
        this.S(x, "arrayDims", canonical((p) => p.subscripts(d.subs)));
      if (d.mod) {
        const m = d.mod;
        this.S(x, "modification", canonical((p) => p.modification(m, -1)));
        if (m.value !== void 0)
          this.S(x, "bindingValue", m.value === "break" ? "break" : canonical((p) => p.expr(m.value, -1)));
        if (m.cm)
          this.units(x, m.cm);
        this.embedded(x, m);
      }
      if (d.cond)
        this.S(x, "condition", canonical((p) => p.expr(d.cond, -1)));
      this.comment(x, d.comment, "comment");
      if (di === 0)
        this.constraint(x, info, el.cc, el.ccComment);
      else if (el.cc)
        this.flag(x, "sharesConstraint", true);
    });
  }
  claimed = /* @__PURE__ */ new Set();
  /** The registered IRI of a component name, once; duplicates (invalid Modelica, still parsed) get fresh IRIs. */
  claim(info, name) {
    const x = info.components.get(name);
    if (this.claimed.has(x))
      return this.unique(x);
    this.claimed.add(x);
    return x;
  }
  /** unit / displayUnit / quantity modifiers (string values) as structured terms. */
  units(s, args) {
    for (const a of args) {
      if (a.kind !== "mod" || a.name?.length !== 1 || !a.mod || !a.mod.value || a.mod.value === "break" || a.mod.value.k !== "str")
        continue;
      const v = stringValue(a.mod.value.v);
      const n = a.name[0];
      if (n === "unit") {
        this.S(s, "unit", v);
        const q = qudtUnit(v);
        if (q)
          this.out.iri(s, QUDT_HAS_UNIT, q);
      } else if (n === "displayUnit") {
        this.S(s, "displayUnit", v);
        const q = qudtUnit(v);
        if (q)
          this.I(s, "displayUnitQudt", q);
      } else if (n === "quantity")
        this.S(s, "quantity", v);
    }
  }
  references(info, x, node) {
    const seen = /* @__PURE__ */ new Set();
    const visit = (n) => {
      if (typeof n !== "object" || n === null)
        return;
      if (Array.isArray(n)) {
        for (let i = 0; i < n.length; i++)
          visit(n[i]);
        return;
      }
      const o = n;
      const refs = [];
      if (o.k === "ref" && o.ref)
        refs.push(o.ref);
      if (o.k === "connect" && o.a && o.b)
        refs.push(o.a, o.b);
      if (o.k === "assign" && o.lhs)
        refs.push(o.lhs);
      for (const r of refs) {
        const { head } = this.resolveRef(info, r);
        if (head && !seen.has(head)) {
          seen.add(head);
          this.I(x, "references", head);
        }
      }
      for (const k in n) {
        if (k === "ann")
          continue;
        const v = n[k];
        if (typeof v === "object" && v !== null)
          visit(v);
      }
    };
    visit(node);
  }
  connectEnd(info, y, r, end) {
    this.S(y, `${end}Text`, canonical((p) => p.compRef(r, -1)));
    const { head, leaf } = this.resolveRef(info, r);
    if (head)
      this.I(y, `${end}Component`, head);
    if (leaf)
      this.I(y, `${end}Connector`, leaf);
  }
  /** An annotation clause: its structured terms, and its text with holes where those hold the value. */
  annotation(owner, args, role) {
    const a = `${owner}/annotation/${role}`;
    this.type(a, "Annotation");
    this.I(owner, "annotation", a);
    this.S(a, "role", role);
    let shown = args;
    const hole = (i, arg) => {
      if (shown === args)
        shown = [...args];
      shown[i] = arg;
    };
    args.forEach((arg, i) => {
      if (arg.kind !== "mod" || arg.name?.length !== 1)
        return;
      const n = arg.name[0];
      const sub = arg.mod?.cm;
      const single = argsNamed(args, n) === 1;
      if (n === "Documentation" && sub) {
        const d = `${a}/Documentation`;
        this.type(d, "Documentation");
        this.I(a, "documentation", d);
        let subShown = sub;
        sub.forEach((x, j) => {
          const v = strArg(x);
          if (v === void 0 || x.name?.length !== 1 || x.name[0] !== "info" && x.name[0] !== "revisions")
            return;
          this.S(d, x.name[0], v);
          if (single && argsNamed(sub, x.name[0]) === 1 && x.mod.value.v === canonicalString(v)) {
            if (subShown === sub)
              subShown = [...sub];
            subShown[j] = { ...x, mod: { ...x.mod, value: { k: "str", v: '""' } } };
          }
        });
        if (subShown !== sub)
          hole(i, { ...arg, mod: { ...arg.mod, cm: subShown } });
      } else if (n === "experiment" && sub) {
        const d = `${a}/experiment`;
        this.type(d, "Experiment");
        this.I(a, "experiment", d);
        const keys = { StartTime: "startTime", StopTime: "stopTime", Tolerance: "tolerance", Interval: "interval" };
        for (const x of sub) {
          const key = x.name?.length === 1 ? keys[x.name[0]] : void 0;
          const v = numArg(x);
          if (key && v !== void 0)
            this.out.typed(d, P(key), numberLexical(v), XSD_DOUBLE2);
        }
      } else if ((n === "Icon" || n === "Diagram") && sub) {
        const d = `${a}/${n}`;
        this.type(d, n === "Icon" ? "Icon" : "Diagram");
        this.I(a, n === "Icon" ? "icon" : "diagram", d);
        let subShown = sub;
        const subHole = (j, x) => {
          if (subShown === sub)
            subShown = [...sub];
          subShown[j] = x;
        };
        sub.forEach((x, j) => {
          if (x.name?.length !== 1 || !x.mod)
            return;
          const xn = x.name[0];
          const only = single && argsNamed(sub, xn) === 1;
          if (xn === "coordinateSystem") {
            this.S(d, "coordinateSystem", canonical((p) => p.modification(x.mod, -1)));
            if (only)
              subHole(j, { ...x, mod: void 0 });
          }
          const g = x.mod.value;
          if (xn === "graphics" && g && g !== "break" && g.k === "array") {
            g.items.forEach((item, gi) => {
              const gIri = `${d}/graphic/${gi}`;
              this.type(gIri, "GraphicItem");
              this.I(d, "graphic", gIri);
              this.N(gIri, "index", gi);
              if (item.k === "call" && typeof item.fn !== "string")
                this.S(gIri, "primitive", item.fn.parts.map((q) => q.id).join("."));
              this.S(gIri, "text", canonical((p) => p.expr(item, -1)));
            });
            if (only && !g.iter && g.items.length > 0)
              subHole(j, { ...x, mod: { ...x.mod, value: { k: "array", items: [] } } });
          }
        });
        if (subShown !== sub)
          hole(i, { ...arg, mod: { ...arg.mod, cm: subShown } });
      } else if (n === "Placement" && arg.mod) {
        this.S(a, "placement", canonical((p) => p.modification(arg.mod, -1)));
        if (single)
          hole(i, { ...arg, mod: void 0 });
      }
    });
    this.S(a, "text", canonical((p) => p.classMod(shown, -1)));
  }
};
function strArg(a) {
  const v = a.mod?.value;
  return v && v !== "break" && v.k === "str" ? stringValue(v.v) : void 0;
}
function numArg(a) {
  let v = a.mod?.value;
  let sign2 = 1;
  if (v && v !== "break" && v.k === "un" && (v.op === "-" || v.op === "+")) {
    sign2 = v.op === "-" ? -1 : 1;
    v = v.e;
  }
  return v && v !== "break" && v.k === "num" ? sign2 * Number(v.v) : void 0;
}
function collectConnects(eq, out) {
  switch (eq.k) {
    case "connect":
      out.push(eq);
      break;
    case "if":
      for (const b of eq.branches)
        for (const e of b.body)
          collectConnects(e, out);
      for (const e of eq.otherwise ?? [])
        collectConnects(e, out);
      break;
    case "when":
      for (const b of eq.branches)
        for (const e of b.body)
          collectConnects(e, out);
      break;
    case "for":
      for (const e of eq.body)
        collectConnects(e, out);
      break;
  }
}
function modelicaToRdf(files, others, base = DEFAULT_BASE) {
  const sink = new QuadSink();
  new RdfMapper(base, sink).map(files, others);
  return sink.quads;
}
var { namedNode: namedNode3, literal: literal3, quad: quad3 } = DataFactory3;
var QuadSink = class {
  quads = [];
  iri(s, p, o) {
    this.quads.push(quad3(namedNode3(s), namedNode3(p), namedNode3(o)));
  }
  str(s, p, v) {
    this.quads.push(quad3(namedNode3(s), namedNode3(p), literal3(v)));
  }
  typed(s, p, lexical, datatype) {
    this.quads.push(quad3(namedNode3(s), namedNode3(p), literal3(lexical, namedNode3(datatype))));
  }
  int(s, p, n) {
    this.typed(s, p, String(n), XSD_INTEGER2);
  }
  endGroup() {
  }
};

// dist/modelica/from-rdf.js
var GraphError2 = class extends Error {
  constructor(message) {
    super(message);
    this.name = "GraphError";
  }
};
var TYPE = NS.rdf + "type";
var INVERSE = ["storedIn", "sectionOf", "inSection"];
var Index = class {
  head = /* @__PURE__ */ new Map();
  // subject -> 1 + index of its last triple
  next = new Int32Array(1 << 16);
  // 1 + index of the subject's previous triple, 0 = none
  pred = new Uint16Array(1 << 16);
  obj = [];
  predId = /* @__PURE__ */ new Map();
  byLength = [];
  localId = /* @__PURE__ */ new Map();
  inverse = [];
  ofType = /* @__PURE__ */ new Map();
  /** number of triples indexed */
  triples = 0;
  typeId;
  inverseOf = [];
  // predicate id -> slot in `inverse`
  constructor() {
    this.typeId = this.id(TYPE);
    for (const local of INVERSE) {
      this.inverseOf[this.mo(local)] = this.inverse.length;
      this.inverse.push(/* @__PURE__ */ new Map());
    }
  }
  /** predicate id; a Map of the few predicate strings, looked up through a per-length bucket first
   * (the parser's IRIs are fresh concatenations: comparing them beats hashing them) */
  id(p) {
    const bucket = this.byLength[p.length];
    if (bucket !== void 0) {
      for (let j = 0; j < bucket.length; j += 2)
        if (bucket[j] === p)
          return bucket[j + 1];
    }
    let i = this.predId.get(p);
    if (i === void 0) {
      this.predId.set(p, i = this.predId.size);
      (this.byLength[p.length] ??= []).push(p, i);
    }
    return i;
  }
  mo(local) {
    let i = this.localId.get(local);
    if (i === void 0)
      this.localId.set(local, i = this.id(MO + local));
    return i;
  }
  add(s, p, o, oIsIri) {
    const pid = this.id(p);
    const t = this.triples++;
    if (t === this.next.length) {
      const n2 = new Int32Array(t * 2);
      n2.set(this.next);
      this.next = n2;
      const p2 = new Uint16Array(t * 2);
      p2.set(this.pred);
      this.pred = p2;
    }
    this.next[t] = this.head.get(s) ?? 0;
    this.head.set(s, t + 1);
    this.pred[t] = pid;
    this.obj.push(o);
    if (!oIsIri)
      return;
    if (pid === this.typeId) {
      let l = this.ofType.get(o);
      if (!l)
        this.ofType.set(o, l = []);
      l.push(s);
      return;
    }
    const slot = this.inverseOf[pid];
    if (slot !== void 0) {
      const m = this.inverse[slot];
      let l = m.get(o);
      if (!l)
        m.set(o, l = []);
      l.push(s);
    }
  }
  getId(s, pid) {
    for (let t = this.head.get(s) ?? 0; t !== 0; t = this.next[t - 1])
      if (this.pred[t - 1] === pid)
        return this.obj[t - 1];
    return void 0;
  }
  get(s, local) {
    return this.getId(s, this.mo(local));
  }
  /** every object of (s, pid), in graph order */
  all(s, pid) {
    const out = [];
    for (let t = this.head.get(s) ?? 0; t !== 0; t = this.next[t - 1])
      if (this.pred[t - 1] === pid)
        out.push(this.obj[t - 1]);
    return out.reverse();
  }
  req(s, local) {
    const v = this.get(s, local);
    if (v === void 0)
      throw new GraphError2(`<${s}>: missing mo:${local}`);
    return v;
  }
  bool(s, local) {
    return this.get(s, local) === "true";
  }
  int(s, local) {
    return Number(this.req(s, local));
  }
  types(s) {
    return this.all(s, this.typeId);
  }
  has(s) {
    return this.head.has(s);
  }
  /** subjects with `local` pointing at `o` (only for the INVERSE predicates) */
  subjectsOf(o, local) {
    const slot = this.inverseOf[this.mo(local)];
    return (slot === void 0 ? void 0 : this.inverse[slot].get(o)) ?? [];
  }
};
function indexQuads(quads) {
  const ix = new Index();
  for (const q of quads)
    ix.add(q.subject.value, q.predicate.value, q.object.value, q.object.termType === "NamedNode");
  return ix;
}
function indexTurtle(text3, file, format) {
  const ix = new Index();
  const factory = {
    ...DataFactory4,
    namedNode: (value) => ({ termType: "NamedNode", value, id: value }),
    literal: (value, dt) => ({ termType: "Literal", value, id: value, datatype: dt }),
    quad(s, p, o) {
      ix.add(s.value, p.value, o.value, o.termType === "NamedNode");
      return null;
    }
  };
  try {
    const rest = new N3Parser({ format, factory }).parse(text3);
    if (rest.length)
      throw new Error("unexpected quads from the Turtle parser");
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const line = e.context?.line ?? Number(/on line (\d+)/.exec(msg)?.[1] ?? NaN);
    throw new RdfSyntaxError(file, Number.isFinite(line) ? line : void 0, msg.replace(/ on line \d+\.?$/, ""));
  }
  return ix;
}
var RdfReader = class _RdfReader {
  ix;
  constructor(ix) {
    this.ix = ix;
  }
  /** number of triples read */
  get triples() {
    return this.ix.triples;
  }
  static fromQuads(quads) {
    return new _RdfReader(indexQuads(quads));
  }
  static fromTurtle(text3, file) {
    return new _RdfReader(indexTurtle(text3, file, file.endsWith(".nt") ? "application/n-triples" : "text/turtle"));
  }
  frag(s, text3, what) {
    return parseFragment(text3, `<${s}>`, what);
  }
  files() {
    return [...this.eachFile()];
  }
  /** The files in path order, each rebuilt only when reached (so a caller can drop one before the next). */
  *eachFile() {
    const list = [];
    for (const s of this.ix.ofType.get(MO + "StoredDefinition") ?? [])
      list.push({ path: this.ix.req(s, "path"), s, mo: true });
    for (const s of this.ix.ofType.get(MO + "PackageOrder") ?? [])
      list.push({ path: this.ix.req(s, "path"), s, mo: false });
    list.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
    for (const f of list)
      yield f.mo ? { path: f.path, sd: this.storedDefinition(f.s) } : { path: f.path, text: this.ix.req(f.s, "text") };
  }
  /** by mo:index, then mo:declarationIndex (keys read once, not per comparison) */
  sorted(subjects) {
    if (subjects.length < 2)
      return subjects;
    const keyed = subjects.map((s) => ({ s, i: this.ix.int(s, "index"), d: this.declIndex(s) }));
    keyed.sort((a, b) => a.i - b.i || a.d - b.d);
    return keyed.map((k) => k.s);
  }
  declIndex(s) {
    const v = this.ix.get(s, "declarationIndex");
    return v === void 0 ? 0 : Number(v);
  }
  storedDefinition(f) {
    const sd = { classes: [] };
    const within = this.ix.get(f, "within");
    if (within !== void 0)
      sd.within = within === "" ? {} : { name: splitName(within) };
    for (const c of this.sorted(this.ix.subjectsOf(f, "storedIn")))
      sd.classes.push({ final: this.ix.bool(c, "isFinal"), cls: this.classDef(c) });
    sd.layout = this.layout(f);
    return sd;
  }
  layout(s) {
    const v = this.ix.get(s, "layout");
    if (v === void 0)
      return void 0;
    if (!isLayout(v))
      throw new GraphError2(`<${s}>: mo:layout is not a layout string (runs and |trivia items)`);
    return v;
  }
  /** Description lexemes: mo:descriptionSource, else the canonical quoting of mo:description. */
  desc(s, local = "descriptionSource") {
    const v = this.ix.get(s, local);
    if (v !== void 0)
      return this.frag(s, v, "comment").desc;
    if (local !== "descriptionSource")
      return [];
    const d = this.ix.get(s, "description");
    return d === void 0 ? [] : [canonicalString(d)];
  }
  ann(owner, role) {
    const a = `${owner}/annotation/${role}`;
    if (!this.ix.has(a))
      return void 0;
    return this.annotationArgs(a);
  }
  /** The arguments of annotation node `a`: its text, holes filled from its structured terms (to-rdf.ts `annotation`). */
  annotationArgs(a) {
    const ix = this.ix;
    const args = this.frag(a, ix.req(a, "text"), "classModification");
    for (const arg of args) {
      if (arg.kind !== "mod" || arg.name?.length !== 1)
        continue;
      const n = arg.name[0];
      if (argsNamed(args, n) !== 1)
        continue;
      const sub = arg.mod?.cm;
      if (n === "Documentation" && sub) {
        const d = `${a}/Documentation`;
        for (const x of sub) {
          if (x.name?.length !== 1 || x.name[0] !== "info" && x.name[0] !== "revisions" || argsNamed(sub, x.name[0]) !== 1)
            continue;
          const v = x.mod?.value;
          const stored = ix.get(d, x.name[0]);
          if (stored !== void 0 && v && v !== "break" && v.k === "str" && v.v === '""')
            x.mod.value = { k: "str", v: canonicalString(stored) };
        }
      } else if ((n === "Icon" || n === "Diagram") && sub) {
        const d = `${a}/${n}`;
        for (const x of sub) {
          if (x.name?.length !== 1 || argsNamed(sub, x.name[0]) !== 1)
            continue;
          if (x.name[0] === "coordinateSystem" && x.mod === void 0) {
            const cs = ix.get(d, "coordinateSystem");
            if (cs !== void 0)
              x.mod = this.frag(d, cs, "modification");
          }
          const g = x.mod?.value;
          if (x.name[0] === "graphics" && g && g !== "break" && g.k === "array" && !g.iter && g.items.length === 0) {
            const items = ix.all(d, ix.mo("graphic"));
            if (items.length)
              g.items = this.sortedBy(items, "index").map((gi) => this.frag(gi, ix.req(gi, "text"), "expression"));
          }
        }
      } else if (n === "Placement" && arg.mod === void 0) {
        const pl = ix.get(a, "placement");
        if (pl !== void 0)
          arg.mod = this.frag(a, pl, "modification");
      }
    }
    return args;
  }
  /**
   * Fills the `annotation()` holes of an equation or statement text from its annotation nodes
   * `<x>/annotation/embedded/<n>`, numbered in the order to-rdf.ts `embedded` visits them
   * (pre-order; an annotation nested in another one has its own number but no hole).
   */
  fillEmbedded(x, node) {
    let n = 0;
    const visit = (o, fill2) => {
      if (typeof o !== "object" || o === null)
        return;
      if (Array.isArray(o)) {
        for (let i = 0; i < o.length; i++)
          visit(o[i], fill2);
        return;
      }
      for (const k in o) {
        if (k === "layout")
          continue;
        let v = o[k];
        if (typeof v !== "object" || v === null)
          continue;
        if (k === "ann" && Array.isArray(v)) {
          if (fill2) {
            const a = `${x}/annotation/embedded/${n}`;
            if (!this.ix.has(a))
              throw new GraphError2(`<${x}>: missing annotation ${a}`);
            v = this.annotationArgs(a);
            o[k] = v;
          }
          n++;
          visit(v, false);
        } else
          visit(v, fill2);
      }
    };
    visit(node, true);
  }
  sortedBy(subjects, local) {
    return [...subjects].sort((a, b) => this.ix.int(a, local) - this.ix.int(b, local));
  }
  comment(s, role = "comment") {
    const c = { desc: this.desc(s) };
    const ann = this.ann(s, role);
    if (ann)
      c.ann = ann;
    return c;
  }
  typeSpec(s, local) {
    const text3 = this.ix.req(s, local);
    const global = text3.startsWith(".");
    return { global, name: splitName(global ? text3.slice(1) : text3) };
  }
  classDef(c) {
    const ix = this.ix;
    const kind = ix.req(c, "classKind");
    const pre = { partial: ix.bool(c, "isPartial"), kind, operator: ix.bool(c, "isOperator"), expandable: ix.bool(c, "isExpandable") };
    const purity = ix.get(c, "purity");
    if (purity === "pure" || purity === "impure")
      pre.purity = purity;
    const name = ix.req(c, "name");
    const form = ix.req(c, "specifier");
    let spec;
    switch (form) {
      case "long":
      case "extends": {
        const desc = this.desc(c);
        const comp = this.composition(c);
        const endName = ix.get(c, "endName") ?? name;
        if (form === "extends") {
          spec = { k: "extends", desc, comp, endName };
          const cm = ix.get(c, "extendsModification");
          if (cm !== void 0)
            spec.cm = this.frag(c, cm, "classModification");
        } else
          spec = { k: "long", desc, comp, endName };
        break;
      }
      case "short": {
        const s = { k: "short", type: this.typeSpec(c, "baseTypeName"), comment: { desc: [] } };
        const base = ix.get(c, "basePrefix");
        if (base === "input" || base === "output")
          s.base = base;
        const dims = ix.get(c, "arrayDims");
        if (dims !== void 0)
          s.subs = this.frag(c, dims, "subscripts");
        const cm = ix.get(c, "modification");
        if (cm !== void 0)
          s.cm = this.frag(c, cm, "classModification");
        s.comment = this.comment(c);
        spec = s;
        break;
      }
      case "enum": {
        const lits = this.sortedBy(ix.all(c, ix.mo("literal")), "index").map((l) => ({ id: ix.req(l, "name"), comment: this.comment(l) }));
        spec = { k: "enum", colon: ix.bool(c, "enumerationColon"), lits, comment: this.comment(c) };
        break;
      }
      case "der":
        spec = { k: "der", type: this.typeSpec(c, "derivativeOfName"), ids: JSON.parse(ix.req(c, "derivativeVariables")), comment: this.comment(c) };
        break;
      default:
        throw new GraphError2(`<${c}>: unknown mo:specifier ${JSON.stringify(form)}`);
    }
    const cls = { encapsulated: ix.bool(c, "isEncapsulated"), pre, name, spec };
    const layout = this.layout(c);
    if (layout)
      cls.layout = layout;
    return cls;
  }
  composition(c) {
    const ix = this.ix;
    const comp = { sections: [] };
    for (const s of this.sorted(ix.subjectsOf(c, "sectionOf"))) {
      const kind = ix.req(s, "sectionKind");
      const members = this.sorted(ix.subjectsOf(s, "inSection"));
      if (kind === "public" || kind === "protected") {
        comp.sections.push({ k: kind, keyword: !ix.bool(s, "implicit"), elems: this.elements(c, members) });
      } else if (kind.endsWith("equation")) {
        comp.sections.push({ k: "equation", initial: kind.startsWith("initial"), eqs: members.map((m) => this.withEmbedded(m, this.frag(m, ix.req(m, "text"), "equation"))) });
      } else {
        comp.sections.push({ k: "algorithm", initial: kind.startsWith("initial"), stmts: members.map((m) => this.withEmbedded(m, this.frag(m, ix.req(m, "text"), "statement"))) });
      }
    }
    const ext = ix.get(c, "external");
    if (ext !== void 0) {
      const e = {};
      const lang = ix.get(ext, "languageSource");
      if (lang !== void 0)
        e.lang = lang;
      const call = ix.get(ext, "externalCall");
      if (call !== void 0)
        e.call = parseExternalCall(call, ext, this);
      const ann2 = this.ann(ext, "comment");
      if (ann2)
        e.ann = ann2;
      comp.external = e;
    }
    const ann = this.ann(c, "class");
    if (ann)
      comp.ann = ann;
    return comp;
  }
  withEmbedded(m, x) {
    this.fillEmbedded(m, x);
    return x;
  }
  prefixes(s) {
    const ix = this.ix;
    return { redeclare: ix.bool(s, "isRedeclare"), final: ix.bool(s, "isFinal"), inner: ix.bool(s, "isInner"), outer: ix.bool(s, "isOuter"), replaceable: ix.bool(s, "isReplaceable") };
  }
  constraint(s, el) {
    const ix = this.ix;
    if (!ix.bool(s, "hasConstraintComment"))
      return;
    el.cc = { type: this.typeSpec(s, "constrainedByName") };
    const cm = ix.get(s, "constrainedByModification");
    if (cm !== void 0)
      el.cc.cm = this.frag(s, cm, "classModification");
    const cmt = { desc: this.desc(s, "constraintDescriptionSource") };
    const ann = this.ann(s, "constraint");
    if (ann)
      cmt.ann = ann;
    el.ccComment = cmt;
  }
  elements(c, members) {
    const ix = this.ix;
    const out = [];
    let clause;
    for (const m of members) {
      const types = ix.types(m);
      if (types.includes(MO + "Component")) {
        const index = ix.int(m, "index");
        const decl = this.declaration(m);
        if (clause && clause.index === index) {
          clause.el.clause.decls.push(decl);
          continue;
        }
        const cl = { type: this.typeSpec(m, "typeName"), decls: [decl] };
        const flow = ix.get(m, "connectorKind");
        if (flow === "flow" || flow === "stream")
          cl.flow = flow;
        const v = ix.get(m, "variability");
        if (v === "discrete" || v === "parameter" || v === "constant")
          cl.variability = v;
        const ca = ix.get(m, "causality");
        if (ca === "input" || ca === "output")
          cl.causality = ca;
        const tdims = ix.get(m, "typeArrayDims");
        if (tdims !== void 0)
          cl.subs = this.frag(m, tdims, "subscripts");
        const el = { k: "comp", pre: this.prefixes(m), clause: cl };
        this.constraint(m, el);
        out.push(el);
        clause = { index, el };
        continue;
      }
      clause = void 0;
      if (types.includes(MO + "ClassDefinition")) {
        const el = { k: "class", pre: this.prefixes(m), cls: this.classDef(m) };
        this.constraint(m, el);
        out.push(el);
      } else if (types.includes(MO + "ExtendsClause")) {
        const el = { k: "extends", type: this.typeSpec(m, "baseClassName") };
        const cm = ix.get(m, "modification");
        if (cm !== void 0)
          el.cm = this.frag(m, cm, "classModification");
        const ann = this.ann(m, "comment");
        if (ann)
          el.ann = ann;
        out.push(el);
      } else if (types.includes(MO + "ImportClause")) {
        out.push(this.frag(m, ix.req(m, "text"), "element"));
      } else
        throw new GraphError2(`<${m}>: element of <${c}> of unknown type`);
    }
    return out;
  }
  declaration(m) {
    const ix = this.ix;
    const d = { name: ix.req(m, "name"), comment: this.comment(m) };
    const dims = ix.get(m, "arrayDims");
    if (dims !== void 0)
      d.subs = this.frag(m, dims, "subscripts");
    const mod = ix.get(m, "modification");
    if (mod !== void 0)
      d.mod = this.frag(m, mod, "modification");
    const cond = ix.get(m, "condition");
    if (cond !== void 0)
      d.cond = this.frag(m, cond, "expression");
    return d;
  }
  /** exposes fragment parsing to helpers */
  fragment(s, text3, what) {
    return this.frag(s, text3, what);
  }
};
function splitName(text3) {
  const out = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < text3.length; i++) {
    const ch = text3[i];
    if (quoted) {
      cur += ch;
      if (ch === "\\")
        cur += text3[++i] ?? "";
      else if (ch === "'")
        quoted = false;
    } else if (ch === "'") {
      quoted = true;
      cur += ch;
    } else if (ch === ".") {
      out.push(cur);
      cur = "";
    } else
      cur += ch;
  }
  out.push(cur);
  return out;
}
function parseExternalCall(text3, s, r) {
  const eqPos = text3.indexOf(" = ");
  const open = text3.indexOf("(");
  if (eqPos >= 0 && eqPos < open) {
    const lhs = r.fragment(s, text3.slice(0, eqPos), "expression");
    const rhs2 = r.fragment(s, text3.slice(eqPos + 3), "expression");
    if (lhs.k !== "ref" || rhs2.k !== "call" || typeof rhs2.fn === "string")
      throw new GraphError2(`<${s}>: bad mo:externalCall`);
    return withArgs({ lhs: lhs.ref, fn: rhs2.fn.parts[0].id }, rhs2.args);
  }
  const rhs = r.fragment(s, text3, "expression");
  if (rhs.k !== "call" || typeof rhs.fn === "string")
    throw new GraphError2(`<${s}>: bad mo:externalCall`);
  return withArgs({ fn: rhs.fn.parts[0].id }, rhs.args);
}
function withArgs(call, args) {
  if (args.pos.length)
    call.args = args.pos;
  return call;
}
function modelicaFromRdf(quads) {
  return RdfReader.fromQuads(quads).files();
}
function modelicaFromTurtle(text3, file) {
  return RdfReader.fromTurtle(text3, file).files();
}

// dist/modelica/package.js
import { mkdirSync, readdirSync as readdirSync3, readFileSync as readFileSync9, statSync as statSync3 } from "node:fs";
import { basename as basename6, dirname as dirname5, join as join8, relative, sep } from "node:path";
function isModelicaSource(name) {
  return name.endsWith(".mo") || name === "package.order";
}
function readSources(path) {
  const st = statSync3(path);
  if (!st.isDirectory())
    return [{ path: basename6(path), abs: path, text: readFileSync9(path, "utf8") }];
  const root = dirname5(path.replace(/[\\/]+$/, "")) || ".";
  const out = [];
  const visit = (dir) => {
    for (const name of readdirSync3(dir).sort()) {
      const abs = join8(dir, name);
      const s = statSync3(abs);
      if (s.isDirectory())
        visit(abs);
      else if (isModelicaSource(name))
        out.push({ path: relative(root, abs).split(sep).join("/"), abs, text: readFileSync9(abs, "utf8") });
    }
  };
  visit(path);
  return out.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}
function writeSources(dir, files) {
  for (const f of files) {
    if (f.path.split("/").some((p) => p === ".." || p === "") || f.path.startsWith("/"))
      throw new Error(`unsafe path in graph: ${JSON.stringify(f.path)}`);
    const target = join8(dir, ...f.path.split("/"));
    mkdirSync(dirname5(target), { recursive: true });
    writeFileAtomic(target, f.text);
  }
}

// dist/modelica/pipeline.js
import { createHash as createHash4 } from "node:crypto";
function emptyCounts() {
  return { classes: 0, components: 0, equations: 0, connects: 0, annotations: 0, statements: 0 };
}
function parseWithLayout(text3, file, coverage) {
  const toks = tokenize(text3, file);
  const sd = new Parser4(toks, coverage).storedDefinition();
  captureLayout(sd, toks);
  return sd;
}
function parseSources(sources, coverage) {
  const files = [];
  const others = [];
  let counts = emptyCounts();
  for (const s of sources) {
    if (s.path.endsWith(".mo")) {
      const sd = parseWithLayout(s.text, s.abs, coverage);
      counts = addCounts(counts, countAst(sd));
      files.push({ path: s.path, sd });
    } else
      others.push({ path: s.path, text: s.text });
  }
  return { files, others, counts };
}
function serialise(quads, format) {
  return format === "turtle" ? writeModelicaTurtle(quads) : format === "ntriples" ? writeNTriples(quads) : writeJsonLd(quads);
}
function toGraph(parsed, base = DEFAULT_BASE) {
  return modelicaToRdf(parsed.files, parsed.others, base);
}
function regenerate(files, layout) {
  return files.map((f) => {
    if (!f.sd)
      return { path: f.path, text: f.text ?? "", degraded: false };
    if (layout === "canonical")
      return { path: f.path, text: printCanonical(f.sd), degraded: false };
    const o = printOriginal(f.sd);
    return { path: f.path, text: o.text, degraded: o.degraded };
  });
}
var sha2562 = (s) => createHash4("sha256").update(s, "utf8").digest("hex");
var now = () => performance.now() / 1e3;
function sourcesToTurtle(sources, base = DEFAULT_BASE) {
  const w = new TurtleWriter2(void 0, base);
  const m = new RdfMapper(base, w);
  const mo = sources.filter((s) => s.path.endsWith(".mo")).sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  for (const s of mo)
    m.registerFile({ path: s.path, sd: parseModelica(s.text, s.abs) });
  for (const s of mo)
    m.mapFile({ path: s.path, sd: parseWithLayout(s.text, s.abs) });
  m.mapOthers(sources.filter((s) => !s.path.endsWith(".mo")).map((s) => ({ path: s.path, text: s.text })));
  return w.finish();
}
function roundtrip2(sources, base = DEFAULT_BASE) {
  const mo = sources.filter((s) => s.path.endsWith(".mo"));
  const report = {
    files: mo.length,
    classes: 0,
    parsed: 0,
    astEqual: 0,
    byteEqual: 0,
    failed: [],
    triples: 0,
    seconds: { parse: 0, toRdf: 0, fromRdf: 0 },
    counts: emptyCounts(),
    bytes: 0,
    turtleBytes: 0
  };
  const ok = [];
  const originals = /* @__PURE__ */ new Map();
  let t0 = now();
  for (const s of sources) {
    report.bytes += Buffer.byteLength(s.text, "utf8");
    if (!s.path.endsWith(".mo")) {
      ok.push(s);
      originals.set(s.path, s);
      continue;
    }
    try {
      const sd = parseModelica(s.text, s.abs);
      ok.push(s);
      originals.set(s.path, s);
      report.parsed++;
      report.counts = addCounts(report.counts, countAst(sd));
    } catch (e) {
      report.failed.push({ file: s.path, stage: "parse", message: e.message });
    }
  }
  report.classes = report.counts.classes;
  report.seconds.parse = now() - t0;
  t0 = now();
  let turtle;
  try {
    turtle = sourcesToTurtle(ok, base);
    report.turtleBytes = Buffer.byteLength(turtle, "utf8");
  } catch (e) {
    for (const f of ok)
      if (f.path.endsWith(".mo"))
        report.failed.push({ file: f.path, stage: "rdf", message: e.message });
    return report;
  }
  report.seconds.toRdf = now() - t0;
  t0 = now();
  let compare2 = 0;
  const seen = /* @__PURE__ */ new Set();
  try {
    const reader = RdfReader.fromTurtle(turtle, "roundtrip.ttl");
    turtle = "";
    report.triples = reader.triples;
    for (const rb of reader.eachFile()) {
      const o = originals.get(rb.path);
      if (!o)
        continue;
      seen.add(rb.path);
      const r = regenerate([rb], "original")[0];
      const c0 = now();
      if (!rb.sd) {
        if (r.text !== o.text)
          report.failed.push({ file: o.path, stage: "compare", message: "package.order differs" });
        compare2 += now() - c0;
        continue;
      }
      const orig = parseModelica(o.text, o.abs);
      let again;
      try {
        again = parseModelica(r.text, `${o.path} (regenerated)`);
      } catch (e) {
        report.failed.push({ file: o.path, stage: "compare", message: e.message });
        compare2 += now() - c0;
        continue;
      }
      const eq = astEqual(orig, again) && astEqual(orig, rb.sd);
      if (eq)
        report.astEqual++;
      const be = sha2562(r.text) === sha2562(o.text);
      if (be)
        report.byteEqual++;
      if (!eq)
        report.failed.push({ file: o.path, stage: "compare", message: `AST differs: ${astDiff(orig, again) ?? astDiff(orig, rb.sd)}` });
      else if (!be)
        report.failed.push({ file: o.path, stage: "compare", message: "regenerated bytes differ (SHA-256)" });
      compare2 += now() - c0;
    }
  } catch (e) {
    for (const f of ok)
      if (!seen.has(f.path) && f.path.endsWith(".mo"))
        report.failed.push({ file: f.path, stage: "regenerate", message: e.message });
    return report;
  }
  for (const f of ok) {
    if (seen.has(f.path))
      continue;
    report.failed.push({ file: f.path, stage: f.path.endsWith(".mo") ? "regenerate" : "compare", message: f.path.endsWith(".mo") ? "file missing from the graph" : "package.order differs" });
  }
  report.seconds.fromRdf = now() - t0 - compare2;
  return report;
}

// dist/archive/mapper-modelica.js
var utf8 = (b) => new TextDecoder("utf-8").decode(b);
var modelicaMapper = {
  kind: "modelica",
  label: "Modelica sources (.mo files, package directories with package.order)",
  tool: "twin modelica to-rdf (src/modelica)",
  toGraph(files) {
    const sources = files.filter((f) => isModelicaSource(f.path.split("/").pop())).map((f) => ({ path: f.path, abs: `sources/modelica/${f.path}`, text: utf8(f.bytes) }));
    let quads;
    try {
      quads = toGraph(parseSources(sources));
    } catch (e) {
      if (e instanceof ModelicaSyntaxError)
        throw new SourceError(e.message);
      throw e;
    }
    const roots = /* @__PURE__ */ new Map();
    const triples = /* @__PURE__ */ new Map();
    const fileOf = /* @__PURE__ */ new Map();
    for (const s of sources) {
      const f = pathIri(DEFAULT_BASE, s.path);
      fileOf.set(f, s.path);
      roots.set(s.path, [f]);
      triples.set(s.path, 0);
    }
    for (const q of quads) {
      if (q.predicate.value === `${MO}storedIn`) {
        const p = fileOf.get(q.object.value);
        if (p !== void 0)
          roots.get(p).push(q.subject.value);
      }
    }
    return { quads, roots };
  },
  restore(quads) {
    return regenerate(modelicaFromRdf(quads), "original").map((f) => ({ path: f.path, bytes: Buffer.from(f.text, "utf8") }));
  },
  modelEqual(original, restored) {
    if (!original.path.endsWith(".mo"))
      return utf8(original.bytes) === utf8(restored.bytes) ? void 0 : "the texts differ";
    try {
      const a = parseModelica(utf8(original.bytes), original.path);
      const b = parseModelica(utf8(restored.bytes), `${restored.path} (restored)`);
      return astEqual(a, b) ? void 0 : `AST differs: ${astDiff(a, b) ?? "?"}`;
    } catch (e) {
      return e.message;
    }
  }
};

// dist/archive/rotor-rdf.js
var ROTOR_DATA = `${TWIN}rotor/model/`;
var RDF_VALUE = `${NS.rdf}value`;
var SLOT = "\0";
var RAW = "";
var RotorRdfError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "RotorRdfError";
  }
};
function rotorModelIri(name) {
  return ROTOR_DATA + encodeURIComponent(name);
}
function scan(text3) {
  const scalars = [];
  let template2 = "";
  let pos = 0;
  const ws = () => {
    const m = /^[ \t\r\n]*/.exec(text3.slice(pos));
    template2 += m[0];
    pos += m[0].length;
  };
  const str2 = () => {
    const m = /^"(?:[^"\\]|\\.)*"/s.exec(text3.slice(pos));
    pos += m[0].length;
    return m[0];
  };
  const value = (path) => {
    ws();
    const c = text3[pos];
    if (c === "{") {
      template2 += "{";
      pos++;
      ws();
      if (text3[pos] === "}") {
        template2 += "}";
        pos++;
        return;
      }
      for (; ; ) {
        ws();
        const key = str2();
        template2 += key;
        ws();
        template2 += ":";
        pos++;
        value([...path, JSON.parse(key)]);
        ws();
        const d = text3[pos++];
        template2 += d;
        if (d === "}")
          return;
      }
    }
    if (c === "[") {
      template2 += "[";
      pos++;
      ws();
      if (text3[pos] === "]") {
        template2 += "]";
        pos++;
        return;
      }
      for (let i = 0; ; i++) {
        value([...path, i]);
        ws();
        const d = text3[pos++];
        template2 += d;
        if (d === "]")
          return;
      }
    }
    let raw;
    if (c === '"')
      raw = str2();
    else {
      const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|-?Infinity|NaN)/.exec(text3.slice(pos));
      if (!m)
        throw new RotorRdfError(`unexpected character at offset ${pos}`);
      raw = m[0];
      pos += raw.length;
    }
    const v = JSON.parse(raw === "NaN" || /Infinity$/.test(raw) ? "null" : raw);
    scalars.push({ path, raw, value: v });
    template2 += typeof v === "string" && JSON.stringify(v) !== raw ? RAW + raw + SLOT : SLOT;
  };
  if (text3.charCodeAt(0) === 65279) {
    template2 += "\uFEFF";
    pos = 1;
  }
  value([]);
  template2 += text3.slice(pos);
  return { scalars, template: template2 };
}
function typeOf(path) {
  if (path.length === 0)
    return "RotorModel";
  const last = path[path.length - 1];
  const key = typeof last === "number" ? path[path.length - 2] : last;
  if (typeof last === "number") {
    return { shaft: "ShaftElement", disks: "Disk", bearings: "Bearing", pedestals: "Pedestal" }[key];
  }
  return { material: "Material", options: "ElementOptions", damping: "RayleighDamping" }[key];
}
var INTEGER_KEYS = /* @__PURE__ */ new Set(["node", "bearing"]);
function pathIri2(base, path) {
  return path.length === 0 ? base : `${base}/${path.map((p) => encodeURIComponent(String(p))).join("/")}`;
}
function rotorToQuads(text3, fileName) {
  let doc;
  try {
    doc = parseJson(text3);
  } catch (e) {
    if (e instanceof JsonSyntaxError)
      throw new RotorRdfError(`${fileName}:${e.line}:${e.column}: ${e.reason}`);
    throw e;
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc) || typeof doc.name !== "string") {
    throw new RotorRdfError(`${fileName}: not a rotor model (an object with a "name")`);
  }
  const base = rotorModelIri(doc.name);
  const out = [];
  const add = (s, p, o) => void out.push(quad(iri(s), iri(p), o));
  const { scalars, template: template2 } = scan(text3);
  const seen = /* @__PURE__ */ new Set();
  const resource = (path, isArray) => {
    const key = JSON.stringify(path);
    if (seen.has(key))
      return;
    seen.add(key);
    const s = pathIri2(base, path);
    if (path.length > 0) {
      const parentPath = typeof path[path.length - 1] === "number" ? path.slice(0, -2) : path.slice(0, -1);
      const prop = typeof path[path.length - 1] === "number" ? path[path.length - 2] : path[path.length - 1];
      add(pathIri2(base, parentPath), ROTOR + String(prop), iri(s));
      if (typeof path[path.length - 1] === "number")
        add(s, `${ROTOR}index`, lit(path[path.length - 1]));
    }
    if (isArray)
      add(s, `${NS.rdf}type`, iri(`${ROTOR}NumberArray`));
    else {
      const t = typeOf(path);
      if (t)
        add(s, `${NS.rdf}type`, iri(ROTOR + t));
    }
  };
  resource([], false);
  const objectsAlong = (path) => {
    for (let i = 1; i <= path.length; i++)
      if (i === path.length || typeof path[i] !== "number")
        resource(path.slice(0, i), false);
  };
  for (const sc of scalars) {
    const last = sc.path[sc.path.length - 1];
    let owner;
    let pred;
    if (typeof last === "number") {
      const arrPath = sc.path.slice(0, -1);
      objectsAlong(arrPath.slice(0, -1));
      resource(arrPath, true);
      const item = pathIri2(base, sc.path);
      add(pathIri2(base, arrPath), `${ROTOR}item`, iri(item));
      add(item, `${ROTOR}index`, lit(last));
      owner = sc.path;
      pred = RDF_VALUE;
    } else {
      owner = sc.path.slice(0, -1);
      objectsAlong(owner);
      pred = ROTOR + String(last);
    }
    const s = pathIri2(base, owner);
    const v = sc.value;
    if (typeof v === "string")
      add(s, pred, lit(v));
    else if (typeof v === "boolean")
      add(s, pred, lit(v));
    else if (typeof v === "number") {
      const integer = /^-?\d+$/.test(sc.raw) && INTEGER_KEYS.has(String(last));
      add(s, pred, lit(sc.raw, `${NS.xsd}${integer ? "integer" : "double"}`));
    } else
      throw new RotorRdfError(`${fileName}: ${sc.path.join(".")}: ${sc.raw} has no place in a rotor model`);
  }
  const obj = doc;
  const shaft = Array.isArray(obj.shaft) ? obj.shaft : [];
  const node = (i) => `${base}/node/${i}`;
  for (let i = 0; i <= shaft.length; i++) {
    add(node(i), `${NS.rdf}type`, iri(`${ROTOR}Node`));
    add(node(i), `${ROTOR}index`, lit(i));
    add(base, `${ROTOR}hasNode`, iri(node(i)));
  }
  shaft.forEach((_, i) => {
    add(`${base}/shaft/${i}`, `${ROTOR}leftNode`, iri(node(i)));
    add(`${base}/shaft/${i}`, `${ROTOR}rightNode`, iri(node(i + 1)));
  });
  for (const key of ["disks", "bearings"]) {
    const arr = obj[key];
    if (Array.isArray(arr)) {
      arr.forEach((x, i) => {
        const n = x?.node;
        if (typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= shaft.length)
          add(`${base}/${key}/${i}`, `${ROTOR}atNode`, iri(node(n)));
      });
    }
  }
  if (Array.isArray(obj.pedestals)) {
    obj.pedestals.forEach((x, i) => {
      const b = x?.bearing;
      if (typeof b === "number" && Number.isInteger(b) && b >= 0)
        add(`${base}/pedestals/${i}`, `${ROTOR}supportsBearing`, iri(`${base}/bearings/${b}`));
    });
  }
  add(base, `${NS.rdfs}label`, lit(doc.name));
  add(base, `${ROTOR}sourceFile`, lit(fileName));
  add(base, `${ROTOR}jsonLayout`, lit(template2));
  return { iri: base, quads: out };
}
function rotorFromQuads(quads) {
  const bySubject = /* @__PURE__ */ new Map();
  for (const q of quads) {
    let m = bySubject.get(q.subject.value);
    if (!m)
      bySubject.set(q.subject.value, m = /* @__PURE__ */ new Map());
    let l = m.get(q.predicate.value);
    if (!l)
      m.set(q.predicate.value, l = []);
    l.push(q.object);
  }
  const one = (s, p) => {
    const l = bySubject.get(s)?.get(p);
    if (l && l.length > 1)
      throw new RotorRdfError(`${s}: ${l.length} values of ${p} (expected one)`);
    return l?.[0];
  };
  const models = [...bySubject.entries()].filter(([s, m]) => s.startsWith(ROTOR_DATA) && (m.get(`${NS.rdf}type`) ?? []).some((o) => o.value === `${ROTOR}RotorModel`)).map(([s]) => s).sort();
  return models.map((base) => {
    const layout = one(base, `${ROTOR}jsonLayout`);
    const fileName = one(base, `${ROTOR}sourceFile`);
    if (!layout || !fileName)
      throw new RotorRdfError(`${base}: no rotor:jsonLayout or rotor:sourceFile`);
    return { iri: base, fileName: fileName.value, text: fill(layout.value, base, one) };
  });
}
function fill(template2, base, one) {
  let out = "";
  let pos = 0;
  const ws = () => {
    const m = /^[ \t\r\n\ufeff]*/.exec(template2.slice(pos));
    out += m[0];
    pos += m[0].length;
  };
  const str2 = () => {
    const m = /^"(?:[^"\\]|\\.)*"/s.exec(template2.slice(pos));
    if (!m)
      throw new RotorRdfError(`${base}: malformed rotor:jsonLayout at ${pos}`);
    pos += m[0].length;
    return m[0];
  };
  const scalar = (path) => {
    let raw;
    if (template2[pos] === RAW) {
      const end = template2.indexOf(SLOT, pos);
      raw = template2.slice(pos + 1, end);
      pos = end;
    }
    if (template2[pos] !== SLOT)
      throw new RotorRdfError(`${base}: malformed rotor:jsonLayout at ${pos}`);
    pos++;
    const last = path[path.length - 1];
    const o = typeof last === "number" ? one(pathIri2(base, path), RDF_VALUE) : one(pathIri2(base, path.slice(0, -1)), ROTOR + String(last));
    if (!o || o.termType !== "Literal")
      throw new RotorRdfError(`${pathIri2(base, path)}: the graph has no value for this slot of the layout`);
    const dt = o.datatype.value;
    if (dt === `${NS.xsd}double` || dt === `${NS.xsd}integer`)
      out += o.value;
    else if (dt === `${NS.xsd}boolean`)
      out += o.value;
    else
      out += raw !== void 0 && JSON.parse(raw) === o.value ? raw : JSON.stringify(o.value);
  };
  const value = (path) => {
    ws();
    const c = template2[pos];
    if (c === "{" || c === "[") {
      out += c;
      pos++;
      ws();
      const close = c === "{" ? "}" : "]";
      if (template2[pos] === close) {
        out += close;
        pos++;
        return;
      }
      for (let i = 0; ; i++) {
        let child;
        if (c === "{") {
          ws();
          const key = str2();
          out += key;
          ws();
          out += template2[pos++];
          child = [...path, JSON.parse(key)];
        } else
          child = [...path, i];
        value(child);
        ws();
        const d = template2[pos++];
        out += d;
        if (d === close)
          return;
      }
    }
    scalar(path);
  };
  value([]);
  out += template2.slice(pos);
  return out;
}

// dist/archive/mapper-rotor.js
var text2 = (b) => new TextDecoder("utf-8", { fatal: false }).decode(b);
function jsonEqual(a, b) {
  if (typeof a === "number" && typeof b === "number")
    return Object.is(a, b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && jsonEqual(a[k], b[k]));
  }
  return a === b;
}
var rotorMapper = {
  kind: "rotor",
  label: "rotor model JSON (DESIGN.md)",
  tool: "twin rotor-rdf 1",
  toGraph(files) {
    const quads = [];
    const roots = /* @__PURE__ */ new Map();
    const triples = /* @__PURE__ */ new Map();
    const names = /* @__PURE__ */ new Map();
    for (const f of files) {
      const t = text2(f.bytes);
      try {
        parseRotorModel(t, `sources/rotor/${f.path}`);
      } catch (e) {
        if (e instanceof ModelError)
          throw new SourceError(e.lines().join("\n"));
        throw e;
      }
      let mapped;
      try {
        mapped = rotorToQuads(t, f.path);
      } catch (e) {
        if (e instanceof RotorRdfError)
          throw new SourceError(e.message);
        throw e;
      }
      const other = names.get(mapped.iri);
      if (other !== void 0)
        throw new SourceError(`sources/rotor/${f.path}: a model of the same name is already in ${other} (rotor model IRIs come from the name)`);
      names.set(mapped.iri, f.path);
      quads.push(...mapped.quads);
      roots.set(f.path, [mapped.iri]);
      triples.set(f.path, mapped.quads.length);
    }
    return { quads, roots, triples };
  },
  restore(quads) {
    return rotorFromQuads(quads).map((m) => ({ path: m.fileName, bytes: Buffer.from(m.text, "utf8") }));
  },
  modelEqual(original, restored) {
    try {
      return jsonEqual(JSON.parse(text2(original.bytes)), JSON.parse(text2(restored.bytes))) ? void 0 : "the parsed models differ";
    } catch (e) {
      return `cannot parse: ${e.message}`;
    }
  }
};

// dist/archive/mappers.js
var MAPPERS = [modelicaMapper, amlMapper, rotorMapper];

// dist/archive/package.js
import { lstatSync, mkdirSync as mkdirSync2, readdirSync as readdirSync4, readFileSync as readFileSync10, renameSync as renameSync2, rmSync as rmSync4, statSync as statSync4, writeFileSync as writeFileSync3 } from "node:fs";
import { basename as basename7, dirname as dirname6, join as join9 } from "node:path";

// dist/archive/zip.js
import { deflateRawSync, inflateRawSync } from "node:zlib";
var ZipError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "ZipError";
  }
};
var CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++)
      c = c & 1 ? 3988292384 ^ c >>> 1 : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32(bytes) {
  let c = 4294967295;
  for (let i = 0; i < bytes.length; i++)
    c = CRC_TABLE[(c ^ bytes[i]) & 255] ^ c >>> 8;
  return (c ^ 4294967295) >>> 0;
}
function dosDateTime(unixSeconds) {
  const d = new Date(Math.max(unixSeconds, 315532800) * 1e3);
  const year = Math.min(d.getUTCFullYear(), 2107);
  return {
    time: d.getUTCHours() << 11 | d.getUTCMinutes() << 5 | d.getUTCSeconds() >> 1,
    date: year - 1980 << 9 | d.getUTCMonth() + 1 << 5 | d.getUTCDate()
  };
}
var MAX32 = 4294967295;
function writeZip(entries, unixSeconds) {
  const sorted = [...entries].sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  if (sorted.length > 65535)
    throw new ZipError(`${sorted.length} entries: more than ZIP without ZIP64 holds (65535)`);
  const { time, date } = dosDateTime(unixSeconds);
  const chunks = [];
  const central = [];
  let offset = 0;
  for (const e of sorted) {
    const name = Buffer.from(e.name, "utf8");
    const deflated = deflateRawSync(e.data, { level: 9 });
    const stored = deflated.length >= e.data.length;
    const body = stored ? e.data : deflated;
    const crc = crc32(e.data);
    if (e.data.length > MAX32 || offset > MAX32)
      throw new ZipError(`${e.name}: larger than ZIP without ZIP64 holds (4 GiB)`);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(67324752, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(2048, 6);
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(33639248, 0);
    cd.writeUInt16LE(3 << 8 | 20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(2048, 8);
    cd.writeUInt16LE(stored ? 0 : 8, 10);
    cd.writeUInt16LE(time, 12);
    cd.writeUInt16LE(date, 14);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(e.data.length, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(33188 << 16 >>> 0, 38);
    cd.writeUInt32LE(offset, 42);
    chunks.push(local, name, body);
    central.push(cd, name);
    offset += 30 + name.length + body.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(101010256, 0);
  eocd.writeUInt16LE(sorted.length, 8);
  eocd.writeUInt16LE(sorted.length, 10);
  eocd.writeUInt32LE(cdSize, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, eocd]);
}
function readZip(zip) {
  const b = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (b.readUInt32LE(i) === 101010256) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0)
    throw new ZipError("not a ZIP file (no end of central directory record)");
  const count = b.readUInt16LE(eocd + 10);
  const cdSize = b.readUInt32LE(eocd + 12);
  const cdOffset = b.readUInt32LE(eocd + 16);
  if (count === 65535 || cdOffset === MAX32)
    throw new ZipError("ZIP64 archives are not supported");
  if (cdOffset + cdSize > eocd)
    throw new ZipError("central directory lies outside the file (truncated?)");
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 33639248)
      throw new ZipError(`central directory entry ${i}: bad signature`);
    const flags = b.readUInt16LE(p + 8);
    const method = b.readUInt16LE(p + 10);
    const crc = b.readUInt32LE(p + 16);
    const csize = b.readUInt32LE(p + 20);
    const usize = b.readUInt32LE(p + 24);
    const nlen = b.readUInt16LE(p + 28);
    const xlen = b.readUInt16LE(p + 30);
    const clen = b.readUInt16LE(p + 32);
    const local = b.readUInt32LE(p + 42);
    const name = b.subarray(p + 46, p + 46 + nlen).toString("utf8");
    p += 46 + nlen + xlen + clen;
    if (flags & 1)
      throw new ZipError(`${name}: encrypted entries are not supported`);
    if (name.endsWith("/"))
      continue;
    if (seen.has(name))
      throw new ZipError(`${name}: duplicate entry`);
    seen.add(name);
    if (name.startsWith("/") || name.split("/").some((s) => s === ".." || s === ""))
      throw new ZipError(`${name}: unsafe entry name`);
    if (local + 30 > b.length || b.readUInt32LE(local) !== 67324752)
      throw new ZipError(`${name}: bad local header`);
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    if (start + csize > b.length)
      throw new ZipError(`${name}: data runs past the end of the file (truncated?)`);
    const raw = b.subarray(start, start + csize);
    let data;
    if (method === 0)
      data = raw;
    else if (method === 8) {
      try {
        data = inflateRawSync(raw);
      } catch (e) {
        throw new ZipError(`${name}: corrupt compressed data (${e.message})`);
      }
    } else
      throw new ZipError(`${name}: compression method ${method} is not supported`);
    if (data.length !== usize)
      throw new ZipError(`${name}: size ${data.length} differs from the recorded ${usize}`);
    if (crc32(data) !== crc)
      throw new ZipError(`${name}: CRC-32 mismatch (corrupt entry)`);
    out.push({ name, data: new Uint8Array(data) });
  }
  return out;
}

// dist/archive/package.js
function walk2(root, rel2, out) {
  const entries = readdirSync4(join9(root, rel2), { withFileTypes: true }).sort((a, b) => compareCodeUnits(a.name, b.name));
  for (const e of entries) {
    const p = rel2 === "" ? e.name : `${rel2}/${e.name}`;
    if (e.isDirectory())
      walk2(root, p, out);
    else if (e.isFile())
      out.set(p, new Uint8Array(readFileSync10(join9(root, p))));
    else
      throw new PackageError(`${join9(root, p)}: not a regular file (symbolic links and devices are not allowed in a package)`);
  }
}
function readPackage(path) {
  let st;
  try {
    st = lstatSync(path);
  } catch (e) {
    throw new PackageError(`${path}: cannot read: ${e.code ?? e.message}`);
  }
  const files = /* @__PURE__ */ new Map();
  if (st.isDirectory()) {
    walk2(path, "", files);
    return files;
  }
  let entries;
  try {
    entries = readZip(readFileSync10(path));
  } catch (e) {
    if (e instanceof ZipError)
      throw new PackageError(`${path}: corrupt zip: ${e.message}`);
    throw e;
  }
  const tops = new Set(entries.map((e) => e.name.split("/")[0]));
  const single = tops.size === 1 && entries.every((e) => e.name.includes("/")) ? [...tops][0] + "/" : "";
  for (const e of entries)
    files.set(e.name.slice(single.length), e.data);
  return files;
}
function writePackage(path, files, zip, unixSeconds) {
  if (zip) {
    const top = basename7(path).replace(/\.zip$/i, "");
    writeFileAtomic(path, writeZip([...files].map(([name, data]) => ({ name: `${top}/${name}`, data })), unixSeconds));
    return;
  }
  let exists = false;
  try {
    statSync4(path);
    exists = true;
  } catch {
    exists = false;
  }
  if (exists)
    throw new PackageError(`${path}: already exists (choose a new output directory)`);
  const tmp = join9(dirname6(path), `.${basename7(path)}.${process.pid}.tmp`);
  rmSync4(tmp, { recursive: true, force: true });
  try {
    for (const [p, data] of files) {
      mkdirSync2(dirname6(join9(tmp, p)), { recursive: true });
      writeFileSync3(join9(tmp, p), data);
    }
    renameSync2(tmp, path);
  } catch (e) {
    rmSync4(tmp, { recursive: true, force: true });
    throw e;
  }
}

// dist/archive/provenance.js
var T = (s) => ARCHIVE + s;
var P2 = (s) => NS.prov + s;
var XSD = (s) => NS.xsd + s;
function packageIri(id) {
  return `${TWIN}archive/package/${id}`;
}
function fileIri(pkg, path) {
  return `${pkg}/file/${path.split("/").map(encodeURIComponent).join("/")}`;
}
function coreIri(sha2563) {
  return `${TWIN}core/sha256/${sha2563}`;
}
function agentIri(version2) {
  return `${TWIN}agent/twin/${encodeURIComponent(version2)}`;
}
function runIri(pkg, id) {
  return `${pkg}/run/${encodeURIComponent(id)}`;
}
function provenanceQuads(p) {
  const out = [];
  const add = (s, pr, o) => void out.push(quad(iri(s), iri(pr), o));
  const type = (s, ...types) => types.forEach((t) => add(s, `${NS.rdf}type`, iri(t)));
  const time = (s) => lit(s, XSD("dateTime"));
  const agent = agentIri(p.toolVersion);
  type(agent, P2("SoftwareAgent"), `${NS.schema}SoftwareApplication`);
  add(agent, `${NS.schema}name`, lit("twin"));
  add(agent, `${NS.schema}softwareVersion`, lit(p.toolVersion));
  type(p.pkg, T("Package"), P2("Entity"));
  add(p.pkg, `${NS.dcterms}title`, lit(p.title));
  add(p.pkg, `${NS.dcterms}created`, time(p.created));
  add(p.pkg, T("formatVersion"), lit(1));
  add(p.pkg, P2("wasAttributedTo"), iri(agent));
  const bySha = /* @__PURE__ */ new Map();
  for (const f of p.files) {
    const s = fileIri(p.pkg, f.path);
    type(s, T("ArchivedFile"), P2("Entity"));
    add(s, T("path"), lit(f.path));
    add(s, T("sha256"), lit(f.sha256));
    add(s, T("byteSize"), lit(f.size));
    add(p.pkg, `${NS.dcterms}hasPart`, iri(s));
  }
  for (const src of p.sources) {
    bySha.set(src.sha256, src);
    const f = fileIri(p.pkg, src.path);
    type(f, T("SourceFile"));
    add(f, T("sourceKind"), lit(src.kind));
    if (src.triples !== void 0)
      add(f, T("tripleCount"), lit(src.triples));
    const conv = `${p.pkg}/conversion/${src.path.split("/").map(encodeURIComponent).join("/")}`;
    type(conv, T("Conversion"), P2("Activity"));
    add(conv, P2("used"), iri(f));
    add(conv, P2("wasAssociatedWith"), iri(agent));
    add(conv, T("mapping"), lit(src.mapping));
    add(conv, P2("startedAtTime"), time(p.created));
    add(conv, P2("endedAtTime"), time(p.created));
    for (const r of src.roots) {
      add(f, T("describes"), iri(r));
      add(conv, P2("generated"), iri(r));
      add(r, P2("wasGeneratedBy"), iri(conv));
      add(r, P2("wasDerivedFrom"), iri(f));
    }
  }
  const core = coreIri(p.core.sha256);
  const coreFile = fileIri(p.pkg, "core/core.wasm");
  type(core, T("CoreBuild"), P2("Entity"), `${NS.schema}SoftwareApplication`);
  add(core, T("sha256"), lit(p.core.sha256));
  add(core, T("byteSize"), lit(p.core.size));
  add(core, T("importsNothing"), lit(true));
  add(core, T("sourceSha256"), lit(p.core.sourceSha256));
  if (p.core.assemblyscript)
    add(core, T("assemblyscriptVersion"), lit(p.core.assemblyscript));
  if (p.core.flags !== null && p.core.flags !== void 0)
    add(core, T("buildFlags"), lit(JSON.stringify(p.core.flags)));
  for (const e of p.core.exports.filter((x) => x.startsWith("selfcheck")))
    add(core, T("selfcheckExport"), lit(e));
  add(coreFile, T("isCopyOf"), iri(core));
  add(p.pkg, T("core"), iri(core));
  for (const l of p.links) {
    add(l.element, T("realisedBy"), iri(l.model));
    add(l.element, T("linkEvidence"), lit(l.via));
  }
  for (const r of p.runs) {
    const run = runIri(p.pkg, r.id);
    type(run, T("Run"), P2("Activity"));
    if (r.kind === "selfcheck")
      type(run, T("SelfcheckRun"));
    add(p.pkg, T("run"), iri(run));
    add(run, T("runId"), lit(r.id));
    if (r.description)
      add(run, `${NS.dcterms}description`, lit(r.description));
    if (r.command)
      add(run, T("command"), lit(r.command));
    if (r.argv)
      add(run, T("argv"), lit(JSON.stringify(r.argv)));
    for (const e of r.exports ?? [])
      add(run, T("selfcheckExport"), lit(e));
    add(run, T("engine"), lit(r.engine));
    add(run, T("exitCode"), lit(r.exitCode));
    add(run, T("hashScheme"), lit(r.hashScheme));
    add(run, P2("startedAtTime"), time(r.startedAt));
    add(run, P2("endedAtTime"), time(r.endedAt));
    add(run, P2("wasAssociatedWith"), iri(agent));
    add(run, P2("used"), iri(core));
    for (const inp of r.inputs) {
      const f = fileIri(p.pkg, `runs/${r.id}/${inp.path}`);
      add(run, P2("used"), iri(f));
      type(f, T("RunInput"));
      const src = bySha.get(inp.sha256);
      if (src) {
        add(f, P2("wasDerivedFrom"), iri(fileIri(p.pkg, src.path)));
        for (const m of src.roots)
          add(run, T("usesModel"), iri(m));
      }
      if (inp.from) {
        add(f, P2("wasDerivedFrom"), iri(fileIri(p.pkg, `runs/${inp.from.run}/${inp.from.output}`)));
        add(run, P2("wasInformedBy"), iri(runIri(p.pkg, inp.from.run)));
      }
    }
    for (const o of r.outputs) {
      const f = fileIri(p.pkg, `runs/${r.id}/${o.path}`);
      type(f, T("RunOutput"));
      add(run, P2("generated"), iri(f));
      add(f, P2("wasGeneratedBy"), iri(run));
      add(f, T("hashMode"), lit(o.mode));
      add(f, T("canonicalSha256"), lit(o.canonicalSha256));
      add(f, T("stream"), lit(o.stream));
    }
  }
  return out;
}

// dist/archive/runs.js
import { existsSync as existsSync4, mkdirSync as mkdirSync3, mkdtempSync as mkdtempSync3, readFileSync as readFileSync11, rmSync as rmSync5, statSync as statSync5, writeFileSync as writeFileSync4 } from "node:fs";
import { tmpdir as tmpdir3 } from "node:os";
import { basename as basename8, dirname as dirname7, join as join10, resolve as resolve3 } from "node:path";
var TWIN_BIN = join10(PACKAGE_ROOT, "bin", "twin.js");
var OUTPUT_OPTIONS = /* @__PURE__ */ new Set(["-o", "--out", "--output", "--svg"]);
var NOT_RECORDABLE = /* @__PURE__ */ new Set(["archive", "demo", "help", "core"]);
var ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
function readRunSpec(file) {
  let text3;
  try {
    text3 = readFileSync11(file, "utf8");
  } catch (e) {
    throw new InputError(`${file}: cannot read: ${e.code ?? e.message}`);
  }
  let doc;
  try {
    doc = parseJson(text3);
  } catch (e) {
    if (e instanceof JsonSyntaxError)
      throw new InputError(`${file}:${e.line}:${e.column}: ${e.reason}`);
    throw e;
  }
  return runSpecFrom(doc, file, dirname7(resolve3(file)));
}
function runSpecFrom(doc, source, dir) {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc))
    throw new InputError(`${source}: a RUNSPEC is an object { "id", "argv" }`);
  for (const k of Object.keys(doc))
    if (!["id", "argv", "description"].includes(k))
      throw new InputError(`${source}: ${k}: unknown key (allowed: id, argv, description)`);
  const { id, argv, description } = doc;
  if (typeof id !== "string" || !ID_PATTERN.test(id))
    throw new InputError(`${source}: id: must be a string of letters, digits, '.', '_', '-' (at most 64)`);
  if (!Array.isArray(argv) || argv.length === 0 || argv.some((a) => typeof a !== "string"))
    throw new InputError(`${source}: argv: must be a non-empty array of strings`);
  if (description !== void 0 && typeof description !== "string")
    throw new InputError(`${source}: description: must be a string`);
  if (NOT_RECORDABLE.has(argv[0]))
    throw new InputError(`${source}: argv: "${argv[0]}" cannot be recorded as a run (only commands whose numerics run in the core)`);
  return { id, argv, ...description !== void 0 ? { description } : {}, dir, source };
}
function isFile(p) {
  try {
    return statSync5(p).isFile();
  } catch {
    return false;
  }
}
function commandOf(argv) {
  const words = [];
  for (const a of argv) {
    if (a.startsWith("-") || /[./\\]/.test(a) || words.length === 2)
      break;
    words.push(a);
  }
  return words.join(" ");
}
function planRun(spec, knownOutputs) {
  const argv = [];
  const inputs = [];
  const outputFiles = [];
  const after = [];
  const usedNames = /* @__PURE__ */ new Set();
  const unique = (dir, name) => {
    let n = name;
    for (let i = 2; usedNames.has(`${dir}/${n}`); i++)
      n = `${i}-${name}`;
    usedNames.add(`${dir}/${n}`);
    return `${dir}/${n}`;
  };
  for (let i = 0; i < spec.argv.length; i++) {
    const a = spec.argv[i];
    const eq = /^(--[\w-]+)=(.*)$/.exec(a);
    const prev = spec.argv[i - 1];
    if (eq && OUTPUT_OPTIONS.has(eq[1])) {
      const p = unique("outputs", basename8(eq[2]));
      outputFiles.push(p);
      argv.push(`${eq[1]}=${p}`);
    } else if (prev !== void 0 && OUTPUT_OPTIONS.has(prev)) {
      const p = unique("outputs", basename8(a));
      outputFiles.push(p);
      argv.push(p);
    } else if (a.startsWith("run:")) {
      const m = /^run:([^/]+)\/(.+)$/.exec(a);
      if (!m || !knownOutputs.get(m[1])?.has(m[2])) {
        throw new InputError(`${spec.source}: argv[${i}]: ${a} is not an output of an earlier run (write run:ID/outputs/NAME of a run listed before this one)`);
      }
      const p = unique("inputs", basename8(m[2]));
      inputs.push({ path: p, bytes: new Uint8Array(), from: { run: m[1], output: m[2] } });
      if (!after.includes(m[1]))
        after.push(m[1]);
      argv.push(p);
    } else if (!a.startsWith("-") && i >= commandOf(spec.argv).split(" ").length && isFile(resolve3(spec.dir, a))) {
      const p = unique("inputs", basename8(a));
      inputs.push({ path: p, bytes: new Uint8Array(readFileSync11(resolve3(spec.dir, a))) });
      argv.push(p);
    } else
      argv.push(a);
  }
  const command = commandOf(spec.argv);
  if (command === "")
    throw new InputError(`${spec.source}: argv: does not start with a twin command`);
  return { spec, command, argv, inputs, outputFiles, after };
}
function isoTime(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
async function executeRun(plan, corePath, coreSha256, engine, clock) {
  const dir = mkdtempSync3(join10(tmpdir3(), `twin-run-${plan.spec.id}-`));
  try {
    mkdirSync3(join10(dir, "inputs"));
    mkdirSync3(join10(dir, "outputs"));
    for (const inp of plan.inputs)
      writeFileSync4(join10(dir, inp.path), inp.bytes);
    const started = clock();
    const r = await runProcess(process.execPath, [...NODE_FLAGS[engine] ?? [], TWIN_BIN, ...plan.argv], {
      cwd: dir,
      env: { ...process.env, TWIN_CORE_WASM: resolve3(corePath), TWIN_DEBUG: void 0 }
    });
    const ended = clock();
    if (r.code !== 0) {
      throw new RunFailure(plan.spec.id, `twin ${plan.argv.join(" ")} exited with ${r.code}: ${r.stderr.trim().split("\n").slice(0, 6).join("\n")}`);
    }
    const files = /* @__PURE__ */ new Map();
    const outputs = [];
    const record = (path, bytes, stream) => {
      const mode = detectMode(bytes);
      files.set(path, bytes);
      outputs.push({ path, sha256: sha256Hex2(bytes), size: bytes.length, stream, mode, canonicalSha256: canonicalHash(bytes, mode) });
    };
    const stdout = new Uint8Array(r.stdout);
    record(detectMode(stdout) === "json" ? "outputs/stdout.json" : "outputs/stdout.txt", stdout, "stdout");
    for (const p of plan.outputFiles) {
      if (!existsSync4(join10(dir, p)))
        throw new RunFailure(plan.spec.id, `twin ${plan.argv.join(" ")} did not write ${p}`);
      record(p, new Uint8Array(readFileSync11(join10(dir, p))), "file");
    }
    const inputs = plan.inputs.map((inp) => {
      files.set(inp.path, inp.bytes);
      return { path: inp.path, sha256: sha256Hex2(inp.bytes), size: inp.bytes.length, ...inp.from ? { from: inp.from } : {} };
    });
    const rec = {
      id: plan.spec.id,
      kind: "cli",
      ...plan.spec.description !== void 0 ? { description: plan.spec.description } : {},
      command: plan.command,
      argv: plan.argv,
      specArgv: plan.spec.argv,
      inputs,
      outputs,
      exitCode: 0,
      stderr: r.stderr,
      engine,
      hashScheme: HASH_SCHEME,
      core: { path: "../../core/core.wasm", sha256: coreSha256 },
      startedAt: isoTime(started),
      endedAt: isoTime(ended)
    };
    return { record: rec, files };
  } finally {
    rmSync5(dir, { recursive: true, force: true });
  }
}
var RunFailure = class extends Error {
  runId;
  constructor(runId, message) {
    super(`run ${runId}: ${message}`);
    this.runId = runId;
    this.name = "RunFailure";
  }
};
async function reexecute(rec, inputs, corePath, engine) {
  const dir = mkdtempSync3(join10(tmpdir3(), `twin-rerun-${rec.id}-`));
  try {
    mkdirSync3(join10(dir, "inputs"));
    mkdirSync3(join10(dir, "outputs"));
    for (const [p, b] of inputs)
      writeFileSync4(join10(dir, p), b);
    const r = await runProcess(process.execPath, [...NODE_FLAGS[engine] ?? [], TWIN_BIN, ...rec.argv], {
      cwd: dir,
      env: { ...process.env, TWIN_CORE_WASM: resolve3(corePath), TWIN_DEBUG: void 0 }
    });
    const outputs = /* @__PURE__ */ new Map();
    for (const o of rec.outputs) {
      if (o.stream === "stdout")
        outputs.set(o.path, new Uint8Array(r.stdout));
      else if (existsSync4(join10(dir, o.path)))
        outputs.set(o.path, new Uint8Array(readFileSync11(join10(dir, o.path))));
    }
    return { code: r.code, stderr: r.stderr, outputs };
  } finally {
    rmSync5(dir, { recursive: true, force: true });
  }
}

// dist/archive/sign.js
import { createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import { readFileSync as readFileSync12 } from "node:fs";
var SIGNED_FILE = "tagmanifest-sha256.txt";
function readKey(path, kind) {
  let text3;
  try {
    text3 = readFileSync12(path, "utf8");
  } catch (e) {
    throw new InputError(`${path}: cannot read: ${e.code ?? e.message}`);
  }
  let key;
  try {
    key = kind === "private" ? createPrivateKey(text3) : createPublicKey(text3);
  } catch (e) {
    throw new InputError(`${path}: not a PEM ${kind} key: ${e.message}`);
  }
  if (key.asymmetricKeyType !== "ed25519")
    throw new InputError(`${path}: an ${key.asymmetricKeyType} key; Ed25519 is required`);
  return key;
}
function signBag(bag, keyPath) {
  const key = readKey(keyPath, "private");
  const doc = {
    algorithm: "Ed25519",
    signedFile: SIGNED_FILE,
    publicKey: createPublicKey(key).export({ type: "spki", format: "pem" }).toString(),
    signature: sign(null, bag.get(SIGNED_FILE), key).toString("base64")
  };
  bag.set(SIGNATURE_FILE, Buffer.from(JSON.stringify(doc, null, 2) + "\n"));
}
function checkSignature(bag, keyPath) {
  const raw = bag.get(SIGNATURE_FILE);
  const trustedKey = keyPath !== void 0 ? readKey(keyPath, "public") : void 0;
  if (raw === void 0) {
    return trustedKey ? { present: false, valid: false, trusted: false, message: `not signed, but --key was given (${SIGNATURE_FILE} missing)` } : { present: false, valid: true, trusted: false, message: "not signed" };
  }
  let doc;
  try {
    doc = JSON.parse(new TextDecoder().decode(raw));
    if (doc.algorithm !== "Ed25519" || typeof doc.signature !== "string" || typeof doc.publicKey !== "string")
      throw new Error("fields algorithm, publicKey, signature expected");
  } catch (e) {
    return { present: true, valid: false, trusted: false, message: `${SIGNATURE_FILE}: malformed: ${e.message}` };
  }
  const signed = bag.get(doc.signedFile === SIGNED_FILE ? SIGNED_FILE : "");
  if (signed === void 0)
    return { present: true, valid: false, trusted: false, message: `${SIGNATURE_FILE}: signs ${doc.signedFile}, expected ${SIGNED_FILE}` };
  let key;
  try {
    key = trustedKey ?? createPublicKey(doc.publicKey);
  } catch (e) {
    return { present: true, valid: false, trusted: false, message: `${SIGNATURE_FILE}: bad public key: ${e.message}` };
  }
  const ok = verify(null, signed, key, Buffer.from(doc.signature, "base64"));
  if (!ok)
    return { present: true, valid: false, trusted: trustedKey !== void 0, message: trustedKey ? "signature does not verify with the given key" : "signature does not verify with the key in the package" };
  return trustedKey ? { present: true, valid: true, trusted: true, message: "Ed25519 signature valid for the given key" } : { present: true, valid: true, trusted: false, message: "Ed25519 signature valid for the key inside the package (give --key to check who signed)" };
}

// dist/archive/create.js
var GRAPH_FILE = "graph/twin.ttl";
function sourceDateEpoch(env = process.env) {
  const v = env.SOURCE_DATE_EPOCH;
  if (v === void 0 || v === "")
    return void 0;
  if (!/^\d+$/.test(v))
    throw new InputError(`SOURCE_DATE_EPOCH: not a non-negative integer: ${JSON.stringify(v)}`);
  return Number(v);
}
function readFileBytes(path) {
  try {
    return new Uint8Array(readFileSync13(path));
  } catch (e) {
    throw new InputError(`${path}: cannot read: ${e.code ?? e.message}`);
  }
}
function isDir(path) {
  try {
    return statSync6(path).isDirectory();
  } catch (e) {
    throw new InputError(`${path}: cannot read: ${e.code ?? e.message}`);
  }
}
function sourceFiles(path, allowDir) {
  if (!isDir(path))
    return [{ path: basename9(path), bytes: readFileBytes(path) }];
  if (!allowDir)
    throw new InputError(`${path}: a directory; a file is expected`);
  const root = basename9(path.replace(/[\\/]+$/, ""));
  const out = [];
  const visit = (dir, rel2) => {
    for (const name of readdirSync5(dir).sort(compareCodeUnits)) {
      const abs = join11(dir, name);
      if (statSync6(abs).isDirectory())
        visit(abs, `${rel2}/${name}`);
      else
        out.push({ path: `${rel2}/${name}`, bytes: readFileBytes(abs) });
    }
  };
  visit(path, root);
  return out;
}
function iso(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
async function executeAll(plans, corePath, coreSha, clock, progress) {
  const results = /* @__PURE__ */ new Map();
  const pending = [...plans];
  const running = /* @__PURE__ */ new Map();
  const parallel = Math.max(1, Math.min(4, availableParallelism()));
  let done = 0;
  let failure;
  while ((pending.length > 0 || running.size > 0) && failure === void 0) {
    const i = pending.findIndex((p) => p.after.every((a) => results.has(a)));
    if (i >= 0 && running.size < parallel) {
      const plan = pending.splice(i, 1)[0];
      for (const inp of plan.inputs) {
        if (inp.from)
          inp.bytes = results.get(inp.from.run).files.get(inp.from.output);
      }
      const p = executeRun(plan, corePath, coreSha, "node", clock).then((r) => {
        results.set(plan.spec.id, r);
        progress?.(`runs ${++done}/${plans.length}`);
      }).catch((e) => {
        failure ??= e;
      }).finally(() => running.delete(plan.spec.id));
      running.set(plan.spec.id, p);
      continue;
    }
    await Promise.race(running.values());
  }
  await Promise.all(running.values());
  if (failure !== void 0)
    throw failure;
  return plans.map((p) => results.get(p.spec.id));
}
async function createPackage(o) {
  const t0 = performance.now();
  const nowMs = o.epoch !== void 0 ? o.epoch * 1e3 : Date.now();
  const clock = o.epoch !== void 0 ? () => nowMs : () => Date.now();
  const progress = o.progress;
  const inputs = { modelica: [], aml: [], rotor: [] };
  for (const p of o.modelica ?? [])
    inputs.modelica.push(...sourceFiles(p, true));
  for (const p of o.aml ?? [])
    inputs.aml.push(...sourceFiles(p, false));
  for (const p of o.rotor ?? [])
    inputs.rotor.push(...sourceFiles(p, false));
  for (const kind of Object.keys(inputs)) {
    const seen = /* @__PURE__ */ new Set();
    for (const f of inputs[kind]) {
      if (seen.has(f.path))
        throw new InputError(`two ${kind} sources would both be sources/${kind}/${f.path}; rename one`);
      seen.add(f.path);
    }
  }
  const specs = (o.runs ?? []).map((r) => typeof r === "string" ? readRunSpec(r) : r);
  const ids = /* @__PURE__ */ new Set();
  for (const s of specs) {
    if (ids.has(s.id) || s.id === "selfcheck")
      throw new InputError(`${s.source}: run id ${s.id} is used twice (or reserved)`);
    ids.add(s.id);
  }
  const total = Object.values(inputs).reduce((n, l) => n + l.length, 0);
  progress?.(`${total} source files, ${specs.length} runs`);
  const core = bundleCore(o.corePath);
  const scratch2 = mkdtempSync4(join11(tmpdir4(), "twin-archive-"));
  try {
    const corePath = join11(scratch2, "core.wasm");
    writeFileSync5(corePath, core.bytes);
    const known = /* @__PURE__ */ new Map();
    const plans = specs.map((s) => {
      const plan = planRun(s, known);
      known.set(s.id, new Set(plan.outputFiles.concat(["outputs/stdout.json", "outputs/stdout.txt"])));
      return plan;
    });
    const runsPromise = executeAll(plans, corePath, core.sha256, clock, progress);
    const selfNames = selfcheckExports(core.bytes);
    const selfPromise = runSelfchecks("node", corePath, selfNames);
    runsPromise.catch(() => void 0);
    selfPromise.catch(() => void 0);
    const mapped = /* @__PURE__ */ new Map();
    for (const kind of ["modelica", "aml", "rotor"]) {
      if (inputs[kind].length === 0)
        continue;
      progress?.(`mapping ${inputs[kind].length} ${kind} files to RDF`);
      const m = await mapperFor(kind).toGraph(inputs[kind]);
      mapped.set(kind, { quads: m.quads, roots: m.roots, triples: m.triples });
    }
    const executed = await runsPromise;
    const started = clock();
    const selfResults = await selfPromise;
    const selfOut = Buffer.from(JSON.stringify(selfResults, null, 2) + "\n");
    const selfMode = detectMode(selfOut);
    const selfRecord = {
      id: "selfcheck",
      kind: "selfcheck",
      description: "The core's zero-argument self-checks: hashes of the output bits of built-in computations (assembly/ABI.md, Self-checks). Self-contained: any engine runs them.",
      exports: selfNames,
      inputs: [],
      outputs: [{ path: "outputs/selfcheck.json", sha256: sha256Hex2(selfOut), size: selfOut.length, stream: "file", mode: selfMode, canonicalSha256: canonicalHash(selfOut, selfMode) }],
      exitCode: 0,
      stderr: "",
      engine: engineVersion("node"),
      hashScheme: HASH_SCHEME,
      core: { path: "../../core/core.wasm", sha256: core.sha256 },
      startedAt: iso(started),
      endedAt: iso(clock())
    };
    for (const e of executed)
      e.record.engine = engineVersion("node");
    const payload = /* @__PURE__ */ new Map();
    const graphSources = [];
    for (const kind of Object.keys(inputs)) {
      const m = mapped.get(kind);
      for (const f of inputs[kind]) {
        const path = `sources/${kind}/${f.path}`;
        payload.set(path, f.bytes);
        graphSources.push({ kind, path, sha256: sha256Hex2(f.bytes), size: f.bytes.length, roots: m?.roots.get(f.path) ?? [], triples: m?.triples?.get(f.path), mapping: mapperFor(kind).tool });
      }
    }
    for (const [p, b] of core.files)
      payload.set(`core/${p}`, b);
    const records = [...executed.map((e) => e.record), selfRecord];
    for (const e of executed) {
      payload.set(`runs/${e.record.id}/run.json`, Buffer.from(JSON.stringify(e.record, null, 2) + "\n"));
      for (const [p, b] of e.files)
        payload.set(`runs/${e.record.id}/${p}`, b);
    }
    payload.set("runs/selfcheck/run.json", Buffer.from(JSON.stringify(selfRecord, null, 2) + "\n"));
    payload.set("runs/selfcheck/outputs/selfcheck.json", selfOut);
    for (const name of readdirSync5(join11(PACKAGE_ROOT, "ontologies")).sort(compareCodeUnits)) {
      if (name.endsWith(".ttl") || name === "README.md")
        payload.set(`ontologies/${name}`, new Uint8Array(readFileSync13(join11(PACKAGE_ROOT, "ontologies", name))));
    }
    const id = sha256Hex2(JSON.stringify({
      sources: graphSources.map((s) => [s.path, s.sha256]),
      runs: specs.map((s) => [s.id, s.argv]),
      core: core.sha256,
      title: o.title ?? ""
    })).slice(0, 32);
    const pkg = packageIri(id);
    const rotorRoots = /* @__PURE__ */ new Map();
    for (const [p, r] of mapped.get("rotor")?.roots ?? [])
      rotorRoots.set(p, r[0]);
    const links = findLinks(mapped.get("aml")?.quads ?? [], mapped.get("modelica")?.quads ?? [], rotorRoots);
    const title = o.title ?? `twin archive of ${[...graphSources.map((s) => basename9(s.path))].slice(0, 3).join(", ") || "runs"}${graphSources.length > 3 ? ", \u2026" : ""}`;
    const prov = provenanceQuads({
      pkg,
      title,
      toolVersion: o.toolVersion,
      created: iso(nowMs),
      sources: graphSources,
      core: { sha256: core.sha256, size: core.bytes.length, assemblyscript: core.record.assemblyscript, flags: core.record.flags, sourceSha256: core.record.sourceSha256, exports: selfNames },
      runs: records,
      links,
      files: [...payload].map(([p, b]) => ({ path: p, sha256: sha256Hex2(b), size: b.length }))
    });
    progress?.("writing the graph");
    const all = [...prov];
    for (const m of mapped.values())
      for (const q of m.quads)
        all.push(q);
    const turtle = writeTurtle(all);
    payload.set(GRAPH_FILE, Buffer.from(turtle, "utf8"));
    progress?.("checking the graph against its shapes");
    const shapes = shapesOf(payload);
    const report = await validateShacl(all, shapes);
    if (!report.conforms) {
      const lines = report.results.slice(0, 10).map((r) => `  ${r.focusNode}${r.path ? ` ${r.path}` : ""}: ${r.message} (${r.sourceShape})`);
      throw new PackageError(`data/${GRAPH_FILE}: the graph does not conform to its shapes (${report.results.length} results):
${lines.join("\n")}`);
    }
    const crate = buildCrate({
      name: title,
      description: `Archival package made by twin ${o.toolVersion}: ${graphSources.length} source files as RDF and as originals, the WebAssembly core and ${records.length} recorded runs.`,
      datePublished: iso(nowMs),
      toolVersion: o.toolVersion,
      identifier: pkg,
      files: payload,
      runs: records,
      coreSha256: core.sha256
    });
    payload.set(CRATE_FILE, Buffer.from(crate, "utf8"));
    const bag = buildBag(new Map([...payload].sort(([a], [b]) => compareCodeUnits(a, b))), {
      software: `twin ${o.toolVersion}`,
      baggingDate: iso(nowMs).slice(0, 10),
      externalIdentifier: pkg,
      description: title
    });
    if (o.signKey !== void 0)
      signBag(bag, o.signKey);
    progress?.(`writing ${o.output}`);
    writePackage(o.output, bag, o.zip === true, Math.floor(nowMs / 1e3));
    const bytes = [...bag.values()].reduce((n, b) => n + b.length, 0);
    return {
      output: o.output,
      id,
      iri: pkg,
      files: bag.size,
      bytes,
      sources: Object.keys(inputs).filter((k) => inputs[k].length > 0).map((k) => ({ kind: k, files: inputs[k].length, triples: mapped.get(k)?.quads.length ?? 0 })),
      triples: all.length,
      links: links.length,
      runs: executed.map((e) => ({ id: e.record.id, command: e.record.command, outputs: e.record.outputs.length })),
      selfchecks: selfNames,
      coreSha256: core.sha256,
      signed: o.signKey !== void 0,
      seconds: (performance.now() - t0) / 1e3
    };
  } finally {
    rmSync6(scratch2, { recursive: true, force: true });
  }
}
function mapperFor(kind) {
  const m = MAPPERS.find((x) => x.kind === kind);
  if (!m)
    throw new InputError(`no mapper for ${kind} sources in this build`);
  return m;
}
function shapesOf(payload) {
  const out = [];
  for (const [p, b] of [...payload].sort(([a], [c]) => compareCodeUnits(a, c))) {
    if (/^ontologies\/[^/]*shapes[^/]*\.ttl$/.test(p))
      out.push(...parseTurtle(new TextDecoder().decode(b), `data/${p}`));
  }
  return out;
}

// dist/archive/query.js
import * as oxigraph2 from "oxigraph";
var QueryError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "QueryError";
  }
};
function loadPackages(paths) {
  const store = new oxigraph2.Store();
  for (const p of paths) {
    const bag = readPackage(p);
    const info = checkDeclaration(bag, p);
    const g = bag.get(`data/${GRAPH_FILE}`);
    if (!g)
      throw new PackageError(`${p}: data/${GRAPH_FILE} is missing`);
    const name = info.get("External-Identifier") ?? `urn:twin:package:${encodeURIComponent(p)}`;
    try {
      store.load(new TextDecoder().decode(g), { format: "text/turtle", to_graph_name: oxigraph2.namedNode(name) });
    } catch (e) {
      throw new PackageError(`${p}/data/${GRAPH_FILE}: ${e.message}`);
    }
  }
  return { store, triples: store.size };
}
function shorten(iri2) {
  let best = "";
  let bestNs = "";
  for (const [prefix, ns] of Object.entries(PREFIXES)) {
    if (iri2.startsWith(ns) && ns.length > bestNs.length && /^[A-Za-z_][\w.-]*$/.test(iri2.slice(ns.length))) {
      best = prefix;
      bestNs = ns;
    }
  }
  return bestNs ? `${best}:${iri2.slice(bestNs.length)}` : `<${iri2}>`;
}
function cell(t) {
  if (!t)
    return "";
  if (t.type === "uri")
    return shorten(t.value);
  if (t.type === "bnode")
    return `_:${t.value}`;
  return t.value.replace(/\s+/g, " ");
}
function table(vars, rows4) {
  const cells = rows4.map((r) => vars.map((v) => cell(r[v])));
  const widths = vars.map((v, i) => Math.min(80, Math.max(v.length + 1, ...cells.map((c) => c[i].length))));
  const fit = (s, w) => s.length > w ? s.slice(0, w - 1) + "\u2026" : s.padEnd(w);
  const lines = [vars.map((v, i) => fit(`?${v}`, widths[i])).join("  ").trimEnd(), widths.map((w) => "-".repeat(w)).join("  ")];
  for (const c of cells)
    lines.push(c.map((x, i) => fit(x, widths[i])).join("  ").trimEnd());
  lines.push(`(${rows4.length} row${rows4.length === 1 ? "" : "s"})`);
  return lines.join("\n") + "\n";
}
function runQuery(paths, query, format) {
  const { store, triples } = loadPackages(paths);
  const opts = { use_default_graph_as_union: true };
  let json;
  try {
    const r = store.query(query, { ...opts, results_format: "application/sparql-results+json" });
    json = typeof r === "string" ? r : "";
  } catch (e) {
    const msg = e.message;
    if (/RDF format/i.test(msg)) {
      const nt = store.query(query, { ...opts, results_format: "application/n-triples" });
      return { text: nt, rows: nt.split("\n").filter((l) => l.trim() !== "").length, packages: paths.length, triples };
    }
    throw new QueryError(msg);
  }
  const doc = JSON.parse(json);
  if (typeof doc.boolean === "boolean") {
    const text3 = format === "json" ? json + "\n" : format === "csv" ? `_askResult
${doc.boolean}\r
` : `${doc.boolean}
`;
    return { text: text3, rows: 1, packages: paths.length, triples };
  }
  const vars = doc.head.vars ?? [];
  const rows4 = doc.results?.bindings ?? [];
  if (format === "json")
    return { text: json + "\n", rows: rows4.length, packages: paths.length, triples };
  if (format === "csv") {
    const csv = store.query(query, { ...opts, results_format: "text/csv" });
    return { text: csv, rows: rows4.length, packages: paths.length, triples };
  }
  return { text: table(vars, rows4), rows: rows4.length, packages: paths.length, triples };
}

// dist/archive/rerun.js
import { mkdtempSync as mkdtempSync5, rmSync as rmSync7, writeFileSync as writeFileSync6 } from "node:fs";
import { availableParallelism as availableParallelism2, tmpdir as tmpdir5 } from "node:os";
import { join as join12 } from "node:path";

// dist/archive/verify.js
var T2 = (s) => ARCHIVE + s;
var utf82 = (b) => new TextDecoder().decode(b);
function payloadOf(files) {
  const out = /* @__PURE__ */ new Map();
  for (const [p, b] of files)
    if (p.startsWith("data/"))
      out.set(p.slice(5), b);
  return out;
}
function runRecords(payload, problems = []) {
  const out = [];
  const ids = /* @__PURE__ */ new Set();
  for (const p of payload.keys()) {
    const m = /^runs\/([^/]+)\//.exec(p);
    if (m)
      ids.add(m[1]);
  }
  for (const id of [...ids].sort(compareCodeUnits)) {
    const b = payload.get(`runs/${id}/run.json`);
    if (!b) {
      problems.push({ file: `data/runs/${id}/run.json`, message: "missing: a run directory without its record" });
      continue;
    }
    try {
      const r = JSON.parse(utf82(b));
      if (r.id !== id || !Array.isArray(r.outputs) || !Array.isArray(r.inputs))
        throw new Error("fields id, inputs, outputs expected");
      out.push(r);
    } catch (e) {
      problems.push({ file: `data/runs/${id}/run.json`, message: `malformed: ${e.message}` });
    }
  }
  return out;
}
function check(name, problems, okSummary) {
  return { name, ok: problems.length === 0, summary: problems.length === 0 ? okSummary : `${problems.length} problem${problems.length > 1 ? "s" : ""}`, problems };
}
async function verifyPackage(path, keyPath, files) {
  const bag = files ?? readPackage(path);
  const checks = [];
  const info = checkDeclaration(bag, path);
  checks.push(check("bag", [], `BagIt ${utf82(bag.get("bagit.txt")).match(/BagIt-Version: (\S+)/)?.[1]}, package format ${info.get("Twin-Package-Format") ?? "?"}`));
  const fixity = checkFixity(bag, info);
  const payload = payloadOf(bag);
  checks.push(check("fixity", fixity, `${payload.size} payload files and ${[...bag.keys()].filter((p) => !p.startsWith("data/")).length} tag files match their manifests`));
  const runProblems = [];
  const runs = runRecords(payload, runProblems);
  const crate = payload.get(CRATE_FILE);
  checks.push(check("crate", checkCrate(crate ? utf82(crate) : void 0, payload, runs.map((r) => r.id)), `RO-Crate 1.1: ${payload.size - 1} files and ${runs.length} runs described`));
  const graphProblems = [];
  let quads = [];
  const g = payload.get(GRAPH_FILE);
  if (!g)
    graphProblems.push({ file: `data/${GRAPH_FILE}`, message: "missing" });
  else {
    try {
      quads = parseTurtle(utf82(g), `data/${GRAPH_FILE}`);
      const shapes = shapesOf(payload);
      if (shapes.length === 0)
        graphProblems.push({ file: "data/ontologies", message: "no SHACL shapes (*shapes*.ttl) in the package" });
      const report = await validateShacl(quads, shapes);
      for (const r of report.results.slice(0, 20)) {
        graphProblems.push({ file: `data/${GRAPH_FILE}`, message: `does not conform to its shapes: ${r.focusNode}${r.path ? ` ${r.path}` : ""}: ${r.message} (${r.sourceShape})` });
      }
      if (report.results.length > 20)
        graphProblems.push({ file: `data/${GRAPH_FILE}`, message: `\u2026 and ${report.results.length - 20} more SHACL results` });
    } catch (e) {
      graphProblems.push({ file: e instanceof RdfSyntaxError ? "" : `data/${GRAPH_FILE}`, message: e.message });
      quads = [];
    }
  }
  checks.push(check("graph", graphProblems, `${quads.length} triples conform to the package's SHACL shapes`));
  const cons = [];
  const bySubject = /* @__PURE__ */ new Map();
  for (const q of quads) {
    let m = bySubject.get(q.subject.value);
    if (!m)
      bySubject.set(q.subject.value, m = /* @__PURE__ */ new Map());
    let l = m.get(q.predicate.value);
    if (!l)
      m.set(q.predicate.value, l = []);
    l.push(q.object.value);
  }
  const val = (s, p) => bySubject.get(s)?.get(p)?.[0];
  const fileRecords = /* @__PURE__ */ new Map();
  for (const [s, m] of bySubject) {
    if ((m.get(`${NS.rdf}type`) ?? []).includes(T2("ArchivedFile"))) {
      fileRecords.set(val(s, T2("path")) ?? s, { sha: val(s, T2("sha256")), size: val(s, T2("byteSize")), canonical: val(s, T2("canonicalSha256")) });
    }
  }
  if (quads.length > 0) {
    for (const [p, rec] of fileRecords) {
      const b = payload.get(p);
      if (!b)
        cons.push({ file: `data/${GRAPH_FILE}`, message: `records ${p}, which is not in the package` });
      else if (rec.sha !== sha256Hex2(b) || rec.size !== String(b.length))
        cons.push({ file: `data/${p}`, message: `SHA-256 or size differs from the graph's record (data/${GRAPH_FILE})` });
    }
    for (const p of payload.keys()) {
      if (p !== GRAPH_FILE && p !== CRATE_FILE && !fileRecords.has(p))
        cons.push({ file: `data/${p}`, message: `not recorded in the graph (data/${GRAPH_FILE})` });
    }
    const graphRuns = /* @__PURE__ */ new Map();
    for (const [s, m] of bySubject)
      if ((m.get(`${NS.rdf}type`) ?? []).includes(T2("Run")))
        graphRuns.set(val(s, T2("runId")) ?? s, s);
    for (const r of runs) {
      const s = graphRuns.get(r.id);
      if (!s) {
        cons.push({ file: `data/runs/${r.id}/run.json`, message: `run ${r.id} is not in the graph` });
        continue;
      }
      for (const o of r.outputs) {
        if (fileRecords.get(`runs/${r.id}/${o.path}`)?.canonical !== o.canonicalSha256)
          cons.push({ file: `data/${GRAPH_FILE}`, message: `run ${r.id}: output ${o.path}: canonical hash differs from data/runs/${r.id}/run.json` });
      }
      if (r.argv && val(s, T2("argv")) !== JSON.stringify(r.argv))
        cons.push({ file: `data/${GRAPH_FILE}`, message: `run ${r.id}: argv differs from data/runs/${r.id}/run.json` });
    }
    for (const id of graphRuns.keys())
      if (!runs.some((r) => r.id === id))
        cons.push({ file: `data/${GRAPH_FILE}`, message: `run ${id} has no data/runs/${id}/run.json` });
  }
  checks.push(check("consistency", cons, `the graph records ${fileRecords.size} files and ${runs.length} runs as they are`));
  const coreProblems = [];
  const core = payload.get("core/core.wasm");
  let coreSha = "";
  if (!core)
    coreProblems.push({ file: "data/core/core.wasm", message: "missing" });
  else {
    coreSha = sha256Hex2(core);
    if (!WebAssembly.validate(core))
      coreProblems.push({ file: "data/core/core.wasm", message: "not a valid WebAssembly module" });
    else {
      const imports = WebAssembly.Module.imports(new WebAssembly.Module(core));
      if (imports.length > 0)
        coreProblems.push({ file: "data/core/core.wasm", message: `imports ${imports.map((i) => `${i.module}.${i.name}`).join(", ")}: the core must import nothing` });
    }
    const build = payload.get("core/build.json");
    let recorded;
    try {
      recorded = build ? JSON.parse(utf82(build)).sha256 : void 0;
    } catch {
      recorded = void 0;
    }
    if (recorded !== coreSha)
      coreProblems.push({ file: "data/core/core.wasm", message: `SHA-256 ${coreSha} differs from the build record data/core/build.json (${recorded ?? "none"}): swapped core` });
    if (quads.length > 0) {
      const pkgCore = [...bySubject].find(([, m]) => (m.get(`${NS.rdf}type`) ?? []).includes(T2("Package")))?.[1].get(T2("core"))?.[0];
      if (pkgCore !== coreIri(coreSha))
        coreProblems.push({ file: "data/core/core.wasm", message: `SHA-256 ${coreSha} is not the core the graph records (${pkgCore ?? "none"})` });
    }
    for (const r of runs)
      if (r.core?.sha256 !== coreSha)
        coreProblems.push({ file: `data/runs/${r.id}/run.json`, message: `ran core ${r.core?.sha256}, but the package holds ${coreSha}` });
  }
  checks.push(check("core", coreProblems, `core.wasm ${coreSha.slice(0, 16)}\u2026 imports nothing; build record, graph and runs agree`));
  for (const r of runs) {
    for (const f of [...r.inputs, ...r.outputs]) {
      const p = `runs/${r.id}/${f.path}`;
      const b = payload.get(p);
      if (!b)
        runProblems.push({ file: `data/${p}`, message: `missing: recorded in data/runs/${r.id}/run.json` });
      else if (sha256Hex2(b) !== f.sha256)
        runProblems.push({ file: `data/${p}`, message: `SHA-256 differs from data/runs/${r.id}/run.json` });
      else if ("canonicalSha256" in f && canonicalHash(b, f.mode) !== f.canonicalSha256)
        runProblems.push({ file: `data/${p}`, message: `canonical hash differs from data/runs/${r.id}/run.json` });
    }
  }
  checks.push(check("runs", runProblems, `${runs.length} runs: ${runs.reduce((n, r) => n + r.outputs.length, 0)} outputs match their recorded hashes`));
  const sig = checkSignature(bag, keyPath);
  checks.push({ name: "signature", ok: sig.valid, summary: sig.message, problems: sig.valid ? [] : [{ file: "tagmanifest-sha256.txt.sig.json", message: sig.message }] });
  return { package: path, ok: checks.every((c) => c.ok), checks };
}

// dist/archive/rerun.js
async function pool(tasks, n) {
  const out = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, tasks.length) }, worker));
  return out;
}
function compare(rec, got) {
  return rec.outputs.map((o) => {
    const b = got.get(o.path);
    const h = b === void 0 ? null : canonicalHash(b, o.mode) ?? null;
    return { path: o.path, recorded: o.canonicalSha256, got: h, match: h === o.canonicalSha256, bytesEqual: b !== void 0 && sha256Hex2(b) === o.sha256 };
  });
}
async function rerunOne(rec, engine, payload, corePath) {
  const t0 = performance.now();
  const done = (status, outputs, message) => ({
    run: rec.id,
    kind: rec.kind,
    status,
    ...message !== void 0 ? { message } : {},
    outputs,
    seconds: (performance.now() - t0) / 1e3
  });
  try {
    if (rec.kind === "selfcheck") {
      const values = await runSelfchecks(engine, corePath, rec.exports ?? []);
      const out = Buffer.from(JSON.stringify(values, null, 2) + "\n");
      const cmp3 = compare(rec, /* @__PURE__ */ new Map([[rec.outputs[0].path, out]]));
      return done(cmp3.every((c) => c.match) ? "match" : "mismatch", cmp3);
    }
    if (!isNodeEngine(engine))
      return done("skipped", [], `a CLI run needs a JavaScript host; ${engine} runs the self-contained runs`);
    const inputs = /* @__PURE__ */ new Map();
    for (const i of rec.inputs)
      inputs.set(i.path, payload.get(`runs/${rec.id}/${i.path}`) ?? new Uint8Array());
    const r = await reexecute(rec, inputs, corePath, engine);
    if (r.code !== 0)
      return done("failed", [], `exit code ${r.code}: ${r.stderr.trim().split("\n").slice(0, 4).join(" | ")}`);
    const cmp2 = compare(rec, r.outputs);
    return done(cmp2.every((c) => c.match) ? "match" : "mismatch", cmp2);
  } catch (e) {
    return done("failed", [], e.message);
  }
}
async function rerunPackage(path, engines, files, only) {
  const bag = files ?? readPackage(path);
  checkDeclaration(bag, path);
  const payload = payloadOf(bag);
  const core = payload.get("core/core.wasm");
  if (!core)
    throw new Error(`${path}: data/core/core.wasm is missing`);
  const problems = [];
  let runs = runRecords(payload, problems);
  if (problems.length > 0)
    throw new Error(problems.map((p) => `${path}/${p.file}: ${p.message}`).join("\n"));
  if (only && only.length > 0) {
    for (const id of only)
      if (!runs.some((r) => r.id === id))
        throw new Error(`${path}: no run ${id} (runs: ${runs.map((r) => r.id).join(", ")})`);
    runs = runs.filter((r) => only.includes(r.id));
  }
  const dir = mkdtempSync5(join12(tmpdir5(), "twin-rerun-core-"));
  try {
    const corePath = join12(dir, "core.wasm");
    writeFileSync6(corePath, core);
    const reports = engines.map((engine) => {
      const a = engineAvailable(engine);
      return { engine, available: a.ok, ...a.ok ? { version: engineVersion(engine) } : { reason: a.reason }, results: [], matched: 0, compared: 0 };
    });
    const tasks = [];
    for (const rep of reports) {
      if (!rep.available)
        continue;
      runs.forEach((rec, i) => {
        tasks.push(async () => {
          rep.results[i] = await rerunOne(rec, rep.engine, payload, corePath);
        });
      });
    }
    await pool(tasks, Math.max(1, availableParallelism2()));
    for (const rep of reports) {
      rep.results = rep.results.filter((r) => r !== void 0);
      rep.compared = rep.results.filter((r) => r.status !== "skipped").length;
      rep.matched = rep.results.filter((r) => r.status === "match").length;
    }
    const avail = reports.filter((r) => r.available);
    return {
      package: path,
      coreSha256: sha256Hex2(core),
      engines: reports,
      ok: avail.length > 0 && avail.every((r) => r.matched === r.compared) && avail.some((r) => r.compared > 0)
    };
  } finally {
    rmSync7(dir, { recursive: true, force: true });
  }
}

// dist/archive/restore.js
import { mkdirSync as mkdirSync4, renameSync as renameSync3, rmSync as rmSync8, statSync as statSync7, writeFileSync as writeFileSync7 } from "node:fs";
import { basename as basename10, dirname as dirname8, join as join13 } from "node:path";
function covered(kind, path) {
  if (kind === "modelica")
    return isModelicaSource(path.split("/").pop());
  return true;
}
async function restorePackage(path, output, files) {
  const bag = files ?? readPackage(path);
  checkDeclaration(bag, path);
  const payload = payloadOf(bag);
  const g = payload.get(GRAPH_FILE);
  if (!g)
    throw new PackageError(`${path}: data/${GRAPH_FILE} is missing`);
  const quads = parseTurtle(new TextDecoder().decode(g), `${path}/data/${GRAPH_FILE}`);
  const restored = /* @__PURE__ */ new Map();
  const reports = [];
  for (const m of MAPPERS) {
    let out;
    try {
      out = await m.restore(quads);
    } catch (e) {
      for (const p of payload.keys()) {
        if (p.startsWith(`sources/${m.kind}/`) && covered(m.kind, p.slice(`sources/${m.kind}/`.length))) {
          restored.set(p, { kind: m.kind, file: { path: p, bytes: new Uint8Array() }, error: e.message });
        }
      }
      continue;
    }
    for (const f of out)
      restored.set(`sources/${m.kind}/${f.path}`, { kind: m.kind, file: f });
  }
  for (const [p, orig] of payload) {
    const m = /^sources\/(modelica|aml|rotor)\/(.+)$/.exec(p);
    if (!m)
      continue;
    const kind = m[1];
    const rel2 = m[2];
    const r = restored.get(p);
    if (!r || r.error !== void 0) {
      const mapped2 = covered(kind, rel2);
      reports.push({ kind, path: rel2, restored: false, byteEqual: false, modelEqual: false, mapped: mapped2, message: r?.error ?? (mapped2 ? "not in the graph" : "not covered by the mapping: kept only as the original") });
      continue;
    }
    const byteEqual = sha256Hex2(orig) === sha256Hex2(r.file.bytes);
    const why = byteEqual ? void 0 : MAPPERS.find((x) => x.kind === kind).modelEqual({ path: rel2, bytes: orig }, { path: rel2, bytes: r.file.bytes });
    reports.push({ kind, path: rel2, restored: true, byteEqual, modelEqual: byteEqual || why === void 0, mapped: true, ...why !== void 0 ? { message: why } : byteEqual ? {} : { message: "bytes differ" } });
  }
  for (const [p, r] of restored) {
    if (r.error === void 0 && !payload.has(p))
      reports.push({ kind: r.kind, path: r.file.path, restored: true, byteEqual: false, modelEqual: false, mapped: true, message: "in the graph but not among the archived sources" });
  }
  reports.sort((a, b) => a.kind + a.path < b.kind + b.path ? -1 : 1);
  if (output !== null) {
    let exists = true;
    try {
      statSync7(output);
    } catch {
      exists = false;
    }
    if (exists)
      throw new PackageError(`${output}: already exists (choose a new output directory)`);
    const tmp = join13(dirname8(output), `.${basename10(output)}.${process.pid}.tmp`);
    rmSync8(tmp, { recursive: true, force: true });
    try {
      for (const [p, r] of restored) {
        if (r.error !== void 0)
          continue;
        const rel2 = p.slice("sources/".length);
        if (rel2.split("/").some((s) => s === ".." || s === ""))
          throw new PackageError(`${path}: unsafe path in the graph: ${JSON.stringify(rel2)}`);
        mkdirSync4(dirname8(join13(tmp, rel2)), { recursive: true });
        writeFileSync7(join13(tmp, rel2), r.file.bytes);
      }
      mkdirSync4(tmp, { recursive: true });
      renameSync3(tmp, output);
    } catch (e) {
      rmSync8(tmp, { recursive: true, force: true });
      throw e;
    }
  }
  const mapped = reports.filter((r) => r.mapped);
  return {
    package: path,
    output,
    files: reports,
    restored: reports.filter((r) => r.restored).length,
    byteEqual: reports.filter((r) => r.byteEqual).length,
    modelEqual: reports.filter((r) => r.modelEqual).length,
    ok: mapped.length > 0 && mapped.every((r) => r.restored && r.byteEqual && r.modelEqual) && reports.every((r) => r.mapped || !r.restored)
  };
}

// dist/archive/demo.js
var MODELS_DIR = join14(PACKAGE_ROOT, "models");
var RIG_MODEL = join14(MODELS_DIR, "test-rig.json");
var RIG_MODELICA = join14(MODELS_DIR, "modelica", "RotorRig");
var RIG_AML = [join14(MODELS_DIR, "aml", "test-rig.aml"), join14(MODELS_DIR, "aml", "twin-library.aml")];
var STATES_DIR = join14(MODELS_DIR, "states");
var DEMO_ENGINES = ["node", "node-baseline", "wasm-interp", "wasmtime"];
var STATE_FILES = { train: "states-train.csv", test: "states-test.csv", unseen: "states-unseen.csv" };
function writeStateSplits(dir, split = 1.8) {
  const meta = JSON.parse(readFileSync14(join14(STATES_DIR, "states.json"), "utf8"));
  const windowSeconds = meta.window / meta.fs;
  const eps = 1e-9;
  let header;
  const rows4 = { train: [], test: [], unseen: [] };
  for (const st of meta.states) {
    const lines = readFileSync14(join14(STATES_DIR, `${st.name}.features.csv`), "utf8").split("\n").filter((l) => l !== "");
    if (header === void 0)
      header = lines[0];
    else if (lines[0] !== header)
      throw new Error(`${st.name}.features.csv: header differs from the other feature tables`);
    const tCol = header.split(",").indexOf("t_start");
    if (tCol < 0)
      throw new Error(`${st.name}.features.csv: no t_start column`);
    for (const line of lines.slice(1)) {
      const t = Number(line.split(",")[tCol]);
      if (st.unseen)
        rows4.unseen.push(line);
      else if (t + windowSeconds <= split + eps)
        rows4.train.push(line);
      else if (t >= split - eps)
        rows4.test.push(line);
    }
  }
  for (const k of ["train", "test", "unseen"])
    writeFileSync8(join14(dir, STATE_FILES[k]), [header, ...rows4[k]].join("\n") + "\n");
  return { train: rows4.train.length, test: rows4.test.length, unseen: rows4.unseen.length };
}
function demoRunSpecs(dir) {
  const spec = (id, description, argv) => runSpecFrom({ id, description, argv }, `demo run ${id}`, dir);
  return [
    spec("modal", "Damped natural frequencies of the rig at 0, 150, 300 and 450 rad/s", ["rotor", "modal", RIG_MODEL, "--speeds", "0,150,300,450", "--modes", "6", "--json"]),
    spec("unbalance", "Unbalance response: 1e-4 kg m on disc 1 (node 4), probes at disc 1 and bearing 1", ["rotor", "unbalance", RIG_MODEL, "--unbalance", "4:1e-4:0", "--freqs", "0:600:5", "--probe", "4:x", "--probe", "1:x", "--json"]),
    spec("virtual-sensing", "UKF virtual sensing at 1200 rpm: shaft displacement at nodes 4-7 from the bearing accelerations, filter model with bearing stiffness +10 %", [
      "virtual-sensing",
      RIG_MODEL,
      "--mismatch",
      "bearing-k=+10%",
      "--json"
    ]),
    spec("state-train", "State recognition: ELM (200 sigmoid neurons, C = 1, standardised) with a distance novelty detector, trained on the windows that end by 1.8 s", [
      "elm",
      "train",
      STATE_FILES.train,
      "--label",
      "state",
      "--ignore",
      "t_start",
      "--hidden",
      "200",
      "--C",
      "1",
      "--seed",
      "1",
      "--standardize",
      "--novelty",
      "distance",
      "--novelty-quantile",
      "0.99",
      "-o",
      "state-model.json"
    ]),
    spec("state-predict", "State recognition on the held-out windows (start at 1.8 s or later)", ["elm", "predict", "run:state-train/outputs/state-model.json", STATE_FILES.test, "--json"]),
    spec("state-unseen", "Novelty detection on a state never trained on (1800 rpm, 2e-4 kg m)", ["elm", "predict", "run:state-train/outputs/state-model.json", STATE_FILES.unseen, "--json"])
  ];
}
var DEMO_QUERIES = {
  links: `PREFIX twin: <https://w3id.org/twin/archive#>
PREFIX aml: <https://w3id.org/twin/aml#>
SELECT ?element ?model WHERE {
  ?e twin:realisedBy ?m ; aml:name ?element .
  OPTIONAL { ?m <https://w3id.org/twin/modelica#fullName> ?mo }
  OPTIONAL { ?m <https://w3id.org/twin/rotor#name> ?ro }
  BIND(COALESCE(?mo, CONCAT("rotor model ", ?ro)) AS ?model)
} ORDER BY ?element ?model`,
  runs: `PREFIX twin: <https://w3id.org/twin/archive#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?run ?command ?model (COUNT(DISTINCT ?out) AS ?outputs) WHERE {
  ?r a twin:Run ; twin:runId ?run ; prov:generated ?out .
  OPTIONAL { ?r twin:command ?command }
  OPTIONAL { ?r twin:usesModel ?m . ?m <https://w3id.org/twin/rotor#name> ?model }
} GROUP BY ?run ?command ?model ORDER BY ?run`
};
function readJson(bytes) {
  return bytes ? JSON.parse(new TextDecoder().decode(bytes)) : void 0;
}
var pct = (x, digits = 2) => `${(x * 100).toFixed(digits)} %`;
async function runArchiveDemo(io, options2 = {}) {
  const t0 = performance.now();
  const dir = mkdtempSync6(join14(tmpdir6(), "twin-demo-"));
  const secs = () => `${((performance.now() - t0) / 1e3).toFixed(1)} s`;
  try {
    const pkg = options2.keep ?? join14(dir, "test-rig-archive");
    const split = writeStateSplits(dir);
    io.out(`twin demo: archive of the bundled laboratory test rig (models/)

`);
    const c = await createPackage({
      modelica: [RIG_MODELICA],
      aml: RIG_AML,
      rotor: [RIG_MODEL],
      runs: demoRunSpecs(dir),
      output: pkg,
      title: "Laboratory rotor-bearing test rig: models and recorded runs",
      epoch: sourceDateEpoch(),
      toolVersion: JSON.parse(readFileSync14(join14(PACKAGE_ROOT, "package.json"), "utf8")).version
    });
    io.out(`1 create   ${c.files} files, ${(c.bytes / 1024).toFixed(0)} KiB  (${secs()})
`);
    io.out(`           sources: ${c.sources.map((s2) => `${s2.files} ${s2.kind}`).join(", ")}; graph: ${c.triples} triples, ${c.links} model links
`);
    io.out(`           core ${c.coreSha256.slice(0, 16)}\u2026; runs: ${c.runs.map((r2) => r2.id).join(", ")}, selfcheck (${c.selfchecks.length} exports)
`);
    const files = readPackage(pkg);
    const payload = new Map([...files].filter(([p]) => p.startsWith("data/")).map(([p, b]) => [p.slice(5), b]));
    const modal = readJson(payload.get("runs/modal/outputs/stdout.json"));
    const at300 = modal?.results?.find((r2) => r2.speed === 300);
    if (at300)
      io.out(`           modal at 300 rad/s: ${at300.wd.slice(0, 4).map((w) => `${(w / (2 * Math.PI)).toFixed(1)}`).join(", ")} Hz (damped)
`);
    const unb = readJson(payload.get("runs/unbalance/outputs/stdout.json"));
    const disc = unb?.probes?.[0];
    if (disc && Array.isArray(unb.freqs)) {
      const k = disc.amplitude.reduce((b, a, i, v2) => a > v2[b] ? i : b, 0);
      io.out(`           unbalance: disc-1 peak ${(disc.amplitude[k] * 1e6).toFixed(1)} um at ${unb.freqs[k]} rad/s
`);
    }
    const vs = readJson(payload.get("runs/virtual-sensing/outputs/stdout.json"));
    if (vs?.estimates?.length) {
      const open = Math.max(...vs.estimates.map((e) => e.open_loop.nrmse));
      io.out(`           virtual sensing (${vs.speed_rpm} rpm, filter model bearing-k +10 %): worst NRMSE ${pct(vs.worst_nrmse)} at nodes ${[...new Set(vs.estimates.map((e) => e.dof.split(":")[0]))].join(", ")}; model alone ${pct(open)}
`);
    }
    const pred = readJson(payload.get("runs/state-predict/outputs/stdout.json"));
    const unseen = readJson(payload.get("runs/state-unseen/outputs/stdout.json"));
    if (pred) {
      const novel = unseen ? unseen.predictions.filter((p) => p.novel).length : 0;
      io.out(`           state recognition: accuracy ${pct(pred.accuracy, 1)} on ${pred.predictions.length} held-out windows (trained on ${split.train})`);
      io.out(unseen ? `; unseen state: ${novel}/${unseen.predictions.length} windows flagged novel
` : "\n");
    }
    const v = await verifyPackage(pkg, void 0, files);
    io.out(`2 verify   ${v.ok ? "all checks pass" : "FAILED"}: ${v.checks.map((x) => `${x.name} ${x.ok ? "ok" : "FAIL"}`).join(", ")}  (${secs()})
`);
    const r = await rerunPackage(pkg, DEMO_ENGINES, files);
    io.out(`3 rerun    with the archived core, canonical output hashes compared bit for bit  (${secs()})
`);
    for (const e of r.engines) {
      if (!e.available)
        io.out(`           ${e.engine.padEnd(14)} not available: ${e.reason}; nothing rerun on it
`);
      else {
        const bad = e.results.filter((x) => x.status === "mismatch" || x.status === "failed").map((x) => `${x.run} ${x.status}`);
        const skipped = e.results.filter((x) => x.status === "skipped").length;
        const which = skipped === 0 ? "every run" : `${e.results.filter((x) => x.status !== "skipped").map((x) => x.run).join(", ")} only: the ${skipped} twin-command runs need a JavaScript host`;
        io.out(`           ${e.engine.padEnd(14)} ${e.matched}/${e.compared} runs match (${which})${bad.length ? `; ${bad.join(", ")}` : ""}
`);
      }
    }
    const used = r.engines.filter((e) => e.available).map((e) => e.engine);
    const missing = r.engines.filter((e) => !e.available).map((e) => e.engine);
    io.out(`           engines used: ${used.join(", ")}${missing.length ? `; not available here: ${missing.join(", ")}` : ""}
`);
    const s = await restorePackage(pkg, join14(dir, "restored"), files);
    const mapped = s.files.filter((f) => f.mapped);
    io.out(`4 restore  ${s.restored}/${mapped.length} sources regenerated from the graph alone: ${s.byteEqual} byte-equal, ${s.modelEqual} model-equal  (${secs()})
`);
    for (const f of s.files.filter((x) => !x.byteEqual))
      io.out(`           ${f.kind} ${f.path}: ${f.message ?? "differs"}
`);
    io.out(`5 query    which plant element is realised by which model?
`);
    io.out(indent(runQuery([pkg], DEMO_QUERIES.links, "table").text));
    io.out(`           which runs used which model?
`);
    io.out(indent(runQuery([pkg], DEMO_QUERIES.runs, "table").text));
    const ok = v.ok && r.ok && s.ok;
    io.out(`
${ok ? "archive verified, rerun bit for bit, restored byte for byte" : "DEMO FAILED: see above"} in ${secs()}${options2.keep ? `; package kept at ${pkg}` : ""}
`);
    return ok ? 0 : 1;
  } finally {
    rmSync9(dir, { recursive: true, force: true });
  }
}
function indent(text3) {
  return text3.trimEnd().split("\n").map((l) => `           ${l}`).join("\n") + "\n";
}

// dist/rotor/format.js
function table2(columns, rows4) {
  const width = columns.map((c, j) => Math.max(c.title.length, ...rows4.map((r) => (r[j] ?? "").length)));
  const pad = (s, j) => (columns[j].align ?? "right") === "left" ? s.padEnd(width[j]) : s.padStart(width[j]);
  const line = (cells) => cells.map((s, j) => pad(s, j)).join("  ").trimEnd();
  return [line(columns.map((c) => c.title)), line(width.map((w) => "-".repeat(w))), ...rows4.map(line)].join("\n") + "\n";
}
var rpm = (w) => w * 30 / Math.PI;
var hz = (w) => w / (2 * Math.PI);
function fixed(x, digits) {
  if (Number.isNaN(x))
    return "-";
  if (!Number.isFinite(x))
    return x > 0 ? "inf" : "-inf";
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}
function sci(x, digits = 4) {
  if (Number.isNaN(x))
    return "-";
  if (!Number.isFinite(x))
    return x > 0 ? "inf" : "-inf";
  if (x === 0)
    return "0";
  return x.toExponential(digits - 1);
}
function dirName(dir) {
  return typeof dir === "number" ? `${fixed(dir, 4)} rad` : dir;
}
function modalRows(r) {
  return r.wn.map((wn, j) => [
    String(j + 1),
    fixed(wn, 2),
    fixed(r.wd[j], 2),
    fixed(hz(r.wd[j]), 3),
    fixed(rpm(r.wd[j]), 1),
    fixed(r.logdec[j], 4),
    Number.isNaN(wn) ? "-" : r.whirl[j]
  ]);
}
var MODAL_COLUMNS = [
  { title: "mode" },
  { title: "wn [rad/s]" },
  { title: "wd [rad/s]" },
  { title: "wd [Hz]" },
  { title: "wd [rpm]" },
  { title: "logdec" },
  { title: "whirl", align: "left" }
];
function formatModal(name, dof, results) {
  let out = `${name}: damped modal analysis, ${dof} degrees of freedom
`;
  for (const r of results) {
    out += `
speed ${fixed(r.speed, 2)} rad/s (${fixed(rpm(r.speed), 1)} rpm)
`;
    out += r.wn.length === 0 ? "(no modes)\n" : table2(MODAL_COLUMNS, modalRows(r));
  }
  return out;
}
function formatCampbell(name, dof, c) {
  const nModes = c.results[0]?.wd.length ?? 0;
  const columns = [{ title: "speed [rad/s]" }, { title: "[rpm]" }];
  for (let j = 0; j < nModes; j++)
    columns.push({ title: `wd${j + 1} [rad/s]` });
  const rows4 = c.results.map((r) => [fixed(r.speed, 2), fixed(rpm(r.speed), 1), ...r.wd.map((w) => fixed(w, 2))]);
  let out = `${name}: Campbell diagram, ${dof} degrees of freedom, ${nModes} tracked modes (damped natural frequencies)

`;
  out += table2(columns, rows4);
  out += `
critical speeds (crossings of wd with 1X)
`;
  out += c.critical.length === 0 ? "(none in the speed range)\n" : table2([{ title: "mode" }, { title: "speed [rad/s]" }, { title: "[rpm]" }, { title: "[Hz]" }], c.critical.map((k) => [String(k.mode + 1), fixed(k.speed, 2), fixed(rpm(k.speed), 1), fixed(hz(k.speed), 3)]));
  return out;
}
function peakIndex(a) {
  let best = 0;
  for (let i = 1; i < a.length; i++)
    if (a[i] > a[best])
      best = i;
  return best;
}
function formatUnbalance(name, u, describe = (n) => `node ${n}`) {
  const columns = [{ title: "freq [rad/s]" }, { title: "[rpm]" }];
  for (const p of u.probes)
    columns.push({ title: `${p.node}:${dirName(p.dir)} amp [m]` }, { title: "phase [deg]" });
  const rows4 = u.freqs.map((f, i) => {
    const row = [fixed(f, 2), fixed(rpm(f), 1)];
    for (const p of u.probes)
      row.push(sci(p.amplitude[i]), fixed(p.phase[i] * 180 / Math.PI, 2));
    return row;
  });
  let out = `${name}: unbalance response (steady state, speed = excitation frequency)

` + table2(columns, rows4);
  out += "\npeaks\n";
  out += table2([{ title: "probe", align: "left" }, { title: "amplitude [m]" }, { title: "at [rad/s]" }, { title: "[rpm]" }], u.probes.map((p) => {
    const k = peakIndex(p.amplitude);
    return [`${describe(p.node)} ${dirName(p.dir)}`, sci(p.amplitude[k]), fixed(u.freqs[k], 2), fixed(rpm(u.freqs[k]), 1)];
  }));
  return out;
}
function formatStatic(name, s, g, rigid) {
  let out = `${name}: static deflection under gravity ${fixed(g, 5)} m/s^2 along -y${rigid ? ", rigid supports (bearings as pins)" : ""}

`;
  out += table2([{ title: "node" }, { title: "x [m]" }, { title: "y [m]" }], s.deflection.y.map((y, i) => [String(i), sci(s.deflection.x[i]), sci(y)]));
  out += "\nbearing reaction forces\n";
  out += table2([{ title: "node" }, { title: "fx [N]" }, { title: "fy [N]" }], s.bearingForces.map((b) => [String(b.node), fixed(b.fx, 3), fixed(b.fy, 3)]));
  return out;
}
function formatReduced(name, r) {
  let out = `${name}: reduced state-space model at ${fixed(r.speed, 2)} rad/s (${fixed(rpm(r.speed), 1)} rpm)
`;
  out += `${r.modes} modes of ${r.dof} degrees of freedom: ${2 * r.modes} states, ${r.dof} inputs and outputs, dt ${r.dt} s

`;
  out += table2([{ title: "mode" }, { title: "wn [rad/s]" }, { title: "[Hz]" }], r.wn.map((w, j) => [String(j + 1), fixed(w, 2), fixed(hz(w), 3)]));
  return out;
}

// dist/cli/demo.js
var DEMO_MODEL = join15(PACKAGE_ROOT, "models", "test-rig.json");
var RPM = Math.PI / 30;
var MODAL_RPM = [0, 1500, 3e3, 4500];
var UNBALANCE_KGM = 1e-4;
function shaftMass(model) {
  let m = 0;
  for (const el of model.shaft) {
    const rho = (el.material ?? model.material)?.rho ?? 0;
    const area = (od, id) => Math.PI / 4 * (od * od - id * id);
    const al = area(el.odl ?? el.od ?? 0, el.idl ?? el.id ?? 0);
    const ar = area(el.odr ?? el.od ?? 0, el.idr ?? el.id ?? 0);
    m += rho * el.L * (al + ar) * 0.5;
  }
  return m;
}
var demoCommand = {
  name: "demo",
  summary: "the bundled test rig archived, verified, rerun on the available engines, restored and queried",
  usage: `Usage: twin demo [--keep PKG] [--rotor]

Archives the bundled laboratory test rig: its Modelica package (models/modelica/RotorRig), its
AutomationML plant and twin description (models/aml/test-rig.aml and the library it references,
twin-library.aml), its rotor model (models/test-rig.json) and recorded runs (modal analysis,
unbalance response, UKF virtual sensing, ELM state recognition on models/states/ with a held-out
split and an unseen state). Then verifies the package, reruns the runs with the archived core and
compares their outputs bit for bit: every run on node and node-baseline (V8 Liftoff only), the
self-contained selfcheck run also on wabt's wasm-interp and on wasmtime when they are available
(the others need a JavaScript host); an engine that is not installed is named, not counted. Then
restores every source from the graph alone and runs two SPARQL queries, printing a short report.
Exit 0 when everything holds.
See docs/archive.md; the steps one by one are under "twin archive".

Options:
      --keep PKG  keep the package at PKG (a directory) instead of a temporary one
      --rotor     instead: the rotor analyses on models/test-rig.json (modal analysis, critical
                  speeds, unbalance response, static deflection, a short time response)
  -h, --help      show this help
`,
  async run(argv, io) {
    const { values } = parseCommandLine(argv, { help: { type: "boolean", short: "h" }, rotor: { type: "boolean" }, keep: { type: "string" } }, { min: 0, max: 0, names: "" });
    if (helpRequested(values, this, io))
      return 0;
    if (values.rotor)
      return rotorDemo(io);
    return runArchiveDemo(io, typeof values.keep === "string" ? { keep: resolve4(values.keep) } : {});
  }
};
function rotorDemo(io) {
  const model = loadModelFile(DEMO_MODEL);
  const disks = model.disks ?? [];
  const diskNodes = disks.map((d) => d.node);
  const bearingNodes = model.bearings.map((b) => b.node);
  const unbNode = diskNodes[0] ?? Math.floor(model.shaft.length / 2);
  const out = [];
  withRotor(model, (r) => {
    const diskMass = disks.reduce((s, d) => s + diskMassProperties(d).m, 0);
    out.push(`twin demo: ${model.name} (${DEMO_MODEL})`);
    out.push(`${model.shaft.length} shaft elements, ${r.nodes} nodes, ${r.dof} degrees of freedom; shaft ${fixed(model.shaft.reduce((s, e) => s + e.L, 0), 3)} m, ${fixed(shaftMass(model), 2)} kg; ${disks.length} discs at nodes ${diskNodes.join(", ")} (${fixed(diskMass, 2)} kg); bearings at nodes ${bearingNodes.join(", ")}; ${model.pedestals?.length ?? 0} pedestal masses`);
    const modes = 6;
    const modal = MODAL_RPM.map((n) => r.modal(n * RPM, modes));
    for (const m of modal)
      requireFinite([...m.wd, ...m.logdec], `modal at ${m.speed} rad/s`);
    out.push("", "1. Damped natural frequencies [Hz] (whirl, log decrement) at rotor speed");
    out.push(table2([{ title: "mode" }, ...MODAL_RPM.map((n) => ({ title: `${n} rpm` }))], Array.from({ length: Math.max(...modal.map((m) => m.wd.length)) }, (_, j) => [
      String(j + 1),
      ...modal.map((m) => j < m.wd.length ? `${fixed(hz(m.wd[j]), 2)} ${m.whirl[j][0].toUpperCase()} ${fixed(m.logdec[j], 3)}` : "-")
    ])).trimEnd());
    out.push("   whirl: F forward, B backward, M mixed");
    const speeds2 = parseRange(`0:${6e3 * RPM}:${25 * RPM}`, "demo speeds");
    const camp = r.campbell(speeds2, modes);
    out.push("", `2. Critical speeds, 0-6000 rpm (${speeds2.length} speeds, ${modes} tracked modes)`);
    if (camp.critical.length === 0)
      out.push("   none in the range");
    for (const k of camp.critical) {
      out.push(`   mode ${k.mode + 1}: ${fixed(k.speed, 1)} rad/s = ${fixed(rpm(k.speed), 0)} rpm = ${fixed(hz(k.speed), 2)} Hz`);
    }
    const unb = [{ node: unbNode, magnitude: UNBALANCE_KGM, phase: 0 }];
    const probes = [.../* @__PURE__ */ new Set([...diskNodes, ...bearingNodes])].flatMap((node) => [
      { node, dir: "x" },
      { node, dir: "y" }
    ]);
    const freqs = parseRange(`${2 * RPM}:${6e3 * RPM}:${2 * RPM}`, "demo freqs");
    const resp = r.unbalance(unb, freqs, probes);
    out.push("", `3. Unbalance response to ${UNBALANCE_KGM} kg m at node ${unbNode}, 2-6000 rpm: peaks`);
    out.push(table2([{ title: "probe", align: "left" }, { title: "peak [um]" }, { title: "at [rpm]" }], resp.probes.map((p) => {
      requireFinite(p.amplitude, `unbalance response at node ${p.node}`);
      const k = peakIndex(p.amplitude);
      return [`node ${p.node} ${p.dir}`, fixed(p.amplitude[k] * 1e6, 2), fixed(rpm(freqs[k]), 0)];
    })).trimEnd());
    const st = r.staticDeflection({ g: 9.80665, rigidSupports: false });
    requireFinite(st.deflection.y, "static deflection");
    const ky = st.deflection.y.reduce((best, y, i, a) => Math.abs(y) > Math.abs(a[best]) ? i : best, 0);
    out.push("", "4. Static deflection under gravity (flexible supports)");
    out.push(`   largest: ${fixed(st.deflection.y[ky] * 1e6, 2)} um at node ${ky}`);
    out.push(`   bearing forces: ${st.bearingForces.map((b) => `node ${b.node} fy ${fixed(b.fy, 2)} N`).join(", ")}`);
    const speed = 1500 * RPM;
    const dt = 25e-5;
    const tEnd = 3;
    const tr = r.time({ speed, tEnd, dt, unbalance: unb });
    requireFinite(tr.disp, "time response");
    const w = 2 * tr.nodes;
    const rev = 2 * Math.PI / speed;
    const fromRow = tr.t.findIndex((t) => t >= tEnd - 2 * rev);
    const steady = r.unbalance(unb, [speed], probes);
    out.push("", `5. Time response at 1500 rpm, ${tEnd} s, dt ${dt} s (${tr.t.length} steps): last two revolutions`);
    out.push(table2([{ title: "probe", align: "left" }, { title: "max |u| [um]" }, { title: "steady state [um]" }], probes.map((p, i) => {
      const col = 2 * p.node + (p.dir === "x" ? 0 : 1);
      let amp = 0;
      for (let row = fromRow; row < tr.t.length; row++)
        amp = Math.max(amp, Math.abs(tr.disp[row * w + col]));
      return [`node ${p.node} ${p.dir}`, fixed(amp * 1e6, 3), fixed(steady.probes[i].amplitude[0] * 1e6, 3)];
    })).trimEnd());
    out.push("   (max |u| includes what remains of the start-up transient; gravity is not applied)");
  });
  io.out(out.join("\n") + "\n");
  return 0;
}

// dist/elm/case.js
import { readFileSync as readFileSync15 } from "node:fs";

// dist/elm/core.js
var ACTIVATIONS = ["sigmoid", "tanh", "hpelm_sigm", "linear"];
var ACTIVATION_CODE = { sigmoid: 1, tanh: 2, hpelm_sigm: 3, linear: 4 };
var NEURON_FUNCTIONS = ["lin", "sigm", "tanh", "rbf_l1", "rbf_l2", "rbf_linf"];
var NEURON_CODE = { lin: 4, sigm: 3, tanh: 2, rbf_l1: 5, rbf_l2: 6, rbf_linf: 7 };
function blockTable(blocks) {
  return Float64Array.from(blocks.flatMap((b) => [NEURON_CODE[b.func], b.number]));
}
var ElmCore = class {
  core;
  constructor(core = Core.default()) {
    this.core = core;
  }
  /** W and b drawn by SplitMix64 inside the core (seed: integer in [0, 2^53]). */
  weights(d, L, seed) {
    return this.core.take(this.core.fn("elmWeights")(d, L, seed), "elmWeights");
  }
  hidden(h, X, n) {
    if (h.blocks) {
      const bt = blockTable(h.blocks);
      return this.core.withBuffers([X, h.wb, bt], (px, pw, pt) => this.core.take(this.core.fn("elmHiddenBlocks")(px, n, h.d, pw, h.L, pt, h.blocks.length), "elmHiddenBlocks"));
    }
    return this.core.withBuffers([X, h.wb], (px, pw) => this.core.take(this.core.fn("elmHidden")(px, n, h.d, pw, h.L, ACTIVATION_CODE[h.activation]), "elmHidden"));
  }
  /** Batch fit; C = null: no ridge term. With withP the state carries P for later updates. */
  fit(h, X, T3, n, m, C, withP = true) {
    if (h.blocks)
      return this.fitRidge(h, X, T3, n, m, C === null ? 0 : 1 / C, withP);
    const out = this.core.withBuffers([X, T3, h.wb], (px, pt, pw) => this.core.take(this.core.fn("elmFit")(px, pt, n, h.d, m, pw, h.L, ACTIVATION_CODE[h.activation], C ?? 0, withP ? 1 : 0), "elmFit"));
    const k = h.L * m;
    return { beta: out.slice(0, k), P: withP ? out.slice(k) : new Float64Array(0) };
  }
  /**
   * Batch fit with `ridge` (≥ 0) added to the diagonal of HᵀH: hpelm's `norm`, or 1/C. Runs the block
   * export (a layer of one activation is one block).
   */
  fitRidge(h, X, T3, n, m, ridge, withP = true) {
    const blocks = h.blocks ? blockTable(h.blocks) : Float64Array.of(ACTIVATION_CODE[h.activation], h.L);
    const out = this.core.withBuffers([X, T3, h.wb, blocks], (px, pt, pw, pk) => this.core.take(this.core.fn("elmFitBlocks")(px, pt, n, h.d, m, pw, h.L, pk, blocks.length / 2, ridge, withP ? 1 : 0), "elmFitBlocks"));
    const k = h.L * m;
    return { beta: out.slice(0, k), P: withP ? out.slice(k) : new Float64Array(0) };
  }
  /** OS-ELM update with n new rows. */
  update(h, s, X, T3, n, m) {
    const state = new Float64Array(s.beta.length + s.P.length);
    state.set(s.beta);
    state.set(s.P, s.beta.length);
    const out = h.blocks ? this.core.withBuffers([state, X, T3, h.wb, blockTable(h.blocks)], (ps, px, pt, pw, pk) => this.core.take(this.core.fn("elmUpdateBlocks")(ps, px, pt, n, h.d, m, pw, h.L, pk, h.blocks.length), "elmUpdateBlocks")) : this.core.withBuffers([state, X, T3, h.wb], (ps, px, pt, pw) => this.core.take(this.core.fn("elmUpdate")(ps, px, pt, n, h.d, m, pw, h.L, ACTIVATION_CODE[h.activation]), "elmUpdate"));
    const k = h.L * m;
    return { beta: out.slice(0, k), P: out.slice(k) };
  }
  predict(h, X, n, beta, m) {
    if (h.blocks) {
      return this.core.withBuffers([X, h.wb, blockTable(h.blocks), beta], (px, pw, pk, pb) => this.core.take(this.core.fn("elmPredictBlocks")(px, n, h.d, pw, h.L, pk, h.blocks.length, pb, m), "elmPredictBlocks"));
    }
    return this.core.withBuffers([X, h.wb, beta], (px, pw, pb) => this.core.take(this.core.fn("elmPredict")(px, n, h.d, pw, h.L, ACTIVATION_CODE[h.activation], pb, m), "elmPredict"));
  }
  /** h(x_i)ᵀ P h(x_i) per row (ridge hat-matrix diagonal for training rows). */
  leverage(h, X, n, P3) {
    if (h.blocks) {
      return this.core.withBuffers([X, h.wb, blockTable(h.blocks), P3], (px, pw, pk, pp) => this.core.take(this.core.fn("elmLeverageBlocks")(px, n, h.d, pw, h.L, pk, h.blocks.length, pp), "elmLeverageBlocks"));
    }
    return this.core.withBuffers([X, h.wb, P3], (px, pw, pp) => this.core.take(this.core.fn("elmLeverage")(px, n, h.d, pw, h.L, ACTIVATION_CODE[h.activation], pp), "elmLeverage"));
  }
  /** A predictor kept in the core (hidden layer prepared once): for per-window prediction. */
  loadPredictor(h, beta, m) {
    const handle = h.blocks ? this.core.withBuffers([h.wb, blockTable(h.blocks), beta], (pw, pk, pb) => this.core.check(this.core.fn("elmPredictorLoadBlocks")(pw, h.d, h.L, pk, h.blocks.length, pb, m), "elmPredictorLoadBlocks")) : this.core.withBuffers([h.wb, beta], (pw, pb) => this.core.check(this.core.fn("elmPredictorLoad")(pw, h.d, h.L, ACTIVATION_CODE[h.activation], pb, m), "elmPredictorLoad"));
    const core = this.core;
    const run = core.fn("elmPredictorRun");
    return {
      run: (X, n) => core.withBuffers([X], (px) => core.take(run(handle, px, n), "elmPredictorRun")),
      free: () => core.fn("elmPredictorFree")(handle)
    };
  }
  reconstructionError(X, Y, n, d, m, col0) {
    return this.core.withBuffers([X, Y], (px, py) => this.core.take(this.core.fn("elmReconstructionError")(px, py, n, d, m, col0), "elmReconstructionError"));
  }
  /** Type 7 sample quantile. */
  quantile(v, q) {
    const r = this.core.withBuffers([v], (pv) => this.core.fn("elmQuantile")(pv, v.length, q));
    if (Number.isNaN(r))
      this.core.check(0, "elmQuantile");
    return r;
  }
  /** k-NN novelty scores; loo: the queries are the reference rows, each skipping itself. */
  knnScores(ref2, nRef, Q, nQ, d, k, loo) {
    return this.core.withBuffers([ref2, Q], (pr, pq) => this.core.take(this.core.fn("elmKnnScore")(pr, nRef, pq, nQ, d, k, loo ? 1 : 0), "elmKnnScore"));
  }
  /** Class index per row (argmax, first on ties), −1 where score > threshold. */
  recognise(Y, n, m, scores, threshold) {
    const out = scores === null ? this.core.withBuffers([Y], (py) => this.core.take(this.core.fn("elmRecognise")(py, n, m, 0, 0), "elmRecognise")) : this.core.withBuffers([Y, scores], (py, ps) => this.core.take(this.core.fn("elmRecognise")(py, n, m, ps, threshold), "elmRecognise"));
    return Int32Array.from(out);
  }
};

// dist/elm/case.js
var HPELM_DEFAULT_NORM = 50 * Number.EPSILON;
var isObj2 = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var Faults = class {
  list = [];
  add(path, message) {
    this.list.push({ path, message });
  }
};
function matrix(v, path, f, rows4, cols, dims) {
  if (!Array.isArray(v) || v.length === 0) {
    f.add(path, "must be a non-empty array of rows");
    return void 0;
  }
  if (rows4 !== void 0 && v.length !== rows4) {
    f.add(path, `must have ${rows4} rows${dims ? ` (${dims[0]})` : ""}, found ${v.length}`);
    return void 0;
  }
  const c = cols ?? (Array.isArray(v[0]) ? v[0].length : -1);
  const out = [];
  for (let i = 0; i < v.length; i++) {
    const r = v[i];
    if (!Array.isArray(r) || r.length !== c || c < 1) {
      const found = Array.isArray(r) ? `, found ${r.length}` : "";
      f.add(`${path}[${i}]`, `must be an array of ${c < 1 ? "numbers" : `${c} numbers${dims ? ` (${dims[1]})` : ""}`}${found}`);
      return void 0;
    }
    for (let j = 0; j < c; j++) {
      const x = r[j];
      if (typeof x !== "number" || !Number.isFinite(x)) {
        f.add(`${path}[${i}][${j}]`, "must be a finite number");
        return void 0;
      }
    }
    out.push(r);
  }
  return out;
}
function vector(v, path, f, n, what) {
  if (!Array.isArray(v) || v.length !== n) {
    f.add(path, `must be an array of ${n} finite numbers (${what})${Array.isArray(v) ? `, found ${v.length}` : ""}`);
    return void 0;
  }
  for (let j = 0; j < n; j++) {
    const x = v[j];
    if (typeof x !== "number" || !Number.isFinite(x)) {
      f.add(`${path}[${j}]`, "must be a finite number");
      return void 0;
    }
  }
  return v;
}
function posInt(v, path, f) {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) {
    f.add(path, "must be an integer >= 1");
    return void 0;
  }
  return v;
}
var isRbf = (func) => func.startsWith("rbf_");
function neuronBlocks(v, d, f) {
  if (!Array.isArray(v) || v.length === 0) {
    f.add("neurons", "must be a non-empty array of neuron blocks { func, number, W, B }");
    return void 0;
  }
  const merged = /* @__PURE__ */ new Map();
  let ok = true;
  v.forEach((e, i) => {
    const path = `neurons[${i}]`;
    if (!isObj2(e)) {
      f.add(path, "must be an object { func, number, W, B }");
      ok = false;
      return;
    }
    const func = e.func;
    if (typeof func !== "string" || !NEURON_FUNCTIONS.includes(func)) {
      f.add(`${path}.func`, `must be one of ${NEURON_FUNCTIONS.join(", ")} (hpelm's neuron functions)${typeof func === "string" ? `, found "${func}"` : ""}`);
      ok = false;
    }
    const number = posInt(e.number, `${path}.number`, f);
    if (number === void 0 || d === void 0) {
      ok = false;
      return;
    }
    const rbf = typeof func === "string" && isRbf(func);
    const W3 = matrix(e.W, `${path}.W`, f, d, number, ["d", `number = ${number}`]);
    const B = vector(e.B, `${path}.B`, f, number, `number = ${number}${rbf ? ", the widths" : ", the biases"}`);
    if (B !== void 0 && rbf) {
      const j = B.findIndex((x) => !(x > 0));
      if (j >= 0) {
        f.add(`${path}.B[${j}]`, `an rbf width must be > 0 (hpelm computes exp(-dist^2 / B)), found ${B[j]}`);
        ok = false;
      }
    }
    if (W3 === void 0 || B === void 0 || !ok) {
      ok = false;
      return;
    }
    const blk = merged.get(func) ?? { cols: [], B: [] };
    for (let j = 0; j < number; j++)
      blk.cols.push(W3.map((r) => r[j]));
    blk.B.push(...B);
    merged.set(func, blk);
  });
  if (!ok || d === void 0)
    return void 0;
  const blocks = [...merged].map(([func, b]) => ({ func, number: b.B.length }));
  const cols = [...merged.values()].flatMap((b) => b.cols);
  const L = cols.length;
  const wb = new Float64Array(d * L + L);
  for (let k = 0; k < d; k++)
    for (let j = 0; j < L; j++)
      wb[k * L + j] = cols[j][k];
  wb.set([...merged.values()].flatMap((b) => b.B), d * L);
  return { blocks, wb, L };
}
function regularisation(doc, f) {
  const C = doc.C, norm = doc.norm;
  if (C !== void 0 && norm !== void 0) {
    f.add("norm", "give either C (ridge I/C) or norm (hpelm's ridge norm\xB7I), not both");
    return { C: void 0, norm: void 0, ridge: 0 };
  }
  if (norm !== void 0) {
    if (!(norm === null || typeof norm === "number" && Number.isFinite(norm) && norm >= 0)) {
      f.add("norm", "must be a number >= 0 or null (hpelm's default, 50 times the float64 machine epsilon)");
      return { C: void 0, norm: void 0, ridge: 0 };
    }
    return { C: void 0, norm, ridge: norm ?? HPELM_DEFAULT_NORM };
  }
  if (!(C === null || typeof C === "number" && Number.isFinite(C) && C > 0)) {
    f.add("C", C === void 0 ? "missing: give C (a positive number, or null for no ridge) or norm (hpelm)" : "must be a positive number or null");
    return { C: void 0, norm: void 0, ridge: 0 };
  }
  return { C, norm: void 0, ridge: C === null ? 0 : 1 / C };
}
function validateCase(doc, file) {
  const f = new Faults();
  if (!isObj2(doc))
    throw new ModelError(file, [{ path: "", message: "the case must be a JSON object" }]);
  const d = posInt(doc.d, "d", f);
  const reg = regularisation(doc, f);
  let activation;
  let blocks = null;
  let wb;
  let L;
  if (doc.neurons !== void 0) {
    for (const k of ["activation", "W", "b"]) {
      if (doc[k] !== void 0)
        f.add(k, "not allowed with neurons (each neuron block gives its func, W and B)");
    }
    const nb = neuronBlocks(doc.neurons, d, f);
    if (nb !== void 0) {
      blocks = nb.blocks;
      wb = nb.wb;
      L = nb.L;
      if (doc.L !== void 0 && doc.L !== nb.L) {
        const sizes = doc.neurons.map((e) => `${e.func} ${e.number}`).join(" + ");
        f.add("L", `must equal the sum of the neuron block sizes, ${nb.L} (${sizes}), found ${JSON.stringify(doc.L)}`);
      }
    }
  } else {
    const a = doc.activation;
    if (typeof a !== "string" || !ACTIVATIONS.includes(a)) {
      f.add("activation", `must be one of ${ACTIVATIONS.join(", ")}, or give neuron blocks in "neurons"`);
    } else
      activation = a;
    L = posInt(doc.L, "L", f);
    const W3 = L !== void 0 && d !== void 0 ? matrix(doc.W, "W", f, d, L, ["d", "L"]) : void 0;
    let b;
    if (L !== void 0) {
      const bv = doc.b;
      if (!Array.isArray(bv) || bv.length !== L || !bv.every((x) => typeof x === "number" && Number.isFinite(x)))
        f.add("b", `must be an array of ${L} finite numbers`);
      else
        b = bv;
    }
    if (W3 !== void 0 && b !== void 0)
      wb = Float64Array.from([...W3.flat(), ...b]);
  }
  const X = d !== void 0 ? matrix(doc.X_train, "X_train", f, void 0, d) : void 0;
  const T3 = X !== void 0 ? matrix(doc.T_train, "T_train", f, X.length) : void 0;
  const Xt = d !== void 0 ? matrix(doc.X_test, "X_test", f, void 0, d) : void 0;
  let chunks = null;
  if (doc.chunks !== void 0) {
    const c = doc.chunks;
    if (!Array.isArray(c) || c.length === 0 || !c.every((x) => typeof x === "number" && Number.isInteger(x) && x >= 1)) {
      f.add("chunks", "must be a non-empty array of integers >= 1");
    } else {
      chunks = c;
      const total = chunks.reduce((a, x) => a + x, 0);
      if (X !== void 0 && total !== X.length)
        f.add("chunks", `sizes add up to ${total}, X_train has ${X.length} rows`);
    }
  }
  const expected = {};
  if (doc.expected !== void 0) {
    const e = doc.expected;
    if (!isObj2(e))
      f.add("expected", "must be an object");
    else {
      const m = T3?.[0]?.length;
      const beta = e.beta ?? e.beta_final;
      if (beta !== void 0)
        expected.beta = matrix(beta, e.beta !== void 0 ? "expected.beta" : "expected.beta_final", f, L, m);
      const yt = e.Y_test ?? e.Y_test_final;
      if (yt !== void 0)
        expected.Y_test = matrix(yt, e.Y_test !== void 0 ? "expected.Y_test" : "expected.Y_test_final", f, Xt?.length, m);
      if (e.H_train_first5rows !== void 0) {
        const H2 = matrix(e.H_train_first5rows, "expected.H_train_first5rows", f, void 0, L);
        if (H2 !== void 0 && X !== void 0 && H2.length > X.length)
          f.add("expected.H_train_first5rows", `has ${H2.length} rows, X_train only ${X.length}`);
        else
          expected.H_train_first5rows = H2;
      }
      if (e.per_chunk !== void 0) {
        if (!Array.isArray(e.per_chunk))
          f.add("expected.per_chunk", "must be an array");
        else if (chunks !== null && e.per_chunk.length !== chunks.length)
          f.add("expected.per_chunk", `must have one entry per chunk (${chunks.length})`);
        else {
          expected.per_chunk = e.per_chunk.map((p, i) => {
            const path = `expected.per_chunk[${i}]`;
            if (!isObj2(p)) {
              f.add(path, "must be an object");
              return {};
            }
            return { n_seen: typeof p.n_seen === "number" ? p.n_seen : void 0, beta: p.beta_batch_ref !== void 0 ? matrix(p.beta_batch_ref, `${path}.beta_batch_ref`, f, L, m) : void 0 };
          });
        }
      }
    }
  }
  if (f.list.length > 0 || wb === void 0 || L === void 0 || d === void 0 || X === void 0 || T3 === void 0 || Xt === void 0) {
    throw new ModelError(file, f.list.length > 0 ? f.list : [{ path: "", message: "incomplete case" }]);
  }
  return {
    name: typeof doc.name === "string" ? doc.name : file,
    activation: activation ?? null,
    blocks,
    C: reg.C,
    norm: reg.norm,
    ridge: reg.ridge,
    L,
    d,
    m: T3[0].length,
    wb,
    Xtrain: Float64Array.from(X.flat()),
    Ttrain: Float64Array.from(T3.flat()),
    nTrain: X.length,
    Xtest: Float64Array.from(Xt.flat()),
    nTest: Xt.length,
    chunks,
    expected
  };
}
function caseLayer(c) {
  return c.blocks !== null ? { d: c.d, L: c.L, activation: "linear", wb: c.wb, blocks: c.blocks } : { d: c.d, L: c.L, activation: c.activation, wb: c.wb };
}
function describeLayer(c) {
  return c.blocks !== null ? `blocks ${c.blocks.map((b) => `${b.func} ${b.number}`).join(", ")} (L = ${c.L})` : `${c.activation}, L = ${c.L}`;
}
function describeRidge(c) {
  if (c.norm !== void 0)
    return c.norm === null ? `norm = ${HPELM_DEFAULT_NORM} (hpelm's default 50 eps)` : `norm = ${c.norm}`;
  return `C = ${c.C ?? "none"}`;
}
function loadCase(file) {
  let text3;
  try {
    text3 = readFileSync15(file, "utf8");
  } catch (e) {
    throw new InputError(`${file}: cannot read: ${e.message}`);
  }
  const doc = parseJsonDocument(text3, file);
  return validateCase(doc, file);
}
function rows(a, r, c) {
  return Array.from({ length: r }, (_, i) => Array.from(a.subarray(i * c, (i + 1) * c)));
}
function fitCase(c, elm = new ElmCore()) {
  const h = caseLayer(c);
  const { d, m, L } = c;
  const fit = (X, T3, n, withP) => c.blocks === null && c.C !== void 0 ? elm.fit(h, X, T3, n, m, c.C, withP) : elm.fitRidge(h, X, T3, n, m, c.ridge, withP);
  let beta;
  let per_chunk;
  if (c.chunks === null) {
    beta = fit(c.Xtrain, c.Ttrain, c.nTrain, false).beta;
  } else {
    per_chunk = [];
    let r = 0;
    let s = void 0;
    for (const n of c.chunks) {
      const X = c.Xtrain.subarray(r * d, (r + n) * d), T3 = c.Ttrain.subarray(r * m, (r + n) * m);
      s = s === void 0 ? fit(X, T3, n, true) : elm.update(h, s, X, T3, n, m);
      r += n;
      per_chunk.push({ n_seen: r, beta: rows(s.beta, L, m) });
    }
    beta = s.beta;
  }
  const Y = elm.predict(h, c.Xtest, c.nTest, beta, m);
  const k = c.expected.H_train_first5rows?.length;
  const H2 = k !== void 0 ? { H_train_first5rows: rows(elm.hidden(h, c.Xtrain.subarray(0, k * d), k), k, L) } : {};
  return { beta: rows(beta, L, m), Y_test: rows(Y, c.nTest, m), ...per_chunk ? { per_chunk } : {}, ...H2 };
}
function relFrobenius(a, b) {
  let num3 = 0, den = 0;
  for (let i = 0; i < b.length; i++) {
    for (let j = 0; j < b[i].length; j++) {
      const x = a[i][j], y = b[i][j];
      num3 += (x - y) * (x - y);
      den += y * y;
    }
  }
  return den > 0 ? Math.sqrt(num3 / den) : Math.sqrt(num3);
}
var CASE_TOLERANCE = 1e-9;
function checkCase(c, fit, tol = CASE_TOLERANCE) {
  const items = [];
  const add = (quantity, a, b) => {
    const e = relFrobenius(a, b);
    items.push({ quantity, rel_error: e, tolerance: tol, ok: e <= tol });
  };
  if (c.expected.H_train_first5rows && fit.H_train_first5rows)
    add("H_train_first5rows", fit.H_train_first5rows, c.expected.H_train_first5rows);
  if (c.expected.beta)
    add("beta", fit.beta, c.expected.beta);
  if (c.expected.Y_test)
    add("Y_test", fit.Y_test, c.expected.Y_test);
  c.expected.per_chunk?.forEach((p, i) => {
    if (p.beta && fit.per_chunk?.[i])
      add(`per_chunk[${i}].beta (n_seen ${fit.per_chunk[i].n_seen})`, fit.per_chunk[i].beta, p.beta);
  });
  return items;
}

// dist/cli/elm-fit.js
var elmFitCommand = {
  name: "elm fit",
  summary: "fit an ELM test case (fixed hidden layer; batch or OS-ELM chunks) and check it",
  usage: `Usage: twin elm fit CASE.json [--json] [--check]

Fits the output weights of an extreme learning machine case with the case's own hidden layer:
beta = (H\u1D40H + I/C)\u207B\xB9 H\u1D40T (no I/C when C is null), or (H\u1D40H + norm\xB7I)\u207B\xB9 H\u1D40T for hpelm's "norm",
or chunk by chunk by OS-ELM when the case gives "chunks". The hidden layer is one activation with
W and b, or hpelm's neuron blocks ("neurons": lin, sigm, tanh, rbf_l1, rbf_l2, rbf_linf; see
docs/elm.md). Prints beta, the test predictions Y_test and, for chunks, beta after each chunk.

Options:
  --json      print JSON { beta, Y_test, per_chunk: [{ n_seen, beta }] } (and "check" with --check;
              "H_train_first5rows" when the case's expected values have it)
  --check     compare with the case's "expected" values (beta, Y_test, per-chunk beta, the first
              rows of H): relative Frobenius error <= ${CASE_TOLERANCE}, exit 1 beyond it
  -h, --help  show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { json: { type: "boolean" }, check: { type: "boolean" }, help: { type: "boolean", short: "h" } }, { min: 1, max: 1, names: "CASE.json" });
    if (helpRequested(values, this, io))
      return 0;
    const file = positionals[0];
    const c = loadCase(file);
    const fit = fitCase(c, new ElmCore());
    requireFinite(fit.beta.flat(), "beta");
    requireFinite(fit.Y_test.flat(), "Y_test");
    const check2 = values.check === true ? checkCase(c, fit) : void 0;
    if (values.json === true) {
      io.out(stringifyJson({ ...fit, ...check2 ? { check: check2 } : {} }) + "\n");
    } else {
      const lines = [`${c.name}: ${describeLayer(c)}, ${describeRidge(c)}, ${c.nTrain} training rows${c.chunks ? ` in chunks ${c.chunks.join(", ")}` : ""}`];
      const norm = (m) => Math.sqrt(m.flat().reduce((s, x) => s + x * x, 0)).toPrecision(10);
      for (const p of fit.per_chunk ?? [])
        lines.push(`  after ${p.n_seen} rows: ||beta||_F = ${norm(p.beta)}`);
      lines.push(`  beta ${c.L} x ${c.m}, ||beta||_F = ${norm(fit.beta)}`);
      lines.push(`  Y_test ${c.nTest} x ${c.m}: ${fit.Y_test.slice(0, 5).map((r) => r.map((x) => x.toPrecision(8)).join(" ")).join("; ")}${c.nTest > 5 ? "; ..." : ""}`);
      for (const k of check2 ?? [])
        lines.push(`  check ${k.quantity}: relative error ${k.rel_error.toExponential(2)} ${k.ok ? "<=" : ">"} ${k.tolerance} ${k.ok ? "ok" : "FAIL"}`);
      if (check2 && check2.length === 0)
        lines.push("  check: the case has no expected values");
      io.out(lines.join("\n") + "\n");
    }
    if (check2 && check2.some((k) => !k.ok)) {
      io.err(`twin elm fit: ${file}: ${check2.filter((k) => !k.ok).map((k) => k.quantity).join(", ")} beyond tolerance ${CASE_TOLERANCE}
`);
      return EXIT_FAILURE;
    }
    return 0;
  }
};

// dist/elm/csv.js
import { readFileSync as readFileSync16 } from "node:fs";
function splitLine(text3, file, line) {
  const out = [];
  let i = 0;
  for (; ; ) {
    let field = "";
    while (text3[i] === " " || text3[i] === "	")
      i++;
    if (text3[i] === '"') {
      i++;
      for (; ; ) {
        if (i >= text3.length)
          throw new InputError(`${file}:${line}: unterminated quoted field`);
        if (text3[i] === '"') {
          if (text3[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text3[i++];
      }
      while (text3[i] === " " || text3[i] === "	")
        i++;
      if (i < text3.length && text3[i] !== ",")
        throw new InputError(`${file}:${line}: text after a quoted field`);
    } else {
      const j = text3.indexOf(",", i);
      field = (j < 0 ? text3.slice(i) : text3.slice(i, j)).trim();
      i = j < 0 ? text3.length : j;
    }
    out.push(field);
    if (i >= text3.length)
      return out;
    i++;
  }
}
function readCsv(file) {
  let text3;
  try {
    text3 = readFileSync16(file, "utf8");
  } catch (e) {
    const err = e;
    throw new InputError(`${file}: cannot read: ${err.code ?? ""}${err.code ? ": " : ""}${err.message.replace(/^[A-Z]+: /, "")}`);
  }
  if (text3.charCodeAt(0) === 65279)
    text3 = text3.slice(1);
  const all = text3.split(/\r?\n/);
  let header;
  let headerLine = 1;
  const rows4 = [];
  const lines = [];
  for (let k = 0; k < all.length; k++) {
    const raw = all[k];
    if (raw.trim() === "")
      continue;
    const line = k + 1;
    const fields = splitLine(raw, file, line);
    if (header === void 0) {
      header = fields;
      headerLine = line;
      const seen = /* @__PURE__ */ new Set();
      header.forEach((h, j) => {
        if (h === "")
          throw new InputError(`${file}:${line}: column ${j + 1} has an empty name`);
        if (seen.has(h))
          throw new InputError(`${file}:${line}: duplicate column "${h}"`);
        seen.add(h);
      });
      continue;
    }
    if (fields.length !== header.length) {
      throw new InputError(`${file}:${line}: ${fields.length} fields, the header has ${header.length}`);
    }
    rows4.push(fields);
    lines.push(line);
  }
  if (header === void 0)
    throw new InputError(`${file}:1: empty file (a header row is required)`);
  if (rows4.length === 0)
    throw new InputError(`${file}:${all.length}: no data rows`);
  return { file, header, headerLine, rows: rows4, lines };
}
var NUMBER2 = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
function selectSamples(t, features, label, labelRequired) {
  const index = new Map(t.header.map((h, j) => [h, j]));
  const missing = features.filter((f) => !index.has(f));
  if (missing.length > 0) {
    throw new InputError(`${t.file}:${t.headerLine}: missing column${missing.length > 1 ? "s" : ""} ${missing.map((m) => `"${m}"`).join(", ")}`);
  }
  const labelCol = label !== null && index.has(label) ? index.get(label) : -1;
  if (labelRequired && labelCol < 0)
    throw new InputError(`${t.file}:${t.headerLine}: missing label column "${label}"`);
  const cols = features.map((f) => index.get(f));
  const n = t.rows.length, d = cols.length;
  const X = new Float64Array(n * d);
  const labels = labelCol >= 0 ? [] : null;
  for (let i = 0; i < n; i++) {
    const r = t.rows[i];
    for (let j = 0; j < d; j++) {
      const s = r[cols[j]];
      const x = NUMBER2.test(s) ? Number(s) : NaN;
      if (!Number.isFinite(x))
        throw new InputError(`${t.file}:${t.lines[i]}: column "${features[j]}": not a finite number: ${JSON.stringify(s)}`);
      X[i * d + j] = x;
    }
    if (labels !== null) {
      const s = r[labelCol];
      if (s === "")
        throw new InputError(`${t.file}:${t.lines[i]}: column "${label}": empty label`);
      labels.push(s);
    }
  }
  return { X, n, labels };
}

// dist/elm/model.js
import { createHash as createHash5 } from "node:crypto";
import { readFileSync as readFileSync17 } from "node:fs";
var MODEL_FORMAT = "twin-elm-model";
var MODEL_VERSION = 1;
var DEFAULTS = { hidden: 200, activation: "sigmoid", C: 100, seed: 1, noveltyQuantile: 0.99, noveltyK: 5 };
function weightsSha256(wb) {
  return createHash5("sha256").update(new Uint8Array(wb.buffer, wb.byteOffset, wb.byteLength)).digest("hex");
}
function rows2(a, r, c, col0 = 0, stride = c) {
  return Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_2, j) => a[i * stride + col0 + j]));
}
function flat(m) {
  const c = m[0]?.length ?? 0;
  const out = new Float64Array(m.length * c);
  m.forEach((r, i) => out.set(r, i * c));
  return out;
}
function standardization(X, n, d) {
  const mean = [], std = [];
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let i = 0; i < n; i++)
      s += X[i * d + j];
    const mu = s / n;
    let v = 0;
    for (let i = 0; i < n; i++)
      v += (X[i * d + j] - mu) ** 2;
    const sd = Math.sqrt(v / n);
    mean.push(mu);
    std.push(sd > 0 ? sd : 1);
  }
  return { mean, std };
}
function modelInput(model, X, n, d) {
  const s = model.standardize;
  if (s === null)
    return X;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++)
      out[i * d + j] = (X[i * d + j] - s.mean[j]) / s.std[j];
  return out;
}
function targets(labels, classes, Xin, d) {
  const c = classes.length;
  const m = c + (Xin !== null ? d : 0);
  const index = new Map(classes.map((k, i) => [k, i]));
  const n = labels.length;
  const T3 = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    T3[i * m + index.get(labels[i])] = 1;
    if (Xin !== null)
      for (let j = 0; j < d; j++)
        T3[i * m + c + j] = Xin[i * d + j];
  }
  return { T: T3, m };
}
function hiddenLayer(model, elm) {
  const d = model.features.length;
  return { d, L: model.hidden, activation: model.activation, wb: elm.weights(d, model.hidden, model.seed) };
}
function fitThreshold(model, h, elm) {
  const nov = model.novelty;
  const n = nov.reference.length, d = h.d, ref2 = flat(nov.reference);
  let scores;
  if (nov.method === "distance") {
    scores = elm.knnScores(ref2, n, ref2, n, d, nov.k, true);
  } else {
    const Xin = modelInput(model, ref2, n, d);
    scores = elm.reconstructionError(Xin, elm.predict(h, Xin, n, flat(nov.beta), d), n, d, d, 0);
    const lev = elm.leverage(h, Xin, n, flat(model.P));
    for (let i = 0; i < n; i++)
      scores[i] = scores[i] / (1 - lev[i]) ** 2;
  }
  return elm.quantile(scores, nov.quantile);
}
function storeState(model, s, L, c, m) {
  model.beta = rows2(s.beta, L, c, 0, m);
  if (model.novelty?.method === "autoencoder")
    model.novelty.beta = rows2(s.beta, L, m - c, c, m);
  model.P = rows2(s.P, L, L);
}
function train(features, X, labels, o, elm = new ElmCore()) {
  const n = labels.length, d = features.length;
  const classes = [...new Set(labels)].sort();
  if (o.novelty === "distance" && o.noveltyK > n - 1)
    throw new InputError(`--novelty-k ${o.noveltyK} needs more than ${o.noveltyK} training rows (have ${n})`);
  const model = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    core_sha256: elm.core.sha256,
    label: o.label,
    features: [...features],
    classes,
    hidden: o.hidden,
    activation: o.activation,
    C: o.C,
    seed: o.seed,
    weights_sha256: "",
    standardize: o.standardize ? standardization(X, n, d) : null,
    n_seen: n,
    beta: [],
    P: [],
    novelty: o.novelty === null ? null : {
      method: o.novelty,
      quantile: o.noveltyQuantile,
      threshold: 0,
      ...o.novelty === "distance" ? { k: o.noveltyK } : {},
      reference: rows2(X, n, d)
    }
  };
  const h = hiddenLayer(model, elm);
  model.weights_sha256 = weightsSha256(h.wb);
  const Xin = modelInput(model, X, n, d);
  const { T: T3, m } = targets(labels, classes, o.novelty === "autoencoder" ? Xin : null, d);
  const s = elm.fit(h, Xin, T3, n, m, o.C, true);
  storeState(model, s, h.L, classes.length, m);
  if (model.novelty)
    model.novelty.threshold = fitThreshold(model, h, elm);
  return model;
}
function update(model, X, labels, elm = new ElmCore()) {
  const n = labels.length, d = model.features.length, L = model.hidden;
  const h = hiddenLayer(model, elm);
  checkWeights(model, h);
  const out = structuredClone(model);
  const oldC = model.classes.length;
  for (const k of labels)
    if (!out.classes.includes(k))
      out.classes.push(k);
  const c = out.classes.length;
  const ae = model.novelty?.method === "autoencoder";
  const m = c + (ae ? d : 0);
  const beta = new Float64Array(L * m);
  for (let i = 0; i < L; i++) {
    for (let j = 0; j < oldC; j++)
      beta[i * m + j] = model.beta[i][j];
    if (ae)
      for (let j = 0; j < d; j++)
        beta[i * m + c + j] = model.novelty.beta[i][j];
  }
  const Xin = modelInput(model, X, n, d);
  const { T: T3 } = targets(labels, out.classes, ae ? Xin : null, d);
  const s = elm.update(h, { beta, P: flat(model.P) }, Xin, T3, n, m);
  storeState(out, s, L, c, m);
  out.n_seen = model.n_seen + n;
  out.core_sha256 = elm.core.sha256;
  if (out.novelty) {
    out.novelty.reference = [...out.novelty.reference, ...rows2(X, n, d)];
    out.novelty.threshold = fitThreshold(out, h, elm);
  }
  return out;
}
function predict(model, X, n, labels, elm = new ElmCore()) {
  const d = model.features.length, c = model.classes.length;
  const h = hiddenLayer(model, elm);
  checkWeights(model, h);
  const Xin = modelInput(model, X, n, d);
  const Y = elm.predict(h, Xin, n, flat(model.beta), c);
  let scores = null;
  if (model.novelty) {
    const Yae = model.novelty.method === "autoencoder" ? elm.predict(h, Xin, n, flat(model.novelty.beta), d) : null;
    scores = model.novelty.method === "autoencoder" ? elm.reconstructionError(Xin, Yae, n, d, d, 0) : elm.knnScores(flat(model.novelty.reference), model.novelty.reference.length, X, n, d, model.novelty.k, false);
  }
  const cls = elm.recognise(Y, n, c, scores, model.novelty?.threshold ?? 0);
  const predictions = [];
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const k = cls[i];
    const p = { class: k < 0 ? null : model.classes[k], scores: Array.from(Y.subarray(i * c, (i + 1) * c)), novel: k < 0 };
    if (scores !== null)
      p.novelty_score = scores[i];
    predictions.push(p);
    if (labels !== null && p.class === labels[i])
      correct++;
  }
  const result = { predictions, accuracy: labels !== null ? correct / n : null };
  if (model.novelty)
    result.threshold = model.novelty.threshold;
  return result;
}
function checkWeights(model, h) {
  const sha = weightsSha256(h.wb);
  if (sha !== model.weights_sha256) {
    throw new InputError(`model: the core draws different hidden weights for seed ${model.seed} (SHA-256 ${sha}, the model records ${model.weights_sha256}); use the core the model was trained with (${model.core_sha256})`);
  }
}
function encodeModel(model) {
  return stringifyJson(model) + "\n";
}
var isObj3 = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
function matrixOk(v, r, c) {
  return Array.isArray(v) && v.length === r && v.every((row) => Array.isArray(row) && row.length === c && row.every((x) => typeof x === "number" && Number.isFinite(x)));
}
var numArray = (v, n) => Array.isArray(v) && v.length === n && v.every((x) => typeof x === "number" && Number.isFinite(x));
var strArray = (v) => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "string");
function parseModel(text3, file) {
  const doc = parseJsonDocument(text3, file);
  const faults = [];
  const bad = (path, message) => void faults.push({ path, message });
  if (!isObj3(doc))
    throw new ModelError(file, [{ path: "", message: "the model must be a JSON object" }]);
  if (doc.format !== MODEL_FORMAT)
    bad("format", `must be "${MODEL_FORMAT}"`);
  if (doc.version !== MODEL_VERSION)
    bad("version", `must be ${MODEL_VERSION}`);
  if (typeof doc.core_sha256 !== "string")
    bad("core_sha256", "must be a string");
  if (typeof doc.weights_sha256 !== "string")
    bad("weights_sha256", "must be a string");
  if (typeof doc.label !== "string")
    bad("label", "must be a string");
  if (!strArray(doc.features))
    bad("features", "must be a non-empty array of column names");
  if (!strArray(doc.classes))
    bad("classes", "must be a non-empty array of class names");
  const L = doc.hidden;
  if (typeof L !== "number" || !Number.isInteger(L) || L < 1)
    bad("hidden", "must be an integer >= 1");
  if (typeof doc.activation !== "string" || !ACTIVATIONS.includes(doc.activation))
    bad("activation", `must be one of ${ACTIVATIONS.join(", ")}`);
  if (!(doc.C === null || typeof doc.C === "number" && Number.isFinite(doc.C) && doc.C > 0))
    bad("C", "must be a positive number or null");
  if (typeof doc.seed !== "number" || !Number.isInteger(doc.seed) || doc.seed < 0 || doc.seed > 2 ** 53)
    bad("seed", "must be an integer in [0, 2^53]");
  if (typeof doc.n_seen !== "number" || !Number.isInteger(doc.n_seen) || doc.n_seen < 1)
    bad("n_seen", "must be an integer >= 1");
  if (faults.length === 0) {
    const d = doc.features.length, c = doc.classes.length, h = L;
    if (new Set(doc.features).size !== d)
      bad("features", "has duplicate names");
    if (new Set(doc.classes).size !== c)
      bad("classes", "has duplicate names");
    if (doc.standardize !== null) {
      const s = doc.standardize;
      if (!isObj3(s) || !numArray(s.mean, d) || !numArray(s.std, d) || !s.std.every((x) => x > 0))
        bad("standardize", `must be null or { mean, std } with ${d} values each (std > 0)`);
    }
    if (!matrixOk(doc.beta, h, c))
      bad("beta", `must be a ${h} \xD7 ${c} matrix of finite numbers`);
    if (!matrixOk(doc.P, h, h))
      bad("P", `must be a ${h} \xD7 ${h} matrix of finite numbers`);
    if (doc.novelty !== null) {
      const nv = doc.novelty;
      if (!isObj3(nv))
        bad("novelty", "must be null or an object");
      else {
        if (nv.method !== "autoencoder" && nv.method !== "distance")
          bad("novelty.method", 'must be "autoencoder" or "distance"');
        if (typeof nv.quantile !== "number" || !(nv.quantile >= 0 && nv.quantile <= 1))
          bad("novelty.quantile", "must be in [0, 1]");
        if (typeof nv.threshold !== "number" || !Number.isFinite(nv.threshold))
          bad("novelty.threshold", "must be a finite number");
        const ref2 = nv.reference;
        if (!Array.isArray(ref2) || ref2.length < 1 || !matrixOk(ref2, ref2.length, d))
          bad("novelty.reference", `must be an array of rows of ${d} finite numbers`);
        if (nv.method === "distance" && (typeof nv.k !== "number" || !Number.isInteger(nv.k) || nv.k < 1 || Array.isArray(ref2) && nv.k >= ref2.length))
          bad("novelty.k", "must be an integer >= 1, less than the reference rows");
        if (nv.method === "autoencoder" && !matrixOk(nv.beta, h, d))
          bad("novelty.beta", `must be a ${h} \xD7 ${d} matrix of finite numbers`);
      }
    }
  }
  const allowed = ["format", "version", "core_sha256", "label", "features", "classes", "hidden", "activation", "C", "seed", "weights_sha256", "standardize", "n_seen", "beta", "P", "novelty"];
  for (const k of Object.keys(doc))
    if (!allowed.includes(k))
      bad(k, "unknown key");
  for (const k of allowed)
    if (!(k in doc))
      bad(k, "missing");
  if (faults.length > 0)
    throw new ModelError(file, faults);
  return doc;
}
function loadModel(file) {
  let text3;
  try {
    text3 = readFileSync17(file, "utf8");
  } catch (e) {
    throw new InputError(`${file}: cannot read: ${e.message}`);
  }
  return parseModel(text3, file);
}

// dist/cli/elm-predict.js
var elmPredictCommand = {
  name: "elm predict",
  summary: "classify rows of a feature table with an ELM model (novelty first, then class)",
  usage: `Usage: twin elm predict MODEL.json DATA.csv [--json]

Two-step recognition per row: if the model has a novelty detector and the row's novelty score is
above the threshold, the row is novel and gets no class; otherwise its class is the largest output.
Feature columns are matched by name (missing ones are an error); the label column, when present, is
not a feature and gives the accuracy (fraction of rows whose predicted class equals the label).

Options:
  --json      print JSON { predictions: [{ class, scores, novel, novelty_score }], accuracy, threshold }
  -h, --help  show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, { min: 2, max: 2, names: "MODEL.json and DATA.csv" });
    if (helpRequested(values, this, io))
      return 0;
    const model = loadModel(positionals[0]);
    const table4 = readCsv(positionals[1]);
    const s = selectSamples(table4, model.features, model.label, false);
    const r = predict(model, s.X, s.n, s.labels, new ElmCore());
    for (const p of r.predictions)
      requireFinite(p.scores, "scores");
    if (values.json === true) {
      io.out(stringifyJson(r) + "\n");
      return 0;
    }
    const w = Math.max(5, ...model.classes.map((c) => c.length));
    const lines = [`row  ${"class".padEnd(w)}  score${r.threshold !== void 0 ? "  novelty (threshold " + r.threshold.toPrecision(4) + ")" : ""}`];
    r.predictions.forEach((p, i) => {
      const top = p.class === null ? Math.max(...p.scores) : p.scores[model.classes.indexOf(p.class)];
      const cls = p.class ?? "(novel)";
      lines.push(`${String(i + 1).padStart(3)}  ${cls.padEnd(w)}  ${top.toFixed(4)}${p.novelty_score !== void 0 ? "  " + p.novelty_score.toPrecision(4) : ""}`);
    });
    if (r.accuracy !== null)
      lines.push(`accuracy ${r.accuracy.toFixed(4)} (${s.n} rows)`);
    io.out(lines.join("\n") + "\n");
    return 0;
  }
};

// dist/cli/elm-train.js
function parseC(text3) {
  if (text3 === void 0)
    return DEFAULTS.C;
  if (text3.trim() === "none")
    return null;
  return parseNumber(text3, "--C", "positive");
}
function parseActivation(text3) {
  const a = text3 ?? DEFAULTS.activation;
  if (!ACTIVATIONS.includes(a))
    throw new UsageError(`--activation: must be one of ${ACTIVATIONS.join(", ")}, got ${JSON.stringify(a)}`);
  return a;
}
var elmTrainCommand = {
  name: "elm train",
  summary: "train an ELM classifier (optionally with a novelty detector) on a labelled feature table",
  usage: `Usage: twin elm train DATA.csv --label COLUMN [--hidden 200] [--activation sigmoid] [--C 100]
         [--seed 1] [--standardize] [--novelty autoencoder|distance] [--novelty-quantile 0.99]
         [--novelty-k 5] [--ignore COL,...] -o MODEL.json

Extreme learning machine: a random hidden layer drawn from the seed inside the core, output weights
by regularised least squares on one-hot class targets. Every column except the label (and --ignore)
is a feature and must hold numbers.

Options:
  --label COLUMN        class label column (required)
  --hidden L            hidden neurons (default ${DEFAULTS.hidden})
  --activation A        ${ACTIVATIONS.join(", ")} (default ${DEFAULTS.activation})
  --C C                 ridge parameter: beta = (H\u1D40H + I/C)\u207B\xB9H\u1D40T; "none" for plain least squares
                        (default ${DEFAULTS.C})
  --seed S              seed of the hidden layer, integer in [0, 2^53] (default ${DEFAULTS.seed})
  --standardize         scale features to zero mean, unit (population) standard deviation
  --novelty METHOD      add a novelty detector: "autoencoder" (ELM reconstruction error) or
                        "distance" (mean distance to the k nearest training rows, standardised)
  --novelty-quantile Q  threshold = type 7 quantile Q of the training scores (default ${DEFAULTS.noveltyQuantile})
  --novelty-k K         neighbours of the distance method (default ${DEFAULTS.noveltyK})
  --ignore COLS         comma-separated columns that are neither features nor the label
  -o, --output FILE     model JSON to write (required)
  -h, --help            show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, {
      label: { type: "string" },
      hidden: { type: "string" },
      activation: { type: "string" },
      C: { type: "string" },
      seed: { type: "string" },
      standardize: { type: "boolean" },
      novelty: { type: "string" },
      "novelty-quantile": { type: "string" },
      "novelty-k": { type: "string" },
      ignore: { type: "string", multiple: true },
      output: { type: "string", short: "o" },
      help: { type: "boolean", short: "h" }
    }, { min: 1, max: 1, names: "DATA.csv" });
    if (helpRequested(values, this, io))
      return 0;
    const label = required(values.label, "--label");
    const output = required(values.output, "-o");
    const hidden = parseNumber(str(values.hidden) ?? String(DEFAULTS.hidden), "--hidden", "posinteger");
    const seed = parseNumber(str(values.seed) ?? String(DEFAULTS.seed), "--seed", "integer");
    if (seed > 2 ** 53)
      throw new UsageError(`--seed: must be <= 2^53: ${seed}`);
    const nov = str(values.novelty);
    if (nov !== void 0 && nov !== "autoencoder" && nov !== "distance")
      throw new UsageError(`--novelty: must be autoencoder or distance, got ${JSON.stringify(nov)}`);
    const q = parseNumber(str(values["novelty-quantile"]) ?? String(DEFAULTS.noveltyQuantile), "--novelty-quantile", "nonnegative");
    if (q > 1)
      throw new UsageError(`--novelty-quantile: must be in [0, 1]: ${q}`);
    const k = parseNumber(str(values["novelty-k"]) ?? String(DEFAULTS.noveltyK), "--novelty-k", "posinteger");
    const ignore = new Set(many(values.ignore).flatMap((s2) => s2.split(",").map((x) => x.trim())).filter((x) => x !== ""));
    const file = positionals[0];
    const table4 = readCsv(file);
    const features = table4.header.filter((h) => h !== label && !ignore.has(h));
    if (features.length === 0)
      throw new UsageError(`${file}: no feature columns besides the label "${label}"`);
    const s = selectSamples(table4, features, label, true);
    const model = train(features, s.X, s.labels, {
      label,
      hidden,
      activation: parseActivation(str(values.activation)),
      C: parseC(str(values.C)),
      seed,
      standardize: values.standardize === true,
      novelty: nov ?? null,
      noveltyQuantile: q,
      noveltyK: k
    }, new ElmCore());
    writeOutput(output, [encodeModel(model)]);
    io.err(`twin elm train: ${s.n} rows, ${features.length} features, ${model.classes.length} classes (${model.classes.join(", ")}) -> ${output}
`);
    return 0;
  }
};

// dist/cli/elm-update.js
var elmUpdateCommand = {
  name: "elm update",
  summary: "online sequential (OS-ELM) update of an ELM model with more labelled rows",
  usage: `Usage: twin elm update MODEL.json MORE.csv -o MODEL2.json

Adds the labelled rows of MORE.csv to the model without retraining: the output weights and
P = (H\u1D40H + I/C)\u207B\xB9 are updated by the OS-ELM recursion, giving the model that training on all rows
would give (to rounding). Feature columns are matched by name; the standardisation stays that of the
first training. A class not in the model gets a new output. A novelty threshold is refitted on all
rows seen.

Options:
  -o, --output FILE   updated model JSON to write (required)
  -h, --help          show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { output: { type: "string", short: "o" }, help: { type: "boolean", short: "h" } }, { min: 2, max: 2, names: "MODEL.json and MORE.csv" });
    if (helpRequested(values, this, io))
      return 0;
    const output = required(values.output, "-o");
    const model = loadModel(positionals[0]);
    const table4 = readCsv(positionals[1]);
    const s = selectSamples(table4, model.features, model.label, true);
    const out = update(model, s.X, s.labels, new ElmCore());
    writeOutput(output, [encodeModel(out)]);
    io.err(`twin elm update: ${s.n} rows added, ${out.n_seen} seen, ${out.classes.length} classes -> ${output}
`);
    return 0;
  }
};

// dist/cli/features.js
import { readFileSync as readFileSync18 } from "node:fs";

// dist/signal/csv.js
var NUMBER3 = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
function splitCsvLine(line, where) {
  if (!line.includes('"'))
    return line.split(",");
  const out = [];
  let i = 0;
  for (; ; ) {
    if (line[i] === '"') {
      let v = "";
      i++;
      for (; ; ) {
        if (i >= line.length)
          throw new InputError(`${where}: unterminated quoted field`);
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            v += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += line[i];
        i++;
      }
      if (i < line.length && line[i] !== ",")
        throw new InputError(`${where}: text after a closing quote`);
      out.push(v);
    } else {
      const j = line.indexOf(",", i);
      const end = j < 0 ? line.length : j;
      const v = line.slice(i, end);
      if (v.includes('"'))
        throw new InputError(`${where}: quote inside an unquoted field`);
      out.push(v);
      i = end;
    }
    if (i >= line.length)
      return out;
    i++;
    if (i === line.length) {
      out.push("");
      return out;
    }
  }
}
function parseSignalCsv(text3, file) {
  if (text3.charCodeAt(0) === 65279)
    text3 = text3.slice(1);
  const lines = text3.split("\n");
  let li = 0;
  while (li < lines.length && lines[li].trim() === "")
    li++;
  if (li >= lines.length)
    throw new InputError(`${file}:1: empty file: expected a header line of channel names`);
  const headerLine = li + 1;
  const header = splitCsvLine(lines[li].replace(/\r$/, ""), `${file}:${headerLine}`).map((h) => h.trim());
  const seen = /* @__PURE__ */ new Set();
  header.forEach((h, i) => {
    if (h === "")
      throw new InputError(`${file}:${headerLine}: column ${i + 1} has an empty name`);
    if (seen.has(h))
      throw new InputError(`${file}:${headerLine}: duplicate column name ${JSON.stringify(h)}`);
    seen.add(h);
  });
  const tCol = header.indexOf("t");
  const chanCols = header.map((_, i) => i).filter((i) => i !== tCol);
  if (chanCols.length === 0)
    throw new InputError(`${file}:${headerLine}: no channel columns (only ${JSON.stringify("t")})`);
  const nCh = chanCols.length;
  const channelOf = header.map((_, i) => chanCols.indexOf(i));
  let cap = Math.max(16, lines.length - li - 1);
  let data = new Float64Array(cap * nCh);
  let t = tCol >= 0 ? new Float64Array(cap) : void 0;
  let lineNo = new Int32Array(cap);
  let rows4 = 0;
  for (let k = li + 1; k < lines.length; k++) {
    const raw = lines[k].replace(/\r$/, "");
    if (raw.trim() === "")
      continue;
    const where = `${file}:${k + 1}`;
    const fields = splitCsvLine(raw, where);
    if (fields.length !== header.length) {
      throw new InputError(`${where}: ${fields.length} fields, the header has ${header.length}`);
    }
    if (rows4 === cap) {
      cap *= 2;
      const d2 = new Float64Array(cap * nCh);
      d2.set(data);
      data = d2;
      const l2 = new Int32Array(cap);
      l2.set(lineNo);
      lineNo = l2;
      if (t) {
        const t2 = new Float64Array(cap);
        t2.set(t);
        t = t2;
      }
    }
    const base = rows4 * nCh;
    for (let c = 0; c < header.length; c++) {
      const f = fields[c];
      const x = NUMBER3.test(f) ? Number(f) : NaN;
      if (!Number.isFinite(x)) {
        throw new InputError(`${where}: column ${JSON.stringify(header[c])}: not a finite number: ${JSON.stringify(f)}`);
      }
      const ch = channelOf[c];
      if (ch < 0)
        t[rows4] = x;
      else
        data[base + ch] = x;
    }
    lineNo[rows4] = k + 1;
    rows4++;
  }
  if (rows4 === 0)
    throw new InputError(`${file}:${headerLine + 1}: no data rows after the header`);
  const table4 = {
    channels: chanCols.map((i) => header[i]),
    data: data.slice(0, rows4 * nCh),
    rows: rows4,
    lines: lineNo.slice(0, rows4)
  };
  if (t)
    table4.t = t.slice(0, rows4);
  return table4;
}
function csvField(s) {
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}
function csvNumber(x) {
  return String(x);
}
function* csvChunks(header, rows4, row) {
  yield header.map(csvField).join(",") + "\n";
  let buf = "";
  for (let r = 0; r < rows4; r++) {
    buf += row(r).map(csvNumber).join(",") + "\n";
    if (buf.length > 1 << 16) {
      yield buf;
      buf = "";
    }
  }
  if (buf !== "")
    yield buf;
}

// dist/signal/core.js
var WINDOW_KINDS = ["rectangular", "hann", "hamming", "blackman", "flattop"];
var TIME_FEATURES = [
  "mean",
  "std",
  "rms",
  "peak",
  "peak_to_peak",
  "crest",
  "kurtosis",
  "skewness",
  "shape",
  "impulse"
];
function windowCode(kind) {
  return WINDOW_KINDS.indexOf(kind);
}
function featureNames(bands, orders) {
  const names = [...TIME_FEATURES];
  for (let b = 1; b <= bands; b++)
    names.push(`band${b}`);
  for (let k = 1; k <= orders; k++)
    names.push(`${k}x`);
  return names;
}
var SignalCore = class {
  core;
  constructor(core = Core.default()) {
    this.core = core;
  }
  /** Complex DFT (or inverse, scaled 1/n) of re + i im. */
  fft(re, im, inverse = false) {
    const n = re.length;
    if (im.length !== n)
      throw new Error("fft: re and im differ in length");
    const buf = new Float64Array(2 * n);
    buf.set(re, 0);
    buf.set(im, n);
    const c = this.core;
    const v = c.withBuffers([buf], (p) => c.take(c.fn("signalFft")(p, n, inverse ? 1 : 0), "signalFft"));
    return { re: v.slice(0, n), im: v.slice(n) };
  }
  /** One-sided DFT X_0 … X_{floor(n/2)} of a real sequence. */
  rfft(x) {
    const c = this.core;
    const v = c.withBuffers([x], (p) => c.take(c.fn("signalRfft")(p, x.length), "signalRfft"));
    const m = v.length / 2;
    return { re: v.slice(0, m), im: v.slice(m) };
  }
  window(kind, n) {
    const v = this.core.take(this.core.fn("signalWindow")(windowCode(kind), n), "signalWindow");
    return { coherentGain: v[0], energyGain: v[1], w: v.slice(2) };
  }
  /** One-sided peak-amplitude ("amplitude") or mean-square-per-bin ("power") spectrum. */
  spectrum(x, kind, mode) {
    const c = this.core;
    return c.withBuffers([x], (p) => c.take(c.fn("signalSpectrum")(p, x.length, windowCode(kind), mode === "amplitude" ? 0 : 1), "signalSpectrum"));
  }
  /** Least-squares amplitudes and phases of orders 1 … K at speedHz: x ≈ dc + Σ A cos(2πk f0 t + φ). */
  orders(x, fs, speedHz, orders) {
    const c = this.core;
    const v = c.withBuffers([x], (p) => c.take(c.fn("signalOrders")(p, x.length, fs, speedHz, orders), "signalOrders"));
    const amplitude = [], phase = [];
    for (let k = 1; k <= orders; k++) {
      amplitude.push(v[2 * k - 1]);
      phase.push(v[2 * k]);
    }
    return { dc: v[0], amplitude, phase };
  }
  /** Features of a sample-major signal (data[j·channels + c]). Throws CoreError on failure. */
  features(data, channels, opts) {
    const hop = opts.hop ?? opts.window;
    const bands = opts.bands ?? 8;
    const speed = opts.speedHz ?? 0;
    const orders = opts.orders ?? (speed > 0 ? 3 : 0);
    const kind = opts.windowFn ?? "hann";
    const samples = data.length / channels;
    if (!Number.isInteger(samples))
      throw new Error("features: data length is not a multiple of the channel count");
    const c = this.core;
    const v = c.withBuffers([data], (p) => c.take(c.fn("signalFeatures")(p, samples, channels, opts.fs, opts.window, hop, windowCode(kind), bands, speed, orders), "signalFeatures"));
    const windows = v[0], nf = v[1];
    const names = featureNames(bands, orders);
    if (nf !== names.length)
      throw new Error(`signalFeatures: ${nf} features per channel, expected ${names.length}`);
    const starts = [];
    for (let w = 0; w < windows; w++)
      starts.push(w * hop);
    return { windows, channels, names, values: v.slice(2), starts };
  }
};

// dist/signal/features.js
function featureTable(table4, opts, file, sig = new SignalCore()) {
  const nCh = table4.channels.length;
  if (table4.rows < opts.window) {
    throw new InputError(`${file}: ${table4.rows} data rows, fewer than the window of ${opts.window} samples`);
  }
  let result;
  try {
    result = sig.features(table4.data, nCh, opts);
  } catch (e) {
    if (e instanceof CoreError && e.code === 2 && e.operation === "signalFeatures") {
      const start = Math.floor(e.detail / nCh), ch = e.detail - start * nCh;
      const first = table4.lines[start], last = table4.lines[start + opts.window - 1];
      throw new InputError(`${file}:${first}: channel ${JSON.stringify(table4.channels[ch])} is constant over the window of lines ${first}-${last}: its skewness and kurtosis are undefined`);
    }
    throw e;
  }
  const nf = result.names.length;
  const header = ["t_start"];
  for (const ch of table4.channels)
    for (const name of result.names)
      header.push(`${ch}_${name}`);
  const width = nCh * nf;
  const t = table4.t;
  return {
    header,
    rows: result.windows,
    result,
    row(r) {
      const start = result.starts[r];
      const out = [t ? t[start] : start / opts.fs];
      const v = result.values.subarray(r * width, (r + 1) * width);
      for (let i = 0; i < width; i++)
        out.push(v[i]);
      return out;
    }
  };
}

// dist/cli/features.js
var DEFAULT_BANDS = 8;
var DEFAULT_ORDERS = 3;
var MAX_ORDERS = 64;
var featuresCommand = {
  name: "features",
  summary: "vibration features per window and channel of a signal CSV",
  usage: `Usage: twin features SIGNAL.csv --fs HZ --window N [--hop N] [--speed-rpm R] [--orders K]
                     [--bands 8] [--window-fn hann] [-o FEATURES.csv]

SIGNAL.csv: a header of channel names, one column per channel, one row per sample (a column
named "t" is not a channel). Windows of N samples start every --hop samples. Output: one row per
window; column t_start (the t value of the window's first row, or its index / fs without a t
column), then <channel>_<feature> for mean, std, rms, peak, peak_to_peak, crest, kurtosis,
skewness, shape, impulse, band1..bandB (mean-square power in B equal bands from 0 to fs/2) and,
with --speed-rpm, the amplitudes 1x..Kx of the shaft orders (least-squares fit).

Options:
  --fs HZ            sampling frequency, Hz (required)
  --window N         samples per window, >= 2 (required)
  --hop N            samples between window starts (default N: no overlap)
  --speed-rpm R      shaft speed, rev/min: adds the order amplitudes 1x..Kx
  --orders K         number of orders with --speed-rpm (default ${DEFAULT_ORDERS})
  --bands B          number of bands, 1..N/2 (default ${DEFAULT_BANDS}, or N/2 if smaller)
  --window-fn NAME   ${WINDOW_KINDS.join(", ")} (default hann)
  -o, --out FILE     write the CSV to FILE (default: standard output)
  -h, --help         show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, {
      fs: { type: "string" },
      window: { type: "string" },
      hop: { type: "string" },
      "speed-rpm": { type: "string" },
      orders: { type: "string" },
      bands: { type: "string" },
      "window-fn": { type: "string" },
      out: { type: "string", short: "o" },
      help: { type: "boolean", short: "h" }
    }, { min: 1, max: 1, names: "SIGNAL.csv" });
    if (helpRequested(values, this, io))
      return 0;
    const fs = parseNumber(required(values.fs, "--fs"), "--fs", "positive");
    const window = parseNumber(required(values.window, "--window"), "--window", "posinteger");
    if (window < 2)
      throw new UsageError(`--window: must be at least 2: ${window}`);
    const hop = parseNumber(str(values.hop) ?? String(window), "--hop", "posinteger");
    const bands = parseNumber(str(values.bands) ?? String(Math.min(DEFAULT_BANDS, Math.floor(window / 2))), "--bands", "posinteger");
    if (bands > Math.floor(window / 2))
      throw new UsageError(`--bands: at most window/2 = ${Math.floor(window / 2)} bands (each band needs a frequency bin): ${bands}`);
    const windowFn = str(values["window-fn"]) ?? "hann";
    if (!WINDOW_KINDS.includes(windowFn)) {
      throw new UsageError(`--window-fn: unknown window ${JSON.stringify(windowFn)} (one of ${WINDOW_KINDS.join(", ")})`);
    }
    const rpm2 = str(values["speed-rpm"]);
    const speedHz = rpm2 === void 0 ? 0 : parseNumber(rpm2, "--speed-rpm", "positive") / 60;
    const ordersText = str(values.orders);
    if (ordersText !== void 0 && rpm2 === void 0)
      throw new UsageError("--orders needs --speed-rpm");
    const orders = rpm2 === void 0 ? 0 : parseNumber(ordersText ?? String(DEFAULT_ORDERS), "--orders", "posinteger");
    if (orders > MAX_ORDERS)
      throw new UsageError(`--orders: at most ${MAX_ORDERS}: ${orders}`);
    if (orders > 0 && !(orders * speedHz < fs / 2)) {
      throw new UsageError(`--speed-rpm: order ${orders}x at ${orders * speedHz} Hz is not below the Nyquist frequency fs/2 = ${fs / 2} Hz`);
    }
    const file = positionals[0];
    let text3;
    try {
      text3 = readFileSync18(file, "utf8");
    } catch (e) {
      throw new InputError(`${file}: cannot read: ${e.message}`);
    }
    const table4 = parseSignalCsv(text3, file);
    let ft;
    try {
      ft = featureTable(table4, { fs, window, hop, bands, windowFn, speedHz, orders }, file, new SignalCore());
    } catch (e) {
      if (e instanceof CoreError && e.code === 1 && e.detail === 8) {
        throw new UsageError(`--speed-rpm ${rpm2}: a window of ${window} samples spans too few revolutions (or an order sits at a multiple of fs/2) for the order fit`);
      }
      throw e;
    }
    requireFinite(ft.result.values, "features");
    const out = str(values.out);
    const chunks = csvChunks(ft.header, ft.rows, (r) => ft.row(r));
    if (out !== void 0)
      writeOutput(out, chunks);
    else
      for (const chunk of chunks)
        io.out(chunk);
    return 0;
  }
};

// dist/cli/modelica-from-rdf.js
import { readFileSync as readFileSync20 } from "node:fs";

// dist/cli/modelica-common.js
import { readFileSync as readFileSync19, statSync as statSync8 } from "node:fs";
function loadSources(path) {
  try {
    statSync8(path);
  } catch (e) {
    throw new InputError(`${path}: cannot read: ${e.code ?? e.message}`);
  }
  const sources = readSources(path);
  if (!sources.some((s) => s.path.endsWith(".mo")))
    throw new InputError(`${path}: no .mo files`);
  return sources;
}
function withSyntaxErrors(io, body) {
  try {
    return body();
  } catch (e) {
    if (e instanceof ModelicaSyntaxError) {
      io.err(`${e.message}
`);
      return 1;
    }
    if (e instanceof GraphError2)
      throw new InputError(e.message);
    throw e;
  }
}

// dist/cli/modelica-from-rdf.js
var modelicaFromRdfCommand = {
  name: "modelica from-rdf",
  summary: "write Modelica sources back from a graph alone",
  usage: `Usage: twin modelica from-rdf IN.ttl -o DIR [--layout original|canonical]

Rebuilds every file described in the graph (Turtle, or N-Triples for .nt) under DIR, package
structure as directories. --layout original (default) reproduces the archived bytes;
canonical pretty-prints.

Options:
  -o, --output DIR  output directory (required)
  --layout L        original (default) or canonical
  -h, --help        show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { output: { type: "string", short: "o" }, layout: { type: "string" }, help: { type: "boolean", short: "h" } }, { min: 1, max: 1, names: "IN.ttl" });
    if (helpRequested(values, this, io))
      return 0;
    const dir = required(values.output, "-o DIR");
    const layout = str(values.layout) ?? "original";
    if (layout !== "original" && layout !== "canonical")
      throw new UsageError(`--layout: expected original or canonical, got ${JSON.stringify(layout)}`);
    const file = positionals[0];
    let text3;
    try {
      text3 = readFileSync20(file, "utf8");
    } catch (e) {
      throw new InputError(`${file}: cannot read: ${e.code ?? e.message}`);
    }
    return withSyntaxErrors(io, () => {
      let rebuilt;
      try {
        rebuilt = modelicaFromTurtle(text3, file);
      } catch (e) {
        if (e instanceof RdfSyntaxError)
          throw new InputError(e.message);
        throw e;
      }
      const files = regenerate(rebuilt, layout);
      if (files.length === 0)
        throw new UsageError(`${positionals[0]}: the graph describes no Modelica files`);
      try {
        writeSources(dir, files);
      } catch (e) {
        throw new OutputError(`${dir}: cannot write: ${e.message}`);
      }
      const degraded = files.filter((f) => f.degraded).map((f) => f.path);
      if (degraded.length)
        io.err(`twin modelica from-rdf: layout did not fit (graph edited?), pretty-printed parts of: ${degraded.join(", ")}
`);
      return 0;
    });
  }
};

// dist/cli/modelica-parse.js
var modelicaParseCommand = {
  name: "modelica parse",
  summary: "parse Modelica files or package directories; summary or AST as JSON",
  usage: `Usage: twin modelica parse PATH [--json]

Parses a .mo file or a package directory (package.mo, package.order) with the complete Modelica 3.6
grammar. Prints the counts of classes, components, equations, connects, statements and annotations,
or with --json the AST of every file. Syntax errors: file:line:col: expected X, found Y (exit 1).

Options:
  --json      print { files: [{ path, ast }], counts }
  -h, --help  show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, { min: 1, max: 1, names: "PATH" });
    if (helpRequested(values, this, io))
      return 0;
    const sources = loadSources(positionals[0]);
    return withSyntaxErrors(io, () => {
      const parsed = parseSources(sources);
      if (values.json === true) {
        const files = parsed.files.map((f) => ({ path: f.path, ast: f.sd }));
        io.out(JSON.stringify({ files, counts: parsed.counts }, (k, v) => k === "layout" ? void 0 : v) + "\n");
      } else {
        const c = parsed.counts;
        io.out(`${parsed.files.length} files: ${c.classes} classes, ${c.components} components, ${c.equations} equations, ${c.connects} connects, ${c.statements} statements, ${c.annotations} annotations
`);
      }
      void stringifyJson;
      return 0;
    });
  }
};

// dist/cli/modelica-query.js
import { readFileSync as readFileSync21 } from "node:fs";
var modelicaQueryCommand = {
  name: "modelica query",
  summary: "run a SPARQL query over a Modelica graph",
  usage: `Usage: twin modelica query IN.ttl 'SPARQL' [--json]

Runs a SPARQL 1.1 SELECT or ASK query (Oxigraph) over the graph. Prints a tab-separated table with
a header line (ASK: true/false), or JSON rows with --json.

Options:
  --json      print JSON
  -h, --help  show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, { min: 2, max: 2, names: "IN.ttl and SPARQL" });
    if (helpRequested(values, this, io))
      return 0;
    const [file, query] = positionals;
    let text3;
    try {
      text3 = readFileSync21(file, "utf8");
    } catch (e) {
      throw new InputError(`${file}: cannot read: ${e.code ?? e.message}`);
    }
    let store;
    try {
      store = SparqlStore.fromTurtle(text3, file);
    } catch (e) {
      throw new InputError(e.message);
    }
    try {
      if (/^\s*(prefix\s+\S+\s*<[^>]*>\s*)*ask\b/i.test(query)) {
        const r = store.ask(query);
        io.out(values.json === true ? JSON.stringify(r) + "\n" : `${r}
`);
        return 0;
      }
      const { vars, rows: rows4 } = store.selectTable(query);
      if (values.json === true)
        io.out(JSON.stringify(rows4, null, 1) + "\n");
      else
        io.out([vars.join("	"), ...rows4.map((r) => vars.map((v) => (r[v] ?? "").replace(/[\t\n]/g, " ")).join("	"))].join("\n") + "\n");
      return 0;
    } catch (e) {
      if (e instanceof SparqlError)
        throw new InputError(`query: ${e.message}`);
      throw e;
    }
  }
};

// dist/cli/modelica-roundtrip.js
var modelicaRoundtripCommand = {
  name: "modelica roundtrip",
  summary: "parse -> RDF -> Turtle -> parse Turtle -> source -> parse, per file",
  usage: `Usage: twin modelica roundtrip PATH [--json] [--base IRI]

For every file of PATH: parse, map to RDF, write Turtle, parse that Turtle text, regenerate the
source with the original layout, parse it again. astEqual: same AST (layout aside); byteEqual: same
SHA-256. Exit 1 when any file fails a stage.

Options:
  --json      print { files, classes, parsed, astEqual, byteEqual, failed, triples, seconds }
  --base IRI  base IRI (default ${DEFAULT_BASE})
  -h, --help  show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { json: { type: "boolean" }, base: { type: "string" }, help: { type: "boolean", short: "h" } }, { min: 1, max: 1, names: "PATH" });
    if (helpRequested(values, this, io))
      return 0;
    const r = roundtrip2(loadSources(positionals[0]), str(values.base) ?? DEFAULT_BASE);
    const round = (x) => Math.round(x * 1e3) / 1e3;
    const out = {
      files: r.files,
      classes: r.classes,
      parsed: r.parsed,
      astEqual: r.astEqual,
      byteEqual: r.byteEqual,
      failed: r.failed,
      triples: r.triples,
      seconds: { parse: round(r.seconds.parse), toRdf: round(r.seconds.toRdf), fromRdf: round(r.seconds.fromRdf) }
    };
    if (values.json === true)
      io.out(JSON.stringify(out, null, 2) + "\n");
    else {
      io.out(`files ${r.files}, classes ${r.classes}, parsed ${r.parsed}, astEqual ${r.astEqual}, byteEqual ${r.byteEqual}, triples ${r.triples}
`);
      for (const f of r.failed)
        io.out(`FAILED ${f.file} [${f.stage}]: ${f.message}
`);
    }
    return r.failed.length === 0 && r.byteEqual === r.files ? 0 : 1;
  }
};

// dist/cli/modelica-to-rdf.js
var modelicaToRdfCommand = {
  name: "modelica to-rdf",
  summary: "the RDF graph of Modelica sources (lossless: layout included)",
  usage: `Usage: twin modelica to-rdf PATH -o OUT.ttl [--base IRI] [--format turtle|ntriples|jsonld]

Maps every class of PATH (a .mo file or a package directory) to RDF (ontology ontologies/modelica.ttl):
classes under BASE by full name, components <class>/<name>, equations as canonical text with links
to the components they reference, connections with both ends resolved, annotations, units (QUDT),
and the layout layer that gives the source back byte for byte. Same input, same bytes.

Options:
  -o, --output FILE  output file (required)
  --base IRI         base IRI of the class IRIs (default ${DEFAULT_BASE})
  --format F         turtle (default), ntriples or jsonld
  -h, --help         show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { output: { type: "string", short: "o" }, base: { type: "string" }, format: { type: "string" }, help: { type: "boolean", short: "h" } }, { min: 1, max: 1, names: "PATH" });
    if (helpRequested(values, this, io))
      return 0;
    const out = required(values.output, "-o OUT");
    const format = str(values.format) ?? "turtle";
    if (!["turtle", "ntriples", "jsonld"].includes(format))
      throw new UsageError(`--format: expected turtle, ntriples or jsonld, got ${JSON.stringify(format)}`);
    const base = str(values.base) ?? DEFAULT_BASE;
    if (!/^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]*$/i.test(base))
      throw new UsageError(`--base: not an absolute IRI: ${JSON.stringify(base)}`);
    const sources = loadSources(positionals[0]);
    return withSyntaxErrors(io, () => {
      const text3 = format === "turtle" ? sourcesToTurtle(sources, base) : serialise(toGraph(parseSources(sources), base), format);
      writeOutput(out, [text3]);
      return 0;
    });
  }
};

// dist/rotor/campbell-svg.js
var W = 900;
var H = 560;
var PLOT = { left: 80, right: 700, top: 70, bottom: 490 };
var COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C564B", "#7F7F7F", "#17BECF"];
function escapeXml(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
var c2 = (v) => fixed(v, 2);
function niceStep(span, target) {
  if (!(span > 0))
    return 1;
  const raw = span / target;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}
function tickLabel(v, step) {
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return fixed(v, decimals);
}
function dominantWhirl(whirls) {
  let f = 0;
  let b = 0;
  for (const w of whirls) {
    if (w === "forward")
      f++;
    else if (w === "backward")
      b++;
  }
  return b > f ? "backward" : "forward";
}
function campbellSvg(name, c) {
  const speeds2 = c.results.map((r) => r.speed);
  const nModes = c.results[0]?.wd.length ?? 0;
  const xMin = speeds2.length > 0 ? Math.min(...speeds2) : 0;
  let xMax = speeds2.length > 0 ? Math.max(...speeds2) : 1;
  if (!(xMax > xMin))
    xMax = xMin + 1;
  let fMax = 0;
  for (const r of c.results)
    for (const w of r.wd)
      if (Number.isFinite(w) && w > fMax)
        fMax = w;
  if (!(fMax > 0))
    fMax = xMax;
  const xStep = niceStep(xMax - xMin, 8);
  const x0 = Math.floor(xMin / xStep) * xStep;
  const x1 = Math.ceil(xMax / xStep - 1e-9) * xStep;
  const yStep = niceStep(fMax * 1.05, 8);
  const y1 = Math.ceil(fMax * 1.05 / yStep - 1e-9) * yStep;
  const px = (v) => PLOT.left + (v - x0) / (x1 - x0) * (PLOT.right - PLOT.left);
  const py = (v) => PLOT.bottom - v / y1 * (PLOT.bottom - PLOT.top);
  const out = [];
  out.push(`<?xml version="1.0" encoding="UTF-8"?>`);
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  out.push(`<title>Campbell diagram: ${escapeXml(name)}</title>`);
  out.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${W / 2}" y="24" text-anchor="middle" font-size="16" font-weight="bold">Campbell diagram: ${escapeXml(name)}</text>`);
  out.push(`<g id="axes" stroke="#000000" fill="none">`);
  out.push(`<rect x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.right - PLOT.left}" height="${PLOT.bottom - PLOT.top}" stroke-width="1"/>`);
  out.push(`</g>`);
  const grid = [];
  const labels = [];
  const nx = Math.round((x1 - x0) / xStep);
  for (let i = 0; i <= nx; i++) {
    const v = x0 + i * xStep;
    const x = c2(px(v));
    grid.push(`<line x1="${x}" y1="${PLOT.top}" x2="${x}" y2="${PLOT.bottom}"/>`);
    labels.push(`<line x1="${x}" y1="${PLOT.bottom}" x2="${x}" y2="${PLOT.bottom + 5}" stroke="#000000"/>`);
    labels.push(`<text x="${x}" y="${PLOT.bottom + 18}" text-anchor="middle">${tickLabel(v, xStep)}</text>`);
    labels.push(`<line x1="${x}" y1="${PLOT.top}" x2="${x}" y2="${PLOT.top - 5}" stroke="#000000"/>`);
    labels.push(`<text x="${x}" y="${PLOT.top - 9}" text-anchor="middle" fill="#555555">${fixed(rpm(v), 0)}</text>`);
  }
  const ny = Math.round(y1 / yStep);
  for (let i = 0; i <= ny; i++) {
    const v = i * yStep;
    const y2 = c2(py(v));
    grid.push(`<line x1="${PLOT.left}" y1="${y2}" x2="${PLOT.right}" y2="${y2}"/>`);
    labels.push(`<line x1="${PLOT.left - 5}" y1="${y2}" x2="${PLOT.left}" y2="${y2}" stroke="#000000"/>`);
    labels.push(`<text x="${PLOT.left - 8}" y="${c2(py(v) + 4)}" text-anchor="end">${tickLabel(v, yStep)}</text>`);
  }
  out.push(`<g id="grid" stroke="#dddddd" stroke-width="0.5">`, ...grid, `</g>`);
  out.push(`<g id="ticks">`, ...labels, `</g>`);
  const midX = c2((PLOT.left + PLOT.right) / 2);
  const midY = c2((PLOT.top + PLOT.bottom) / 2);
  out.push(`<text x="${midX}" y="${PLOT.bottom + 40}" text-anchor="middle">rotor speed [rad/s]</text>`);
  out.push(`<text x="${midX}" y="${PLOT.top - 28}" text-anchor="middle" fill="#555555">rotor speed [rpm]</text>`);
  out.push(`<text x="22" y="${midY}" text-anchor="middle" transform="rotate(-90 22 ${midY})">damped natural frequency [rad/s]</text>`);
  out.push(`<defs><clipPath id="plot"><rect x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.right - PLOT.left}" height="${PLOT.bottom - PLOT.top}"/></clipPath></defs>`);
  out.push(`<g clip-path="url(#plot)" fill="none" stroke-width="1.8">`);
  out.push(`<line id="one-x" x1="${c2(px(x0))}" y1="${c2(py(x0))}" x2="${c2(px(x1))}" y2="${c2(py(x1))}" stroke="#000000" stroke-width="1.2" stroke-dasharray="2 3"/>`);
  const whirls = [];
  for (let j = 0; j < nModes; j++) {
    const whirl = dominantWhirl(c.results.map((r) => r.whirl[j]));
    whirls.push(whirl);
    let d = "";
    let pen = false;
    for (const r of c.results) {
      const w = r.wd[j];
      if (!Number.isFinite(w)) {
        pen = false;
        continue;
      }
      d += `${d === "" ? "" : " "}${pen ? "L" : "M"}${c2(px(r.speed))} ${c2(py(w))}`;
      pen = true;
    }
    const dash = whirl === "backward" ? ` stroke-dasharray="7 4"` : "";
    out.push(`<path class="mode" data-mode="${j + 1}" data-whirl="${whirl}" d="${d}" stroke="${COLOURS[j % COLOURS.length]}"${dash}/>`);
  }
  out.push(`</g>`);
  out.push(`<g id="critical" font-size="11">`);
  const placed = [];
  for (const k of c.critical) {
    if (k.speed < x0 || k.speed > x1 || k.speed > y1)
      continue;
    const x = px(k.speed);
    const y2 = py(k.speed);
    const colour = COLOURS[k.mode % COLOURS.length];
    const label = `${fixed(rpm(k.speed), 0)} rpm`;
    const w = 6.5 * label.length;
    const candidates = [
      { left: false, dy: 16 },
      { left: true, dy: -8 },
      { left: false, dy: 30 },
      { left: true, dy: -22 },
      { left: false, dy: 44 },
      { left: true, dy: -36 },
      // last resort (a crossing near the origin): right-above, across the 1X line
      { left: false, dy: -8 },
      { left: false, dy: -22 },
      { left: false, dy: -36 }
    ].map((p) => {
      const bx0 = p.left ? x - 8 - w : x + 8;
      return { ...p, box: { x0: bx0, y0: y2 + p.dy - 10, x1: bx0 + w, y1: y2 + p.dy + 2 } };
    });
    const inside = (b) => b.x0 >= PLOT.left && b.x1 <= PLOT.right && b.y0 >= PLOT.top && b.y1 <= PLOT.bottom;
    const free = (b) => placed.every((q) => b.x1 < q.x0 || b.x0 > q.x1 || b.y1 < q.y0 || b.y0 > q.y1);
    const pick = candidates.find((p) => inside(p.box) && free(p.box)) ?? candidates.find((p) => inside(p.box)) ?? candidates[0];
    placed.push(pick.box);
    out.push(`<circle cx="${c2(x)}" cy="${c2(y2)}" r="5" fill="none" stroke="${colour}" stroke-width="2"/>`);
    out.push(`<text x="${c2(pick.left ? x - 8 : x + 8)}" y="${c2(y2 + pick.dy)}" text-anchor="${pick.left ? "end" : "start"}" fill="${colour}" stroke="#ffffff" stroke-width="3" paint-order="stroke">${label}</text>`);
  }
  out.push(`</g>`);
  const lx = PLOT.right + 20;
  out.push(`<g id="legend">`);
  out.push(`<text x="${lx}" y="${PLOT.top + 4}" font-weight="bold">modes</text>`);
  for (let j = 0; j < nModes; j++) {
    const y2 = PLOT.top + 22 + 18 * j;
    const dash = whirls[j] === "backward" ? ` stroke-dasharray="7 4"` : "";
    out.push(`<line x1="${lx}" y1="${y2}" x2="${lx + 30}" y2="${y2}" stroke="${COLOURS[j % COLOURS.length]}" stroke-width="1.8"${dash}/>`);
    out.push(`<text x="${lx + 38}" y="${y2 + 4}">mode ${j + 1} (${whirls[j] === "backward" ? "BW" : "FW"})</text>`);
  }
  let y = PLOT.top + 22 + 18 * nModes + 8;
  out.push(`<line x1="${lx}" y1="${y}" x2="${lx + 30}" y2="${y}" stroke="#000000" stroke-width="1.2" stroke-dasharray="2 3"/>`);
  out.push(`<text x="${lx + 38}" y="${y + 4}">1X</text>`);
  y += 18;
  out.push(`<circle cx="${lx + 15}" cy="${y}" r="5" fill="none" stroke="#000000" stroke-width="2"/>`);
  out.push(`<text x="${lx + 38}" y="${y + 4}">critical speed</text>`);
  y += 26;
  out.push(`<text x="${lx}" y="${y}" fill="#555555">solid: forward whirl</text>`);
  out.push(`<text x="${lx}" y="${y + 16}" fill="#555555">dashed: backward whirl</text>`);
  out.push(`</g>`);
  out.push(`</svg>`);
  return out.join("\n") + "\n";
}

// dist/cli/rotor-modal.js
var DEFAULT_MODES = 8;
var modalCommand = {
  name: "rotor modal",
  summary: "damped natural frequencies, log decrements and whirl at given speeds",
  usage: `Usage: twin rotor modal MODEL.json [--speeds 0,100,200] [--modes 8] [--json]

Damped complex modal analysis at each speed (rad/s): gyroscopic terms scaled by speed,
speed-dependent bearing coefficients interpolated at that speed.

Options:
  --speeds LIST   speeds in rad/s, "a,b,c" or "start:stop:step" (default 0)
  --modes K       number of modes per speed, lowest damped frequency first (default ${DEFAULT_MODES})
  --json          print JSON { model, dof, results: [{ speed, wn, wd, logdec, whirl }] }
  -h, --help      show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { speeds: { type: "string" }, modes: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, { min: 1, max: 1, names: "MODEL.json" });
    if (helpRequested(values, this, io))
      return 0;
    const speeds2 = parseListOrRange(str(values.speeds) ?? "0", "--speeds");
    const modes = parseNumber(str(values.modes) ?? String(DEFAULT_MODES), "--modes", "posinteger");
    const file = positionals[0];
    const model = loadModelFile(file);
    const { dof, results } = withRotor(model, (r) => ({ dof: r.dof, results: speeds2.map((s) => r.modal(s, modes)) }));
    for (const r of results) {
      requireFinite(r.wn, `modal at ${r.speed} rad/s: wn`);
      requireFinite(r.wd, `modal at ${r.speed} rad/s: wd`);
      requireFinite(r.logdec, `modal at ${r.speed} rad/s: logdec`);
    }
    if (values.json === true)
      io.out(stringifyJson({ model: model.name, dof, results }) + "\n");
    else
      io.out(formatModal(model.name, dof, results));
    return 0;
  }
};

// dist/cli/rotor-campbell.js
var campbellCommand = {
  name: "rotor campbell",
  summary: "modal analysis over a speed range, critical speeds, Campbell diagram (SVG)",
  usage: `Usage: twin rotor campbell MODEL.json --speeds 0:1000:10 [--modes 8] [--json] [--svg out.svg]

Modal analysis over a speed range with the modes tracked from speed to speed, and the critical
speeds where a tracked mode's damped natural frequency crosses the 1X line.

Options:
  --speeds RANGE  speeds in rad/s, "start:stop:step" (or a list "a,b,c")
  --modes K       number of tracked modes (default ${DEFAULT_MODES})
  --json          print JSON { model, dof, results: [...], critical: [{ mode, speed }] }
                  (a mode absent at a speed is null there)
  --svg FILE      write the Campbell diagram as SVG
  -h, --help      show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, {
      speeds: { type: "string" },
      modes: { type: "string" },
      json: { type: "boolean" },
      svg: { type: "string" },
      help: { type: "boolean", short: "h" }
    }, { min: 1, max: 1, names: "MODEL.json" });
    if (helpRequested(values, this, io))
      return 0;
    const speeds2 = parseListOrRange(required(values.speeds, "--speeds"), "--speeds");
    const modes = parseNumber(str(values.modes) ?? String(DEFAULT_MODES), "--modes", "posinteger");
    const svgPath = str(values.svg);
    const model = loadModelFile(positionals[0]);
    const { dof, campbell } = withRotor(model, (r) => ({ dof: r.dof, campbell: r.campbell(speeds2, modes) }));
    for (const r of campbell.results) {
      for (const a of [r.wn, r.wd, r.logdec]) {
        if (a.some((x) => x === Infinity || x === -Infinity))
          throw new NumericalError(`campbell at ${r.speed} rad/s: infinite value`);
      }
    }
    if (svgPath !== void 0)
      writeOutput(svgPath, [campbellSvg(model.name, campbell)]);
    if (values.json === true) {
      io.out(stringifyJson({ model: model.name, dof, results: campbell.results, critical: campbell.critical }) + "\n");
    } else {
      io.out(formatCampbell(model.name, dof, campbell));
      if (svgPath !== void 0)
        io.out(`
Campbell diagram written to ${svgPath}
`);
    }
    return 0;
  }
};

// dist/cli/rotor-check.js
import { readFileSync as readFileSync22 } from "node:fs";

// dist/rotor/reference.js
var DEFAULT_TOLERANCES = {
  frequencies_rel: 1e-4,
  logdec_abs: 1e-4,
  unbalance_amplitude_rel: 1e-3,
  static_rel: 1e-6
};
var Tracker = class {
  what;
  kind;
  tolerance;
  max = 0;
  at = "";
  constructor(what, kind, tolerance) {
    this.what = what;
    this.kind = kind;
    this.tolerance = tolerance;
  }
  see(dev, at) {
    if (!(dev <= this.max)) {
      this.max = dev;
      this.at = at;
    }
  }
  result() {
    return { what: this.what, kind: this.kind, maxDeviation: this.max, tolerance: this.tolerance, at: this.at, pass: this.max <= this.tolerance };
  }
};
function compareReference(ref2, rotor) {
  const tol = { ...DEFAULT_TOLERANCES, ...ref2.tolerance };
  const out = [];
  const e = ref2.expected;
  if (e.modal && e.modal.length > 0) {
    const freq = new Tracker("modal wn, wd", "rel", tol.frequencies_rel);
    const logdec = new Tracker("modal logdec", "abs", tol.logdec_abs);
    for (const m of e.modal) {
      const count = Math.max(m.wn?.length ?? 0, m.wd?.length ?? 0, m.logdec?.length ?? 0);
      const r = rotor.modal(m.speed, count);
      for (let i = 0; i < count; i++) {
        const at = `speed ${m.speed}, mode ${i + 1}`;
        if (m.wn?.[i] !== void 0)
          freq.see(rel(r.wn[i], m.wn[i]), at);
        if (m.wd?.[i] !== void 0)
          freq.see(rel(r.wd[i], m.wd[i]), at);
        if (m.logdec?.[i] !== void 0)
          logdec.see(Math.abs((r.logdec[i] ?? NaN) - m.logdec[i]), at);
      }
    }
    out.push(freq.result(), logdec.result());
  }
  if (e.unbalance) {
    const u = e.unbalance;
    const specs = Array.isArray(u.unbalance) ? u.unbalance : [u.unbalance];
    const masses = specs.map((s) => ({ node: s.node, magnitude: s.magnitude_kg_m ?? s.magnitude ?? NaN, phase: s.phase_rad ?? s.phase ?? 0 }));
    const res = rotor.unbalance(masses, u.frequencies, u.probes.map((p) => ({ node: p.node, dir: p.dir })));
    const amp = new Tracker("unbalance amplitude", "rel", tol.unbalance_amplitude_rel);
    u.probes.forEach((p, i) => {
      const peak = Math.max(...p.amplitude.map(Math.abs));
      p.amplitude.forEach((expected, k) => {
        const got = res.probes[i]?.amplitude[k] ?? NaN;
        const at = `probe ${p.node}:${p.dir}, ${u.frequencies[k]} rad/s`;
        amp.see(Math.abs(expected) < 1e-9 * peak ? Math.abs(got) / peak : rel(got, expected), at);
      });
    });
    out.push(amp.result());
    if (u.probes.some((p) => p.phase)) {
      const phase = new Tracker("unbalance phase (rad)", "abs", tol.unbalance_amplitude_rel * Math.PI);
      u.probes.forEach((p, i) => p.phase?.forEach((expected, k) => {
        const d = (res.probes[i]?.phase[k] ?? NaN) - expected;
        phase.see(Math.abs(Math.atan2(Math.sin(d), Math.cos(d))), `probe ${p.node}:${p.dir}, ${u.frequencies[k]} rad/s`);
      }));
      out.push(phase.result());
    }
  }
  if (e.static_rigid_supports) {
    const s = e.static_rigid_supports;
    const res = rotor.staticDeflection({ g: s.g, rigidSupports: true });
    const defl = new Tracker("static deflection y", "rel", tol.static_rel);
    const ymax = Math.max(...s.deformation_y_m_per_node.map(Math.abs));
    s.deformation_y_m_per_node.forEach((expected, i) => {
      const got = res.deflection.y[i] ?? NaN;
      defl.see(Math.abs(expected) < 1e-9 * ymax ? Math.abs(got) / ymax : rel(got, expected), `node ${i}`);
    });
    out.push(defl.result());
    if (s.bearing_forces_N) {
      const forces = new Tracker("static bearing forces", "rel", tol.static_rel);
      for (const [key, expected] of Object.entries(s.bearing_forces_N)) {
        const node = Number(key.replace(/^node_/, ""));
        const got = res.bearingForces.filter((b) => b.node === node).reduce((t, b) => t + b.fy, 0);
        forces.see(rel(got, expected), key);
      }
      out.push(forces.result());
    }
  }
  return out;
}
function rel(got, expected) {
  if (got === void 0)
    return NaN;
  return Math.abs(got - expected) / Math.abs(expected);
}

// dist/cli/rotor-check.js
var checkCommand = {
  name: "rotor check",
  summary: "run a reference case (model + published results) and compare within its tolerances",
  usage: `Usage: twin rotor check CASE.json [--json]

CASE.json holds { "model": <rotor model>, "tolerance": {..}, "expected": { "modal": [..],
"unbalance": {..}, "static_rigid_supports": {..} } } (any of the three). Each expected result is
recomputed and the largest deviation printed with its tolerance (defaults: frequencies 1e-4 relative,
log decrement 1e-4 absolute, unbalance amplitude 1e-3 relative, static 1e-6 relative).
Exit 0 when every comparison passes, 1 otherwise.

Options:
  --json       print { case, comparisons: [{ what, kind, maxDeviation, tolerance, at, pass }], pass }
  -h, --help   show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, { min: 1, max: 1, names: "CASE.json" });
    if (helpRequested(values, this, io))
      return 0;
    const file = positionals[0];
    let text3;
    try {
      text3 = readFileSync22(file, "utf8");
    } catch (e) {
      throw new InputError(`${file}: cannot read: ${e.message}`);
    }
    const json = parseJsonDocument(text3, file);
    if (typeof json !== "object" || json === null || Array.isArray(json) || !("model" in json) || !("expected" in json)) {
      throw new InputError(`${file}: a reference case needs "model" and "expected"`);
    }
    const doc = json;
    const checked = checkRotorModel(json.model);
    if (!checked.model)
      throw new ModelError(file, checked.faults.map((f) => ({ ...f, path: f.path ? `model.${f.path}` : "model" })));
    const comparisons = withRotor(checked.model, (r) => compareReference(doc, r));
    const pass = comparisons.length > 0 && comparisons.every((c) => c.pass);
    if (values.json === true)
      io.out(stringifyJson({ case: file, comparisons, pass }) + "\n");
    else {
      const w = Math.max(...comparisons.map((c) => c.what.length), 4);
      io.out(`${file}: ${checked.model.name}
`);
      for (const c of comparisons) {
        io.out(`  ${c.pass ? "ok  " : "FAIL"}  ${c.what.padEnd(w)}  max ${c.kind} deviation ${c.maxDeviation.toExponential(2)} (tolerance ${c.tolerance.toExponential(1)}) at ${c.at}
`);
      }
      if (comparisons.length === 0)
        io.out("  nothing to compare: no expected results\n");
    }
    return pass ? 0 : 1;
  }
};

// dist/cli/rotor-reduce.js
var reduceCommand = {
  name: "rotor reduce",
  summary: "reduced (modal) state-space model at a speed, continuous and discrete (for the UKF)",
  usage: `Usage: twin rotor reduce MODEL.json --speed W --modes K --dt DT [--json] [--out FILE.json]

Modal reduction of the rotor model at speed W (rad/s) to K modes: continuous state-space matrices
A, B, C and their discretisation Ad, Bd for the sample time DT (s).

Options:
  --speed W       rotor speed, rad/s
  --modes K       number of retained modes
  --dt DT         sample time of the discrete model, s
  --json          print the model as JSON
  --out FILE      write the model as JSON to FILE
                  JSON: { model, speed, modes, dof, dt, wn, A, B, C, Ad, Bd }
  -h, --help      show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, {
      speed: { type: "string" },
      modes: { type: "string" },
      dt: { type: "string" },
      json: { type: "boolean" },
      out: { type: "string" },
      help: { type: "boolean", short: "h" }
    }, { min: 1, max: 1, names: "MODEL.json" });
    if (helpRequested(values, this, io))
      return 0;
    const speed = parseNumber(required(values.speed, "--speed"), "--speed", "nonnegative");
    const modes = parseNumber(required(values.modes, "--modes"), "--modes", "posinteger");
    const dt = parseNumber(required(values.dt, "--dt"), "--dt", "positive");
    const model = loadModelFile(positionals[0]);
    const red = withRotor(model, (r) => {
      if (modes > r.dof)
        throw new UsageError(`--modes ${modes} is more than the model's ${r.dof} degrees of freedom`);
      return r.reduce(speed, modes, dt);
    });
    for (const key of ["A", "B", "C", "Ad", "Bd"])
      requireFinite(red[key].flat(), `reduced model ${key}`);
    requireFinite(red.wn, "reduced model wn");
    const json = stringifyJson({ model: model.name, ...red }) + "\n";
    const out = str(values.out);
    if (out !== void 0)
      writeOutput(out, [json]);
    if (values.json === true)
      io.out(json);
    else
      io.out(formatReduced(model.name, red) + (out !== void 0 ? `
reduced model written to ${out}
` : ""));
    return 0;
  }
};

// dist/cli/rotor-static.js
var STANDARD_GRAVITY = 9.80665;
var staticCommand = {
  name: "rotor static",
  summary: "static deflection under gravity and bearing reaction forces",
  usage: `Usage: twin rotor static MODEL.json [--rigid-supports] [--g 9.80665] [--json]

Static deflection under gravity (along -y, consistent mass load) and bearing reaction forces.

Options:
  --rigid-supports   replace the bearings by pins (as textbook and reference cases do)
  --g G              gravitational acceleration, m/s^2 (default ${STANDARD_GRAVITY})
  --json             print JSON { deflection: { x, y }, bearingForces: [{ node, fx, fy }] }
  -h, --help         show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { "rigid-supports": { type: "boolean" }, g: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, { min: 1, max: 1, names: "MODEL.json" });
    if (helpRequested(values, this, io))
      return 0;
    const g = parseNumber(str(values.g) ?? String(STANDARD_GRAVITY), "--g", "finite");
    const rigid = values["rigid-supports"] === true;
    const model = loadModelFile(positionals[0]);
    const result = withRotor(model, (r) => r.staticDeflection({ g, rigidSupports: rigid }));
    requireFinite(result.deflection.x, "static deflection x");
    requireFinite(result.deflection.y, "static deflection y");
    requireFinite(result.bearingForces.flatMap((b) => [b.fx, b.fy]), "bearing forces");
    if (values.json === true)
      io.out(stringifyJson(result) + "\n");
    else
      io.out(formatStatic(model.name, result, g, rigid));
    return 0;
  }
};

// dist/rotor/nodes.js
var NodeNumbering = class {
  /** shaft nodes N */
  shaftNodes;
  /** pedestal nodes in node order (node N + j at index j) */
  pedestals;
  constructor(model) {
    this.shaftNodes = model.shaft.length + 1;
    const peds = model.pedestals ?? [];
    const byBearing = /* @__PURE__ */ new Map();
    peds.forEach((p, i) => byBearing.set(p.bearing, i));
    const out = [];
    model.bearings.forEach((b, bi) => {
      const p = byBearing.get(bi);
      if (p !== void 0)
        out.push({ node: this.shaftNodes + out.length, pedestal: p, bearing: bi, bearingNode: b.node });
    });
    this.pedestals = out;
  }
  /** shaft nodes + pedestal nodes: the nodes a probe, sensor or time-response column can name */
  get count() {
    return this.shaftNodes + this.pedestals.length;
  }
  /** model DOFs: 4 per shaft node, 2 per pedestal */
  get dof() {
    return 4 * this.shaftNodes + 2 * this.pedestals.length;
  }
  isShaft(node) {
    return Number.isInteger(node) && node >= 0 && node < this.shaftNodes;
  }
  /** the pedestal node `node`, or undefined if it is a shaft node or does not exist */
  pedestal(node) {
    return Number.isInteger(node) ? this.pedestals[node - this.shaftNodes] : void 0;
  }
  /** index in the model's DOF vector of a node's x or y (throws RangeError for a node that does not exist) */
  dofIndex(node, dir) {
    const off = dir === "x" ? 0 : 1;
    if (this.isShaft(node))
      return 4 * node + off;
    const p = this.pedestal(node);
    if (p === void 0)
      throw new RangeError(`node ${node} does not exist (${this.validNodes()})`);
    return 4 * this.shaftNodes + 2 * p.pedestal + off;
  }
  /** "shaft nodes 0..6, pedestal nodes 7..8" */
  validNodes() {
    const n = this.shaftNodes, np = this.pedestals.length;
    const shaft = `shaft nodes 0..${n - 1}`;
    if (np === 0)
      return `${shaft}; the model has no pedestals`;
    return np === 1 ? `${shaft}, pedestal node ${n}` : `${shaft}, pedestal nodes ${n}..${n + np - 1}`;
  }
  /** "pedestal node 7 (pedestals[1], under bearings[0] at shaft node 0)" */
  describe(node) {
    const p = this.pedestal(node);
    if (p !== void 0)
      return `pedestal node ${node} (pedestals[${p.pedestal}], under bearings[${p.bearing}] at shaft node ${p.bearingNode})`;
    return this.isShaft(node) ? `shaft node ${node}` : `node ${node}`;
  }
  /** "node 7 (pedestal, bearings[0])" or "node 3": a short label for tables */
  label(node) {
    const p = this.pedestal(node);
    return p !== void 0 ? `node ${node} (pedestal, bearings[${p.bearing}])` : `node ${node}`;
  }
  /**
   * Checks a node named on the command line: `what` locates it (the option and its value, e.g.
   * `--probe "9:x"`). UsageError naming the valid range when it does not exist; with `shaftOnly`,
   * also when it is a pedestal node (an unbalance sits on the shaft).
   */
  check(node, what, shaftOnly = false) {
    if (this.isShaft(node))
      return node;
    const p = this.pedestal(node);
    if (p === void 0)
      throw new UsageError(`${what}: node ${node} does not exist (valid: ${this.validNodes()})`);
    if (shaftOnly)
      throw new UsageError(`${what}: ${this.describe(node)} is not on the shaft; an unbalance sits on a shaft node, 0..${this.shaftNodes - 1}`);
    return node;
  }
};

// dist/cli/rotor-time.js
var MAX_VALUES = 5e7;
var timeCommand = {
  name: "rotor time",
  summary: "time response at constant speed (CSV of nodal displacements)",
  usage: `Usage: twin rotor time MODEL.json --speed W --t-end T --dt DT [--unbalance NODE:MAG:PHASE ...]
                        [--out FILE.csv] [--accelerations]

Time response at constant speed W (rad/s) from rest, by implicit time integration.
CSV columns: t, then x_<node>,y_<node> for every shaft node 0..N-1 and then for every pedestal
node N, N+1, ... (numbered in the order of the bearings that carry a pedestal; docs/rotor.md), in m,
then ax_<node>,ay_<node> for the same nodes (m/s^2) with --accelerations.

Options:
  --speed W                         rotor speed, rad/s
  --t-end T                         end time, s
  --dt DT                           time step, s
  --unbalance NODE:MAGNITUDE:PHASE  unbalance at a shaft node (kg m, rad), repeatable
  --out FILE.csv                    write the CSV to a file (default: standard output)
  --accelerations                   add nodal accelerations
  -h, --help                        show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, {
      speed: { type: "string" },
      "t-end": { type: "string" },
      dt: { type: "string" },
      unbalance: { type: "string", multiple: true },
      out: { type: "string" },
      accelerations: { type: "boolean" },
      help: { type: "boolean", short: "h" }
    }, { min: 1, max: 1, names: "MODEL.json" });
    if (helpRequested(values, this, io))
      return 0;
    const speed = parseNumber(required(values.speed, "--speed"), "--speed", "nonnegative");
    const tEnd = parseNumber(required(values["t-end"], "--t-end"), "--t-end", "positive");
    const dt = parseNumber(required(values.dt, "--dt"), "--dt", "positive");
    if (dt > tEnd)
      throw new UsageError(`--dt ${dt} is larger than --t-end ${tEnd}`);
    const accelerations = values.accelerations === true;
    const model = loadModelFile(positionals[0]);
    const numbering = new NodeNumbering(model);
    const nodes = numbering.count;
    const rows4 = Math.floor(tEnd / dt) + 1;
    const count = rows4 * (1 + 2 * nodes * (accelerations ? 2 : 1));
    if (count > MAX_VALUES)
      throw new UsageError(`${rows4} time steps x ${nodes} nodes is more than ${MAX_VALUES} values: increase --dt or reduce --t-end`);
    const unbalance = parseEach(many(values.unbalance), (u, i, n) => parseUnbalance(u, numbering, i, n));
    const result = withRotor(model, (r) => r.time({ speed, tEnd, dt, unbalance, accelerations }));
    requireFinite(result.t, "time response: t");
    requireFinite(result.disp, "time response: displacements");
    if (result.acc)
      requireFinite(result.acc, "time response: accelerations");
    const out = str(values.out);
    if (out !== void 0)
      writeOutput(out, csvChunks2(result));
    else
      for (const chunk of csvChunks2(result))
        io.out(chunk);
    return 0;
  }
};
function csvHeader(nodes, accelerations) {
  const cols = ["t"];
  for (let i = 0; i < nodes; i++)
    cols.push(`x_${i}`, `y_${i}`);
  if (accelerations)
    for (let i = 0; i < nodes; i++)
      cols.push(`ax_${i}`, `ay_${i}`);
  return cols.join(",");
}
function* csvChunks2(r, rowsPerChunk = 2e3) {
  const w = 2 * r.nodes;
  let chunk = csvHeader(r.nodes, r.acc !== void 0) + "\n";
  for (let i = 0; i < r.t.length; i++) {
    let line = String(r.t[i]);
    for (let k = 0; k < w; k++)
      line += "," + String(r.disp[i * w + k]);
    if (r.acc)
      for (let k = 0; k < w; k++)
        line += "," + String(r.acc[i * w + k]);
    chunk += line + "\n";
    if ((i + 1) % rowsPerChunk === 0) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk !== "")
    yield chunk;
}

// dist/cli/rotor-unbalance.js
var unbalanceCommand = {
  name: "rotor unbalance",
  summary: "steady-state unbalance response over frequency at probes",
  usage: `Usage: twin rotor unbalance MODEL.json --unbalance NODE:MAGNITUDE:PHASE [...] --freqs 0:1000:5
                             --probe NODE:DIR [...] [--json]

Steady-state response to unbalance masses, frequency domain (rotor speed = excitation frequency).
Nodes: shaft nodes 0..N-1 (N = shaft elements + 1), then the pedestal nodes N, N+1, ... in the
order of the bearings that carry a pedestal (ROSS's numbering; docs/rotor.md).

Options:
  --unbalance NODE:MAGNITUDE:PHASE   unbalance at a shaft node, kg m, phase in rad (repeatable)
  --freqs RANGE                      frequencies in rad/s, "start:stop:step" (or "a,b,c")
  --probe NODE:DIR                   response at a shaft or pedestal node along x, y or an angle in
                                     rad from x (repeatable)
  --json                             print JSON { freqs, probes: [{ node, dir, amplitude, phase }] }
  -h, --help                         show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, {
      unbalance: { type: "string", multiple: true },
      freqs: { type: "string" },
      probe: { type: "string", multiple: true },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" }
    }, { min: 1, max: 1, names: "MODEL.json" });
    if (helpRequested(values, this, io))
      return 0;
    const freqs = parseListOrRange(required(values.freqs, "--freqs"), "--freqs");
    if (many(values.unbalance).length === 0)
      throw new UsageError("--unbalance is required (at least one)");
    if (many(values.probe).length === 0)
      throw new UsageError("--probe is required (at least one)");
    const model = loadModelFile(positionals[0]);
    const nodes = new NodeNumbering(model);
    const unbalance = parseEach(many(values.unbalance), (u, i, n) => parseUnbalance(u, nodes, i, n));
    const probes = parseEach(many(values.probe), (p, i, n) => parseProbe(p, nodes, i, n));
    const result = withRotor(model, (r) => r.unbalance(unbalance, freqs, probes));
    for (const p of result.probes) {
      requireFinite(p.amplitude, `unbalance response at node ${p.node}: amplitude`);
      requireFinite(p.phase, `unbalance response at node ${p.node}: phase`);
    }
    if (values.json === true)
      io.out(stringifyJson(result) + "\n");
    else
      io.out(formatUnbalance(model.name, result, (n) => nodes.label(n)));
    return 0;
  }
};

// dist/cli/ukf-run.js
import { readFileSync as readFileSync23 } from "node:fs";

// dist/ukf/case.js
var BUILTIN_PROCESS = ["pendulum"];
var BUILTIN_MEASUREMENT = ["range_bearing", "pendulum"];
var isObj4 = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
function typeName2(v) {
  if (v === void 0)
    return "missing";
  if (v === null)
    return "null";
  if (Array.isArray(v))
    return `an array of ${v.length}`;
  if (typeof v === "object")
    return "an object";
  if (typeof v === "string")
    return `a string (${JSON.stringify(v.length > 20 ? v.slice(0, 20) + "\u2026" : v)})`;
  return `${typeof v} ${String(v)}`;
}
var Checker2 = class {
  faults = [];
  fault(path, message) {
    this.faults.push({ path, message });
  }
  number(v, path, rule = "finite") {
    if (typeof v !== "number") {
      this.fault(path, `must be a number, found ${typeName2(v)}`);
      return void 0;
    }
    if (!Number.isFinite(v)) {
      this.fault(path, "must be finite");
      return void 0;
    }
    if (rule === "positive" && !(v > 0)) {
      this.fault(path, `must be > 0, found ${v}`);
      return void 0;
    }
    if (rule === "posint" && !(Number.isInteger(v) && v >= 1)) {
      this.fault(path, `must be an integer >= 1, found ${v}`);
      return void 0;
    }
    return v;
  }
  /** A vector of `len` finite numbers (len undefined: any length >= 1). */
  vector(v, path, len) {
    if (!Array.isArray(v)) {
      this.fault(path, `must be an array of numbers, found ${typeName2(v)}`);
      return void 0;
    }
    if (len !== void 0 && v.length !== len) {
      this.fault(path, `must have ${len} values, found ${v.length}`);
      return void 0;
    }
    const out = [];
    let ok = true;
    v.forEach((x, i) => {
      const n = this.number(x, `${path}[${i}]`);
      if (n === void 0)
        ok = false;
      else
        out.push(n);
    });
    return ok ? out : void 0;
  }
  /** rows x cols matrix as an array of rows; cols undefined: any (equal) row length. */
  matrix(v, path, rows4, cols, what = "") {
    if (!Array.isArray(v) || v.some((r) => !Array.isArray(r))) {
      this.fault(path, `must be a matrix (an array of rows), found ${typeName2(v)}`);
      return void 0;
    }
    const shape = what ? ` (${what})` : "";
    if (rows4 !== void 0 && v.length !== rows4) {
      this.fault(path, `must have ${rows4} rows${shape}, found ${v.length}`);
      return void 0;
    }
    const width = cols ?? v[0]?.length;
    if (width === void 0 || width === 0) {
      this.fault(path, "must not be empty");
      return void 0;
    }
    const out = [];
    let ok = true;
    v.forEach((r, i) => {
      const row = r;
      if (row.length !== width) {
        this.fault(`${path}[${i}]`, `must have ${width} columns${shape}, found ${row.length}`);
        ok = false;
        return;
      }
      const x = this.vector(row, `${path}[${i}]`, width);
      if (x === void 0)
        ok = false;
      else
        out.push(x);
    });
    return ok ? out : void 0;
  }
  square(v, path, n, what) {
    if (n === void 0)
      return void 0;
    if (Array.isArray(v) && v.length > 0 && v.every((r) => Array.isArray(r)) && v.some((r) => r.length !== v.length)) {
      const bad = v.find((r) => r.length !== v.length);
      this.fault(path, `must be square (${what}), found ${v.length} rows of ${bad.length} columns`);
      return void 0;
    }
    return this.matrix(v, path, n, n, what);
  }
};
function parseUkfCase(text3, file) {
  const doc = parseJsonDocument(text3, file);
  const c = new Checker2();
  if (!isObj4(doc)) {
    c.fault("", `must be a JSON object, found ${typeName2(doc)}`);
    throw new ModelError(file, c.faults);
  }
  const need = (k) => {
    if (!Object.prototype.hasOwnProperty.call(doc, k)) {
      c.fault(k, "missing key");
      return void 0;
    }
    return doc[k];
  };
  const has2 = (k) => Object.prototype.hasOwnProperty.call(doc, k);
  const rawN = need("dim_x"), rawM = need("dim_z");
  const n = rawN === void 0 ? void 0 : c.number(rawN, "dim_x", "posint");
  const m = rawM === void 0 ? void 0 : c.number(rawM, "dim_z", "posint");
  const dtRaw = need("dt");
  const dt = dtRaw === void 0 ? void 0 : c.number(dtRaw, "dt", "positive");
  const alphaRaw = need("alpha"), betaRaw = need("beta"), kappaRaw = need("kappa");
  const alpha = alphaRaw === void 0 ? void 0 : c.number(alphaRaw, "alpha", "positive");
  const beta = betaRaw === void 0 ? void 0 : c.number(betaRaw, "beta");
  const kappa = kappaRaw === void 0 ? void 0 : c.number(kappaRaw, "kappa");
  if (n !== void 0 && alpha !== void 0 && kappa !== void 0 && !(alpha * alpha * (n + kappa) > 0)) {
    c.fault("kappa", `n + lambda = alpha^2 (n + kappa) = ${alpha * alpha * (n + kappa)} must be > 0 (no real sigma points)`);
  }
  const x0Raw = need("x0");
  const x0 = x0Raw === void 0 || n === void 0 ? void 0 : c.vector(x0Raw, "x0", n);
  const P0Raw = need("P0"), QRaw = need("Q"), RRaw = need("R");
  const P0 = P0Raw === void 0 ? void 0 : c.square(P0Raw, "P0", n, `dim_x x dim_x = ${n}x${n}`);
  const Q = QRaw === void 0 ? void 0 : c.square(QRaw, "Q", n, `dim_x x dim_x = ${n}x${n}`);
  const R = RRaw === void 0 ? void 0 : c.square(RRaw, "R", m, `dim_z x dim_z = ${m}x${m}`);
  let dimU = 0;
  let B, D;
  if (has2("B")) {
    B = c.matrix(doc.B, "B", n, void 0, "dim_x rows");
    if (B)
      dimU = B[0].length;
  }
  if (has2("D")) {
    D = c.matrix(doc.D, "D", m, dimU > 0 ? dimU : void 0, dimU > 0 ? `dim_z x dim_u = ${m}x${dimU}` : "dim_z rows");
    if (D && dimU === 0)
      dimU = D[0].length;
  }
  const problem = has2("problem") ? doc.problem : void 0;
  if (problem !== void 0 && typeof problem !== "string")
    c.fault("problem", `must be a string, found ${typeName2(problem)}`);
  const problemName = typeof problem === "string" ? problem : void 0;
  const constants = () => {
    if (!has2("constants")) {
      c.fault("constants", `missing key (the built-in model ${JSON.stringify(problemName)} needs its constants)`);
      return void 0;
    }
    if (!isObj4(doc.constants)) {
      c.fault("constants", `must be an object, found ${typeName2(doc.constants)}`);
      return void 0;
    }
    return doc.constants;
  };
  const constant = (o, k, rule) => {
    if (o === void 0)
      return void 0;
    if (!Object.prototype.hasOwnProperty.call(o, k)) {
      c.fault(`constants.${k}`, "missing key");
      return void 0;
    }
    return c.number(o[k], `constants.${k}`, rule);
  };
  let process2;
  if (has2("F")) {
    const F = c.square(doc.F, "F", n, `dim_x x dim_x = ${n}x${n}`);
    if (F)
      process2 = B ? { kind: "linear", F, B } : { kind: "linear", F };
  } else if (problemName === "pendulum") {
    if (n !== void 0 && n !== 2)
      c.fault("dim_x", `must be 2 for the built-in pendulum model [theta, omega], found ${n}`);
    if (B)
      c.fault("B", "inputs need a linear process model (field F)");
    const k = constants();
    const g = constant(k, "g", "finite"), L = constant(k, "L", "positive"), cc = constant(k, "c", "finite");
    if (dt !== void 0 && g !== void 0 && L !== void 0 && cc !== void 0)
      process2 = { kind: "pendulum", dt, g, L, c: cc };
  } else if (problemName === void 0) {
    c.fault("F", 'missing key (and no "problem" names a built-in process model)');
  } else {
    c.fault("problem", `unknown problem ${JSON.stringify(problemName)} and no F: built-in process models: ${BUILTIN_PROCESS.join(", ")}`);
  }
  let measurement;
  if (has2("H")) {
    const H2 = c.matrix(doc.H, "H", m, n, `dim_z x dim_x = ${m}x${n}`);
    if (H2)
      measurement = D ? { kind: "linear", H: H2, D } : { kind: "linear", H: H2 };
  } else if (problemName === "range_bearing") {
    if (m !== void 0 && m !== 2)
      c.fault("dim_z", `must be 2 for range_bearing [range, bearing], found ${m}`);
    if (n !== void 0 && n !== 4)
      c.fault("dim_x", `must be 4 for range_bearing (state [px, vx, py, vy]), found ${n}`);
    measurement = { kind: "range_bearing", px: 0, py: 2 };
  } else if (problemName === "pendulum") {
    if (m !== void 0 && m !== 1)
      c.fault("dim_z", `must be 1 for the pendulum measurement L sin(theta), found ${m}`);
    const L = constant(constants(), "L", "positive");
    if (L !== void 0)
      measurement = { kind: "pendulum", L };
  } else if (problemName === void 0) {
    c.fault("H", 'missing key (and no "problem" names a built-in measurement model)');
  } else if (has2("F")) {
    c.fault("problem", `unknown problem ${JSON.stringify(problemName)} and no H: built-in measurement models: ${BUILTIN_MEASUREMENT.join(", ")}`);
  }
  if (D && measurement?.kind !== "linear")
    c.fault("D", "inputs need a linear measurement model (field H)");
  const zRaw = need("measurements");
  let measurements;
  if (zRaw !== void 0 && m !== void 0) {
    if (!Array.isArray(zRaw) || zRaw.length === 0)
      c.fault("measurements", `must be a non-empty array of measurement vectors, found ${typeName2(zRaw)}`);
    else {
      measurements = [];
      zRaw.forEach((z, k) => {
        const v = c.vector(z, `measurements[${k}]`, m);
        if (v)
          measurements.push(v);
      });
      if (measurements.length !== zRaw.length)
        measurements = void 0;
    }
  }
  if (has2("N_steps") && measurements && doc.N_steps !== measurements.length) {
    c.fault("N_steps", `is ${typeName2(doc.N_steps)} but measurements has ${measurements.length} steps`);
  }
  let inputs;
  if (has2("inputs")) {
    if (dimU === 0)
      c.fault("inputs", "given, but neither B nor D says how inputs act");
    else if (!Array.isArray(doc.inputs))
      c.fault("inputs", `must be an array of input vectors, found ${typeName2(doc.inputs)}`);
    else {
      if (measurements && doc.inputs.length !== measurements.length)
        c.fault("inputs", `must have one input per measurement (${measurements.length}), found ${doc.inputs.length}`);
      const rows4 = doc.inputs.map((u, k) => c.vector(u, `inputs[${k}]`, dimU));
      if (rows4.every((r) => r !== void 0))
        inputs = rows4;
    }
  } else if (dimU > 0) {
    c.fault("inputs", `missing key (B/D take ${dimU} inputs per step)`);
  }
  if (c.faults.length > 0)
    throw new ModelError(file, c.faults);
  return {
    ...problemName !== void 0 ? { problem: problemName } : {},
    dimX: n,
    dimZ: m,
    dimU,
    dt,
    alpha,
    beta,
    kappa,
    x0,
    P0,
    Q,
    R,
    process: process2,
    measurement,
    measurements,
    ...inputs ? { inputs } : {},
    ...has2("filterpy_outputs") ? { reference: doc.filterpy_outputs } : {}
  };
}
function readReference(cs, file) {
  const c = new Checker2();
  const ref2 = cs.reference;
  const base = "filterpy_outputs";
  if (ref2 === void 0)
    throw new ModelError(file, [{ path: base, message: "missing key (needed by --check)" }]);
  if (!isObj4(ref2) || !Array.isArray(ref2.steps))
    throw new ModelError(file, [{ path: `${base}.steps`, message: "must be an array of steps" }]);
  const n = cs.dimX, m = cs.dimZ, N = cs.measurements.length;
  if (ref2.steps.length !== N)
    c.fault(`${base}.steps`, `must have ${N} steps (one per measurement), found ${ref2.steps.length}`);
  const out = [];
  ref2.steps.forEach((s, k) => {
    const p = `${base}.steps[${k}]`;
    if (!isObj4(s)) {
      c.fault(p, `must be an object, found ${typeName2(s)}`);
      return;
    }
    const req = (key) => {
      if (!Object.prototype.hasOwnProperty.call(s, key))
        c.fault(`${p}.${key}`, "missing key");
      return s[key];
    };
    if (s.k !== void 0 && s.k !== k)
      c.fault(`${p}.k`, `must be ${k}, found ${typeName2(s.k)}`);
    const step = { k };
    step.x_prior = c.vector(req("x_prior"), `${p}.x_prior`, n);
    step.P_prior_diag = c.vector(req("P_prior_diag"), `${p}.P_prior_diag`, n);
    step.x_post = c.vector(req("x_post"), `${p}.x_post`, n);
    step.P_post_diag = c.vector(req("P_post_diag"), `${p}.P_post_diag`, n);
    step.y = c.vector(req("y"), `${p}.y`, m);
    step.S = c.matrix(req("S"), `${p}.S`, m, m, `${m}x${m}`);
    if (s.K !== void 0)
      step.K = c.matrix(s.K, `${p}.K`, n, m, `${n}x${m}`);
    if (s.P_prior !== void 0)
      step.P_prior = c.matrix(s.P_prior, `${p}.P_prior`, n, n, `${n}x${n}`);
    if (s.P_post !== void 0)
      step.P_post = c.matrix(s.P_post, `${p}.P_post`, n, n, `${n}x${n}`);
    out.push(step);
  });
  if (c.faults.length > 0)
    throw new ModelError(file, c.faults);
  return out;
}

// dist/ukf/core.js
var ITEM = {
  x: 0,
  P: 1,
  Q: 2,
  R: 3,
  F: 4,
  B: 5,
  H: 6,
  D: 7,
  y: 8,
  S: 9,
  K: 10,
  xPrior: 11,
  PPrior: 12,
  Wm: 13,
  Wc: 14,
  sigmas: 15
};
var OUT = {
  xPrior: 1,
  PPriorDiag: 2,
  PPrior: 4,
  xPost: 8,
  PPostDiag: 16,
  PPost: 32,
  y: 64,
  S: 128,
  K: 256,
  flags: 512
};
var FAIL_STAGES = {
  1: "the covariance P is not positive definite at the predict",
  2: "the covariance P is not positive definite at the update",
  3: "the innovation covariance S is not positive definite",
  4: "the measurement is NaN or infinite",
  5: "the input u is NaN or infinite",
  6: "the model produced a NaN or infinite value"
};
var FX_KIND = { linear: 0, pendulum: 1 };
var HX_KIND = { linear: 0, range_bearing: 1, pendulum: 2 };
var UkfStepError = class extends CoreError {
  step;
  stage;
  index;
  constructor(code, step, stage, index, operation) {
    super(code, step, operation);
    this.step = step;
    this.stage = stage;
    this.index = index;
    this.name = "UkfStepError";
    this.message = `${operation}: step ${step}: ${FAIL_STAGES[stage] ?? `core error ${code}`}${stage === 4 || stage === 5 ? ` (component ${index})` : ""}`;
  }
};
var flat2 = (a) => a.flat();
var UkfCore = class {
  core;
  constructor(core = Core.default()) {
    this.core = core;
  }
  create(spec) {
    const n = spec.dimX, m = spec.dimZ, nu = spec.dimU ?? 0;
    const params = [];
    const p = spec.process;
    if (p.kind === "linear")
      params.push(...flat2(p.F), ...nu > 0 ? flat2(p.B ?? zeros(n, nu)) : []);
    else
      params.push(p.dt, p.g, p.L, p.c);
    const h = spec.measurement;
    if (h.kind === "linear")
      params.push(...flat2(h.H), ...nu > 0 ? flat2(h.D ?? zeros(m, nu)) : []);
    else if (h.kind === "range_bearing")
      params.push(h.px, h.py);
    else
      params.push(h.L);
    const o = spec.options ?? {};
    const options2 = (o.sqrt ? 1 : 0) | (o.strict ? 2 : 0) | (o.symmetrise ? 4 : 0);
    const handle = this.core.withBuffers([params], (pp) => this.core.fn("ukfCreate")(n, m, nu, spec.points === "julier" ? 1 : 0, spec.alpha, spec.beta, spec.kappa, FX_KIND[p.kind], HX_KIND[h.kind], pp, options2));
    this.core.check(handle, "ukfCreate");
    return new Ukf(this.core, handle, n, m, nu);
  }
  /** The self-check hash (u64 as a decimal string). */
  selfcheck() {
    return BigInt.asUintN(64, BigInt(this.core.fn("selfcheckUkf")())).toString();
  }
};
function zeros(r, c) {
  return Array.from({ length: r }, () => new Array(c).fill(0));
}
var Ukf = class {
  core;
  handle;
  n;
  m;
  nu;
  freed = false;
  constructor(core, handle, n, m, nu) {
    this.core = core;
    this.handle = handle;
    this.n = n;
    this.m = m;
    this.nu = nu;
  }
  fn(name) {
    if (this.freed)
      throw new Error("this filter was freed");
    return this.core.fn(name);
  }
  /** Sets x, P, Q, R, F, B, H or D (row-major numbers or a matrix as rows). */
  set(what, values) {
    const v = Array.isArray(values) && Array.isArray(values[0]) ? values.flat() : values;
    const r = this.core.withBuffers([v], (p) => this.fn("ukfSet")(this.handle, ITEM[what], p));
    if (r === 0)
      this.throwError(`ukfSet ${what}`);
  }
  get(what) {
    return this.core.take(this.fn("ukfGet")(this.handle, ITEM[what]), `ukfGet ${what}`);
  }
  /** Time update; u: the input vector (omit for none). */
  predict(u) {
    const r = u === void 0 || this.nu === 0 ? this.fn("ukfPredict")(this.handle, 0) : this.core.withBuffers([u], (p) => this.fn("ukfPredict")(this.handle, p));
    if (r === 0)
      this.throwError("ukfPredict");
  }
  update(z, u) {
    const r = u === void 0 || this.nu === 0 ? this.core.withBuffers([z], (pz) => this.fn("ukfUpdate")(this.handle, pz, 0)) : this.core.withBuffers([z, u], (pz, pu) => this.fn("ukfUpdate")(this.handle, pz, pu));
    if (r === 0)
      this.throwError("ukfUpdate");
  }
  info(item) {
    return this.fn("ukfInfo")(this.handle, item);
  }
  /** Number of repair events so far, and the repair flags of the last predict/update call. */
  get repairs() {
    return this.info(5);
  }
  get lastFlags() {
    return this.info(6);
  }
  /**
   * Runs predict(u_k) + update(z_k, u_k) for every measurement in one core call; returns the
   * selected fields per step. zs: N x m (rows or flat), us: N x nu or omitted.
   */
  run(zs, fields, us) {
    const zf = zs instanceof Float64Array ? zs : Float64Array.from(zs.flat());
    const steps = zf.length / this.m;
    if (!Number.isInteger(steps))
      throw new Error(`run: ${zf.length} measurement values are not a multiple of m = ${this.m}`);
    let mask = 0;
    for (const f of fields)
      mask |= OUT[f];
    const inputs = [zf];
    if (us !== void 0 && this.nu > 0)
      inputs.push(us instanceof Float64Array ? us : Float64Array.from(us.flat()));
    const ptr = this.core.withBuffers(inputs, (pz, pu) => this.fn("ukfRun")(this.handle, pz, pu ?? 0, steps, mask));
    if (ptr === 0)
      this.throwError("ukfRun");
    const data = this.core.take(ptr, "ukfRun");
    const n = this.n, m = this.m;
    const sizes = [
      ["xPrior", n],
      ["PPriorDiag", n],
      ["PPrior", n * n],
      ["xPost", n],
      ["PPostDiag", n],
      ["PPost", n * n],
      ["y", m],
      ["S", m * m],
      ["K", n * m],
      ["flags", 1]
    ];
    const out = [];
    let o = 0;
    for (let k = 0; k < steps; k++) {
      const s = {};
      for (const [name, size] of sizes) {
        if ((mask & OUT[name]) === 0)
          continue;
        if (name === "flags")
          s.flags = data[o];
        else
          s[name] = data.slice(o, o + size);
        o += size;
      }
      out.push(s);
    }
    return out;
  }
  free() {
    if (this.freed)
      return;
    this.core.fn("ukfFree")(this.handle);
    this.freed = true;
  }
  throwError(operation) {
    const code = this.core.exports.coreError();
    const detail = this.core.exports.coreErrorDetail();
    const stage = this.core.fn("ukfInfo")(this.handle, 8);
    if (stage > 0 && (operation === "ukfPredict" || operation === "ukfUpdate" || operation === "ukfRun")) {
      const index = this.core.fn("ukfInfo")(this.handle, 9);
      throw new UkfStepError(code === 0 ? 1 : code, detail, stage, index, operation);
    }
    throw new CoreError(code === 0 ? 1 : code, detail, operation);
  }
};

// dist/ukf/run.js
var rows3 = (a, r, c) => Array.from({ length: r }, (_, i) => Array.from(a.subarray(i * c, (i + 1) * c)));
function runCase(cs, opts = {}, core = Core.default()) {
  const uc = new UkfCore(core);
  const f = uc.create({
    dimX: cs.dimX,
    dimZ: cs.dimZ,
    dimU: cs.dimU,
    points: opts.julier ? "julier" : "merwe",
    alpha: cs.alpha,
    beta: cs.beta,
    kappa: cs.kappa,
    process: cs.process,
    measurement: cs.measurement,
    options: { sqrt: opts.sqrt, strict: opts.strict, symmetrise: opts.symmetrise }
  });
  try {
    f.set("x", cs.x0);
    f.set("P", cs.P0);
    f.set("Q", cs.Q);
    f.set("R", cs.R);
    const n = cs.dimX, m = cs.dimZ;
    const steps = f.run(cs.measurements, ["xPrior", "PPrior", "xPost", "PPost", "y", "S", "K", "flags"], cs.inputs);
    return steps.map((s, k) => {
      const Pp = s.PPrior, Pq = s.PPost;
      return {
        k,
        x_prior: Array.from(s.xPrior),
        P_prior_diag: Array.from({ length: n }, (_, i) => Pp[i * n + i]),
        x_post: Array.from(s.xPost),
        P_post_diag: Array.from({ length: n }, (_, i) => Pq[i * n + i]),
        y: Array.from(s.y),
        S: rows3(s.S, m, m),
        K: rows3(s.K, n, m),
        P_prior: rows3(Pp, n, n),
        P_post: rows3(Pq, n, n),
        repaired: s.flags
      };
    });
  } finally {
    f.free();
  }
}
function compareSteps(ours, ref2) {
  let max = -1, where = "", count = 0;
  const note = (d, what) => {
    count++;
    const v = Number.isNaN(d) ? Infinity : d;
    if (v > max) {
      max = v;
      where = what;
    }
  };
  const N = Math.min(ours.length, ref2.length);
  for (let k = 0; k < N; k++) {
    const a = ours[k], r = ref2[k];
    const s = r.P_post_diag.map((p) => Math.sqrt(Math.abs(p)) || 1);
    const t = r.S.map((row, j) => Math.sqrt(Math.abs(row[j])) || 1);
    const at = (q, idx) => `${q}${idx} at step ${k}`;
    const vec = (q, x, y, scale3) => x.forEach((v, i) => note(Math.abs(v - y[i]) / scale3[i], at(q, `[${i}]`)));
    vec("x_prior", a.x_prior, r.x_prior, s);
    vec("x_post", a.x_post, r.x_post, s);
    vec("P_prior_diag", a.P_prior_diag, r.P_prior_diag, s.map((v) => v * v));
    vec("P_post_diag", a.P_post_diag, r.P_post_diag, s.map((v) => v * v));
    vec("y", a.y, r.y, t);
    const mat = (q, x, y, rs, cs, mul = false) => x.forEach((row, i) => row.forEach((v, j) => {
      const scale3 = mul ? rs[i] / cs[j] : rs[i] * cs[j];
      note(Math.abs(v - y[i][j]) / scale3, at(q, `[${i}][${j}]`));
    }));
    mat("S", a.S, r.S, t, t);
    if (r.K)
      mat("K", a.K, r.K, s, t, true);
    if (r.P_prior)
      mat("P_prior", a.P_prior, r.P_prior, s, s);
    if (r.P_post)
      mat("P_post", a.P_post, r.P_post, s, s);
  }
  return { max, where, count };
}

// dist/cli/ukf-run.js
var CHECK_TOLERANCE = 1e-9;
var fmt = (x) => x === 0 ? "0" : Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(6) : x.toPrecision(7);
function table3(steps) {
  const lines = ["k  x_post (\xB1 posterior std)  y"];
  for (const s of steps) {
    const xs = s.x_post.map((v, i) => `${fmt(v)} \xB1 ${fmt(Math.sqrt(s.P_post_diag[i]))}`).join(", ");
    lines.push(`${s.k}  [${xs}]  [${s.y.map(fmt).join(", ")}]${s.repaired ? `  (repaired: flags ${s.repaired})` : ""}`);
  }
  return lines.join("\n") + "\n";
}
var ukfRunCommand = {
  name: "ukf run",
  summary: "run an unscented Kalman filter case (predict + update per measurement)",
  usage: `Usage: twin ukf run CASE.json [--json] [--check] [--sqrt] [--julier] [--strict] [--symmetrize]

Runs the case's unscented Kalman filter with the wasm core: per step k, predict, then update
with measurements[k]. FilterPy's conventions (Merwe scaled sigma points from the upper Cholesky
factor, sigma points redrawn before the update, P+ = P- - K S K^T). A covariance that loses positive
definiteness is symmetrised, else replaced by the nearest positive definite matrix (Higham 1988),
and the step is reported; a NaN measurement or an unrepairable covariance is an error with the step.

Options:
  --json         print { "steps": [ { k, x_prior, P_prior_diag, x_post, P_post_diag, y, S } ] }
  --check        compare with the case's filterpy_outputs; prints the largest deviation relative
                 to the posterior standard deviation, exit 1 beyond ${CHECK_TOLERANCE}
  --sqrt         square-root UKF (Van der Merwe & Wan 2001: QR and Cholesky rank-1 updates)
  --julier       Julier & Uhlmann (1997) sigma points with the case's kappa (alpha, beta unused)
  --strict       no repair: a covariance that is not positive definite is an error (as FilterPy)
  --symmetrize   P <- (P + P^T)/2 after every update
  -h, --help     show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, {
      json: { type: "boolean" },
      check: { type: "boolean" },
      sqrt: { type: "boolean" },
      julier: { type: "boolean" },
      strict: { type: "boolean" },
      symmetrize: { type: "boolean" },
      help: { type: "boolean", short: "h" }
    }, { min: 1, max: 1, names: "CASE.json" });
    if (helpRequested(values, this, io))
      return 0;
    const check2 = values.check === true;
    const julier = values.julier === true;
    if (check2 && julier)
      throw new UsageError("--check compares with FilterPy's Merwe sigma points: it cannot be combined with --julier");
    const file = positionals[0];
    let text3;
    try {
      text3 = readFileSync23(file, "utf8");
    } catch (e) {
      throw new InputError(`${file}: cannot read: ${e.message}`);
    }
    const cs = parseUkfCase(text3, file);
    const reference = check2 ? readReference(cs, file) : void 0;
    let core;
    try {
      core = Core.default();
    } catch (e) {
      throw new Error(`cannot load the numerical core ${DEFAULT_CORE_PATH}: ${e.message}`, { cause: e });
    }
    const steps = runCase(cs, { sqrt: values.sqrt === true, julier, strict: values.strict === true, symmetrise: values.symmetrize === true }, core);
    for (const s of steps) {
      requireFinite(s.x_post, `step ${s.k}: x_post`);
      requireFinite(s.P_post_diag, `step ${s.k}: P_post_diag`);
    }
    const repaired = steps.filter((s) => s.repaired !== 0).map((s) => s.k);
    if (repaired.length > 0) {
      io.err(`twin ukf run: covariance repaired at ${repaired.length} step(s): ${repaired.slice(0, 20).join(", ")}${repaired.length > 20 ? ", ..." : ""}
`);
    }
    const dev = reference ? compareSteps(steps, reference) : void 0;
    const ok = dev === void 0 || dev.max <= CHECK_TOLERANCE;
    if (values.json === true) {
      const out = {
        steps: steps.map((s) => ({
          k: s.k,
          x_prior: s.x_prior,
          P_prior_diag: s.P_prior_diag,
          x_post: s.x_post,
          P_post_diag: s.P_post_diag,
          y: s.y,
          S: s.S,
          ...s.repaired !== 0 ? { repaired: s.repaired } : {}
        }))
      };
      if (dev)
        out.check = { max_deviation: dev.max, where: dev.where, values: dev.count, tolerance: CHECK_TOLERANCE, ok };
      io.out(stringifyJson(out) + "\n");
    } else {
      io.out(table3(steps));
      if (dev) {
        io.out(`check: largest deviation ${dev.max.toExponential(3)} of the posterior std (${dev.where}; ${dev.count} values), tolerance ${CHECK_TOLERANCE}: ${ok ? "ok" : "FAILED"}
`);
      }
    }
    if (!ok) {
      io.err(`twin ukf run: check failed: deviation ${dev.max.toExponential(3)} > ${CHECK_TOLERANCE} at ${dev.where}
`);
      return EXIT_FAILURE;
    }
    return 0;
  }
};

// dist/spc/types.js
var WE_RULES = ["we1", "we2", "we3", "we4"];
var NELSON_RULES = ["nelson1", "nelson2", "nelson3", "nelson4", "nelson5", "nelson6", "nelson7", "nelson8"];
var ALL_RULES = [...WE_RULES, ...NELSON_RULES];
var SpcNumericalError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "SpcNumericalError";
  }
};
var SpcInputError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "SpcInputError";
  }
};

// dist/spc/phase.js
function resolvePhase1(range, m) {
  if (range === void 0)
    return [1, m];
  const [a, b] = range;
  if (!(Number.isInteger(a) && Number.isInteger(b) && a >= 1 && b >= a))
    throw new SpcInputError(`phase I range ${a}:${b} is not a range of sample numbers`);
  if (b > m)
    throw new SpcInputError(`phase I range ${a}:${b} goes beyond the last sample (${m})`);
  return [a, b];
}
function phase1Mask(m, range) {
  const mask = new Uint8Array(m);
  mask.fill(1, range[0] - 1, range[1]);
  return mask;
}
function runPhases(mask, revise, minIncluded, estimate, build, outOf) {
  const excluded = [];
  for (; ; ) {
    let count = 0;
    for (let i = 0; i < mask.length; i++)
      count += mask[i];
    if (count < minIncluded)
      throw new SpcInputError(`phase I has ${count} usable sample${count === 1 ? "" : "s"}, at least ${minIncluded} needed`);
    const params = estimate(mask);
    const result = build(params);
    if (!revise)
      return { params, result, excluded };
    const drop = outOf(result).filter((s) => mask[s - 1] === 1);
    if (drop.length === 0)
      return { params, result, excluded };
    for (const s of drop) {
      mask[s - 1] = 0;
      excluded.push(s);
    }
  }
}
function newSeries(kind, m, first = 1) {
  const samples = new Int32Array(m);
  for (let i = 0; i < m; i++)
    samples[i] = first + i;
  return {
    kind,
    samples,
    stats: new Float64Array(m),
    center: new Float64Array(m),
    se: new Float64Array(m),
    lcl: new Float64Array(m),
    ucl: new Float64Array(m)
  };
}

// dist/spc/conventions.js
var CONVENTION_PRESETS = {
  qcc: { windowZones: "newest", zoneWidth: "scaled", mixture: "both-sides", startWindows: "full", dispersionCenter: "pooled" },
  minitab: { windowZones: "own", zoneWidth: "sigma", mixture: "either-side", startWindows: "full", dispersionCenter: "per-n" },
  legacy: { windowZones: "own", zoneWidth: "sigma", mixture: "either-side", startWindows: "partial", dispersionCenter: "per-n" }
};
var DEFAULT_CONVENTIONS = CONVENTION_PRESETS.qcc;
function parseConventions(text3) {
  const t = text3.trim().toLowerCase();
  if (t === "qcc" || t === "minitab" || t === "legacy")
    return { ...CONVENTION_PRESETS[t] };
  throw new RangeError(`unknown conventions ${JSON.stringify(text3)} (qcc, minitab or legacy)`);
}
function presetName(c) {
  for (const name of ["qcc", "minitab", "legacy"]) {
    const p = CONVENTION_PRESETS[name];
    if (p.windowZones === c.windowZones && p.zoneWidth === c.zoneWidth && p.mixture === c.mixture && p.startWindows === c.startWindows && p.dispersionCenter === c.dispersionCenter)
      return name;
  }
  return void 0;
}
function zoneMultipliers(c, width) {
  if (c.zoneWidth === "sigma")
    return { one: 1, two: 2 };
  return { one: width * 1 / 3, two: width * 2 / 3 };
}

// dist/spc/rules.js
var RULE_INFO = {
  we1: { short: "WE1", text: "1 point beyond a control limit" },
  we2: { short: "WE2", text: "2 of 3 points beyond 2\u03C3 on the same side" },
  we3: { short: "WE3", text: "4 of 5 points beyond 1\u03C3 on the same side" },
  we4: { short: "WE4", text: "8 points in a row on the same side of the centre" },
  nelson1: { short: "N1", text: "1 point beyond a control limit" },
  nelson2: { short: "N2", text: "9 points in a row on the same side of the centre" },
  nelson3: { short: "N3", text: "6 points in a row steadily increasing or decreasing" },
  nelson4: { short: "N4", text: "14 points in a row alternating up and down" },
  nelson5: { short: "N5", text: "2 of 3 points beyond 2\u03C3 on the same side" },
  nelson6: { short: "N6", text: "4 of 5 points beyond 1\u03C3 on the same side" },
  nelson7: { short: "N7", text: "15 points in a row within 1\u03C3 (stratification)" },
  nelson8: { short: "N8", text: "8 points in a row beyond 1\u03C3 (mixture)" }
};
function parseRuleSelection(text3) {
  const t = text3.trim().toLowerCase();
  if (t === "all")
    return [...ALL_RULES];
  if (t === "nelson")
    return [...NELSON_RULES];
  if (t === "we")
    return [...WE_RULES];
  if (t === "none")
    return [];
  const out = [];
  for (const part of t.split(",")) {
    const name = part.trim();
    if (!ALL_RULES.includes(name)) {
      throw new RangeError(`unknown rule ${JSON.stringify(part.trim())} (all, nelson, we, none or a list of we1..we4, nelson1..nelson8)`);
    }
    if (!out.includes(name))
      out.push(name);
  }
  return ALL_RULES.filter((r) => out.includes(r));
}
function beyondLimits(s) {
  const out = [];
  const { stats, lcl, ucl, samples } = s;
  for (let i = 0; i < stats.length; i++) {
    const x = stats[i];
    if (x > ucl[i] || x < lcl[i])
      out.push(samples[i]);
  }
  return out;
}
function kOfW(s, i, w, k, z, newest, partial) {
  if (!partial && i < w - 1)
    return false;
  const { stats, center, se } = s;
  const x = stats[i];
  const hi = center[i] + z * se[i];
  const lo = center[i] - z * se[i];
  const side = x > hi ? 1 : x < lo ? -1 : 0;
  if (side === 0)
    return false;
  let count = 0;
  for (let j = Math.max(0, i - w + 1); j <= i; j++) {
    const xj = stats[j];
    if (newest) {
      if (side > 0 ? xj > hi : xj < lo)
        count++;
    } else if (side > 0 ? xj > center[j] + z * se[j] : xj < center[j] - z * se[j])
      count++;
  }
  return count >= k;
}
function evaluateRules(s, rules, ctx = { conventions: DEFAULT_CONVENTIONS, width: 3 }) {
  const report = {};
  for (const r of rules)
    report[r] = [];
  if (rules.length === 0)
    return report;
  const on = (r) => report[r];
  const we1 = on("we1"), we2 = on("we2"), we3 = on("we3"), we4 = on("we4");
  const n1 = on("nelson1"), n2 = on("nelson2"), n3 = on("nelson3"), n4 = on("nelson4");
  const n5 = on("nelson5"), n6 = on("nelson6"), n7 = on("nelson7"), n8 = on("nelson8");
  const conv = ctx.conventions;
  const { one, two } = zoneMultipliers(conv, ctx.width);
  const newest = conv.windowZones === "newest";
  const partial = conv.startWindows === "partial";
  const bothSides = conv.mixture === "both-sides";
  const { stats, center, se, lcl, ucl, samples } = s;
  const m = stats.length;
  let sameRun = 0;
  let side = 0;
  let upRun = 0;
  let downRun = 0;
  let altRun = 0;
  let inRun = 0;
  let outRun = 0;
  let lastUp = -Infinity;
  let lastDn = -Infinity;
  for (let i = 0; i < m; i++) {
    const x = stats[i];
    const c = center[i];
    const sample = samples[i];
    const sgn = x > c ? 1 : x < c ? -1 : 0;
    sameRun = sgn !== 0 && sgn === side ? sameRun + 1 : sgn !== 0 ? 1 : 0;
    side = sgn;
    if (i > 0) {
      const d = x - stats[i - 1];
      upRun = d > 0 ? upRun + 1 : 0;
      downRun = d < 0 ? downRun + 1 : 0;
      if (i > 1)
        altRun = d * (stats[i - 1] - stats[i - 2]) < 0 ? altRun + 1 : 0;
    }
    const hi1 = c + one * se[i];
    const lo1 = c - one * se[i];
    const above1 = x > hi1;
    const below1 = x < lo1;
    inRun = x >= lo1 && x <= hi1 ? inRun + 1 : 0;
    outRun = above1 || below1 ? outRun + 1 : 0;
    if (above1)
      lastUp = i;
    if (below1)
      lastDn = i;
    if (x > ucl[i] || x < lcl[i]) {
      we1?.push(sample);
      n1?.push(sample);
    }
    if ((we2 || n5) && kOfW(s, i, 3, 2, two, newest, partial)) {
      we2?.push(sample);
      n5?.push(sample);
    }
    if ((we3 || n6) && kOfW(s, i, 5, 4, one, newest, partial)) {
      we3?.push(sample);
      n6?.push(sample);
    }
    if (sameRun >= 8)
      we4?.push(sample);
    if (sameRun >= 9)
      n2?.push(sample);
    if (upRun >= 5 || downRun >= 5)
      n3?.push(sample);
    if (altRun >= 12)
      n4?.push(sample);
    if (inRun >= 15)
      n7?.push(sample);
    if (outRun >= 8 && (!bothSides || i - lastUp < 8 && i - lastDn < 8))
      n8?.push(sample);
  }
  return report;
}

// dist/spc/attributes.js
function validate(d, kind) {
  for (let i = 0; i < d.n.length; i++) {
    const n = d.n[i];
    const c = d.counts[i];
    if (!(n > 0) || !Number.isFinite(n))
      throw new SpcInputError(`sample ${i + 1}: sample size ${n} is not positive`);
    if (!(c >= 0) || !Number.isFinite(c))
      throw new SpcInputError(`sample ${i + 1}: count ${c} is negative`);
    if ((kind === "p" || kind === "np") && c > n)
      throw new SpcInputError(`sample ${i + 1}: ${c} defectives in a sample of ${n}`);
  }
}
function attributeCenter(d, mask, kind) {
  let sc = 0;
  let sn = 0;
  let count = 0;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === 1) {
      sc += d.counts[i];
      sn += d.n[i];
      count++;
    }
  }
  return kind === "c" ? sc / count : sc / sn;
}
function attributeStat(kind, n, count) {
  return kind === "p" || kind === "u" ? count / n : count;
}
function attributeLimits(kind, center, n, L) {
  switch (kind) {
    case "p": {
      const se = Math.sqrt(center * (1 - center) / n);
      return { c: center, se, lcl: Math.max(0, center - L * se), ucl: Math.min(1, center + L * se) };
    }
    case "np": {
      const c = n * center;
      const se = Math.sqrt(c * (1 - center));
      return { c, se, lcl: Math.max(0, c - L * se), ucl: Math.min(n, c + L * se) };
    }
    case "c": {
      const se = Math.sqrt(center);
      return { c: center, se, lcl: Math.max(0, center - L * se), ucl: center + L * se };
    }
    case "u": {
      const se = Math.sqrt(center / n);
      return { c: center, se, lcl: Math.max(0, center - L * se), ucl: center + L * se };
    }
  }
}
function attributeChart(d, kind, opts) {
  const m = d.n.length;
  if (m === 0)
    throw new SpcInputError("no samples");
  validate(d, kind);
  if (opts.center !== void 0) {
    const c = opts.center;
    if ((kind === "p" || kind === "np") && !(c >= 0 && c <= 1))
      throw new SpcInputError(`--center ${c}: a standard fraction defective lies in [0, 1]`);
    if (!(c >= 0))
      throw new SpcInputError(`--center ${c}: must be >= 0`);
  }
  const L = opts.width;
  const range = resolvePhase1(opts.phase1, m);
  const estimate = (mask) => ({
    center: opts.center ?? attributeCenter(d, mask, kind),
    sigma: NaN,
    centerKnown: opts.center !== void 0,
    sigmaKnown: false
  });
  const build = (params) => {
    const s = newSeries(kind, m);
    for (let i = 0; i < m; i++) {
      const n = d.n[i];
      const lim = attributeLimits(kind, params.center, n, L);
      s.stats[i] = attributeStat(kind, n, d.counts[i]);
      s.center[i] = lim.c;
      s.se[i] = lim.se;
      s.lcl[i] = lim.lcl;
      s.ucl[i] = lim.ucl;
    }
    return s;
  };
  const phased = runPhases(phase1Mask(m, range), opts.revise && opts.center === void 0, 1, estimate, build, beyondLimits);
  const primary = phased.result;
  return {
    chart: kind,
    ...d.labels ? { labels: d.labels } : {},
    sizes: d.n,
    width: L,
    params: phased.params,
    phase1: range,
    excluded: phased.excluded,
    primary,
    beyond: beyondLimits(primary),
    secondaryBeyond: [],
    rules: evaluateRules(primary, opts.rules, { conventions: opts.conventions, width: L }),
    secondaryRules: {},
    conventions: opts.conventions
  };
}

// dist/spc/data.js
function equalSubgroups(values, n, labels) {
  const m = Math.floor(values.length / n);
  const offsets = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++)
    offsets[i] = i * n;
  const v = values.length === m * n ? values : values.subarray(0, m * n);
  return labels ? { labels, offsets, values: v } : { offsets, values: v };
}
function subgroupCount(d) {
  return d.offsets.length - 1;
}
function subgroupStats(d, withSd = true) {
  const m = subgroupCount(d);
  const { offsets, values } = d;
  const sizes = new Float64Array(m);
  const means = new Float64Array(m);
  const ranges = new Float64Array(m);
  const sds = new Float64Array(m);
  let equal = m > 0 ? offsets[1] - offsets[0] : 0;
  for (let i = 0; i < m; i++) {
    const a = offsets[i];
    const b = offsets[i + 1];
    const n = b - a;
    if (n !== equal)
      equal = 0;
    let sum = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = a; j < b; j++) {
      const x = values[j];
      sum += x;
      if (x < lo)
        lo = x;
      if (x > hi)
        hi = x;
    }
    const mean = sum / n;
    sizes[i] = n;
    means[i] = mean;
    ranges[i] = hi - lo;
    if (!withSd || n < 2) {
      sds[i] = NaN;
      continue;
    }
    let ss = 0;
    for (let j = a; j < b; j++) {
      const e = values[j] - mean;
      ss += e * e;
    }
    sds[i] = Math.sqrt(ss / (n - 1));
  }
  return { sizes, means, ranges, sds, equalSize: equal };
}

// dist/spc/special.js
var LANCZOS = [
  57.15623566586292,
  -59.59796035547549,
  14.136097974741746,
  -0.4919138160976202,
  3399464998481189e-20,
  4652362892704858e-20,
  -9837447530487956e-20,
  1580887032249125e-19,
  -21026444172410488e-20,
  21743961811521265e-20,
  -1643181065367639e-19,
  8441822398385275e-20,
  -26190838401581408e-21,
  36899182659531625e-22
];
function lnGamma(x) {
  if (!(x > 0))
    throw new SpcNumericalError(`lnGamma: argument ${x} is not > 0`);
  let y = x;
  let tmp = x + 5.2421875;
  tmp = (x + 0.5) * Math.log(tmp) - tmp;
  let ser = 0.9999999999999971;
  for (let j = 0; j < 14; j++)
    ser += LANCZOS[j] / ++y;
  return tmp + Math.log(2.5066282746310007 * ser / x);
}
var EPS = 2220446049250313e-31;
var FPMIN = Number.MIN_VALUE / EPS;
function maxTerms(a) {
  return 200 + Math.ceil(20 * Math.sqrt(a));
}
function gser(a, x, gln) {
  let ap = a;
  let del = 1 / a;
  let sum = del;
  const limit = maxTerms(a);
  for (let i = 0; i < limit; i++) {
    ++ap;
    del *= x / ap;
    sum += del;
    if (Math.abs(del) < Math.abs(sum) * EPS)
      return sum * Math.exp(-x + a * Math.log(x) - gln);
  }
  throw new SpcNumericalError(`incomplete gamma series did not converge (a = ${a}, x = ${x})`);
}
function gcf(a, x, gln) {
  let b = x + 1 - a;
  let c = 1 / FPMIN;
  let d = 1 / b;
  let h = d;
  const limit = maxTerms(a);
  for (let i = 1; i <= limit; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < FPMIN)
      d = FPMIN;
    c = b + an / c;
    if (Math.abs(c) < FPMIN)
      c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) <= EPS)
      return Math.exp(-x + a * Math.log(x) - gln) * h;
  }
  throw new SpcNumericalError(`incomplete gamma continued fraction did not converge (a = ${a}, x = ${x})`);
}
function gammaP(a, x) {
  if (!(a > 0) || !(x >= 0))
    throw new SpcNumericalError(`gammaP: bad arguments a = ${a}, x = ${x}`);
  if (x === 0)
    return 0;
  const gln = lnGamma(a);
  return x < a + 1 ? gser(a, x, gln) : 1 - gcf(a, x, gln);
}
function gammaQ(a, x) {
  if (!(a > 0) || !(x >= 0))
    throw new SpcNumericalError(`gammaQ: bad arguments a = ${a}, x = ${x}`);
  if (x === 0)
    return 1;
  const gln = lnGamma(a);
  return x < a + 1 ? 1 - gser(a, x, gln) : gcf(a, x, gln);
}
function invGammaP(p, a) {
  if (!(a > 0))
    throw new SpcNumericalError(`invGammaP: a = ${a} is not > 0`);
  if (!(p > 0 && p < 1))
    throw new SpcNumericalError(`invGammaP: probability ${p} not in (0, 1)`);
  const gln = lnGamma(a);
  const a1 = a - 1;
  let lna1 = 0;
  let afac = 0;
  let x;
  if (a > 1) {
    lna1 = Math.log(a1);
    afac = Math.exp(a1 * (lna1 - 1) - gln);
    const pp = p < 0.5 ? p : 1 - p;
    const t = Math.sqrt(-2 * Math.log(pp));
    let z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
    if (p < 0.5)
      z = -z;
    x = Math.max(1e-3, a * Math.pow(1 - 1 / (9 * a) - z / (3 * Math.sqrt(a)), 3));
  } else {
    const t = 1 - a * (0.253 + a * 0.12);
    x = p < t ? Math.pow(p / t, 1 / a) : 1 - Math.log(1 - (p - t) / (1 - t));
  }
  for (let j = 0; j < 100; j++) {
    if (x <= 0)
      return 0;
    const err = gammaP(a, x) - p;
    const dens = a > 1 ? afac * Math.exp(-(x - a1) + a1 * (Math.log(x) - lna1)) : Math.exp(-x + a1 * Math.log(x) - gln);
    const u = err / dens;
    const step = u / (1 - 0.5 * Math.min(1, u * ((a - 1) / x - 1)));
    x -= step;
    if (x <= 0)
      x = 0.5 * (x + step);
    if (Math.abs(step) < 1e-12 * x)
      return x;
  }
  throw new SpcNumericalError(`inverse incomplete gamma did not converge (p = ${p}, a = ${a})`);
}
function chiSquareQuantile(p, df) {
  if (!(df > 0))
    throw new SpcNumericalError(`chi-square: ${df} degrees of freedom`);
  return 2 * invGammaP(p, df / 2);
}
function normalQuantile(p) {
  if (!(p > 0 && p < 1))
    throw new SpcNumericalError(`normalQuantile: probability ${p} not in (0, 1)`);
  if (p === 0.5)
    return 0;
  const pp = p < 0.5 ? p : 1 - p;
  const t = Math.sqrt(-2 * Math.log(pp));
  let z = -(t - (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)));
  for (let j = 0; j < 50; j++) {
    const f = 0.5 * gammaQ(0.5, 0.5 * z * z) - pp;
    const dens = Math.exp(-0.5 * z * z) / 2.5066282746310002;
    const u = f / dens;
    const step = u / (1 + 0.5 * z * u);
    z -= step;
    if (z > 0)
      z = 0;
    if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(z)))
      break;
  }
  return p < 0.5 ? z : -z;
}

// dist/spc/constants.js
var TABLE2 = [
  [2, 2.121, 1.88, 2.659, 0.7979, 0, 3.267, 0, 2.606, 1.128, 0.853, 0, 3.686, 0, 3.267],
  [3, 1.732, 1.023, 1.954, 0.8862, 0, 2.568, 0, 2.276, 1.693, 0.888, 0, 4.358, 0, 2.574],
  [4, 1.5, 0.729, 1.628, 0.9213, 0, 2.266, 0, 2.088, 2.059, 0.88, 0, 4.698, 0, 2.282],
  [5, 1.342, 0.577, 1.427, 0.94, 0, 2.089, 0, 1.964, 2.326, 0.864, 0, 4.918, 0, 2.114],
  [6, 1.225, 0.483, 1.287, 0.9515, 0.03, 1.97, 0.029, 1.874, 2.534, 0.848, 0, 5.078, 0, 2.004],
  [7, 1.134, 0.419, 1.182, 0.9594, 0.118, 1.882, 0.113, 1.806, 2.704, 0.833, 0.204, 5.204, 0.076, 1.924],
  [8, 1.061, 0.373, 1.099, 0.965, 0.185, 1.815, 0.179, 1.751, 2.847, 0.82, 0.388, 5.306, 0.136, 1.864],
  [9, 1, 0.337, 1.032, 0.9693, 0.239, 1.761, 0.232, 1.707, 2.97, 0.808, 0.547, 5.393, 0.184, 1.816],
  [10, 0.949, 0.308, 0.975, 0.9727, 0.284, 1.716, 0.276, 1.669, 3.078, 0.797, 0.687, 5.469, 0.223, 1.777],
  [11, 0.905, 0.285, 0.927, 0.9754, 0.321, 1.679, 0.313, 1.637, 3.173, 0.787, 0.811, 5.535, 0.256, 1.744],
  [12, 0.866, 0.266, 0.886, 0.9776, 0.354, 1.646, 0.346, 1.61, 3.258, 0.778, 0.922, 5.594, 0.283, 1.717],
  [13, 0.832, 0.249, 0.85, 0.9794, 0.382, 1.618, 0.374, 1.585, 3.336, 0.77, 1.025, 5.647, 0.307, 1.693],
  [14, 0.802, 0.235, 0.817, 0.981, 0.406, 1.594, 0.399, 1.563, 3.407, 0.763, 1.118, 5.696, 0.328, 1.672],
  [15, 0.775, 0.223, 0.789, 0.9823, 0.428, 1.572, 0.421, 1.544, 3.472, 0.756, 1.203, 5.741, 0.347, 1.653],
  [16, 0.75, 0.212, 0.763, 0.9835, 0.448, 1.552, 0.44, 1.526, 3.532, 0.75, 1.282, 5.782, 0.363, 1.637],
  [17, 0.728, 0.203, 0.739, 0.9845, 0.466, 1.534, 0.458, 1.511, 3.588, 0.744, 1.356, 5.82, 0.378, 1.622],
  [18, 0.707, 0.194, 0.718, 0.9854, 0.482, 1.518, 0.475, 1.496, 3.64, 0.739, 1.424, 5.856, 0.391, 1.608],
  [19, 0.688, 0.187, 0.698, 0.9862, 0.497, 1.503, 0.49, 1.483, 3.689, 0.734, 1.487, 5.891, 0.403, 1.597],
  [20, 0.671, 0.18, 0.68, 0.9869, 0.51, 1.49, 0.504, 1.47, 3.735, 0.729, 1.549, 5.921, 0.415, 1.585],
  [21, 0.655, 0.173, 0.663, 0.9876, 0.523, 1.477, 0.516, 1.459, 3.778, 0.724, 1.605, 5.951, 0.425, 1.575],
  [22, 0.64, 0.167, 0.647, 0.9882, 0.534, 1.466, 0.528, 1.448, 3.819, 0.72, 1.659, 5.979, 0.434, 1.566],
  [23, 0.626, 0.162, 0.633, 0.9887, 0.545, 1.455, 0.539, 1.438, 3.858, 0.716, 1.71, 6.006, 0.443, 1.557],
  [24, 0.612, 0.157, 0.619, 0.9892, 0.555, 1.445, 0.549, 1.429, 3.895, 0.712, 1.759, 6.031, 0.451, 1.548],
  [25, 0.6, 0.153, 0.606, 0.9896, 0.565, 1.435, 0.559, 1.42, 3.931, 0.708, 1.806, 6.056, 0.459, 1.541]
];
var MIN_TABLE_N = 2;
var MAX_TABLE_N = 25;
var FACTORS = TABLE2.map((r) => ({
  n: r[0],
  A: r[1],
  A2: r[2],
  A3: r[3],
  c4: r[4],
  B3: r[5],
  B4: r[6],
  B5: r[7],
  B6: r[8],
  d2: r[9],
  d3: r[10],
  D1: r[11],
  D2: r[12],
  D3: r[13],
  D4: r[14]
}));
function factors(n) {
  if (!Number.isInteger(n) || n < MIN_TABLE_N || n > MAX_TABLE_N) {
    throw new SpcInputError(`subgroup size ${n}: range-based factors are tabulated for n = ${MIN_TABLE_N}..${MAX_TABLE_N}`);
  }
  return FACTORS[n - MIN_TABLE_N];
}
function c4(n) {
  if (n <= MAX_TABLE_N)
    return factors(n).c4;
  return Math.sqrt(2 / (n - 1)) * Math.exp(lnGamma(n / 2) - lnGamma((n - 1) / 2));
}
function rFactors(n, width) {
  const f = factors(n);
  if (width === 3)
    return { bias: f.d2, spread: f.d3, lowerOfCenter: f.D3, upperOfCenter: f.D4, lowerOfSigma: f.D1, upperOfSigma: f.D2 };
  const r = f.d3 / f.d2;
  return {
    bias: f.d2,
    spread: f.d3,
    lowerOfCenter: Math.max(0, 1 - width * r),
    upperOfCenter: 1 + width * r,
    lowerOfSigma: Math.max(0, f.d2 - width * f.d3),
    upperOfSigma: f.d2 + width * f.d3
  };
}
function sFactors(n, width) {
  const c = c4(n);
  const s = Math.sqrt(1 - c * c);
  if (width === 3 && n <= MAX_TABLE_N) {
    const f = factors(n);
    return { bias: c, spread: s, lowerOfCenter: f.B3, upperOfCenter: f.B4, lowerOfSigma: f.B5, upperOfSigma: f.B6 };
  }
  return {
    bias: c,
    spread: s,
    lowerOfCenter: Math.max(0, 1 - width * s / c),
    upperOfCenter: 1 + width * s / c,
    lowerOfSigma: Math.max(0, c - width * s),
    upperOfSigma: c + width * s
  };
}

// dist/spc/variables.js
function requirePositiveSigma(sigma, what) {
  if (!(sigma > 0) || !Number.isFinite(sigma))
    throw new SpcInputError(`\u03C3 estimate ${sigma} from ${what} is not positive: the data show no variation`);
}
function pooledDispersion(st, mask, kind) {
  const disp = kind === "r" ? st.ranges : st.sds;
  let sw = 0;
  let s = 0;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === 1) {
      const n = st.sizes[i];
      sw += n;
      s += n * disp[i];
    }
  }
  return s / sw;
}
function grandMean(st, mask) {
  let sw = 0;
  let s = 0;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === 1) {
      const n = st.sizes[i];
      sw += n;
      s += n * st.means[i];
    }
  }
  return s / sw;
}
var FactorCache = class {
  kind;
  width;
  cache = /* @__PURE__ */ new Map();
  constructor(kind, width) {
    this.kind = kind;
    this.width = width;
  }
  get(n) {
    let f = this.cache.get(n);
    if (f === void 0) {
      f = this.kind === "r" ? rFactors(n, this.width) : sFactors(n, this.width);
      this.cache.set(n, f);
    }
    return f;
  }
};
function withinSigma(st, mask, kind) {
  const disp = kind === "r" ? st.ranges : st.sds;
  const cache = new FactorCache(kind, 3);
  let count = 0;
  let sum = 0;
  if (st.equalSize > 0) {
    for (let i = 0; i < mask.length; i++) {
      if (mask[i] === 1) {
        sum += disp[i];
        count++;
      }
    }
    const bar = sum / count;
    return { sigma: bar / cache.get(st.equalSize).bias, bar };
  }
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === 1) {
      sum += disp[i] / cache.get(st.sizes[i]).bias;
      count++;
    }
  }
  return { sigma: sum / count, bar: NaN };
}
function checkSizes(st, kind) {
  for (let i = 0; i < st.sizes.length; i++) {
    const n = st.sizes[i];
    if (n < 2)
      throw new SpcInputError(`sample ${i + 1}: subgroup of ${n}: X-bar charts need n \u2265 2`);
    if (kind === "r" && n > 25)
      throw new SpcInputError(`sample ${i + 1}: subgroup of ${n}: R charts are tabulated to n = 25 (use xbar-s)`);
  }
}
function xbarChart(data, kind, opts) {
  const m = subgroupCount(data);
  if (m === 0)
    throw new SpcInputError("no samples");
  const st = subgroupStats(data, kind === "s");
  checkSizes(st, kind);
  const L = opts.width;
  const range = resolvePhase1(opts.phase1, m);
  const known = opts.center !== void 0 && opts.stddev !== void 0;
  const cache = new FactorCache(kind, L);
  const pooled = opts.conventions.dispersionCenter === "pooled";
  const estimate = (mask) => {
    const center = opts.center ?? grandMean(st, mask);
    let sigma = opts.stddev ?? NaN;
    let bar = NaN;
    let pooledCenter = NaN;
    if (opts.stddev === void 0) {
      ({ sigma, bar } = withinSigma(st, mask, kind));
      requirePositiveSigma(sigma, kind === "r" ? "the subgroup ranges" : "the subgroup standard deviations");
      if (st.equalSize === 0 && pooled)
        pooledCenter = pooledDispersion(st, mask, kind);
    }
    return { params: { center, sigma, centerKnown: opts.center !== void 0, sigmaKnown: opts.stddev !== void 0 }, bar, pooledCenter };
  };
  const build = ({ params, bar, pooledCenter }) => {
    const primary2 = newSeries("xbar", m);
    const secondary2 = newSeries(kind, m);
    const { center: mu, sigma } = params;
    const disp = kind === "r" ? st.ranges : st.sds;
    primary2.stats.set(st.means);
    secondary2.stats.set(disp);
    let se = 0, dc = 0, dl = 0, du = 0, dse = 0;
    const limitsFor = (n) => {
      se = sigma / Math.sqrt(n);
      const f = cache.get(n);
      dse = f.spread * sigma;
      if (params.sigmaKnown) {
        dc = f.bias * sigma;
        dl = f.lowerOfSigma * sigma;
        du = f.upperOfSigma * sigma;
      } else if (!Number.isNaN(pooledCenter)) {
        dc = pooledCenter;
        dl = Math.max(0, dc - L * dse);
        du = dc + L * dse;
      } else {
        dc = st.equalSize > 0 ? bar : f.bias * sigma;
        dl = f.lowerOfCenter * dc;
        du = f.upperOfCenter * dc;
      }
    };
    if (st.equalSize > 0) {
      limitsFor(st.equalSize);
      primary2.center.fill(mu);
      primary2.se.fill(se);
      primary2.lcl.fill(mu - L * se);
      primary2.ucl.fill(mu + L * se);
      secondary2.center.fill(dc);
      secondary2.se.fill(dse);
      secondary2.lcl.fill(dl);
      secondary2.ucl.fill(du);
      return { primary: primary2, secondary: secondary2 };
    }
    let lastN = -1;
    for (let i = 0; i < m; i++) {
      const n = st.sizes[i];
      if (n !== lastN) {
        lastN = n;
        limitsFor(n);
      }
      primary2.center[i] = mu;
      primary2.se[i] = se;
      primary2.lcl[i] = mu - L * se;
      primary2.ucl[i] = mu + L * se;
      secondary2.center[i] = dc;
      secondary2.se[i] = dse;
      secondary2.lcl[i] = dl;
      secondary2.ucl[i] = du;
    }
    return { primary: primary2, secondary: secondary2 };
  };
  const phased = runPhases(phase1Mask(m, range), opts.revise && !known, 1, estimate, build, (r) => [
    .../* @__PURE__ */ new Set([...beyondLimits(r.primary), ...beyondLimits(r.secondary)])
  ].sort((a, b) => a - b));
  const { primary, secondary } = phased.result;
  const ctx = { conventions: opts.conventions, width: L };
  return {
    chart: kind === "r" ? "xbar-r" : "xbar-s",
    ...data.labels ? { labels: data.labels } : {},
    sizes: st.sizes,
    width: L,
    params: phased.params.params,
    phase1: range,
    excluded: phased.excluded,
    primary,
    secondary,
    beyond: beyondLimits(primary),
    secondaryBeyond: beyondLimits(secondary),
    rules: evaluateRules(primary, opts.rules, ctx),
    secondaryRules: evaluateRules(secondary, opts.rules, ctx),
    conventions: opts.conventions
  };
}
function movingRanges(x) {
  const mr = new Float64Array(Math.max(0, x.length - 1));
  for (let i = 1; i < x.length; i++)
    mr[i - 1] = Math.abs(x[i] - x[i - 1]);
  return mr;
}
function individualsSigma(x, mask, method) {
  if (method === "mr") {
    let sum2 = 0;
    let count2 = 0;
    for (let i = 1; i < x.length; i++) {
      if (mask[i] === 1 && mask[i - 1] === 1) {
        sum2 += Math.abs(x[i] - x[i - 1]);
        count2++;
      }
    }
    if (count2 === 0)
      throw new SpcInputError("no two consecutive phase-I values: cannot form a moving range");
    const bar = sum2 / count2;
    return { sigma: bar / rFactors(2, 3).bias, bar };
  }
  let count = 0;
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    if (mask[i] === 1) {
      sum += x[i];
      count++;
    }
  }
  if (count < 2)
    throw new SpcInputError("at least 2 phase-I values are needed for a standard deviation");
  const mean = sum / count;
  let ss = 0;
  for (let i = 0; i < x.length; i++) {
    if (mask[i] === 1) {
      const e = x[i] - mean;
      ss += e * e;
    }
  }
  return { sigma: Math.sqrt(ss / (count - 1)) / c4(count), bar: NaN };
}
function maskedMean(x, mask) {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < x.length; i++) {
    if (mask[i] === 1) {
      sum += x[i];
      count++;
    }
  }
  return sum / count;
}
function imrChart(data, opts) {
  const m = subgroupCount(data);
  for (let i = 0; i < m; i++) {
    if (data.offsets[i + 1] - data.offsets[i] !== 1)
      throw new SpcInputError(`sample ${i + 1}: an I-MR chart takes one value per sample`);
  }
  if (m < 2)
    throw new SpcInputError(`${m} value${m === 1 ? "" : "s"}: an I-MR chart needs at least 2`);
  const x = data.values;
  const L = opts.width;
  const range = resolvePhase1(opts.phase1, m);
  const known = opts.center !== void 0 && opts.stddev !== void 0;
  const mrF = rFactors(2, L);
  const estimate = (mask) => {
    const center = opts.center ?? maskedMean(x, mask);
    let sigma = opts.stddev ?? NaN;
    let bar = NaN;
    if (opts.stddev === void 0) {
      ({ sigma, bar } = individualsSigma(x, mask, opts.sigmaMethod));
      requirePositiveSigma(sigma, opts.sigmaMethod === "mr" ? "the moving ranges" : "the standard deviation");
    }
    return { params: { center, sigma, centerKnown: opts.center !== void 0, sigmaKnown: opts.stddev !== void 0 }, bar };
  };
  const mr = movingRanges(x);
  const build = ({ params, bar }) => {
    const { center: mu, sigma } = params;
    const primary2 = newSeries("i", m);
    primary2.stats.set(x);
    primary2.center.fill(mu);
    primary2.se.fill(sigma);
    primary2.lcl.fill(mu - L * sigma);
    primary2.ucl.fill(mu + L * sigma);
    const secondary2 = newSeries("mr", m - 1, 2);
    secondary2.stats.set(mr);
    const centre = params.sigmaKnown ? mrF.bias * sigma : Number.isNaN(bar) ? mrF.bias * sigma : bar;
    secondary2.center.fill(centre);
    secondary2.se.fill(mrF.spread * sigma);
    secondary2.lcl.fill(params.sigmaKnown ? mrF.lowerOfSigma * sigma : mrF.lowerOfCenter * centre);
    secondary2.ucl.fill(params.sigmaKnown ? mrF.upperOfSigma * sigma : mrF.upperOfCenter * centre);
    return { primary: primary2, secondary: secondary2 };
  };
  const phased = runPhases(phase1Mask(m, range), opts.revise && !known, 2, estimate, build, (r) => [
    .../* @__PURE__ */ new Set([...beyondLimits(r.primary), ...beyondLimits(r.secondary)])
  ].sort((a, b) => a - b));
  const { primary, secondary } = phased.result;
  const ctx = { conventions: opts.conventions, width: L };
  return {
    chart: "imr",
    ...data.labels ? { labels: data.labels } : {},
    sizes: new Float64Array(m).fill(1),
    width: L,
    params: phased.params.params,
    phase1: range,
    excluded: phased.excluded,
    primary,
    secondary,
    beyond: beyondLimits(primary),
    secondaryBeyond: beyondLimits(secondary),
    rules: evaluateRules(primary, opts.rules, ctx),
    // the MR chart as qcc would chart it: an R chart of the pairs (x_(i−1), x_i) with the same rules
    secondaryRules: evaluateRules(secondary, opts.rules, ctx),
    conventions: opts.conventions
  };
}

// dist/spc/monitored.js
function monitoredValues(data) {
  const m = subgroupCount(data);
  if (m === 0)
    throw new SpcInputError("no samples");
  let single = m === data.values.length;
  for (let i = 0; single && i < m; i++)
    single = data.offsets[i + 1] - data.offsets[i] === 1;
  if (single)
    return { values: data.values, sizes: new Float64Array(m).fill(1), individual: true };
  const st = subgroupStats(data);
  for (let i = 0; i < m; i++) {
    if (st.sizes[i] < 2)
      throw new SpcInputError(`sample ${i + 1}: subgroup of ${st.sizes[i]}: give one value per sample or subgroups of n \u2265 2`);
    if (st.sizes[i] > 25)
      throw new SpcInputError(`sample ${i + 1}: subgroup of ${st.sizes[i]}: \u03C3 from R-bar/d2 is tabulated to n = 25`);
  }
  return { values: st.means, sizes: st.sizes, individual: false, stats: st };
}
function estimateMonitored(mon, mask, opts) {
  const center = opts.center ?? (mon.stats === void 0 ? maskedMean(mon.values, mask) : grandMean(mon.stats, mask));
  let sigma = opts.stddev ?? NaN;
  if (opts.stddev === void 0) {
    sigma = mon.stats === void 0 ? individualsSigma(mon.values, mask, opts.sigmaMethod).sigma : withinSigma(mon.stats, mask, "r").sigma;
    if (!(sigma > 0) || !Number.isFinite(sigma))
      throw new SpcInputError(`\u03C3 estimate ${sigma} is not positive: the data show no variation`);
  }
  return { center, sigma, centerKnown: opts.center !== void 0, sigmaKnown: opts.stddev !== void 0 };
}

// dist/spc/cusum.js
function checkCusum(k, h, headStart) {
  if (!(k >= 0) || !Number.isFinite(k))
    throw new SpcInputError(`k = ${k}: must be >= 0`);
  if (!(h > 0) || !Number.isFinite(h))
    throw new SpcInputError(`h = ${h}: must be > 0`);
  if (!(headStart >= 0 && headStart < h))
    throw new SpcInputError(`head start ${headStart}: must lie in [0, h)`);
}
function cusumInto(x, sizes, mu, sigma, k, h, headStart, up, lo) {
  let cp = headStart;
  let cm = headStart;
  for (let i = 0; i < x.length; i++) {
    const n = sizes === null ? 1 : sizes[i];
    const z = (x[i] - mu) / (sigma / Math.sqrt(n));
    cp = Math.max(0, cp + z - k);
    cm = Math.max(0, cm - z - k);
    up.stats[i] = cp;
    lo.stats[i] = cm;
  }
  for (const s of [up, lo]) {
    s.center.fill(0);
    s.se.fill(1);
    s.lcl.fill(0);
    s.ucl.fill(h);
  }
}
function cusumChart(data, opts) {
  checkCusum(opts.k, opts.h, opts.headStart);
  const mon = monitoredValues(data);
  const m = mon.values.length;
  const range = resolvePhase1(opts.phase1, m);
  const known = opts.center !== void 0 && opts.stddev !== void 0;
  const build = (p) => {
    const up2 = newSeries("cusum-upper", m);
    const lo2 = newSeries("cusum-lower", m);
    cusumInto(mon.values, mon.individual ? null : mon.sizes, p.center, p.sigma, opts.k, opts.h, opts.headStart, up2, lo2);
    return { up: up2, lo: lo2 };
  };
  const union = (r) => [.../* @__PURE__ */ new Set([...beyondLimits(r.up), ...beyondLimits(r.lo)])].sort((a, b) => a - b);
  const phased = runPhases(phase1Mask(m, range), opts.revise && !known, mon.individual ? 2 : 1, (mask) => estimateMonitored(mon, mask, opts), build, union);
  const { up, lo } = phased.result;
  return {
    chart: "cusum",
    ...data.labels ? { labels: data.labels } : {},
    sizes: mon.sizes,
    width: opts.width,
    params: phased.params,
    phase1: range,
    excluded: phased.excluded,
    primary: up,
    secondary: lo,
    beyond: union(phased.result),
    secondaryBeyond: beyondLimits(lo),
    rules: {},
    secondaryRules: {},
    conventions: opts.conventions,
    cusum: { k: opts.k, h: opts.h, headStart: opts.headStart, upper: up.stats, lower: lo.stats, signalsUpper: beyondLimits(up), signalsLower: beyondLimits(lo) },
    values: mon.values
  };
}

// dist/spc/ewma.js
function nextWeight(q, r2) {
  return q < 1e-17 ? 0 : q * r2;
}
function checkLambda(lambda) {
  if (!(lambda > 0 && lambda <= 1))
    throw new SpcInputError(`\u03BB = ${lambda}: the EWMA weight lies in (0, 1]`);
}
function ewmaInto(x, sizes, mu, sigma, lambda, L, asymptotic, out) {
  const m = x.length;
  const keep = 1 - lambda;
  const r2 = keep * keep;
  const f = lambda / (2 - lambda);
  const { stats, center, se, lcl, ucl } = out;
  let z = mu;
  let q = 1;
  center.fill(mu);
  for (let i = 0; i < m; i++) {
    q = nextWeight(q, r2);
    z = lambda * x[i] + keep * z;
    const n = sizes === null ? 1 : sizes[i];
    const s = sigma * Math.sqrt((asymptotic ? f : f * (1 - q)) / n);
    stats[i] = z;
    se[i] = s;
    lcl[i] = mu - L * s;
    ucl[i] = mu + L * s;
  }
}
function ewmaChart(data, opts) {
  checkLambda(opts.lambda);
  const mon = monitoredValues(data);
  const m = mon.values.length;
  const range = resolvePhase1(opts.phase1, m);
  const known = opts.center !== void 0 && opts.stddev !== void 0;
  const build = (p) => {
    const s = newSeries("ewma", m);
    ewmaInto(mon.values, mon.individual ? null : mon.sizes, p.center, p.sigma, opts.lambda, opts.width, opts.asymptotic, s);
    return s;
  };
  const phased = runPhases(phase1Mask(m, range), opts.revise && !known, mon.individual ? 2 : 1, (mask) => estimateMonitored(mon, mask, opts), build, beyondLimits);
  const primary = phased.result;
  return {
    chart: "ewma",
    ...data.labels ? { labels: data.labels } : {},
    sizes: mon.sizes,
    width: opts.width,
    params: phased.params,
    phase1: range,
    excluded: phased.excluded,
    primary,
    beyond: beyondLimits(primary),
    secondaryBeyond: [],
    rules: {},
    secondaryRules: {},
    conventions: opts.conventions,
    ewma: { lambda: opts.lambda, asymptotic: opts.asymptotic },
    values: mon.values
  };
}

// dist/spc/options.js
var DEFAULT_OPTIONS = {
  width: 3,
  sigmaMethod: "mr",
  revise: false,
  lambda: 0.2,
  asymptotic: false,
  k: 0.5,
  h: 5,
  headStart: 0,
  rules: [...ALL_RULES],
  conventions: DEFAULT_CONVENTIONS
};
function withDefaults(o) {
  const out = { ...DEFAULT_OPTIONS, rules: [...DEFAULT_OPTIONS.rules], conventions: { ...DEFAULT_CONVENTIONS } };
  for (const [k, v] of Object.entries(o))
    if (v !== void 0)
      out[k] = v;
  return out;
}

// dist/spc/chart.js
function isCountChart(kind) {
  return kind === "p" || kind === "np" || kind === "c" || kind === "u";
}
function buildChart(kind, input, options2 = {}) {
  const opts = withDefaults(options2);
  if (isCountChart(kind)) {
    if (input.kind !== "counts")
      throw new TypeError(`${kind} chart needs counts`);
    return attributeChart(input.data, kind, opts);
  }
  if (input.kind !== "subgroups")
    throw new TypeError(`${kind} chart needs measurements`);
  switch (kind) {
    case "xbar-r":
      return xbarChart(input.data, "r", opts);
    case "xbar-s":
      return xbarChart(input.data, "s", opts);
    case "imr":
      return imrChart(input.data, opts);
    case "ewma":
      return ewmaChart(input.data, opts);
    case "cusum":
      return cusumChart(input.data, opts);
  }
}

// dist/spc/csv.js
function fail(file, line, message) {
  throw new InputError(`${file}:${line}: ${message}`);
}
function splitLine2(text3, file, line) {
  const cells = [];
  let i = 0;
  for (; ; ) {
    while (text3[i] === " " || text3[i] === "	")
      i++;
    if (text3[i] === '"') {
      let cell2 = "";
      i++;
      for (; ; ) {
        if (i >= text3.length)
          fail(file, line, "unterminated quoted cell");
        if (text3[i] === '"') {
          if (text3[i + 1] === '"') {
            cell2 += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cell2 += text3[i++];
      }
      while (text3[i] === " " || text3[i] === "	")
        i++;
      if (i < text3.length && text3[i] !== ",")
        fail(file, line, "text after a quoted cell");
      cells.push(cell2);
    } else {
      const end = text3.indexOf(",", i);
      cells.push((end < 0 ? text3.slice(i) : text3.slice(i, end)).trim());
      if (end < 0)
        break;
      i = end;
    }
    if (i >= text3.length)
      break;
    i++;
  }
  return cells;
}
function parseCsv(text3, file) {
  const lines = text3.replace(/^\uFEFF/, "").split(/\r?\n/);
  let header;
  let headerLine = 0;
  const rows4 = [];
  lines.forEach((raw, idx) => {
    if (raw.trim() === "")
      return;
    const cells = splitLine2(raw, file, idx + 1);
    if (header === void 0) {
      header = cells;
      headerLine = idx + 1;
    } else
      rows4.push({ line: idx + 1, cells });
  });
  if (header === void 0)
    throw new InputError(`${file}: empty file (a header row is required)`);
  if (rows4.length === 0)
    throw new InputError(`${file}:${headerLine + 1}: no data rows after the header`);
  return { header, headerLine, rows: rows4 };
}
var NUMBER4 = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
function columnName(t, col) {
  const h = t.header[col];
  return h !== void 0 && h !== "" ? `column ${col + 1} (${JSON.stringify(h)})` : `column ${col + 1}`;
}
function num(t, r, col, file) {
  const s = r.cells[col];
  if (s === "")
    fail(file, r.line, `${columnName(t, col)}: empty cell`);
  if (!NUMBER4.test(s))
    fail(file, r.line, `${columnName(t, col)}: not a number: ${JSON.stringify(s)}`);
  const x = Number(s);
  if (!Number.isFinite(x))
    fail(file, r.line, `${columnName(t, col)}: not a finite number: ${s}`);
  return x;
}
function shapeOf(chart) {
  return chart === "xbar-r" || chart === "xbar-s" ? "ragged" : chart === "imr" ? "single" : "auto";
}
function maxSubgroupOf(chart) {
  return chart === "xbar-r" ? MAX_TABLE_N : void 0;
}
function readSubgroups(text3, file, shape, maxSize) {
  const t = parseCsv(text3, file);
  const cols = t.header.length;
  if (cols < 2)
    fail(file, t.headerLine, "expected a label column and at least one value column");
  const kind = shape === "auto" ? cols === 2 ? "single" : "ragged" : shape;
  if (kind === "single" && cols !== 2)
    fail(file, t.headerLine, `expected 2 columns (label, value), found ${cols}`);
  const labels = [];
  const offsets = [0];
  const values = [];
  let expected = -1;
  for (const r of t.rows) {
    if (r.cells.length > cols)
      fail(file, r.line, `${r.cells.length} cells, the header has ${cols}`);
    let end = r.cells.length;
    while (end > 1 && r.cells[end - 1] === "")
      end--;
    const n = end - 1;
    if (n === 0)
      fail(file, r.line, "no values after the label");
    for (let c = 1; c <= n; c++)
      values.push(num(t, r, c, file));
    if (kind === "single" && n !== 1)
      fail(file, r.line, `expected one value, found ${n}`);
    if (kind === "equal" || kind === "ragged") {
      if (n < 2)
        fail(file, r.line, `subgroup of ${n} value: X-bar charts need n \u2265 2`);
      if (maxSize !== void 0 && n > maxSize)
        fail(file, r.line, `subgroup of ${n} values: R chart factors are tabulated to n = ${maxSize} (use xbar-s)`);
      if (kind === "equal") {
        if (expected < 0)
          expected = n;
        else if (n !== expected)
          fail(file, r.line, `ragged subgroup: ${n} values, expected ${expected} like the first row`);
      }
    }
    labels.push(r.cells[0]);
    offsets.push(values.length);
  }
  return { labels, offsets: Int32Array.from(offsets), values: Float64Array.from(values) };
}
function readCounts(text3, file, chart) {
  const t = parseCsv(text3, file);
  const cols = chart === "c" ? 2 : 3;
  const what = chart === "c" ? "label, defects" : chart === "u" ? "label, n, defects" : "label, n, defectives";
  if (t.header.length !== cols)
    fail(file, t.headerLine, `expected ${cols} columns (${what}), found ${t.header.length}`);
  const labels = [];
  const n = [];
  const counts = [];
  for (const r of t.rows) {
    if (r.cells.length !== cols)
      fail(file, r.line, `expected ${cols} cells (${what}), found ${r.cells.length}`);
    const size = chart === "c" ? 1 : num(t, r, 1, file);
    const count = num(t, r, cols - 1, file);
    if (chart !== "c") {
      if (!(size > 0))
        fail(file, r.line, `${columnName(t, 1)}: sample size ${size} must be > 0`);
      if ((chart === "p" || chart === "np") && !Number.isInteger(size))
        fail(file, r.line, `${columnName(t, 1)}: sample size ${size} is not a whole number`);
    }
    if (count < 0)
      fail(file, r.line, `${columnName(t, cols - 1)}: negative count ${count}`);
    if (!Number.isInteger(count))
      fail(file, r.line, `${columnName(t, cols - 1)}: count ${count} is not a whole number`);
    if ((chart === "p" || chart === "np") && count > size)
      fail(file, r.line, `${count} defectives in a sample of ${size}`);
    labels.push(r.cells[0]);
    n.push(size);
    counts.push(count);
  }
  return { labels, n: Float64Array.from(n), counts: Float64Array.from(counts) };
}

// dist/spc/report.js
function compact(a) {
  if (a.length > 0 && a.every((x) => x === a[0]))
    return a[0];
  return Array.from(a);
}
function seriesJson(s, withSamples, rules) {
  const out = {
    chart: s.kind,
    center: compact(s.center),
    lcl: compact(s.lcl),
    ucl: compact(s.ucl),
    stats: s.stats,
    beyond: beyondOf(s)
  };
  if (rules !== void 0)
    out.rules = rules;
  if (withSamples)
    out.samples = s.samples;
  return out;
}
function beyondOf(s) {
  const out = [];
  for (let i = 0; i < s.stats.length; i++)
    if (s.stats[i] > s.ucl[i] || s.stats[i] < s.lcl[i])
      out.push(s.samples[i]);
  return out;
}
function chartJson(c) {
  const base = { chart: c.chart, n: compact(c.sizes) };
  const p = c.primary;
  if (c.chart === "cusum") {
    const k = c.cusum;
    Object.assign(base, {
      center: c.params.center,
      sigma: c.params.sigma,
      k: k.k,
      h: k.h,
      headStart: k.headStart,
      stats: c.values,
      upper: k.upper,
      lower: k.lower,
      signalsUpper: k.signalsUpper,
      signalsLower: k.signalsLower,
      beyond: c.beyond
    });
  } else {
    Object.assign(base, {
      center: compact(p.center),
      lcl: compact(p.lcl),
      ucl: compact(p.ucl),
      stats: p.stats,
      beyond: c.beyond,
      rules: c.rules
    });
    if (c.secondary)
      base.secondary = seriesJson(c.secondary, c.chart === "imr", c.secondaryRules);
    if (!Number.isNaN(c.params.sigma))
      base.sigma = c.params.sigma;
    if (c.ewma)
      Object.assign(base, { lambda: c.ewma.lambda, asymptotic: c.ewma.asymptotic, values: c.values });
  }
  Object.assign(base, {
    width: c.width,
    phase1: c.phase1,
    excluded: c.excluded,
    standards: { center: c.params.centerKnown, sigma: c.params.sigmaKnown },
    conventions: { preset: presetName(c.conventions) ?? "custom", ...c.conventions },
    labels: c.labels ?? Array.from(p.samples, String)
  });
  return base;
}
function fmt2(x) {
  if (!Number.isFinite(x))
    return String(x);
  if (x === 0)
    return "0";
  const a = Math.abs(x);
  if (a >= 1e-4 && a < 1e7)
    return String(Number(x.toPrecision(6)));
  return x.toExponential(5);
}
var TITLES = {
  "xbar-r": "X-bar / R chart",
  "xbar-s": "X-bar / S chart",
  imr: "Individuals / moving range chart",
  p: "p chart (fraction defective)",
  np: "np chart (number defective)",
  c: "c chart (defects)",
  u: "u chart (defects per unit)",
  ewma: "EWMA chart",
  cusum: "Tabular CUSUM chart"
};
function chartTitle(c) {
  return TITLES[c.chart] ?? c.chart;
}
var STAT_NAMES = {
  xbar: "x-bar",
  r: "R",
  s: "S",
  i: "x",
  mr: "MR",
  p: "p",
  np: "np",
  c: "c",
  u: "u",
  ewma: "EWMA",
  "cusum-upper": "C+",
  "cusum-lower": "C-"
};
function limitsLine(name, s) {
  const show2 = (a) => {
    const v = compact(a);
    return typeof v === "number" ? fmt2(v) : `${fmt2(Math.min(...a))}..${fmt2(Math.max(...a))} (varies)`;
  };
  return `${name.padEnd(6)} centre ${show2(s.center)}   LCL ${show2(s.lcl)}   UCL ${show2(s.ucl)}`;
}
function rulesBySample(c, report = c.rules) {
  const map = /* @__PURE__ */ new Map();
  for (const r of ALL_RULES) {
    for (const s of report[r] ?? []) {
      const l = map.get(s);
      if (l)
        l.push(r);
      else
        map.set(s, [r]);
    }
  }
  return map;
}
function formatChart(c, file) {
  const m = c.primary.stats.length;
  const lines = [];
  const p = c.params;
  lines.push(`${chartTitle(c)}: ${file}, ${m} samples, phase I ${c.phase1[0]}-${c.phase1[1]}${c.excluded.length ? `, excluded by revision: ${c.excluded.join(", ")}` : ""}`);
  const sizes = compact(c.sizes);
  const est = (known) => known ? "standard" : "estimated";
  if (c.chart === "p" || c.chart === "np" || c.chart === "c" || c.chart === "u") {
    lines.push(`n ${typeof sizes === "number" ? fmt2(sizes) : "varies"}; ${c.chart === "c" ? "c-bar" : c.chart === "u" ? "u-bar" : "p-bar"} = ${fmt2(p.center)} (${est(p.centerKnown)}); limits \xB1${fmt2(c.width)} standard errors`);
  } else {
    lines.push(`n ${typeof sizes === "number" ? fmt2(sizes) : "varies"}; mean ${fmt2(p.center)} (${est(p.centerKnown)}), sigma ${fmt2(p.sigma)} (${est(p.sigmaKnown)}); limits \xB1${fmt2(c.width)} sigma`);
  }
  if (c.chart === "cusum") {
    const k = c.cusum;
    lines.push(`k = ${fmt2(k.k)}, h = ${fmt2(k.h)}, head start ${fmt2(k.headStart)} (standard errors)`);
  } else {
    lines.push(limitsLine(STAT_NAMES[c.primary.kind] ?? c.primary.kind, c.primary));
    if (c.secondary)
      lines.push(limitsLine(STAT_NAMES[c.secondary.kind] ?? c.secondary.kind, c.secondary));
    if (c.ewma)
      lines.push(`lambda = ${fmt2(c.ewma.lambda)}, ${c.ewma.asymptotic ? "asymptotic" : "exact time-varying"} limits`);
  }
  lines.push("");
  const labels = c.labels ?? Array.from(c.primary.samples, String);
  const lw = Math.max(5, ...labels.map((l) => l.length));
  const sec = c.secondary;
  const secIndex = /* @__PURE__ */ new Map();
  if (sec)
    sec.samples.forEach((s, i) => secIndex.set(s, i));
  const varies = (a) => typeof compact(a) !== "number";
  const showLimits = varies(c.primary.lcl) || varies(c.primary.ucl);
  const head = [
    "sample".padStart(6),
    "label".padEnd(lw),
    (c.chart === "cusum" ? "value" : STAT_NAMES[c.primary.kind] ?? "stat").padStart(11),
    ...c.chart === "cusum" ? ["C+".padStart(9), "C-".padStart(9)] : [],
    ...showLimits ? ["LCL".padStart(11), "UCL".padStart(11)] : [],
    ...sec && c.chart !== "cusum" ? [(STAT_NAMES[sec.kind] ?? sec.kind).padStart(11)] : [],
    "  signals"
  ];
  lines.push(head.join(" "));
  const bySample = rulesBySample(c);
  const secBySample = rulesBySample(c, c.secondaryRules);
  const beyond = new Set(c.beyond);
  const secBeyond = new Set(c.secondaryBeyond);
  for (let i = 0; i < m; i++) {
    const sample = c.primary.samples[i];
    const flags = [];
    if (c.chart === "cusum") {
      if (c.cusum.upper[i] > c.cusum.h)
        flags.push("C+ > h");
      if (c.cusum.lower[i] > c.cusum.h)
        flags.push("C- > h");
    } else if (beyond.has(sample))
      flags.push(c.primary.stats[i] > c.primary.ucl[i] ? "above UCL" : "below LCL");
    if (sec && c.chart !== "cusum" && secBeyond.has(sample))
      flags.push(`${STAT_NAMES[sec.kind]} out`);
    const rules = bySample.get(sample)?.filter((r) => r !== "we1" && r !== "nelson1");
    if (rules && rules.length)
      flags.push(rules.join(" "));
    const secRules = secBySample.get(sample)?.filter((r) => r !== "we1" && r !== "nelson1");
    if (sec && secRules && secRules.length)
      flags.push(`${STAT_NAMES[sec.kind]}: ${secRules.join(" ")}`);
    const row = [
      String(sample).padStart(6),
      labels[i].padEnd(lw),
      fmt2(c.chart === "cusum" ? c.values[i] : c.primary.stats[i]).padStart(11),
      ...c.chart === "cusum" ? [fmt2(c.cusum.upper[i]).padStart(9), fmt2(c.cusum.lower[i]).padStart(9)] : [],
      ...showLimits ? [fmt2(c.primary.lcl[i]).padStart(11), fmt2(c.primary.ucl[i]).padStart(11)] : [],
      ...sec && c.chart !== "cusum" ? [(secIndex.has(sample) ? fmt2(sec.stats[secIndex.get(sample)]) : "").padStart(11)] : [],
      flags.length ? `  ${flags.join("; ")}` : ""
    ];
    lines.push(row.join(" ").trimEnd());
  }
  lines.push("");
  lines.push(`Beyond the limits: ${c.beyond.length ? c.beyond.join(", ") : "none"}${sec && c.chart !== "cusum" ? `; ${STAT_NAMES[sec.kind]} chart: ${c.secondaryBeyond.length ? c.secondaryBeyond.join(", ") : "none"}` : ""}`);
  for (const r of ALL_RULES) {
    const list = c.rules[r];
    if (list && list.length)
      lines.push(`${r.padEnd(8)} ${RULE_INFO[r].text}: ${list.join(", ")}`);
  }
  if (sec && c.chart !== "cusum") {
    const name = STAT_NAMES[sec.kind] ?? sec.kind;
    for (const r of ALL_RULES) {
      const list = c.secondaryRules[r];
      if (list && list.length)
        lines.push(`${name} chart ${r}: ${RULE_INFO[r].text}: ${list.join(", ")}`);
    }
  }
  const checked = ALL_RULES.filter((r) => c.rules[r] !== void 0);
  const quiet = (rep) => checked.every((r) => (rep[r] ?? []).length === 0);
  if (checked.length && quiet(c.rules) && quiet(c.secondaryRules))
    lines.push(`Run rules (${checked.join(", ")}): none fired`);
  if (checked.length)
    lines.push(`Rules evaluated with the ${presetName(c.conventions) ?? "custom"} conventions (see docs/spc.md).`);
  return lines.join("\n") + "\n";
}

// dist/spc/svg.js
var W2 = 1e3;
var LEFT = 78;
var RIGHT = 128;
var PLOT_W = W2 - LEFT - RIGHT;
var COLORS = {
  zoneC: "#e6f2e6",
  zoneB: "#fbf3d5",
  zoneA: "#fae0dd",
  center: "#2e7d32",
  limit: "#c62828",
  line: "#1f4e79",
  lower: "#e07b00",
  flag: "#d62728",
  grid: "#dddddd",
  axis: "#333333",
  text: "#222222",
  muted: "#666666"
};
function esc(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
function c22(v) {
  const s = v.toFixed(2);
  return s === "-0.00" ? "0.00" : s;
}
function niceStep2(span, target) {
  if (!(span > 0))
    return 1;
  const raw = span / target;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}
function short(v) {
  if (v === 0)
    return "0";
  const a = Math.abs(v);
  return a >= 1e-4 && a < 1e7 ? String(Number(v.toPrecision(5))) : v.toExponential(3);
}
function tickText(v, step) {
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const s = v.toFixed(Math.min(decimals, 10));
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}
function ruleCodes(rules) {
  const has2 = new Set(rules);
  const dup = { we1: "nelson1", we2: "nelson5", we3: "nelson6" };
  return rules.filter((r) => !(dup[r] !== void 0 && has2.has(dup[r]))).map((r) => RULE_INFO[r].short);
}
var Svg = class {
  parts = [];
  add(s) {
    this.parts.push(s);
  }
};
function stepPath(samples, y, xOf, half) {
  let d = "";
  for (let i = 0; i < samples.length; i++) {
    const x0 = xOf(samples[i]) - half;
    const x1 = xOf(samples[i]) + half;
    const yy = y(i);
    if (!Number.isFinite(yy))
      continue;
    d += i === 0 || !Number.isFinite(y(i - 1)) ? `M${c22(x0)} ${c22(yy)}` : `V${c22(yy)}`;
    d += `H${c22(x1)}`;
  }
  return d;
}
function bandPath(samples, lo, hi, xOf, half) {
  let top = "";
  let bottom = "";
  for (let i = 0; i < samples.length; i++) {
    const x0 = c22(xOf(samples[i]) - half);
    const x1 = c22(xOf(samples[i]) + half);
    top += `${i === 0 ? "M" : "L"}${x0} ${c22(hi(i))}L${x1} ${c22(hi(i))}`;
  }
  for (let i = samples.length - 1; i >= 0; i--) {
    const x0 = c22(xOf(samples[i]) - half);
    const x1 = c22(xOf(samples[i]) + half);
    bottom += `L${x1} ${c22(lo(i))}L${x0} ${c22(lo(i))}`;
  }
  return top + bottom + "Z";
}
function drawPanel(svg, p, m, labels, xOf, half, phase1End, excluded) {
  const { top, height } = p;
  const bottom = top + height;
  let lo = Infinity;
  let hi = -Infinity;
  const take = (v) => {
    if (Number.isFinite(v)) {
      if (v < lo)
        lo = v;
      if (v > hi)
        hi = v;
    }
  };
  for (const { s, negate } of [...p.lines, ...p.limits]) {
    const g = negate ? -1 : 1;
    for (let i = 0; i < s.stats.length; i++)
      take(g * s.stats[i]);
  }
  for (const { s, negate } of p.limits) {
    const g = negate ? -1 : 1;
    for (let i = 0; i < s.stats.length; i++) {
      take(g * s.lcl[i]);
      take(g * s.ucl[i]);
      take(g * s.center[i]);
    }
  }
  if (!(hi > lo)) {
    hi = lo + 1;
    lo = lo - 1;
  }
  const pad = 0.08 * (hi - lo);
  lo -= pad;
  hi += pad;
  const yOf = (v) => bottom - (v - lo) / (hi - lo) * height;
  const step = niceStep2(hi - lo, 6);
  svg.add(`<g class="grid" stroke="${COLORS.grid}" stroke-width="1">`);
  const ticks = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9 * step; t += step)
    ticks.push(t);
  for (const t of ticks)
    svg.add(`<line x1="${LEFT}" y1="${c22(yOf(t))}" x2="${LEFT + PLOT_W}" y2="${c22(yOf(t))}"/>`);
  svg.add(`</g>`);
  const z = p.zones ? p.limits[0] : void 0;
  if (z && p.zones) {
    const [k1, k2, k3] = p.zones;
    const s = z.s;
    const clampY = (v) => yOf(Math.min(hi, Math.max(lo, v)));
    const band = (a, b, color, clampToLimits) => {
      for (const sign2 of [1, -1]) {
        const edge = (i2, k) => {
          let v = s.center[i2] + sign2 * k * s.se[i2];
          if (clampToLimits)
            v = sign2 > 0 ? Math.min(v, s.ucl[i2]) : Math.max(v, s.lcl[i2]);
          return clampY(v);
        };
        const d = bandPath(s.samples, (i2) => edge(i2, a), (i2) => edge(i2, b), xOf, half);
        svg.add(`<path d="${d}" fill="${color}" stroke="none"/>`);
      }
    };
    band(0, k1, COLORS.zoneC, true);
    band(k1, k2, COLORS.zoneB, true);
    band(k2, k3, COLORS.zoneA, true);
    const i = s.stats.length - 1;
    const c = s.center[i];
    const e = s.se[i];
    if (e > 0 && Number.isFinite(e)) {
      const x = LEFT + 5;
      for (const [k, name] of [[k1 / 2, "C"], [(k1 + k2) / 2, "B"], [(k2 + k3) / 2, "A"]]) {
        for (const sign2 of [1, -1]) {
          const v = c + sign2 * k * e;
          if (v > lo && v < hi && (sign2 > 0 ? v < s.ucl[i] : v > s.lcl[i])) {
            svg.add(`<text x="${c22(x)}" y="${c22(yOf(v) + 4)}" font-size="11" fill="${COLORS.muted}">${name}</text>`);
          }
        }
      }
    }
  }
  if (phase1End < m) {
    const x = xOf(phase1End) + half;
    svg.add(`<line x1="${c22(x)}" y1="${top}" x2="${c22(x)}" y2="${bottom}" stroke="${COLORS.muted}" stroke-width="1" stroke-dasharray="2 3"/>`);
    if (p.phaseText) {
      svg.add(`<text x="${c22(x - 4)}" y="${top + 13}" font-size="11" fill="${COLORS.muted}" text-anchor="end">phase I</text>`);
      svg.add(`<text x="${c22(x + 4)}" y="${top + 13}" font-size="11" fill="${COLORS.muted}">phase II</text>`);
    }
  }
  for (const { s, negate } of p.limits) {
    const g = negate ? -1 : 1;
    svg.add(`<path d="${stepPath(s.samples, (i) => yOf(g * s.center[i]), xOf, half)}" fill="none" stroke="${COLORS.center}" stroke-width="1.5"/>`);
    for (const arr of negate ? [s.ucl] : [s.lcl, s.ucl]) {
      svg.add(`<path d="${stepPath(s.samples, (i) => yOf(g * arr[i]), xOf, half)}" fill="none" stroke="${COLORS.limit}" stroke-width="1.5" stroke-dasharray="7 4"/>`);
    }
  }
  const rightLabels = [];
  for (const { s, negate } of p.limits) {
    const i = s.stats.length - 1;
    if (i < 0)
      continue;
    const g = negate ? -1 : 1;
    if (negate) {
      rightLabels.push({ y: yOf(-s.ucl[i]), text: `\u2212h = ${short(-s.ucl[i])}`, color: COLORS.limit });
      continue;
    }
    rightLabels.push({ y: yOf(g * s.ucl[i]), text: `${s.kind.startsWith("cusum") ? "h" : "UCL"} = ${short(s.ucl[i])}`, color: COLORS.limit });
    rightLabels.push({ y: yOf(g * s.center[i]), text: `CL = ${short(s.center[i])}`, color: COLORS.center });
    if (!s.kind.startsWith("cusum"))
      rightLabels.push({ y: yOf(g * s.lcl[i]), text: `LCL = ${short(s.lcl[i])}`, color: COLORS.limit });
  }
  rightLabels.sort((a, b) => a.y - b.y);
  for (let k = 1; k < rightLabels.length; k++) {
    if (rightLabels[k].y - rightLabels[k - 1].y < 13)
      rightLabels[k].y = rightLabels[k - 1].y + 13;
  }
  for (const l of rightLabels)
    svg.add(`<text x="${LEFT + PLOT_W + 8}" y="${c22(l.y + 4)}" font-size="12" fill="${l.color}">${esc(l.text)}</text>`);
  const dense2 = m > 150;
  for (const { s, negate, color, red: redSet } of p.lines) {
    const g = negate ? -1 : 1;
    let d = "";
    let pen = false;
    for (let i = 0; i < s.stats.length; i++) {
      const v = g * s.stats[i];
      if (!Number.isFinite(v)) {
        pen = false;
        continue;
      }
      d += `${pen ? "L" : "M"}${c22(xOf(s.samples[i]))} ${c22(yOf(v))}`;
      pen = true;
    }
    svg.add(`<path d="${d}" fill="none" stroke="${color}" stroke-width="${dense2 ? 1 : 1.5}" stroke-linejoin="round"/>`);
    for (let i = 0; i < s.stats.length; i++) {
      const sample = s.samples[i];
      const v = g * s.stats[i];
      if (!Number.isFinite(v))
        continue;
      const red = redSet.has(sample);
      if (dense2 && !red)
        continue;
      const x = xOf(sample);
      const y = yOf(v);
      if (excluded.has(sample)) {
        svg.add(`<circle cx="${c22(x)}" cy="${c22(y)}" r="${red ? 4.5 : 3.5}" fill="#ffffff" stroke="${red ? COLORS.flag : color}" stroke-width="1.5"/>`);
      } else {
        svg.add(`<circle cx="${c22(x)}" cy="${c22(y)}" r="${red ? 4.5 : 3}" fill="${red ? COLORS.flag : color}"/>`);
      }
      const codes = p.flags.get(sample);
      if (codes && codes.length && !dense2) {
        const lineH = 10;
        const above = s.center[i] <= s.stats[i] !== negate;
        const needed = codes.length * lineH + 6;
        const up = above ? y - needed >= top : y + needed > bottom;
        codes.forEach((code, k) => {
          const ty = up ? y - 8 - (codes.length - 1 - k) * lineH : y + 15 + k * lineH;
          svg.add(`<text x="${c22(x)}" y="${c22(ty)}" font-size="9" font-weight="bold" fill="${COLORS.flag}" text-anchor="middle">${esc(code)}</text>`);
        });
      }
    }
  }
  svg.add(`<rect x="${LEFT}" y="${top}" width="${PLOT_W}" height="${height}" fill="none" stroke="${COLORS.axis}" stroke-width="1"/>`);
  for (const t of ticks) {
    svg.add(`<text x="${LEFT - 6}" y="${c22(yOf(t) + 4)}" font-size="11" fill="${COLORS.text}" text-anchor="end">${tickText(t, step)}</text>`);
  }
  svg.add(`<text transform="translate(${LEFT - 52} ${c22(top + height / 2)}) rotate(-90)" font-size="13" fill="${COLORS.text}" text-anchor="middle">${esc(p.yTitle)}</text>`);
  const maxLen = Math.max(1, ...labels.map((l) => l.length));
  const spacing = PLOT_W / Math.max(1, m);
  const every = Math.max(1, Math.ceil((maxLen * 6.5 + 8) / spacing));
  const nice = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1e3].find((k) => k >= every) ?? every;
  for (let s = 1; s <= m; s++) {
    if (s % nice !== 0 && !(nice > 1 && s === 1))
      continue;
    const x = xOf(s);
    svg.add(`<line x1="${c22(x)}" y1="${bottom}" x2="${c22(x)}" y2="${bottom + 4}" stroke="${COLORS.axis}"/>`);
    if (p.xLabels)
      svg.add(`<text x="${c22(x)}" y="${bottom + 16}" font-size="11" fill="${COLORS.text}" text-anchor="middle">${esc(labels[s - 1])}</text>`);
  }
}
var Y_TITLES = {
  xbar: "subgroup mean x\u0304",
  r: "range R",
  s: "std. deviation S",
  i: "individual value x",
  mr: "moving range MR",
  p: "fraction defective p",
  np: "number defective np",
  c: "defects c",
  u: "defects per unit u",
  ewma: "EWMA z"
};
function chartSvg(c, o = {}) {
  const m = c.primary.stats.length;
  const labels = c.labels ?? Array.from(c.primary.samples, String);
  const bySample = rulesBySample(c);
  const flags = /* @__PURE__ */ new Map();
  for (const [s, rules] of bySample)
    flags.set(s, ruleCodes(rules));
  const red = /* @__PURE__ */ new Set([...c.beyond, ...bySample.keys()]);
  const secBySample = rulesBySample(c, c.secondaryRules);
  const secFlags = /* @__PURE__ */ new Map();
  for (const [s, rules] of secBySample)
    secFlags.set(s, ruleCodes(rules));
  const { one, two } = zoneMultipliers(c.conventions, c.width);
  const zones = [one, two, c.width];
  const half = PLOT_W / Math.max(1, m) / 2;
  const xOf = (s) => LEFT + (s - 0.5) / Math.max(1, m) * PLOT_W;
  const excluded = new Set(c.excluded);
  const fired = new Set([...bySample.values(), ...secBySample.values()].flat());
  const firedRules = [...NELSON_RULES, ...WE_RULES].filter((r) => fired.has(r));
  const legendCodes = /* @__PURE__ */ new Map();
  for (const r of firedRules) {
    const code = RULE_INFO[r].short;
    if ([...flags.values(), ...secFlags.values()].some((l) => l.includes(code)))
      legendCodes.set(code, RULE_INFO[r].text);
  }
  if (c.chart === "cusum") {
    const k = c.cusum;
    legendCodes.set("C\u207A > h", `(upward shift, blue): ${k.signalsUpper.length ? k.signalsUpper.join(", ") : "none"}`);
    legendCodes.set("C\u207B > h", `(downward shift, orange): ${k.signalsLower.length ? k.signalsLower.join(", ") : "none"}`);
  }
  const primaryH = 330;
  const secondaryH = 190;
  const top0 = 74;
  const hasSecondary = c.secondary !== void 0 && c.chart !== "cusum";
  const secTop = top0 + primaryH + 52;
  const plotBottom = hasSecondary ? secTop + secondaryH : top0 + primaryH;
  const legendLines = Math.ceil(legendCodes.size / 2);
  const H2 = plotBottom + 58 + (legendLines > 0 ? 8 + legendLines * 16 : 0) + (c.excluded.length ? 16 : 0);
  const svg = new Svg();
  svg.add(`<?xml version="1.0" encoding="UTF-8"?>`);
  svg.add(`<svg xmlns="http://www.w3.org/2000/svg" width="${W2}" height="${H2}" viewBox="0 0 ${W2} ${H2}" font-family="Helvetica, Arial, sans-serif">`);
  svg.add(`<rect x="0" y="0" width="${W2}" height="${H2}" fill="#ffffff"/>`);
  const title = `${chartTitle(c)}${o.source ? ` \u2014 ${o.source}` : ""}`;
  svg.add(`<text x="${LEFT}" y="28" font-size="18" font-weight="bold" fill="${COLORS.text}">${esc(title)}</text>`);
  const sizes = c.sizes.every((n) => n === c.sizes[0]) ? `n = ${fmt2(c.sizes[0] ?? 0)}` : "n varies";
  const p = c.params;
  const est = (known) => known ? "standard" : "estimated";
  let sub = `${m} samples, ${sizes}, phase I ${c.phase1[0]}\u2013${c.phase1[1]}`;
  if (c.chart === "cusum")
    sub += `; \u03BC\u2080 = ${fmt2(p.center)}, \u03C3 = ${fmt2(p.sigma)}, k = ${fmt2(c.cusum.k)}, h = ${fmt2(c.cusum.h)}`;
  else if (Number.isFinite(p.sigma))
    sub += `; \u03C3 = ${fmt2(p.sigma)} (${est(p.sigmaKnown)}), limits \xB1${fmt2(c.width)}\u03C3`;
  else
    sub += `; limits \xB1${fmt2(c.width)} standard errors`;
  if (c.ewma)
    sub += `, \u03BB = ${fmt2(c.ewma.lambda)}`;
  svg.add(`<text x="${LEFT}" y="50" font-size="13" fill="${COLORS.muted}">${esc(sub)}</text>`);
  if (c.chart === "cusum") {
    const lower = c.secondary;
    drawPanel(svg, {
      top: top0,
      height: primaryH,
      yTitle: "C\u207A (up), \u2212C\u207B (down)",
      lines: [
        { s: c.primary, negate: false, color: COLORS.line, red: new Set(c.cusum.signalsUpper) },
        { s: lower, negate: true, color: COLORS.lower, red: new Set(c.cusum.signalsLower) }
      ],
      limits: [{ s: c.primary, negate: false }, { s: lower, negate: true }],
      zones: null,
      flags: /* @__PURE__ */ new Map(),
      xLabels: true,
      phaseText: true
    }, m, labels, xOf, half, c.phase1[1], excluded);
  } else {
    drawPanel(svg, {
      top: top0,
      height: primaryH,
      yTitle: Y_TITLES[c.primary.kind] ?? c.primary.kind,
      lines: [{ s: c.primary, negate: false, color: COLORS.line, red }],
      limits: [{ s: c.primary, negate: false }],
      zones: c.chart !== "ewma" ? zones : null,
      flags,
      xLabels: true,
      phaseText: true
    }, m, labels, xOf, half, c.phase1[1], excluded);
  }
  if (hasSecondary) {
    const s = c.secondary;
    drawPanel(svg, {
      top: secTop,
      height: secondaryH,
      yTitle: Y_TITLES[s.kind] ?? s.kind,
      lines: [{ s, negate: false, color: COLORS.line, red: /* @__PURE__ */ new Set([...c.secondaryBeyond, ...secBySample.keys()]) }],
      limits: [{ s, negate: false }],
      zones,
      flags: secFlags,
      xLabels: true,
      phaseText: false
    }, m, labels, xOf, half, c.phase1[1], excluded);
  }
  svg.add(`<text x="${c22(LEFT + PLOT_W / 2)}" y="${plotBottom + 36}" font-size="13" fill="${COLORS.text}" text-anchor="middle">sample</text>`);
  let y = plotBottom + 58;
  const entries = [...legendCodes.entries()];
  if (entries.length) {
    svg.add(`<text x="${LEFT}" y="${y}" font-size="12" font-weight="bold" fill="${COLORS.flag}">Signals:</text>`);
    entries.forEach(([code, text3], k) => {
      const col = k % 2;
      const row = Math.floor(k / 2);
      svg.add(`<text x="${LEFT + 64 + col * 400}" y="${y + row * 16}" font-size="12" fill="${COLORS.text}"><tspan font-weight="bold" fill="${COLORS.flag}">${esc(code)}</tspan> ${esc(text3)}</text>`);
    });
    y += legendLines * 16 + 8;
  }
  if (c.excluded.length) {
    svg.add(`<text x="${LEFT}" y="${y}" font-size="12" fill="${COLORS.muted}">Open circles: phase-I samples excluded when the limits were revised (${c.excluded.join(", ")}).</text>`);
  }
  svg.add(`</svg>`);
  return svg.parts.join("\n") + "\n";
}

// dist/cli/spc-common.js
import { readFileSync as readFileSync24 } from "node:fs";
function readText(file) {
  try {
    return readFileSync24(file, "utf8");
  } catch (e) {
    const err = e;
    throw new InputError(`${file}: cannot read: ${err.code ?? ""}${err.code ? ": " : ""}${err.message.replace(/^[A-Z]+: /, "")}`);
  }
}
function computing(file, body) {
  try {
    return body();
  } catch (e) {
    if (e instanceof SpcInputError)
      throw new InputError(`${file}: ${e.message}`);
    if (e instanceof SpcNumericalError)
      throw new NumericalError(e.message);
    throw e;
  }
}
var COMMON_OPTIONS = {
  data: { type: "string" },
  sigma: { type: "string" },
  phase1: { type: "string" },
  rules: { type: "string" },
  conventions: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" }
};
function parsePhase1(text3) {
  if (text3 === void 0)
    return void 0;
  const parts = text3.split(":");
  if (parts.length > 2)
    throw new UsageError(`--phase1: expected FIRST:LAST, got ${JSON.stringify(text3)}`);
  const a = parts.length === 2 ? parseNumber(parts[0], "--phase1 first", "posinteger") : 1;
  const b = parseNumber(parts[parts.length - 1], "--phase1 last", "posinteger");
  if (b < a)
    throw new UsageError(`--phase1: last ${b} < first ${a}`);
  return [a, b];
}
function parseRules(text3) {
  if (text3 === void 0)
    return void 0;
  try {
    return parseRuleSelection(text3);
  } catch (e) {
    throw new UsageError(`--rules: ${e.message}`);
  }
}
function parseConventionsOption(text3) {
  if (text3 === void 0)
    return void 0;
  try {
    return parseConventions(text3);
  } catch (e) {
    throw new UsageError(`--conventions: ${e.message}`);
  }
}
function optNumber(values, name, rule = "finite") {
  const s = str(values[name]);
  return s === void 0 ? void 0 : parseNumber(s, `--${name}`, rule);
}

// dist/cli/spc.js
import { basename as basename11 } from "node:path";
var LIMITS_HELP = `  --sigma L           limit width in standard errors (default 3)
  --phase1 A:B        samples A..B (1-based) set the limits, later ones are monitored (default all)
  --revise            drop phase-I samples beyond the limits and re-estimate until none is`;
var RULES_HELP = `  --rules SET         all (default), nelson, we, none, or a list like nelson1,nelson2,we4
  --conventions C     qcc (default), minitab or legacy: how the rules judge points (docs/spc.md)`;
var RULES_HELP_TWO = `  --rules SET         all (default), nelson, we, none, or a list like nelson1,nelson2,we4;
                      evaluated on the R, S or MR chart too
  --conventions C     qcc (default), minitab or legacy: how the rules judge points and, for
                      unequal subgroup sizes, where the R/S centre line lies (docs/spc.md)`;
var COMMON_TAIL = `  --json              print the JSON report of shared/spec/spc.md
  --svg FILE.svg      also draw the chart
  -h, --help          show this help`;
var SPECS = [
  {
    kind: "xbar-r",
    summary: "X-bar and R control chart of subgroups (subgroup sizes may differ)",
    input: "CSV: label, then the observations of the subgroup (rows may differ in size, 2..25 values)",
    extra: `${LIMITS_HELP}
  --center X --stddev S  known standard mean and \u03C3 instead of estimates
${RULES_HELP_TWO}`
  },
  {
    kind: "xbar-s",
    summary: "X-bar and S control chart (subgroup sizes may differ)",
    input: "CSV: label, then the observations of the subgroup (rows may differ in size, n \u2265 2)",
    extra: `${LIMITS_HELP}
  --center X --stddev S  known standard mean and \u03C3 instead of estimates
${RULES_HELP_TWO}`
  },
  {
    kind: "imr",
    summary: "individuals and moving range control chart",
    input: "CSV: label, value",
    extra: `${LIMITS_HELP}
  --sigma-method M    mr: \u03C3 = MR-bar/1.128 (default); sd: \u03C3 = s/c4
  --center X --stddev S  known standard mean and \u03C3 instead of estimates
${RULES_HELP_TWO}`
  },
  {
    kind: "p",
    summary: "p control chart (fraction defective, limits per sample size)",
    input: "CSV: label, n, defectives",
    extra: `${LIMITS_HELP}
  --center P          known standard fraction defective
${RULES_HELP}`
  },
  {
    kind: "np",
    summary: "np control chart (number defective)",
    input: "CSV: label, n, defectives",
    extra: `${LIMITS_HELP}
  --center P          known standard fraction defective
${RULES_HELP}`
  },
  {
    kind: "c",
    summary: "c control chart (defects per sample)",
    input: "CSV: label, defects",
    extra: `${LIMITS_HELP}
  --center C          known standard mean number of defects
${RULES_HELP}`
  },
  {
    kind: "u",
    summary: "u control chart (defects per unit, limits per sample size)",
    input: "CSV: label, n (inspection units), defects",
    extra: `${LIMITS_HELP}
  --center U          known standard defects per unit
${RULES_HELP}`
  },
  {
    kind: "ewma",
    summary: "EWMA control chart of values or subgroup means",
    input: "CSV: label, value (individuals) or label and subgroup observations (\u03C3 from R-bar/d2)",
    extra: `${LIMITS_HELP}
  --lambda W          EWMA weight in (0, 1] (default 0.2)
  --asymptotic        asymptotic limits instead of the exact time-varying ones
  --sigma-method M    individuals: mr (default) or sd
  --center X --stddev S  known standard mean and \u03C3 instead of estimates
  (run rules do not apply to the autocorrelated EWMA; --rules and --conventions are accepted and ignored)`
  },
  {
    kind: "cusum",
    summary: "tabular CUSUM control chart of values or subgroup means",
    input: "CSV: label, value (individuals) or label and subgroup observations (\u03C3 from R-bar/d2)",
    extra: `  --k K               reference value in standard errors (default 0.5)
  --h H               decision interval in standard errors (default 5)
  --head-start H0     fast initial response: both sums start at H0 (default 0)
  --phase1 A:B        samples A..B set the centre and \u03C3 (default all)
  --revise            drop phase-I samples that signal and re-estimate
  (run rules do not apply to the autocorrelated CUSUM sums; --rules and --conventions are accepted and ignored)
  --sigma-method M    individuals: mr (default) or sd
  --center X --stddev S  known standard mean and \u03C3 instead of estimates`
  }
];
function usage(s) {
  return `Usage: twin spc ${s.kind} --data FILE.csv [options] [--json] [--svg FILE.svg]

${s.summary[0].toUpperCase()}${s.summary.slice(1)}.
Input ${s.input}; a header row is required.

Options:
  --data FILE.csv     the samples
${s.extra}
${COMMON_TAIL}
`;
}
function optionsFor(kind) {
  const o = { ...COMMON_OPTIONS, svg: { type: "string" }, center: { type: "string" }, revise: { type: "boolean" } };
  if (!isCountChart(kind))
    o.stddev = { type: "string" };
  if (kind === "imr" || kind === "ewma" || kind === "cusum")
    o["sigma-method"] = { type: "string" };
  if (kind === "ewma")
    Object.assign(o, { lambda: { type: "string" }, asymptotic: { type: "boolean" } });
  if (kind === "cusum")
    Object.assign(o, { k: { type: "string" }, h: { type: "string" }, "head-start": { type: "string" } });
  return o;
}
function runChart(spec, cmd, argv, io) {
  const { values } = parseCommandLine(argv, optionsFor(spec.kind), { min: 0, max: 0, names: "" });
  if (helpRequested(values, cmd, io))
    return 0;
  const file = required(values.data, "--data");
  const method = str(values["sigma-method"]);
  if (method !== void 0 && method !== "mr" && method !== "sd")
    throw new UsageError(`--sigma-method: expected mr or sd, got ${JSON.stringify(method)}`);
  const opts = {
    width: optNumber(values, "sigma", "positive"),
    sigmaMethod: method,
    phase1: parsePhase1(str(values.phase1)),
    revise: values.revise === true,
    center: optNumber(values, "center"),
    stddev: optNumber(values, "stddev", "positive"),
    lambda: optNumber(values, "lambda", "positive"),
    asymptotic: values.asymptotic === true,
    k: optNumber(values, "k", "nonnegative"),
    h: optNumber(values, "h", "positive"),
    headStart: optNumber(values, "head-start", "nonnegative"),
    rules: parseRules(str(values.rules)),
    conventions: parseConventionsOption(str(values.conventions))
  };
  const text3 = readText(file);
  const chart = computing(file, () => {
    const input = isCountChart(spec.kind) ? { kind: "counts", data: readCounts(text3, file, spec.kind) } : { kind: "subgroups", data: readSubgroups(text3, file, shapeOf(spec.kind), maxSubgroupOf(spec.kind)) };
    return buildChart(spec.kind, input, opts);
  });
  requireFinite(chart.primary.stats, `${spec.kind}: statistics`);
  requireFinite(chart.primary.ucl, `${spec.kind}: upper limits`);
  requireFinite(chart.primary.lcl, `${spec.kind}: lower limits`);
  const svgFile = str(values.svg);
  if (svgFile !== void 0)
    writeOutput(svgFile, [chartSvg(chart, { source: basename11(file) })]);
  if (values.json === true)
    io.out(stringifyJson(chartJson(chart)) + "\n");
  else
    io.out(formatChart(chart, file));
  return 0;
}
var SPC_CHART_COMMANDS = SPECS.map((spec) => {
  const cmd = {
    name: `spc ${spec.kind}`,
    summary: spec.summary,
    usage: usage(spec),
    run(argv, io) {
      return runChart(spec, cmd, argv, io);
    }
  };
  return cmd;
});

// dist/spc/capability.js
var DEFAULT_CAPABILITY = { within: "r", confidence: 0.95, rules: [...ALL_RULES], conventions: DEFAULT_CONVENTIONS };
function cpIntervalFactors(observations, confidence) {
  const nu = observations - 1;
  const alpha = 1 - confidence;
  return [Math.sqrt(chiSquareQuantile(alpha / 2, nu) / nu), Math.sqrt(chiSquareQuantile(1 - alpha / 2, nu) / nu)];
}
function cpkInterval(cpk, observations, confidence) {
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const h = z * Math.sqrt(1 / (9 * observations) + cpk * cpk / (2 * (observations - 1)));
  return [cpk - h, cpk + h];
}
function capability(data, options2) {
  const o = { ...DEFAULT_CAPABILITY, ...Object.fromEntries(Object.entries(options2).filter(([, v]) => v !== void 0)) };
  const lsl = o.lsl ?? null;
  const usl = o.usl ?? null;
  if (lsl === null && usl === null)
    throw new SpcInputError("capability needs --lsl, --usl or both");
  if (lsl !== null && usl !== null && !(usl > lsl))
    throw new SpcInputError(`USL ${usl} is not above LSL ${lsl}`);
  if (!(o.confidence > 0 && o.confidence < 1))
    throw new SpcInputError(`confidence ${o.confidence} not in (0, 1)`);
  const st = subgroupStats(data);
  const individual = st.equalSize === 1;
  const chartOpts = withDefaults({ phase1: o.phase1, rules: o.rules, sigmaMethod: "mr", conventions: o.conventions });
  const chart = individual ? imrChart(data, chartOpts) : xbarChart(data, o.within, chartOpts);
  const [a, b] = chart.phase1;
  let count = 0;
  let sum = 0;
  for (let i = a - 1; i < b; i++) {
    for (let j = data.offsets[i]; j < data.offsets[i + 1]; j++) {
      sum += data.values[j];
      count++;
    }
  }
  if (count < 2)
    throw new SpcInputError("capability needs at least 2 observations");
  const mean = sum / count;
  let ss = 0;
  for (let j = data.offsets[a - 1]; j < data.offsets[b]; j++) {
    const e = data.values[j] - mean;
    ss += e * e;
  }
  const sigmaOverall = Math.sqrt(ss / (count - 1));
  const sigmaWithin = chart.params.sigma;
  const cpu = usl !== null ? (usl - mean) / (3 * sigmaWithin) : null;
  const cpl = lsl !== null ? (mean - lsl) / (3 * sigmaWithin) : null;
  const ppu = usl !== null ? (usl - mean) / (3 * sigmaOverall) : null;
  const ppl = lsl !== null ? (mean - lsl) / (3 * sigmaOverall) : null;
  const both = lsl !== null && usl !== null;
  const cp = both ? (usl - lsl) / (6 * sigmaWithin) : null;
  const pp = both ? (usl - lsl) / (6 * sigmaOverall) : null;
  const cpk = Math.min(cpu ?? Infinity, cpl ?? Infinity);
  const ppk = Math.min(ppu ?? Infinity, ppl ?? Infinity);
  const quiet = (r) => Object.values(r).every((v) => v === void 0 || v.length === 0);
  const inControl = chart.beyond.length === 0 && chart.secondaryBeyond.length === 0 && quiet(chart.rules) && quiet(chart.secondaryRules);
  const f = cpIntervalFactors(count, o.confidence);
  return {
    observations: count,
    subgroups: b - a + 1,
    subgroupSize: st.equalSize,
    lsl,
    usl,
    mean,
    sigmaWithin,
    sigmaOverall,
    cp,
    cpk,
    cpl,
    cpu,
    pp,
    ppk,
    performanceLimits: [mean - 3 * sigmaWithin, mean + 3 * sigmaWithin],
    inControl,
    controlChart: individual ? "imr" : o.within === "r" ? "xbar-r" : "xbar-s",
    beyond: chart.beyond,
    secondaryBeyond: chart.secondaryBeyond,
    rules: chart.rules,
    secondaryRules: chart.secondaryRules,
    confidence: o.confidence,
    cpInterval: cp !== null ? [cp * f[0], cp * f[1]] : null,
    cpkInterval: cpkInterval(cpk, count, o.confidence),
    ppInterval: pp !== null ? [pp * f[0], pp * f[1]] : null,
    ppkInterval: cpkInterval(ppk, count, o.confidence)
  };
}

// dist/cli/spc-capability.js
function interval(i) {
  return i === null ? "" : `   [${fmt2(i[0])}, ${fmt2(i[1])}]`;
}
function formatCapability(r, file) {
  const pct3 = `${fmt2(100 * r.confidence)} %`;
  const lines = [
    `Process capability: ${file}, ${r.observations} observations in ${r.subgroups} ${r.subgroupSize === 1 ? "individual values" : "subgroups"}${r.subgroupSize > 1 ? ` of ${r.subgroupSize}` : ""}`,
    `specification  LSL ${r.lsl === null ? "-" : fmt2(r.lsl)}   USL ${r.usl === null ? "-" : fmt2(r.usl)}`,
    `mean ${fmt2(r.mean)}   sigma within ${fmt2(r.sigmaWithin)}   sigma overall ${fmt2(r.sigmaOverall)}`,
    `performance limits (mean \xB1 3 sigma within): ${fmt2(r.performanceLimits[0])} .. ${fmt2(r.performanceLimits[1])}`,
    "",
    `index   value     ${pct3} confidence interval`,
    `Cp      ${r.cp === null ? "-".padEnd(8) : fmt2(r.cp).padEnd(8)}${interval(r.cpInterval)}`,
    `Cpk     ${fmt2(r.cpk).padEnd(8)}${interval(r.cpkInterval)}`,
    `Pp      ${r.pp === null ? "-".padEnd(8) : fmt2(r.pp).padEnd(8)}${interval(r.ppInterval)}`,
    `Ppk     ${fmt2(r.ppk).padEnd(8)}${interval(r.ppkInterval)}`,
    ""
  ];
  if (r.inControl) {
    lines.push(`In control (${r.controlChart} chart, no signals): the indices describe the process.`);
    if (r.cp !== null)
      lines.push(r.cp >= 1 ? `Capable: Cp ${fmt2(r.cp)} >= 1 (1.33 and 2 are stricter targets).` : `Not capable: Cp ${fmt2(r.cp)} < 1.`);
  } else {
    lines.push(`NOT IN CONTROL (${r.controlChart} chart): capability is not meaningful until the causes are removed.`);
    if (r.beyond.length)
      lines.push(`  beyond the limits: ${r.beyond.join(", ")}`);
    if (r.secondaryBeyond.length)
      lines.push(`  dispersion chart beyond its limits: ${r.secondaryBeyond.join(", ")}`);
    for (const rule of ALL_RULES) {
      const l = r.rules[rule];
      if (l && l.length && rule !== "we1" && rule !== "nelson1")
        lines.push(`  ${rule} (${RULE_INFO[rule].text}): ${l.join(", ")}`);
    }
    for (const rule of ALL_RULES) {
      const l = r.secondaryRules[rule];
      if (l && l.length && rule !== "we1" && rule !== "nelson1")
        lines.push(`  dispersion chart ${rule} (${RULE_INFO[rule].text}): ${l.join(", ")}`);
    }
  }
  return lines.join("\n") + "\n";
}
var capabilityCommand = {
  name: "spc capability",
  summary: "process capability and performance (Cp, Cpk, Pp, Ppk) with an in-control check",
  usage: `Usage: twin spc capability --data FILE.csv --lsl L --usl U [--subgroup N] [--json]

Cp, Cpk (\u03C3 within: R-bar/d2 of the subgroups, or MR-bar/1.128 for individual values), Pp, Ppk
(\u03C3 overall: sample standard deviation), performance limits mean \xB1 3\u03C3 within, confidence intervals
(Cp: chi-square; Cpk: Bissell 1990), and whether the X-bar/R (I-MR) chart shows the process in
control: capability is meaningful only then.

Options:
  --data FILE.csv     label, value (individuals) or label and subgroup observations per row
  --lsl L, --usl U    specification limits (one of them for a one-sided specification)
  --subgroup N        form consecutive subgroups of N from the values, read in order
  --within r|s        \u03C3 within from ranges (default) or standard deviations
  --confidence C      level of the intervals (default 0.95)
  --phase1 A:B        use samples A..B only
  --rules SET         rules of the in-control check: all (default), nelson, we, none, or a list
  --conventions C     qcc (default), minitab or legacy: how the rules are evaluated (docs/spc.md)
  --json              print JSON
  -h, --help          show this help
`,
  run(argv, io) {
    const { values } = parseCommandLine(argv, {
      data: { type: "string" },
      lsl: { type: "string" },
      usl: { type: "string" },
      subgroup: { type: "string" },
      within: { type: "string" },
      confidence: { type: "string" },
      phase1: { type: "string" },
      rules: { type: "string" },
      conventions: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" }
    }, { min: 0, max: 0, names: "" });
    if (helpRequested(values, this, io))
      return 0;
    const file = required(values.data, "--data");
    const lsl = optNumber(values, "lsl");
    const usl = optNumber(values, "usl");
    if (lsl === void 0 && usl === void 0)
      throw new UsageError("give --lsl, --usl or both");
    if (lsl !== void 0 && usl !== void 0 && !(usl > lsl))
      throw new UsageError(`--usl ${usl} must be above --lsl ${lsl}`);
    const subgroup = optNumber(values, "subgroup", "posinteger");
    const within = str(values.within) ?? "r";
    if (within !== "r" && within !== "s")
      throw new UsageError(`--within: expected r or s, got ${JSON.stringify(within)}`);
    const confidence = optNumber(values, "confidence", "positive");
    if (confidence !== void 0 && !(confidence < 1))
      throw new UsageError(`--confidence: must be < 1: ${confidence}`);
    const text3 = readText(file);
    const report = computing(file, () => {
      let data = readSubgroups(text3, file, "auto", within === "r" ? MAX_TABLE_N : void 0);
      if (subgroup !== void 0) {
        const total = data.values.length;
        if (subgroup > 1 && total % subgroup !== 0)
          throw new SpcInputError(`${total} values do not split into subgroups of ${subgroup}`);
        if (subgroup > 1)
          data = equalSubgroups(data.values, subgroup);
        else
          data = { offsets: Int32Array.from({ length: total + 1 }, (_, i) => i), values: data.values };
      }
      return capability(data, { lsl, usl, within, confidence, phase1: parsePhase1(str(values.phase1)), rules: parseRules(str(values.rules)), conventions: parseConventionsOption(str(values.conventions)) });
    });
    if (values.json === true)
      io.out(stringifyJson(report) + "\n");
    else
      io.out(formatCapability(report, file));
    return 0;
  }
};

// dist/cli/archive-common.js
async function asInputErrors(body) {
  try {
    return await body();
  } catch (e) {
    if (e instanceof PackageError || e instanceof SourceError || e instanceof RdfSyntaxError)
      throw new InputError(e.message);
    if (e instanceof QueryError)
      throw new InputError(`query: ${e.message}`);
    throw e;
  }
}
function terminalProgress() {
  if (!process.stderr.isTTY)
    return void 0;
  return (m) => void process.stderr.write(`\r\x1B[2K${m}`);
}
function endProgress(p) {
  if (p)
    process.stderr.write("\r\x1B[2K");
}

// dist/cli/archive-create.js
var archiveCreateCommand = {
  name: "archive create",
  summary: "archival package (BagIt + RO-Crate): models as RDF and originals, the core, recorded runs",
  usage: `Usage: twin archive create [--modelica PATH]... [--aml FILE]... [--rotor MODEL.json]...
                           [--run RUNSPEC.json]... -o PKG [--zip] [--sign KEY.pem] [--title TEXT] [--json]

Makes a BagIt 1.0 bag (a directory, or with --zip a deterministic ZIP of it) holding the sources byte
for byte and as RDF (data/graph/twin.ttl, with PROV-O provenance and the links between models), the
ontologies and SHACL shapes, the WebAssembly core with its build record and sources, and the recorded
runs. A RUNSPEC is { "id": "modal", "argv": ["rotor", "modal", "rig.json", "--json"] }: any twin command
whose numerics run in the core; file arguments are relative to the RUNSPEC and copied in; the values of
-o/--out/--output/--svg are outputs; "run:ID/outputs/NAME" is an output of an earlier run. Each run is
executed with the package's core and its output hashes recorded. The core's self-checks are recorded
as the run "selfcheck". With SOURCE_DATE_EPOCH set, the same inputs give a byte-identical package.

Options:
  --modelica PATH   a .mo file or a Modelica package directory (repeatable)
  --aml FILE        an AutomationML (CAEX) file (repeatable)
  --rotor FILE      a rotor model JSON file (repeatable)
  --run FILE        a RUNSPEC JSON file (repeatable; runs in the order given)
  -o, --output PKG  the package: a new directory, or a .zip file with --zip
  --zip             write a ZIP (one top-level directory named after the file)
  --sign KEY.pem    sign the tag manifest with this Ed25519 private key (openssl genpkey -algorithm ed25519)
  --title TEXT      title of the package
  --json            print the report as JSON
  -h, --help        show this help
`,
  async run(argv, io) {
    const { values } = parseCommandLine(argv, {
      modelica: { type: "string", multiple: true },
      aml: { type: "string", multiple: true },
      rotor: { type: "string", multiple: true },
      run: { type: "string", multiple: true },
      output: { type: "string", short: "o" },
      zip: { type: "boolean" },
      sign: { type: "string" },
      title: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" }
    }, { min: 0, max: 0, names: "" });
    if (helpRequested(values, this, io))
      return 0;
    const output = required(values.output, "-o");
    const zip = values.zip === true;
    if (zip !== /\.zip$/i.test(output))
      throw new UsageError(zip ? "--zip: the output must end in .zip" : `${output}: a .zip output needs --zip`);
    const sources = [...many(values.modelica), ...many(values.aml), ...many(values.rotor)];
    if (sources.length === 0 && many(values.run).length === 0)
      throw new UsageError("nothing to archive: give sources (--modelica, --aml, --rotor) and/or runs (--run)");
    const progress = terminalProgress();
    const r = await asInputErrors(() => createPackage({
      modelica: many(values.modelica),
      aml: many(values.aml),
      rotor: many(values.rotor),
      runs: many(values.run),
      output,
      zip,
      ...str(values.sign) !== void 0 ? { signKey: str(values.sign) } : {},
      ...str(values.title) !== void 0 ? { title: str(values.title) } : {},
      epoch: sourceDateEpoch(),
      toolVersion: version(),
      ...progress ? { progress } : {}
    }));
    endProgress(progress);
    if (values.json === true) {
      io.out(stringifyJson(r) + "\n");
      return 0;
    }
    const lines = [
      `package   ${r.output} (${r.files} files, ${(r.bytes / 1024).toFixed(0)} KiB${r.signed ? ", signed" : ""})`,
      `id        ${r.iri}`,
      `sources   ${r.sources.map((s) => `${s.files} ${s.kind}`).join(", ") || "none"}; graph ${r.triples} triples, ${r.links} model links`,
      `core      ${r.coreSha256}`,
      `runs      ${r.runs.map((x) => `${x.id} (${x.command})`).join(", ") || "none"}; self-checks ${r.selfchecks.join(", ")}`,
      `time      ${r.seconds.toFixed(1)} s`
    ];
    io.out(lines.join("\n") + "\n");
    return 0;
  }
};

// dist/cli/archive-query.js
import { existsSync as existsSync5, readFileSync as readFileSync25 } from "node:fs";
var archiveQueryCommand = {
  name: "archive query",
  summary: "SPARQL 1.1 over the graphs of one or many packages",
  usage: `Usage: twin archive query PKG... QUERY [--format table|csv|json]

Runs a SPARQL 1.1 query (Oxigraph) over the graphs of the packages. QUERY is the query text or a
file ending in .rq/.sparql. Each package's graph is a named graph (its IRI, bag-info.txt
External-Identifier); the default graph is the union, so GRAPH ?pkg { ... } tells packages apart.
SELECT gives a table, SPARQL 1.1 CSV or SPARQL 1.1 Query Results JSON; ASK gives true/false;
CONSTRUCT and DESCRIBE give N-Triples. Prefixes are not predefined: declare the ones you use
(twin: <https://w3id.org/twin/archive#>, rotor: <https://w3id.org/twin/rotor#>, prov:, \u2026).

Options:
  --format F  table (default), csv or json
  -h, --help  show this help
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { format: { type: "string" }, help: { type: "boolean", short: "h" } }, { min: 2, max: 1e3, names: "PKG and QUERY" });
    if (helpRequested(values, this, io))
      return 0;
    const format = str(values.format) ?? "table";
    if (!["table", "csv", "json"].includes(format))
      throw new UsageError(`--format: table, csv or json, not ${JSON.stringify(format)}`);
    const last = positionals[positionals.length - 1];
    const query = /\.(rq|sparql)$/i.test(last) && existsSync5(last) ? readFileSync25(last, "utf8") : last;
    const r = await asInputErrors(() => runQuery(positionals.slice(0, -1), query, format));
    io.out(r.text);
    return 0;
  }
};

// dist/cli/archive-rerun.js
function formatRerun(r) {
  const lines = [`twin archive rerun ${r.package} (core ${r.coreSha256.slice(0, 16)}\u2026)`];
  for (const e of r.engines) {
    if (!e.available) {
      lines.push(`  ${e.engine.padEnd(14)} not available: ${e.reason}`);
      continue;
    }
    const skipped = e.results.filter((x) => x.status === "skipped").length;
    lines.push(`  ${e.engine.padEnd(14)} ${e.matched}/${e.compared} runs match bit for bit${skipped ? ` (${skipped} twin-command runs skipped: they need a JavaScript host)` : ""}  (${e.version})`);
    for (const x of e.results) {
      if (x.status === "match" || x.status === "skipped")
        continue;
      lines.push(`    ${x.run}: ${x.status}${x.message ? `: ${x.message}` : ""}`);
      for (const o of x.outputs.filter((c) => !c.match))
        lines.push(`      ${o.path}: recorded ${o.recorded.slice(0, 16)}\u2026, got ${o.got?.slice(0, 16) ?? "nothing"}`);
    }
  }
  lines.push(r.ok ? "rerun: every compared run matches" : "RERUN FAILED: a run differs or could not run");
  return lines.join("\n") + "\n";
}
var archiveRerunCommand = {
  name: "archive rerun",
  summary: "re-execute the recorded runs with the archived core; compare output hashes bit for bit",
  usage: `Usage: twin archive rerun PKG [--engine ENGINE]... [--run ID]... [--json]

Re-executes every recorded run with the package's own core.wasm (never the tool's) and compares the
canonical output hashes (numbers by their IEEE-754 bits, NaNs canonicalised; docs/archive.md).
Engines: node (default), node-baseline (V8 Liftoff only: --liftoff --no-wasm-tier-up), node-turbofan
(--no-liftoff), wasm-interp (wabt's reference interpreter) and wasmtime (via the optional npm package
@bytecodealliance/wizer-linux-x64), or "all". wasm-interp and wasmtime run the self-contained runs
(the core's selfcheck exports); twin commands need a JavaScript host and are skipped there.
Exit 1 when a run differs or fails, or a named engine is not available.

Options:
  --engine ENGINE  node, node-baseline, node-turbofan, wasm-interp, wasmtime or all (repeatable)
  --run ID         only this run (repeatable)
  --json           print { package, coreSha256, ok, engines: [{ engine, available, results }] }
  -h, --help       show this help
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { engine: { type: "string", multiple: true }, run: { type: "string", multiple: true }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, { min: 1, max: 1, names: "PKG" });
    if (helpRequested(values, this, io))
      return 0;
    const asked = many(values.engine);
    const all = asked.includes("all");
    for (const e of asked)
      if (e !== "all" && !ENGINES.includes(e))
        throw new UsageError(`--engine: unknown engine ${JSON.stringify(e)} (${ENGINES.join(", ")}, all)`);
    const engines = all ? [...ENGINES] : asked.length > 0 ? [...new Set(asked)] : ["node"];
    const r = await asInputErrors(() => rerunPackage(positionals[0], engines, void 0, many(values.run)));
    io.out(values.json === true ? stringifyJson(r) + "\n" : formatRerun(r));
    const namedMissing = !all && r.engines.some((e) => !e.available);
    return r.ok && !namedMissing ? 0 : 1;
  }
};

// dist/cli/archive-restore.js
function formatRestore(r) {
  const lines = [`twin archive restore ${r.package}${r.output ? ` -> ${r.output}` : ""}`];
  for (const f of r.files) {
    const state = !f.restored ? f.mapped ? "MISSING" : "original only" : f.byteEqual ? "byte-equal" : f.modelEqual ? "model-equal only" : "DIFFERS";
    lines.push(`  ${f.kind.padEnd(8)} ${f.path.padEnd(40)} ${state}${f.message && !f.byteEqual ? ` (${f.message})` : ""}`);
  }
  const mapped = r.files.filter((f) => f.mapped).length;
  lines.push(`${r.restored} of ${mapped} sources regenerated from the graph alone: ${r.byteEqual} byte-equal, ${r.modelEqual} model-equal${r.ok ? "" : " \u2014 RESTORE INCOMPLETE"}`);
  return lines.join("\n") + "\n";
}
var archiveRestoreCommand = {
  name: "archive restore",
  summary: "regenerate every source from the package graph alone; compare with the originals",
  usage: `Usage: twin archive restore PKG [-o DIR] [--json]

Regenerates every Modelica, AutomationML and rotor model source from data/graph/twin.ttl alone and
compares each with the archived original: byte-equal (SHA-256) and model-equal (Modelica: same AST;
AutomationML: same graph; rotor: same parsed model). With -o the files are written to DIR/<kind>/...
(DIR must not exist; written to a temporary directory renamed at the end). Exit 1 unless every source
is regenerated byte-equal.

Options:
  -o, --output DIR  write the regenerated sources here
  --json            print { package, output, files: [{ kind, path, restored, byteEqual, modelEqual }], ok }
  -h, --help        show this help
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { output: { type: "string", short: "o" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, { min: 1, max: 1, names: "PKG" });
    if (helpRequested(values, this, io))
      return 0;
    const r = await asInputErrors(() => restorePackage(positionals[0], str(values.output) ?? null));
    io.out(values.json === true ? stringifyJson(r) + "\n" : formatRestore(r));
    return r.ok ? 0 : 1;
  }
};

// dist/cli/archive-verify.js
function formatVerify(r) {
  const lines = [`twin archive verify ${r.package}`];
  for (const c of r.checks) {
    lines.push(`  ${c.ok ? "ok  " : "FAIL"}  ${c.name.padEnd(12)} ${c.summary}`);
    for (const p of c.problems)
      lines.push(`        ${p.file ? `${p.file}: ` : ""}${p.message}`);
  }
  const failed = r.checks.filter((c) => !c.ok);
  lines.push(failed.length === 0 ? `verified: all ${r.checks.length} checks pass` : `NOT VERIFIED: ${failed.map((c) => c.name).join(", ")} failed`);
  return lines.join("\n") + "\n";
}
var archiveVerifyCommand = {
  name: "archive verify",
  summary: "check fixity, RO-Crate, graph shapes, core, runs and signature of a package",
  usage: `Usage: twin archive verify PKG [--key PUB.pem] [--json]

Checks a package (directory or .zip): the BagIt declaration and versions, every payload and tag
manifest entry (any missing, extra or altered file is named), the RO-Crate metadata against the files,
the graph against the package's SHACL shapes, the graph's records of files, core and runs against the
files, the core (hash = build record = graph = runs; valid; imports nothing), each run's recorded
outputs and hashes, and the Ed25519 signature if there is one. Exit 1 when any check fails, 2 when
the package cannot be read (missing, corrupt zip, newer format).

Options:
  --key PUB.pem  check the signature with this public key (a signature is then required)
  --json         print { package, ok, checks: [{ name, ok, summary, problems: [{ file, message }] }] }
  -h, --help     show this help
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { key: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, { min: 1, max: 1, names: "PKG" });
    if (helpRequested(values, this, io))
      return 0;
    const r = await asInputErrors(() => verifyPackage(positionals[0], str(values.key)));
    io.out(values.json === true ? stringifyJson(r) + "\n" : formatVerify(r));
    return r.ok ? 0 : 1;
  }
};

// dist/cli/archive.js
var ARCHIVE_COMMANDS = [archiveCreateCommand, archiveVerifyCommand, archiveRerunCommand, archiveRestoreCommand, archiveQueryCommand];

// dist/vsense/dofs.js
function dofIndex(d, nodes) {
  return nodes.dofIndex(d.node, d.dir);
}
function responseColumn(d) {
  return 2 * d.node + (d.dir === "x" ? 0 : 1);
}
function dofName(d) {
  return `${d.node}:${d.dir}`;
}
function parseDofList(text3, nodes, what) {
  const items = text3.split(",").map((s) => s.trim());
  if (items.length === 0 || items.some((s) => s === ""))
    throw new UsageError(`${what}: expected NODE:DIR,..., got ${JSON.stringify(text3)}`);
  const out = [];
  items.forEach((item, i) => {
    const where = `${what} ${JSON.stringify(text3)}${items.length > 1 ? ` (item ${i + 1}, ${item})` : ""}`;
    const m = /^(\d+):([xy])$/.exec(item);
    if (m === null)
      throw new UsageError(`${where}: expected NODE:DIR with DIR x or y`);
    const node = nodes.check(Number(m[1]), where);
    const d = { node, dir: m[2] };
    if (out.some((o) => o.node === d.node && o.dir === d.dir))
      throw new UsageError(`${where}: ${item} is listed twice`);
    out.push(d);
  });
  return out;
}
function bothDirections(nodes) {
  return nodes.flatMap((node) => [
    { node, dir: "x" },
    { node, dir: "y" }
  ]);
}

// dist/vsense/defaults.js
function nodePositions(model) {
  const z = [0];
  for (const e of model.shaft)
    z.push(z[z.length - 1] + e.L);
  return z;
}
function defaultSensors(model) {
  return bothDirections([...new Set(model.bearings.map((b) => b.node))].sort((p, q) => p - q));
}
function midSpanNodes(model) {
  const z = nodePositions(model);
  const bn = model.bearings.map((b) => b.node);
  const mid = (z[Math.min(...bn)] + z[Math.max(...bn)]) / 2;
  const dist = z.map((x) => Math.abs(x - mid));
  const best = Math.min(...dist);
  return dist.flatMap((d, i) => d <= best + 1e-9 * (z[z.length - 1] || 1) ? [i] : []);
}
function defaultEstimates(model, exclude) {
  const nodes = [.../* @__PURE__ */ new Set([...(model.disks ?? []).map((d) => d.node), ...midSpanNodes(model)])].sort((p, q) => p - q);
  return bothDirections(nodes).filter((d) => !exclude.some((e) => e.node === d.node && e.dir === d.dir));
}
var DEFAULT_UNBALANCE_MAGNITUDE = 1e-4;
function defaultUnbalance(model) {
  const d = model.disks?.[0];
  return d === void 0 ? null : [{ node: d.node, magnitude: DEFAULT_UNBALANCE_MAGNITUDE, phase: 0 }];
}

// dist/vsense/format.js
var pct2 = (x) => `${(100 * x).toFixed(3)} %`;
var deg = (rad) => `${(rad * 180 / Math.PI).toFixed(3)} deg`;
var sci2 = (x) => x.toExponential(3);
function formatVirtualSensing(r) {
  const lines = [];
  lines.push(`virtual sensing: ${r.model} at ${r.speed_rpm.toFixed(1)} rpm (${r.speed.toFixed(3)} rad/s)`);
  lines.push(`  truth: full model, Newmark, ${r.t_pre} s run-up from rest, then ${r.samples} samples at ${r.fs} Hz`);
  lines.push(`  sensors (accelerations, noise ${pct2(r.noise)} of RMS, seed ${r.seed}): ${r.sensors.map((s) => s.dof).join(", ")}`);
  lines.push(`  filter: UKF on ${r.modes} modes (${r.wn_hz.map((f) => f.toFixed(1)).join(", ")} Hz), model error ${r.filter.model_error}, covariance repairs ${r.filter.repairs}`);
  lines.push(`  model mismatch: ${r.mismatch.length > 0 ? r.mismatch.join(", ") : "none (the filter uses the truth's model)"}`);
  lines.push(`  error figures over samples ${r.discarded}..${r.samples - 1} (the first ${r.discarded / r.fs} s left out)`);
  lines.push("");
  const head = ["dof", "NRMSE", "1X amp truth [m]", "1X amp error", "1X phase error", "NRMSE model only"];
  const rows4 = r.estimates.map((e) => [e.dof, pct2(e.nrmse), sci2(e.truth_1x), pct2(e.amplitude_error_1x), deg(e.phase_error_1x), pct2(e.open_loop.nrmse)]);
  const widths = head.map((h, j) => Math.max(h.length, ...rows4.map((row) => row[j].length)));
  lines.push(head.map((h, j) => h.padStart(widths[j])).join("  "));
  for (const row of rows4)
    lines.push(row.map((c, j) => c.padStart(widths[j])).join("  "));
  lines.push("");
  lines.push(`worst NRMSE ${pct2(r.worst_nrmse)}`);
  return lines.join("\n") + "\n";
}

// dist/vsense/mismatch.js
var MISMATCH_PARAMETERS = ["bearing-k", "bearing-c", "pedestal-k", "pedestal-c", "pedestal-m"];
function parseMismatch(text3) {
  const m = /^([a-z-]+)=([+-]?(?:\d+\.?\d*|\.\d+))%$/.exec(text3.trim());
  if (m === null)
    throw new UsageError(`--mismatch: expected PARAMETER=+P% (e.g. bearing-k=+10%), got ${JSON.stringify(text3)}`);
  const parameter = m[1];
  if (!MISMATCH_PARAMETERS.includes(parameter)) {
    throw new UsageError(`--mismatch: unknown parameter ${JSON.stringify(parameter)} (one of ${MISMATCH_PARAMETERS.join(", ")})`);
  }
  const relative2 = Number(m[2]) / 100;
  if (!(relative2 > -1))
    throw new UsageError(`--mismatch: ${text3}: the change must be above -100%`);
  return { parameter, relative: relative2 };
}
function scale(c, f) {
  if (c === void 0)
    return void 0;
  return typeof c === "number" ? c * f : c.map((v) => v * f);
}
function applyMismatch(model, mismatches) {
  const out = structuredClone(model);
  for (const { parameter, relative: relative2 } of mismatches) {
    const f = 1 + relative2;
    if (parameter === "bearing-k" || parameter === "bearing-c") {
      const keys = parameter === "bearing-k" ? ["kxx", "kxy", "kyx", "kyy"] : ["cxx", "cxy", "cyx", "cyy"];
      for (const b of out.bearings ?? []) {
        for (const key of keys) {
          const v = scale(b[key], f);
          if (v !== void 0)
            b[key] = v;
        }
      }
    } else {
      for (const p of out.pedestals ?? []) {
        if (parameter === "pedestal-m")
          p.m *= f;
        else {
          const keys = parameter === "pedestal-k" ? ["kxx", "kxy", "kyx", "kyy"] : ["cxx", "cxy", "cyx", "cyy"];
          for (const key of keys)
            if (p[key] !== void 0)
              p[key] = p[key] * f;
        }
      }
    }
  }
  return out;
}
function mismatchName(m) {
  const pct3 = Math.round(m.relative * 1e8) / 1e6;
  return `${m.parameter}=${pct3 >= 0 ? "+" : ""}${pct3}%`;
}

// dist/vsense/dense.js
function dense(r, c, v) {
  const out = new Float64Array(r * c);
  if (v !== void 0) {
    if (v.length !== r * c)
      throw new Error(`dense: ${v.length} values for ${r} x ${c}`);
    out.set(v);
  }
  return { r, c, v: out };
}
function fromRows(rows4) {
  const r = rows4.length, c = rows4[0]?.length ?? 0;
  const m = dense(r, c);
  rows4.forEach((row, i) => m.v.set(row, i * c));
  return m;
}
function toRows(m) {
  return Array.from({ length: m.r }, (_, i) => Array.from(m.v.subarray(i * m.c, (i + 1) * m.c)));
}
function get(m, i, j) {
  return m.v[i * m.c + j];
}
function matmul(a, b) {
  if (a.c !== b.r)
    throw new Error(`matmul: ${a.r}x${a.c} times ${b.r}x${b.c}`);
  const out = dense(a.r, b.c);
  for (let i = 0; i < a.r; i++) {
    for (let j = 0; j < b.c; j++) {
      let s = 0;
      for (let k = 0; k < a.c; k++)
        s += a.v[i * a.c + k] * b.v[k * b.c + j];
      out.v[i * b.c + j] = s;
    }
  }
  return out;
}
function transpose(a) {
  const out = dense(a.c, a.r);
  for (let i = 0; i < a.r; i++)
    for (let j = 0; j < a.c; j++)
      out.v[j * a.r + i] = a.v[i * a.c + j];
  return out;
}
function pickRows(a, rows4) {
  const out = dense(rows4.length, a.c);
  rows4.forEach((r, i) => out.v.set(a.v.subarray(r * a.c, (r + 1) * a.c), i * a.c));
  return out;
}
function block2(a, r0, c0, nr, nc) {
  const out = dense(nr, nc);
  for (let i = 0; i < nr; i++)
    for (let j = 0; j < nc; j++)
      out.v[i * nc + j] = a.v[(r0 + i) * a.c + c0 + j];
  return out;
}
function scale2(a, s) {
  return { r: a.r, c: a.c, v: a.v.map((x) => x * s) };
}
function hcat(a, b) {
  if (a.r !== b.r)
    throw new Error("hcat: row counts differ");
  const out = dense(a.r, a.c + b.c);
  for (let i = 0; i < a.r; i++) {
    out.v.set(a.v.subarray(i * a.c, (i + 1) * a.c), i * out.c);
    out.v.set(b.v.subarray(i * b.c, (i + 1) * b.c), i * out.c + a.c);
  }
  return out;
}
function matvec(a, x) {
  const y = new Float64Array(a.r);
  for (let i = 0; i < a.r; i++) {
    let s = 0;
    for (let k = 0; k < a.c; k++)
      s += a.v[i * a.c + k] * x[k];
    y[i] = s;
  }
  return y;
}

// dist/vsense/filter-model.js
function modalBasis(rotor, speed, k, dt) {
  const red = rotor.reduce(speed, k, dt);
  const n = red.dof;
  const C = fromRows(red.C);
  const Phi = block2(C, 0, 0, n, k);
  const A2 = fromRows(red.A);
  const Kr = scale2(block2(A2, k, 0, k, k), -1);
  const Cr = scale2(block2(A2, k, k, k, k), -1);
  const M = dense(n, n, rotor.matrices(speed).M);
  const G = matmul(fromRows(red.Bd), matmul(M, Phi));
  return { speed, dt, k, n, wn: red.wn, Phi, Kr, Cr, A: A2, Ad: fromRows(red.Ad), G };
}
function unbalanceForce(unbalance, n, speed) {
  const a = new Float64Array(n), b = new Float64Array(n);
  for (const u of unbalance) {
    const F = u.magnitude * speed * speed;
    const c = Math.cos(u.phase), s = Math.sin(u.phase);
    const dx = 4 * u.node, dy = dx + 1;
    a[dx] = a[dx] + F * c;
    b[dx] = b[dx] - F * s;
    a[dy] = a[dy] + F * s;
    b[dy] = b[dy] + F * c;
  }
  return { a, b };
}
function gammaTimes(core, basis, v) {
  const m = 2 * basis.k, W3 = basis.speed, dt = basis.dt;
  const c = Math.cos(W3 * dt), s = Math.sin(W3 * dt);
  const mat = new Float64Array(2 * m * m);
  mat.set(basis.A.v, 0);
  for (let i = 0; i < m; i++)
    mat[m * m + i * m + i] = W3;
  const rhs = new Float64Array(2 * m);
  for (let i = 0; i < m; i++) {
    let adv = 0;
    for (let j = 0; j < m; j++)
      adv += get(basis.Ad, i, j) * v[j];
    rhs[i] = c * adv - v[i];
    rhs[m + i] = s * adv;
  }
  const x = core.withBuffers([mat, rhs], (pa, pb) => core.take(core.fn("linalgSolveComplex")(pa, pb, m), "linalgSolveComplex"));
  return { re: x.slice(0, m), im: x.slice(m) };
}
function modalInput(basis, f) {
  const k = basis.k;
  const out = new Float64Array(2 * k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < basis.n; i++)
      s += get(basis.Phi, i, j) * f[i];
    out[k + j] = s;
  }
  return out;
}
function harmonicInput(core, basis, a, b) {
  const ga = gammaTimes(core, basis, modalInput(basis, a));
  const gb = gammaTimes(core, basis, modalInput(basis, b));
  const m = 2 * basis.k;
  const Bu = dense(m, 2);
  for (let i = 0; i < m; i++) {
    Bu.v[2 * i] = ga.re[i] - gb.im[i];
    Bu.v[2 * i + 1] = ga.im[i] + gb.re[i];
  }
  return Bu;
}
function filterMatrices(core, basis, unbalance, sensors, estimates, nodes) {
  const { a, b } = unbalanceForce(unbalance, basis.n, basis.speed);
  const k = basis.k;
  const PhiS = pickRows(basis.Phi, sensors.map((d) => dofIndex(d, nodes)));
  const H2 = hcat(scale2(matmul(PhiS, basis.Kr), -1), scale2(matmul(PhiS, basis.Cr), -1));
  const ab = dense(basis.n, 2);
  for (let i = 0; i < basis.n; i++) {
    ab.v[2 * i] = a[i];
    ab.v[2 * i + 1] = b[i];
  }
  const D = matmul(PhiS, matmul(transpose(basis.Phi), ab));
  const PhiE = pickRows(basis.Phi, estimates.map((d) => dofIndex(d, nodes)));
  return { F: basis.Ad, B: harmonicInput(core, basis, a, b), H: H2, D, out: hcat(PhiE, dense(estimates.length, k)) };
}

// dist/vsense/metrics.js
function wrapAngle(a) {
  let r = a % (2 * Math.PI);
  if (r <= -Math.PI)
    r += 2 * Math.PI;
  if (r > Math.PI)
    r -= 2 * Math.PI;
  return r;
}
function estimateError(sig, truth, estimate, from, fs, speedHz) {
  const n = truth.length;
  let se = 0, st = 0;
  for (let i = from; i < n; i++) {
    const e = estimate[i] - truth[i];
    se += e * e;
    st += truth[i] * truth[i];
  }
  const m = n - from;
  const error_rms = Math.sqrt(se / m), truth_rms = Math.sqrt(st / m);
  const ft = sig.orders(truth.subarray(from), fs, speedHz, 1);
  const fe = sig.orders(estimate.subarray(from), fs, speedHz, 1);
  const truth_1x = ft.amplitude[0], estimate_1x = fe.amplitude[0];
  return {
    nrmse: error_rms / truth_rms,
    truth_rms,
    error_rms,
    truth_1x,
    estimate_1x,
    amplitude_error_1x: estimate_1x / truth_1x - 1,
    phase_error_1x: wrapAngle(fe.phase[0] - ft.phase[0])
  };
}

// dist/vsense/prng.js
var MASK = (1n << 64n) - 1n;
var SplitMix64 = class {
  s;
  /** the second normal deviate of the last polar pair, if unused */
  spare = null;
  /** seed: an integer in [0, 2^64) */
  constructor(seed) {
    const s = BigInt(seed);
    if (s < 0n || s > MASK)
      throw new RangeError(`seed ${seed} is outside [0, 2^64)`);
    this.s = s;
  }
  next() {
    this.s = this.s + 0x9e3779b97f4a7c15n & MASK;
    let z = this.s;
    z = (z ^ z >> 30n) * 0xbf58476d1ce4e5b9n & MASK;
    z = (z ^ z >> 27n) * 0x94d049bb133111ebn & MASK;
    return z ^ z >> 31n;
  }
  /** Uniform in [0, 1): the top 53 bits as a fraction. */
  uniform() {
    return Number(this.next() >> 11n) * 2 ** -53;
  }
  /** Standard normal deviate (polar method: rejection of points outside the unit disc). */
  normal() {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return z;
    }
    for (; ; ) {
      const u = 2 * this.uniform() - 1;
      const v = 2 * this.uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt(-2 * Math.log(s) / s);
        this.spare = v * f;
        return u * f;
      }
    }
  }
};

// dist/vsense/truth.js
function simulate(rotor, o) {
  const sub = o.substeps ?? 4;
  const dt = 1 / (o.fs * sub);
  const steps = (o.preSamples + o.samples - 1) * sub;
  const r = rotor.time({ speed: o.speed, tEnd: (steps + 0.5) * dt, dt, unbalance: o.unbalance, accelerations: true });
  const w = 2 * r.nodes;
  if (r.t.length < steps + 1)
    throw new Error(`simulate: ${r.t.length} time steps, expected ${steps + 1}`);
  const t = new Float64Array(o.samples);
  const disp = new Float64Array(o.samples * w);
  const acc = new Float64Array(o.samples * w);
  for (let j = 0; j < o.samples; j++) {
    const row = (o.preSamples + j) * sub;
    t[j] = r.t[row];
    disp.set(r.disp.subarray(row * w, (row + 1) * w), j * w);
    acc.set(r.acc.subarray(row * w, (row + 1) * w), j * w);
  }
  for (const v of [disp, acc])
    for (let i = 0; i < v.length; i++)
      if (!Number.isFinite(v[i]))
        throw new Error("simulate: non-finite response");
  return { fs: o.fs, nodes: r.nodes, samples: o.samples, t, disp, acc };
}
function column(table4, width, col) {
  const n = table4.length / width;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++)
    out[i] = table4[i * width + col];
  return out;
}
function rms(x, from = 0) {
  let s = 0;
  for (let i = from; i < x.length; i++)
    s += x[i] * x[i];
  return Math.sqrt(s / (x.length - from));
}
function addNoise(channels, level, rng) {
  const std = [];
  const noisy = channels.map((x) => {
    const sd = level * rms(x);
    std.push(sd);
    const y = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++)
      y[i] = x[i] + sd * rng.normal();
    return y;
  });
  return { noisy, std };
}

// dist/vsense/pipeline.js
var VS_DEFAULTS = {
  speedRpm: 1200,
  noise: 0.01,
  modes: 8,
  fs: 2e3,
  tEnd: 2,
  tPre: 1,
  discard: 0.5,
  seed: 1,
  modelError: 0.01,
  substeps: 4
};
function steadyModalAmplitude(core, basis, a, b) {
  const k = basis.k, W3 = basis.speed;
  const mat = new Float64Array(2 * k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      mat[i * k + j] = get(basis.Kr, i, j) - (i === j ? W3 * W3 : 0);
      mat[k * k + i * k + j] = W3 * get(basis.Cr, i, j);
    }
  }
  const rhs = new Float64Array(2 * k);
  for (let j = 0; j < k; j++) {
    let sa = 0, sb = 0;
    for (let i = 0; i < basis.n; i++) {
      sa += get(basis.Phi, i, j) * a[i];
      sb += get(basis.Phi, i, j) * b[i];
    }
    rhs[j] = sa;
    rhs[k + j] = -sb;
  }
  const x = core.withBuffers([mat, rhs], (pa, pb) => core.take(core.fn("linalgSolveComplex")(pa, pb, k), "linalgSolveComplex"));
  let rho = 0;
  for (let j = 0; j < k; j++)
    rho = Math.max(rho, Math.hypot(x[j], x[k + j]));
  return rho;
}
function maxModalForce(basis, a, b) {
  let best = 0;
  for (let j = 0; j < basis.k; j++) {
    let sa = 0, sb = 0;
    for (let i = 0; i < basis.n; i++) {
      sa += get(basis.Phi, i, j) * a[i];
      sb += get(basis.Phi, i, j) * b[i];
    }
    best = Math.max(best, Math.hypot(sa, sb));
  }
  return best;
}
function harmonicInputs(t, speed) {
  const u = new Float64Array(2 * t.length);
  for (let i = 0; i < t.length; i++) {
    u[2 * i] = Math.cos(speed * t[i]);
    u[2 * i + 1] = Math.sin(speed * t[i]);
  }
  return u;
}
function openLoop(fm, speed, dt, total, first) {
  const nx = fm.F.r, ne = fm.out.r;
  let x = new Float64Array(nx);
  const series = Array.from({ length: ne }, () => new Float64Array(total - first));
  for (let k = 1; k < total; k++) {
    const tk = k * dt;
    const u = [Math.cos(speed * tk), Math.sin(speed * tk)];
    const fx = matvec(fm.F, x);
    for (let i = 0; i < nx; i++)
      fx[i] = fx[i] + get(fm.B, i, 0) * u[0] + get(fm.B, i, 1) * u[1];
    x = fx;
    if (k >= first) {
      const y = matvec(fm.out, x);
      for (let e = 0; e < ne; e++)
        series[e][k - first] = y[e];
    }
  }
  return series;
}
function diag(values) {
  return values.map((v, i) => values.map((_, j) => i === j ? v : 0));
}
function virtualSensing(model, o, core = Core.default()) {
  const samples = Math.round(o.tEnd * o.fs);
  const preSamples = Math.round(o.tPre * o.fs);
  const discarded = Math.round(o.discard * o.fs);
  if (samples < 2 || discarded >= samples - 1)
    throw new RangeError(`the recording (${samples} samples) must be longer than the discarded part (${discarded})`);
  const dt = 1 / o.fs;
  const truthRotor = RotorCore.load(model, core);
  let recording;
  try {
    recording = simulate(truthRotor, { speed: o.speed, unbalance: o.unbalance, fs: o.fs, samples, preSamples, substeps: o.substeps ?? VS_DEFAULTS.substeps });
  } finally {
    truthRotor.free();
  }
  const width = 2 * recording.nodes;
  const clean = o.sensors.map((d) => column(recording.acc, width, responseColumn(d)));
  const { noisy, std } = addNoise(clean, o.noise, new SplitMix64(o.seed));
  const filterRotor = RotorCore.load(o.mismatch.length > 0 ? applyMismatch(model, o.mismatch) : model, core);
  let basis;
  try {
    basis = modalBasis(filterRotor, o.speed, o.modes, dt);
  } finally {
    filterRotor.free();
  }
  const fm = filterMatrices(core, basis, o.unbalance, o.sensors, o.estimates, new NodeNumbering(model));
  const { a, b } = unbalanceForce(o.unbalance, basis.n, o.speed);
  const k = basis.k, nx = 2 * k, m = o.sensors.length;
  const R = noisy.map((z) => {
    const r2 = rms(z) ** 2;
    return Math.max(o.noise * o.noise * r2 / (1 + o.noise * o.noise), 1e-12 * r2);
  });
  const sigma = o.modelError * maxModalForce(basis, a, b);
  const Q = new Float64Array(nx * nx);
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < nx; j++) {
      let s = 0;
      for (let l = 0; l < k; l++)
        s += get(basis.G, i, l) * get(basis.G, j, l);
      Q[i * nx + j] = sigma * sigma * s;
    }
  }
  const rho = steadyModalAmplitude(core, basis, a, b);
  const P0 = diag([...basis.wn.map(() => (2 * rho) ** 2), ...basis.wn.map((w) => (2 * Math.max(w, o.speed) * rho) ** 2)]);
  const filter = new UkfCore(core).create({
    dimX: nx,
    dimZ: m,
    dimU: 2,
    alpha: 1,
    beta: 0,
    kappa: 0,
    process: { kind: "linear", F: toRows(fm.F), B: toRows(fm.B) },
    measurement: { kind: "linear", H: toRows(fm.H), D: toRows(fm.D) },
    options: { symmetrise: true }
  });
  let xs;
  let repairs;
  try {
    filter.set("x", new Float64Array(nx));
    filter.set("P", P0);
    filter.set("Q", Q);
    filter.set("R", diag(R));
    const zs = new Float64Array(samples * m);
    for (let i = 0; i < samples; i++)
      for (let j = 0; j < m; j++)
        zs[i * m + j] = noisy[j][i];
    const us = harmonicInputs(recording.t, o.speed);
    xs = filter.run(zs, ["xPost"], us).map((s) => s.xPost);
    repairs = filter.repairs;
  } finally {
    filter.free();
  }
  const sig = new SignalCore(core);
  const speedHz = o.speed / (2 * Math.PI);
  const estimated = o.estimates.map((_, e) => Float64Array.from(xs, (x) => rowTimes(fm.out, e, x)));
  const loop = openLoop(fm, o.speed, dt, preSamples + samples, preSamples);
  const estimates = o.estimates.map((d, e) => {
    const truth = column(recording.disp, width, responseColumn(d));
    return {
      dof: dofName(d),
      ...estimateError(sig, truth, estimated[e], discarded, o.fs, speedHz),
      open_loop: estimateError(sig, truth, loop[e], discarded, o.fs, speedHz)
    };
  });
  const result = {
    model: model.name,
    speed: o.speed,
    speed_rpm: o.speed * 60 / (2 * Math.PI),
    fs: o.fs,
    samples,
    discarded,
    t_pre: preSamples / o.fs,
    modes: k,
    wn_hz: basis.wn.map((w) => w / (2 * Math.PI)),
    noise: o.noise,
    seed: o.seed,
    mismatch: o.mismatch.map(mismatchName),
    sensors: o.sensors.map((d, j) => ({ dof: dofName(d), noise_std: std[j], R: R[j] })),
    filter: { model_error: o.modelError, sigma_modal_force: sigma, repairs },
    estimates,
    worst_nrmse: Math.max(...estimates.map((e) => e.nrmse))
  };
  return { result, recording, noisy, estimated };
}
function rowTimes(a, row, x) {
  let s = 0;
  for (let j = 0; j < a.c; j++)
    s += a.v[row * a.c + j] * x[j];
  return s;
}

// dist/cli/virtual-sensing.js
var RUN_OPTIONS = {
  "speed-rpm": { type: "string" },
  unbalance: { type: "string", multiple: true },
  estimate: { type: "string" },
  noise: { type: "string" },
  mismatch: { type: "string", multiple: true },
  "t-end": { type: "string" },
  "t-pre": { type: "string" },
  discard: { type: "string" },
  fs: { type: "string" },
  seed: { type: "string" },
  "model-error": { type: "string" },
  substeps: { type: "string" }
};
var RUN_USAGE = `  --speed-rpm R          shaft speed, rev/min (default ${VS_DEFAULTS.speedRpm}: below the test rig's first critical, 1576 rpm)
  --unbalance N:ME:PHASE known unbalance, shaft node : m\xB7e (kg m) : phase (rad), repeatable
                         (default 1e-4 kg m at phase 0 on the first disk)
  --estimate LIST        DOFs to estimate, NODE:DIR,..., shaft or pedestal nodes (default: the disks
                         and the node(s) nearest mid-span, x and y, except sensor DOFs)
  --noise L              sensor noise std as a fraction of the clean signal's RMS (default ${VS_DEFAULTS.noise})
  --mismatch P=+X%       the filter's model differs from the truth's: ${MISMATCH_PARAMETERS.join(", ")}
                         scaled by 1 + X/100, repeatable (the truth keeps the nominal model)
  --t-end T              recorded duration, s (default ${VS_DEFAULTS.tEnd})
  --t-pre T              simulated run-up from rest before the recording starts, s (default ${VS_DEFAULTS.tPre})
  --discard T            initial part of the recording left out of the error figures, s (default ${VS_DEFAULTS.discard})
  --fs HZ                sampling frequency of sensors and filter, Hz (default ${VS_DEFAULTS.fs})
  --seed S               seed of the sensor noise, integer >= 0 (default ${VS_DEFAULTS.seed})
  --model-error E        process noise: modal force std as a fraction of the largest modal
                         unbalance force (default ${VS_DEFAULTS.modelError})
  --substeps N           Newmark steps of the truth per sample (default ${VS_DEFAULTS.substeps})`;
function num2(values, key, fallback, rule) {
  return parseNumber(str(values[key]) ?? String(fallback), `--${key}`, rule);
}
function runOptions(values, model) {
  const numbering = new NodeNumbering(model);
  const nodes = numbering.count;
  const rpm2 = num2(values, "speed-rpm", VS_DEFAULTS.speedRpm, "positive");
  const given = parseEach(many(values.unbalance), (u, i, n) => parseUnbalance(u, numbering, i, n));
  let unbalance;
  if (given.length > 0)
    unbalance = given;
  else {
    const d = defaultUnbalance(model);
    if (d === null)
      throw new UsageError("--unbalance is required: the model has no disk to put the default unbalance on");
    unbalance = d;
  }
  if (unbalance.every((u) => u.magnitude === 0))
    throw new UsageError("--unbalance: at least one unbalance must be non-zero (it drives the response)");
  const fs = num2(values, "fs", VS_DEFAULTS.fs, "positive");
  const tEnd = num2(values, "t-end", VS_DEFAULTS.tEnd, "positive");
  const tPre = num2(values, "t-pre", VS_DEFAULTS.tPre, "nonnegative");
  const discard = num2(values, "discard", VS_DEFAULTS.discard, "nonnegative");
  const substeps = num2(values, "substeps", VS_DEFAULTS.substeps, "posinteger");
  const samples = Math.round(tEnd * fs), discarded = Math.round(discard * fs);
  const speedHz = rpm2 / 60;
  if (discarded > samples - Math.ceil(2 * fs / speedHz)) {
    throw new UsageError(`--discard ${discard} s leaves less than two revolutions of the ${tEnd} s recording for the error figures`);
  }
  if (!(speedHz < fs / 2))
    throw new UsageError(`--speed-rpm ${rpm2}: the shaft frequency ${speedHz} Hz is not below fs/2 = ${fs / 2} Hz`);
  const rows4 = (Math.round(tPre * fs) + samples) * substeps + 1;
  if (rows4 * (1 + 4 * nodes) > MAX_VALUES)
    throw new UsageError(`${rows4} time steps x ${nodes} nodes is too long a simulation: reduce --t-end, --t-pre, --fs or --substeps`);
  const noise = num2(values, "noise", VS_DEFAULTS.noise, "nonnegative");
  const seed = num2(values, "seed", VS_DEFAULTS.seed, "integer");
  const estimateText = str(values.estimate);
  return {
    speed: rpm2 * 2 * Math.PI / 60,
    unbalance,
    noise,
    mismatch: many(values.mismatch).map(parseMismatch),
    fs,
    tEnd,
    tPre,
    discard,
    seed,
    modelError: num2(values, "model-error", VS_DEFAULTS.modelError, "nonnegative"),
    substeps,
    ...estimateText !== void 0 ? { estimates: parseDofList(estimateText, numbering, "--estimate") } : {}
  };
}
function parseModes(text3, model, fallback) {
  const modes = parseNumber(text3 ?? String(fallback), "--modes", "posinteger");
  const dof = new NodeNumbering(model).dof;
  if (modes > dof)
    throw new UsageError(`--modes ${modes} is more than the model's ${dof} degrees of freedom`);
  return modes;
}
function* runCsv(run, sensors, estimates) {
  const noisy = run.noisy;
  const rec = run.recording, w = 2 * rec.nodes;
  const tag = (d) => `${d.node}_${d.dir}`;
  const header = ["t", ...sensors.map((d) => `acc_${tag(d)}`), ...estimates.flatMap((d) => [`disp_${tag(d)}`, `est_${tag(d)}`])];
  const truth = estimates.map((d) => column(rec.disp, w, responseColumn(d)));
  yield* csvChunks(header, rec.samples, (i) => [rec.t[i], ...noisy.map((z) => z[i]), ...estimates.flatMap((_, e) => [truth[e][i], run.estimated[e][i]])]);
}
var virtualSensingCommand = {
  name: "virtual-sensing",
  summary: "estimate unmeasured rotor vibration from simulated accelerometers with a UKF, scored against the truth",
  usage: `Usage: twin virtual-sensing MODEL.json [--speed-rpm R] [--unbalance NODE:MAG:PHASE ...]
                             [--sensors NODE:DIR,...] [--estimate NODE:DIR,...] [--noise 0.01]
                             [--mismatch bearing-k=+10%] [--modes K] [--t-end T] [--fs HZ] [--seed S]
                             [--json] [--out FILE.csv]

Simulates the rig (full model, Newmark) with the known unbalance, adds seeded noise to the
accelerations at the sensor DOFs, runs the unscented Kalman filter on the reduced modal model
(process: exact discretisation with the unbalance force as input; measurement: accelerations,
H = [-Phi_s Kr, -Phi_s Cr], feedthrough Phi_s Phi^T f), and reports, for each estimated DOF, the
displacement NRMSE = RMS(error)/RMS(truth) and the 1X amplitude and phase errors, after the initial
part of the recording (--discard). "NRMSE model only" is the reduced model run from rest without
measurements. Details: docs/vsense.md.

Nodes: shaft nodes 0..N-1, then pedestal nodes N, N+1, ... in the order of the bearings that carry
a pedestal (docs/rotor.md); a sensor on a pedestal node is an accelerometer on the bearing housing.

Options:
  --sensors LIST         accelerometer DOFs, NODE:DIR,..., shaft or pedestal nodes (default: x and y
                         at every bearing's shaft node)
  --modes K              modes of the filter's reduced model (default ${VS_DEFAULTS.modes})
${RUN_USAGE}
  --json                 print the result as JSON
  --out FILE.csv         write t, the noisy accelerations acc_<node>_<dir>, the true and estimated
                         displacements disp_<node>_<dir>, est_<node>_<dir>
  -h, --help             show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { ...RUN_OPTIONS, sensors: { type: "string" }, modes: { type: "string" }, json: { type: "boolean" }, out: { type: "string" }, help: { type: "boolean", short: "h" } }, { min: 1, max: 1, names: "MODEL.json" });
    if (helpRequested(values, this, io))
      return 0;
    const model = loadModelFile(positionals[0]);
    const sensorText = str(values.sensors);
    const sensors = sensorText !== void 0 ? parseDofList(sensorText, new NodeNumbering(model), "--sensors") : defaultSensors(model);
    const modes = parseModes(str(values.modes), model, VS_DEFAULTS.modes);
    const { estimates: given, ...o } = runOptions(values, model);
    const estimates = given ?? defaultEstimates(model, sensors);
    if (estimates.length === 0)
      throw new UsageError("--estimate: nothing to estimate (every default location carries a sensor)");
    const clash = estimates.filter((e) => sensors.some((s) => s.node === e.node && s.dir === e.dir));
    if (clash.length > 0)
      throw new UsageError(`--estimate: ${clash.map(dofName).join(", ")} carr${clash.length > 1 ? "y" : "ies"} a sensor`);
    const run = virtualSensing(model, { ...o, sensors, estimates, modes });
    const out = str(values.out);
    if (out !== void 0)
      writeOutput(out, runCsv(run, sensors, estimates));
    if (values.json === true)
      io.out(stringifyJson(run.result) + "\n");
    else
      io.out(formatVirtualSensing(run.result) + (out !== void 0 ? `time series written to ${out}
` : ""));
    return 0;
  }
};

// dist/vsense/placement.js
function fisherInverse(core, phi, rows4) {
  const k = phi.c;
  const fim = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (const r of rows4)
        s += get(phi, r, a) * get(phi, r, b);
      fim[a * k + b] = s;
    }
  }
  const inv = new Float64Array(k * k);
  core.withBuffers([fim], (pa) => {
    for (let j = 0; j < k; j++) {
      const e = new Float64Array(k);
      e[j] = 1;
      const x = core.withBuffers([e], (pb) => core.take(core.fn("linalgSolve")(pa, pb, k), "linalgSolve (Fisher information matrix)"));
      for (let i = 0; i < k; i++)
        inv[i * k + j] = x[i];
    }
  });
  const det = core.withBuffers([fim], (pa) => core.fn("linalgDet")(pa, k));
  return { inv, det };
}
function efiOf(phi, inv, r) {
  const k = phi.c;
  let s = 0;
  for (let a = 0; a < k; a++) {
    let t = 0;
    for (let b = 0; b < k; b++)
      t += inv[a * k + b] * get(phi, r, b);
    s += get(phi, r, a) * t;
  }
  return s;
}
function drivingPointResidues(phi, wn) {
  return Array.from({ length: phi.r }, (_, i) => {
    let s = 0;
    for (let j = 0; j < phi.c; j++)
      s += get(phi, i, j) ** 2 / wn[j];
    return s;
  });
}
function effectiveIndependence(core, phi, wn, count, method) {
  const k = phi.c;
  if (count < k)
    throw new RangeError(`effective independence needs at least as many sensors (${count}) as target modes (${k})`);
  if (count > phi.r)
    throw new RangeError(`${count} sensors asked for, but only ${phi.r} candidates`);
  const weight = method === "efi-dpr" ? drivingPointResidues(phi, wn) : new Array(phi.r).fill(1);
  let rows4 = Array.from({ length: phi.r }, (_, i) => i);
  const steps = [];
  while (rows4.length > count) {
    const { inv: inv2 } = fisherInverse(core, phi, rows4);
    let worst = -1, worstScore = Infinity;
    for (const r of rows4) {
      const e = efiOf(phi, inv2, r);
      if (e >= 1 - 1e-9)
        continue;
      const s = e * weight[r];
      if (s <= worstScore) {
        worstScore = s;
        worst = r;
      }
    }
    if (worst < 0)
      throw new RangeError(`every remaining candidate is needed to resolve the ${k} target modes`);
    steps.push({ removed: worst, score: worstScore });
    rows4 = rows4.filter((r) => r !== worst);
  }
  const { inv, det } = fisherInverse(core, phi, rows4);
  return { chosen: rows4, efi: rows4.map((r) => efiOf(phi, inv, r)), weight: rows4.map((r) => weight[r]), fisherDet: det, steps };
}

// dist/vsense/place.js
function placeSensors(model, o, core = Core.default()) {
  const rotor = RotorCore.load(model, core);
  let basis;
  try {
    basis = modalBasis(rotor, o.speed, o.modes, 1e-3);
  } finally {
    rotor.free();
  }
  const nodes = new NodeNumbering(model);
  const phi = pickRows(basis.Phi, o.candidates.map((d) => dofIndex(d, nodes)));
  const placement = effectiveIndependence(core, phi, basis.wn, o.count, o.method);
  return { sensors: placement.chosen.map((i) => o.candidates[i]), placement, wn_hz: basis.wn.map((w) => w / (2 * Math.PI)) };
}

// dist/cli/sensor-placement.js
var same = (a, b) => a.node === b.node && a.dir === b.dir;
var sensorPlacementCommand = {
  name: "sensor-placement",
  summary: "choose accelerometer locations by Effective Independence and check them by virtual sensing",
  usage: `Usage: twin sensor-placement MODEL.json --count N [--candidates NODE:DIR,...] [--modes K]
                              [--method efi|efi-dpr] [--filter-modes K] [virtual-sensing options] [--json]

Effective Independence (Kammer 1991, J. Guidance Control Dyn. 14(2):251-259): starting from all
candidates, removes one at a time the DOF contributing least to the rank of the Fisher information
matrix of the K target modes (the lowest undamped modes at the speed), until N remain. With
--method efi-dpr (default) each DOF's effective independence is weighted by its driving-point
residue sum(phi^2/omega), which keeps sensors away from low-response locations (Meo & Zumpano 2005,
Eng. Struct. 27(10):1488-1497). Then the virtual-sensing pipeline of "twin virtual-sensing" runs
with the chosen sensors and, for comparison, with x and y at every bearing. Details: docs/vsense.md.

Options:
  --count N              number of sensors (required; at least K)
  --candidates LIST      candidate DOFs, NODE:DIR,..., shaft or pedestal nodes (docs/rotor.md)
                         (default: x and y of every shaft node)
  --modes K              target modes (default min(N, ${VS_DEFAULTS.modes}))
  --method M             efi or efi-dpr (default efi-dpr)
  --filter-modes K       modes of the filter in the check runs (default ${VS_DEFAULTS.modes})
${RUN_USAGE}
  --json                 print the result as JSON
  -h, --help             show this help

Estimated DOFs that carry a chosen sensor are left out of both check runs.
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, {
      ...RUN_OPTIONS,
      count: { type: "string" },
      candidates: { type: "string" },
      modes: { type: "string" },
      method: { type: "string" },
      "filter-modes": { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" }
    }, { min: 1, max: 1, names: "MODEL.json" });
    if (helpRequested(values, this, io))
      return 0;
    const model = loadModelFile(positionals[0]);
    const numbering = new NodeNumbering(model);
    const nodes = numbering.shaftNodes;
    const count = parseNumber(required(values.count, "--count"), "--count", "posinteger");
    const candText = str(values.candidates);
    const candidates = candText !== void 0 ? parseDofList(candText, numbering, "--candidates") : bothDirections([...Array(nodes).keys()]);
    if (count > candidates.length)
      throw new UsageError(`--count ${count}: only ${candidates.length} candidates`);
    const modes = parseModes(str(values.modes), model, Math.min(count, VS_DEFAULTS.modes));
    if (modes > count)
      throw new UsageError(`--modes ${modes}: Effective Independence needs at least as many sensors as target modes (--count ${count})`);
    const method = str(values.method) ?? "efi-dpr";
    if (method !== "efi" && method !== "efi-dpr")
      throw new UsageError(`--method: must be efi or efi-dpr, got ${JSON.stringify(method)}`);
    const filterModes = parseModes(str(values["filter-modes"]), model, VS_DEFAULTS.modes);
    const { estimates: given, ...o } = runOptions(values, model);
    const placed = placeSensors(model, { speed: o.speed, modes, count, candidates, method });
    const bearings = defaultSensors(model);
    const estimates = (given ?? defaultEstimates(model, placed.sensors)).filter((e) => !placed.sensors.some((s) => same(s, e)) && !bearings.some((s) => same(s, e)));
    if (estimates.length === 0)
      throw new UsageError("--estimate: every estimated DOF carries a sensor of the chosen set or of the bearing set");
    const check2 = (sensors) => virtualSensing(model, { ...o, sensors, estimates, modes: filterModes }).result;
    const chosenRun = check2(placed.sensors);
    const bearingRun = check2(bearings);
    const p = placed.placement;
    const result = {
      model: model.name,
      method,
      count,
      target_modes: modes,
      target_wn_hz: placed.wn_hz,
      candidates: candidates.map(dofName),
      sensors: placed.sensors.map((d, i) => ({ dof: dofName(d), efi: p.efi[i], weight: p.weight[i] })),
      fisher_det: p.fisherDet,
      removed: p.steps.map((s) => ({ dof: dofName(candidates[s.removed]), score: s.score })),
      check: chosenRun,
      bearing_sensors: bearingRun
    };
    if (values.json === true) {
      io.out(stringifyJson(result) + "\n");
      return 0;
    }
    const lines = [
      `sensor placement: ${model.name}, ${count} sensors from ${candidates.length} candidates by ${method === "efi" ? "Effective Independence" : "EfI-DPR"}`,
      `  target modes: ${modes} (${placed.wn_hz.map((f) => f.toFixed(1)).join(", ")} Hz)`,
      `  chosen: ${result.sensors.map((s) => `${s.dof} (E ${s.efi.toFixed(3)}${method === "efi-dpr" ? `, DPR ${s.weight.toExponential(2)}` : ""})`).join(", ")}`,
      `  det(Fisher information) ${p.fisherDet.toExponential(3)}; removed, first to last: ${result.removed.map((r) => r.dof).join(", ")}`,
      "",
      "check with the chosen sensors:",
      formatVirtualSensing(chosenRun),
      `for comparison, with the bearing sensors ${bearings.map(dofName).join(", ")}: worst NRMSE ${(100 * bearingRun.worst_nrmse).toFixed(3)} %`
    ];
    io.out(lines.join("\n") + "\n");
    return 0;
  }
};

// dist/cli/states-generate.js
import { mkdirSync as mkdirSync5 } from "node:fs";
import { join as join16 } from "node:path";

// dist/states/generate.js
var DEFAULT_STATES = [
  { name: "s0900_u1", speedRpm: 900, unbalance: 1e-4, unseen: false },
  { name: "s0900_u4", speedRpm: 900, unbalance: 4e-4, unseen: false },
  { name: "s1200_u1", speedRpm: 1200, unbalance: 1e-4, unseen: false },
  { name: "s1200_u4", speedRpm: 1200, unbalance: 4e-4, unseen: false },
  { name: "s2400_u1", speedRpm: 2400, unbalance: 1e-4, unseen: false },
  { name: "s1800_u2", speedRpm: 1800, unbalance: 2e-4, unseen: true }
];
var GENERATE_DEFAULTS = {
  fs: 2e3,
  seconds: 3,
  settle: 10,
  substeps: 2,
  noise: 0.02,
  seed: 1,
  window: 200,
  hop: 100,
  bands: 4,
  windowFn: "hann"
};
function fmt3(x) {
  return String(Number(x.toPrecision(6)));
}
function channelName(d) {
  return `a${d.dir}_${d.node}`;
}
function recordState(rotor, model, spec, index, o, channels) {
  const disk2 = model.disks?.[0];
  if (disk2 === void 0)
    throw new RangeError(`model ${model.name} has no disk to carry the unbalance`);
  const unbalance = [{ node: disk2.node, magnitude: spec.unbalance, phase: 0 }];
  const samples = Math.round(o.seconds * o.fs);
  const rec = simulate(rotor, { speed: spec.speedRpm * 2 * Math.PI / 60, unbalance, fs: o.fs, samples, preSamples: Math.round(o.settle * o.fs), substeps: o.substeps });
  const w = 2 * rec.nodes;
  const clean = channels.map((d) => column(rec.acc, w, responseColumn(d)));
  const rng = new SplitMix64(BigInt(o.seed) * 1000003n + BigInt(index) & (1n << 64n) - 1n);
  const { noisy } = addNoise(clean, o.noise, rng);
  const lines = [["t", ...channels.map(channelName)].join(",")];
  for (let i = 0; i < samples; i++)
    lines.push([String(Number((i / o.fs).toPrecision(12))), ...noisy.map((z) => fmt3(z[i]))].join(","));
  return lines.join("\n") + "\n";
}
function stateFeatures(csv, file, state, o, sig) {
  const table4 = parseSignalCsv(csv, file);
  const ft = featureTable(table4, { fs: o.fs, window: o.window, hop: o.hop, bands: o.bands, windowFn: o.windowFn }, file, sig);
  let text3 = "";
  for (const chunk of csvChunks([...ft.header, "state"], ft.rows, (r) => ft.row(r)))
    text3 += chunk;
  const lines = text3.split("\n");
  return lines.map((l, i) => l === "" ? l : i === 0 ? l : `${l},${state}`).join("\n");
}
function generateStates(model, o, core = Core.default()) {
  const channels = defaultSensors(model);
  const rotor = RotorCore.load(model, core);
  const sig = new SignalCore(core);
  const files = [];
  const { states, ...rest } = o;
  try {
    states.forEach((spec, i) => {
      const csv = recordState(rotor, model, spec, i, rest, channels);
      files.push({ name: `${spec.name}.csv`, text: csv });
      files.push({ name: `${spec.name}.features.csv`, text: stateFeatures(csv, `${spec.name}.csv`, spec.name, rest, sig) });
    });
  } finally {
    rotor.free();
  }
  const manifest = {
    format: "twin-states",
    version: 1,
    model: model.name,
    channels: channels.map(channelName),
    unbalance_node: model.disks?.[0]?.node ?? null,
    ...rest,
    states: states.map((s) => ({ name: s.name, speed_rpm: s.speedRpm, unbalance_kg_m: s.unbalance, unseen: s.unseen }))
  };
  files.push({ name: "states.json", text: JSON.stringify(manifest, null, 2) + "\n" });
  return { files, channels: channels.map(channelName) };
}

// dist/cli/states-generate.js
var DEFAULT_STATES_DIR = join16("models", "states");
var statesGenerateCommand = {
  name: "states generate",
  summary: "simulate the rig in labelled operating states: bearing accelerations and feature tables (demo data)",
  usage: `Usage: twin states generate [MODEL.json] [--out DIR] [--seed S] [--noise L]

Simulates the rig (default: the packaged models/test-rig.json) in each operating state below, from
rest through a ${GENERATE_DEFAULTS.settle} s run-up, then records ${GENERATE_DEFAULTS.seconds} s of accelerations at the bearings
(x and y) at ${GENERATE_DEFAULTS.fs} Hz with sensor noise (std = L x RMS of the clean signal, seeded). Unbalance on the first disk.

${DEFAULT_STATES.map((s) => `  ${s.name}  ${String(s.speedRpm).padStart(4)} rpm, unbalance ${s.unbalance.toExponential(0)} kg m${s.unseen ? "  (unseen: not for training)" : ""}`).join("\n")}

Writes to DIR: <state>.csv (t, ax_<node>, ay_<node>), <state>.features.csv (the output of
"twin features <state>.csv --fs ${GENERATE_DEFAULTS.fs} --window ${GENERATE_DEFAULTS.window} --hop ${GENERATE_DEFAULTS.hop} --bands ${GENERATE_DEFAULTS.bands}" plus a "state" column) and
states.json (the parameters). The same seed writes the same bytes.

Options:
  --out DIR     output directory, created if missing (default ${DEFAULT_STATES_DIR})
  --seed S      noise seed, integer >= 0 (default ${GENERATE_DEFAULTS.seed})
  --noise L     sensor noise relative to the clean RMS (default ${GENERATE_DEFAULTS.noise})
  -h, --help    show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { out: { type: "string" }, seed: { type: "string" }, noise: { type: "string" }, help: { type: "boolean", short: "h" } }, { min: 0, max: 1, names: "MODEL.json" });
    if (helpRequested(values, this, io))
      return 0;
    const file = positionals[0] ?? join16(PACKAGE_ROOT, "models", "test-rig.json");
    const model = loadModelFile(file);
    if ((model.disks ?? []).length === 0)
      throw new InputError(`${file}: disks: the model needs a disk to carry the unbalance of the states`);
    const seed = parseNumber(str(values.seed) ?? String(GENERATE_DEFAULTS.seed), "--seed", "integer");
    const noise = parseNumber(str(values.noise) ?? String(GENERATE_DEFAULTS.noise), "--noise", "nonnegative");
    const dir = str(values.out) ?? DEFAULT_STATES_DIR;
    const { files } = generateStates(model, { ...GENERATE_DEFAULTS, seed, noise, states: DEFAULT_STATES });
    try {
      mkdirSync5(dir, { recursive: true });
    } catch (e) {
      throw new OutputError(`${dir}: cannot create the directory: ${e.message}`);
    }
    let bytes = 0;
    for (const f of files) {
      writeOutput(join16(dir, f.name), [f.text]);
      bytes += Buffer.byteLength(f.text);
    }
    io.out(`${files.length} files, ${bytes} bytes written to ${dir}
`);
    return 0;
  }
};

// dist/cli/main.js
var COMMANDS = [
  coreInfoCommand,
  modalCommand,
  campbellCommand,
  unbalanceCommand,
  timeCommand,
  staticCommand,
  reduceCommand,
  checkCommand,
  demoCommand,
  elmFitCommand,
  elmTrainCommand,
  elmUpdateCommand,
  elmPredictCommand,
  featuresCommand,
  ukfRunCommand,
  modelicaParseCommand,
  modelicaToRdfCommand,
  modelicaFromRdfCommand,
  modelicaRoundtripCommand,
  modelicaQueryCommand,
  amlValidateCommand,
  amlToRdfCommand,
  amlFromRdfCommand,
  amlRoundtripCommand,
  ...SPC_CHART_COMMANDS,
  capabilityCommand,
  ...ARCHIVE_COMMANDS,
  virtualSensingCommand,
  sensorPlacementCommand,
  statesGenerateCommand
];
function version() {
  try {
    return JSON.parse(readFileSync26(join17(PACKAGE_ROOT, "package.json"), "utf8")).version;
  } catch {
    return "unknown";
  }
}
function commandList(commands) {
  const width = Math.max(...commands.map((c) => c.name.length));
  return commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n");
}
function mainUsage() {
  return `Usage: twin <command> [options]

Simulation-based digital twins of machines, archived for decades.

Commands:
${commandList(COMMANDS)}
  ${"help [COMMAND]".padEnd(Math.max(...COMMANDS.map((c) => c.name.length)))}  show help (of a command)

Options:
  -h, --help     show this help; "twin COMMAND --help" shows a command's help
  --version      print the version

Exit codes: 0 success, 1 failure (numerical, output), 2 bad command line or input file.
Set TWIN_CORE_WASM to run another core build; TWIN_DEBUG=1 prints stack traces of internal errors.
`;
}
function groupUsage(group) {
  const cmds = COMMANDS.filter((c) => c.name.startsWith(group + " "));
  return `Usage: twin ${group} <command> [options]

Commands:
${commandList(cmds)}

"twin ${group} COMMAND --help" shows a command's help.
`;
}
function findCommand(argv) {
  for (const cmd of COMMANDS) {
    const words = cmd.name.split(" ");
    if (words.every((w, i) => argv[i] === w))
      return { cmd, rest: argv.slice(words.length) };
  }
  return void 0;
}
function isGroup(word) {
  return word !== void 0 && COMMANDS.some((c) => c.name.includes(" ") && c.name.split(" ")[0] === word);
}
async function main(argv, io = processIo) {
  if (io === processIo)
    guardStdout();
  try {
    const first = argv[0];
    if (first === void 0) {
      io.err(mainUsage());
      return EXIT_USAGE;
    }
    if (first === "--help" || first === "-h") {
      io.out(mainUsage());
      return 0;
    }
    if (first === "--version" || first === "-V") {
      io.out(`twin ${version()}
`);
      return 0;
    }
    if (first === "help") {
      const topic = argv.slice(1);
      if (topic.length === 0) {
        io.out(mainUsage());
        return 0;
      }
      const found2 = findCommand(topic);
      if (found2 && found2.rest.length === 0)
        io.out(found2.cmd.usage);
      else if (topic.length === 1 && isGroup(topic[0]))
        io.out(groupUsage(topic[0]));
      else
        throw new UsageError(`no such command: ${topic.join(" ")}`);
      return 0;
    }
    const found = findCommand(argv);
    if (found)
      return await runCommand(found.cmd, found.rest, io);
    if (isGroup(first)) {
      const sub = argv[1];
      if (sub === "--help" || sub === "-h") {
        io.out(groupUsage(first));
        return 0;
      }
      io.err(`twin ${first}: ${sub === void 0 ? "missing command" : `unknown command ${JSON.stringify(sub)}`}

${groupUsage(first)}`);
      return EXIT_USAGE;
    }
    io.err(`twin: unknown command ${JSON.stringify(first)}

${mainUsage()}`);
    return EXIT_USAGE;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`twin: ${e.message}

${mainUsage()}`);
      return EXIT_USAGE;
    }
    return reportError(e, io);
  }
}

// bin/twin.js
process.exitCode = await main(process.argv.slice(2));
