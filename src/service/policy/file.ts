// Reading a policy file: strict JSON (src/io/json.ts: line:column of a syntax fault, duplicate keys
// refused) and then Policy.parse, every fault named with the file.
import { readFileSync } from "node:fs";
import { parseJson, JsonSyntaxError } from "../../io/json.js";
import { Policy } from "./policy.js";
import { PolicyError } from "./errors.js";

export function policyFromFile(path: string): Policy {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw PolicyError.of(path, [{ path: "$", detail: `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})` }]);
  }
  let json;
  try {
    json = parseJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw PolicyError.of(path, [{ path: "$", detail: `line ${e.line} column ${e.column}: ${e.reason}` }]);
    throw e;
  }
  return Policy.parse(json, path);
}
