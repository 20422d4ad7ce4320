// YAML rule files for lineamientos-wasm: `yamlToJson(text)` converts YAML to the JSON text
// that `RuleSet.fromJson` reads (the core reads only JSON).
//
// The same conversion as the Python package's `RuleSet.from_yaml` (bindings-python/src/yaml.rs),
// so a YAML file is the same rule file in both: YAML 1.2 core schema for plain scalars
// (`null`/`~`/empty, `true`/`false` in three casings, decimal/octal/hex integers, decimals; no
// `.inf`/`.nan`), quoted and block scalars are text, keys are their text, integers and
// decimals stay apart (`1` is an integer, `1.0` a decimal, also in the JSON text written).
// Refused with `invalid_file` (format "yaml"): syntax errors, aliases (no expansion bombs),
// tags, duplicate keys, several documents, integers beyond 64 bits; deeper than 64 levels is
// `limit_exceeded` (`what: "json_depth"`), as for JSON. Errors are `LineamientosError`s like
// the module's own.
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseAllDocuments } from "yaml";

/** Nesting limit of documents (core's `document::MAX_DEPTH`). */
const MAX_DEPTH = 64;
const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

function lineamientosError(code, message, details) {
  const err = new Error(message);
  err.name = "LineamientosError";
  Object.assign(err, { code, ...details });
  return err;
}

function refused(message) {
  // Details as core gives them (`format`); the message as core writes it.
  return lineamientosError("invalid_file", `invalid yaml file: ${message}`, { format: "yaml" });
}

/** An integer (kept as its digits) or a decimal, as the JSON text will hold it. */
class JsonNumber {
  constructor(text) {
    this.text = text;
  }
}

const DECIMAL = /^(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** A plain scalar under the YAML 1.2 core schema (null, boolean, integer, decimal or text). */
function plain(s) {
  switch (s) {
    case "":
    case "~":
    case "null":
    case "Null":
    case "NULL":
      return null;
    case "true":
    case "True":
    case "TRUE":
      return true;
    case "false":
    case "False":
    case "FALSE":
      return false;
  }
  const integer = (digits, radix) => {
    const n = radix === 10 ? BigInt(digits) : BigInt((radix === 8 ? "0o" : "0x") + digits);
    if (n < I64_MIN || n > I64_MAX) throw `the integer ${s} does not fit in 64 bits`;
    return new JsonNumber(n.toString());
  };
  if (/^0o[0-7]+$/.test(s)) return integer(s.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return integer(s.slice(2), 16);
  const unsigned = s.startsWith("-") || s.startsWith("+") ? s.slice(1) : s;
  if (/^[0-9]+$/.test(unsigned)) return integer(s.startsWith("+") ? unsigned : s, 10);
  const lower = unsigned.toLowerCase();
  if (lower === ".inf" || lower === ".nan") throw `${s} is not a number JSON can hold`;
  if (DECIMAL.test(unsigned)) {
    const x = Number(s);
    if (!Number.isFinite(x)) throw `${s} is not a number JSON can hold`;
    return new JsonNumber(decimalText(x));
  }
  return s;
}

/**
 * A decimal written as Rust's serde_json writes it (ryu's layout of the shortest digits), so
 * the JSON text is the Python package's to the byte: `1.0`, `0.5`, `1e+16`, `1.5e-7`.
 */
function decimalText(x) {
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mantissa, exponent] = Math.abs(x).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const length = digits.length;
  const kk = Number(exponent) + 1; // where the decimal point goes, from the first digit
  const k = kk - length;
  let text;
  if (k >= 0 && kk <= 16) text = `${digits}${"0".repeat(k)}.0`;
  else if (kk > 0 && kk <= 16) text = `${digits.slice(0, kk)}.${digits.slice(kk)}`;
  else if (kk > -5 && kk <= 0) text = `0.${"0".repeat(-kk)}${digits}`;
  else {
    const e = kk - 1 > 0 ? `e+${kk - 1}` : `e${kk - 1}`;
    text = length === 1 ? `${digits}${e}` : `${digits[0]}.${digits.slice(1)}${e}`;
  }
  return x < 0 ? `-${text}` : text;
}

function byCodePoint(a, b) {
  const x = Array.from(a, (c) => c.codePointAt(0));
  const y = Array.from(b, (c) => c.codePointAt(0));
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

function toJsonText(value) {
  if (value instanceof JsonNumber) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(",")}]`;
  if (value instanceof Map) {
    // Keys in code-point order (UTF-8 byte order), as serde_json's map writes them.
    const keys = [...value.keys()].sort(byCodePoint);
    const parts = keys.map((k) => `${JSON.stringify(k)}:${toJsonText(value.get(k))}`);
    return `{${parts.join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * YAML text as the JSON text of the same document, for `RuleSet.fromJson`:
 * `RuleSet.fromJson(yamlToJson(text))`. Throws a `LineamientosError` (`invalid_file`, format
 * "yaml", or `limit_exceeded` for nesting deeper than 64 levels).
 * @param {string} text
 * @returns {string}
 */
export function yamlToJson(text) {
  if (typeof text !== "string") {
    throw lineamientosError("invalid_value", "yamlToJson takes the YAML text (a string)", {
      field: "text",
      expected: "a string",
    });
  }
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { schema: "failsafe", uniqueKeys: false, merge: false, lineCounter: lines });
  const place = (node) => {
    const { line, col } = lines.linePos(node?.range?.[0] ?? 0);
    return `line ${line}, column ${col}`;
  };
  if (!Array.isArray(docs) || docs.length === 0) return "null"; // an empty stream
  if (docs.length > 1) throw refused(`${place(docs[1].contents)}: one document per file`);
  const doc = docs[0];
  if (doc.errors.length) throw refused(doc.errors[0].message);

  const convert = (node, depth) => {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) throw refused(`${place(node)}: aliases are not read`);
    if (node.tag) throw refused(`${place(node)}: tags are not read`);
    if (isScalar(node)) {
      const s = node.value === null || node.value === undefined ? "" : String(node.value);
      if (node.type !== "PLAIN") return s;
      try {
        return plain(s);
      } catch (message) {
        throw refused(`${place(node)}: ${message}`);
      }
    }
    if (depth >= MAX_DEPTH) {
      throw lineamientosError("limit_exceeded", `json_depth exceeds the limit of ${MAX_DEPTH}`, {
        what: "json_depth",
        limit: MAX_DEPTH,
        option: null,
      });
    }
    if (isSeq(node)) return node.items.map((item) => convert(item, depth + 1));
    if (isMap(node)) {
      const out = new Map();
      for (const pair of node.items) {
        const key = pair.key;
        if (isAlias(key)) throw refused(`${place(key)}: aliases are not read`);
        if (key?.tag) throw refused(`${place(key)}: tags are not read`);
        if (key !== null && key !== undefined && !isScalar(key)) {
          throw refused("a key must be text, not a list or mapping");
        }
        const k = key?.value === null || key?.value === undefined ? "" : String(key.value);
        if (out.has(k)) throw refused(`${place(key)}: the key ${JSON.stringify(k)} appears twice`);
        out.set(k, convert(pair.value, depth + 1));
      }
      return out;
    }
    throw refused(`${place(node)}: not a YAML value`);
  };
  return toJsonText(convert(doc.contents, 0));
}
