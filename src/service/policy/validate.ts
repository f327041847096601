// Checking a policy document: the JSON Schema (schema.ts, Ajv draft 2020-12) for the shape, then the
// rules a schema cannot state precisely. Every problem is collected and reported at once, each with the
// JSON path of the value at fault, so that one run of `twin serve` shows all that must be fixed.
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import { POLICY_SCHEMA } from "./schema.js";
import { parseResource, ResourcePathError, isResourceKind } from "./resource.js";
import { PolicyError, jsonPath, pointerParts, type PolicyProblem } from "./errors.js";
import { parseKeyHash } from "./keys.js";
import { KEY_HASH_PATTERN, type PolicyDocument } from "./document.js";

const KEY_HASH_RE = new RegExp(KEY_HASH_PATTERN);

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: false });
const checkShape = ajv.compile<PolicyDocument>(POLICY_SCHEMA);

/** The document as a PolicyDocument, or a PolicyError listing every problem of `file`. */
export function validatePolicyDocument(json: unknown, file: string): PolicyDocument {
  const problems: PolicyProblem[] = [];
  if (!checkShape(json)) {
    for (const e of checkShape.errors ?? []) {
      // a bad property name comes twice: its pattern (located at the object) and propertyNames (at the key)
      if (e.keyword === "pattern" && e.schemaPath.includes("/propertyNames/")) continue;
      problems.push(schemaProblem(e, json));
    }
  }
  problems.push(...semanticProblems(json));
  if (problems.length > 0) throw PolicyError.of(file, dedupe(problems));
  return json as PolicyDocument;
}

function schemaProblem(e: ErrorObject, doc: unknown): PolicyProblem {
  const parts = pointerParts(e.instancePath, doc);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return { path: jsonPath(parts), detail: `missing property ${JSON.stringify(p["missingProperty"])}` };
    case "additionalProperties":
      return { path: jsonPath([...parts, String(p["additionalProperty"])]), detail: "unknown property" };
    case "propertyNames":
      return { path: jsonPath([...parts, String(p["propertyName"])]), detail: propertyNameDetail(parts) };
    case "uniqueItems":
      return { path: jsonPath([...parts, Math.max(Number(p["i"]), Number(p["j"]))]), detail: `duplicate of item ${Math.min(Number(p["i"]), Number(p["j"]))}` };
    case "enum":
      return { path: jsonPath(parts), detail: `must be one of ${(p["allowedValues"] as unknown[]).map((v) => JSON.stringify(v)).join(", ")}` };
    case "const":
      return { path: jsonPath(parts), detail: `must be ${JSON.stringify(p["allowedValue"])}` };
    case "pattern":
      return { path: jsonPath(parts), detail: patternDetail(parts) };
    default:
      return { path: jsonPath(parts), detail: e.message ?? e.keyword };
  }
}

/** Ajv reports a bad property name twice (the pattern, then propertyNames): the path is the key's. */
function propertyNameDetail(parts: readonly (string | number)[]): string {
  const container = parts[parts.length - 1];
  if (container === "subjects") return 'not a subject id "<type>:<name>" such as "user:alice" or "role:operator"';
  if (container === "entries") return "not a label (letters, digits, _ . : - ; starting with a letter or digit)";
  if (container === "resources") return "not a resource path: it must start with twin:/, history:/, method:/, event:/, alarm:/ or policy:/";
  return "not an allowed name";
}

function patternDetail(parts: readonly (string | number)[]): string {
  const container = parts[parts.length - 2];
  if (container === "subjects") return 'not a subject id "<type>:<name>" such as "user:alice" or "role:operator"';
  if (container === "roles") return "not a role name (letters, digits, _ . - ; starting with a letter or digit; without \"role:\")";
  if (container === "keys") return 'not a key hash "scrypt$N$r$p$<salt>$<hash>" (make one with `twin serve hash-key KEY`)';
  return "does not match the expected form";
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Rules beyond the schema, checked on whatever parts of the document have the right shape. */
function semanticProblems(json: unknown): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  if (!isObj(json)) return out;
  const entries = json["entries"];
  if (isObj(entries)) {
    for (const [label, entry] of Object.entries(entries)) {
      if (!isObj(entry) || !isObj(entry["resources"])) continue;
      for (const [resource, rule] of Object.entries(entry["resources"])) {
        const at = ["entries", label, "resources", resource];
        const colon = resource.indexOf(":");
        // a key without a known kind is already reported by the schema (propertyNames)
        if (colon > 0 && isResourceKind(resource.slice(0, colon)) && resource[colon + 1] === "/") {
          try {
            parseResource(resource);
          } catch (e) {
            if (!(e instanceof ResourcePathError)) throw e;
            out.push({ path: jsonPath(at), detail: e.detail });
          }
        }
        if (isObj(rule) && Array.isArray(rule["grant"]) && Array.isArray(rule["revoke"])) {
          const revoked = new Set(rule["revoke"]);
          rule["grant"].forEach((p, i) => {
            // Ditto lets one resource both grant and revoke a permission (the revoke wins); in a file
            // that is always a mistake: the grant does nothing.
            if (typeof p === "string" && revoked.has(p)) out.push({ path: jsonPath([...at, "grant", i]), detail: `${p} is also revoked on this resource, so the grant has no effect` });
          });
        }
      }
    }
  }
  const subjects = json["subjects"];
  if (isObj(subjects)) {
    for (const [id, def] of Object.entries(subjects)) {
      if (!isObj(def) || !Array.isArray(def["keys"])) continue;
      def["keys"].forEach((k, i) => {
        if (typeof k !== "string") return;
        const problem = parseKeyHash(k);
        if (typeof problem === "string" && KEY_HASH_RE.test(k)) out.push({ path: jsonPath(["subjects", id, "keys", i]), detail: problem });
      });
    }
  }
  return out;
}

function dedupe(problems: PolicyProblem[]): PolicyProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.path}\u0000${p.detail}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
