// The JSON Schema (2020-12) of a policy file, published as schemas/policy.schema.json (a test checks
// the file equals this object). The schema says the shape; validate.ts adds what a schema cannot say
// precisely (resource path syntax, a permission both granted and revoked) and locates every problem.
import { RESOURCE_KINDS } from "./resource.js";
import { PERMISSIONS } from "./trie.js";
import { KEY_HASH_PATTERN, LABEL_PATTERN, POLICY_FORMAT, POLICY_VERSION, ROLE_PATTERN, SUBJECT_ID_PATTERN } from "./document.js";

const permissions = { type: "array", uniqueItems: true, items: { enum: [...PERMISSIONS] } };

export const POLICY_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://twin.invalid/schemas/policy.schema.json",
  title: "twin service policy",
  description: "Access control of `twin serve` (docs/policies.md): Eclipse Ditto-style entries granting and revoking READ, WRITE, EXECUTE on resource paths to subjects.",
  type: "object",
  required: ["format", "version", "entries"],
  additionalProperties: false,
  properties: {
    $schema: { type: "string" },
    description: { type: "string" },
    format: { const: POLICY_FORMAT },
    version: { const: POLICY_VERSION },
    subjects: {
      type: "object",
      propertyNames: { pattern: SUBJECT_ID_PATTERN },
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        properties: {
          roles: { type: "array", uniqueItems: true, items: { type: "string", pattern: ROLE_PATTERN } },
          keys: { type: "array", uniqueItems: true, items: { type: "string", pattern: KEY_HASH_PATTERN } },
          description: { type: "string" },
        },
      },
    },
    entries: {
      type: "object",
      propertyNames: { pattern: LABEL_PATTERN },
      additionalProperties: {
        type: "object",
        required: ["subjects", "resources"],
        additionalProperties: false,
        properties: {
          subjects: { type: "array", uniqueItems: true, items: { type: "string", pattern: SUBJECT_ID_PATTERN } },
          resources: {
            type: "object",
            propertyNames: { pattern: `^(${RESOURCE_KINDS.join("|")}):/` },
            additionalProperties: {
              type: "object",
              required: ["grant", "revoke"],
              additionalProperties: false,
              properties: { grant: permissions, revoke: permissions },
            },
          },
        },
      },
    },
  },
} as const;
