// The policy file format (docs/policies.md, schemas/policy.schema.json). Entries follow Eclipse Ditto's
// policy model (https://eclipse.dev/ditto/basic-policy.html): a label names an entry, the entry names
// subjects and, per resource, the permissions granted and revoked. Subjects here are a plain list of ids
// ("user:alice", "role:operator") instead of Ditto's object of ids to types; the optional top-level
// `subjects` defines the roles and hashed keys of the subjects that exchange a key for a token.
import type { Permission } from "../types.js";

export const POLICY_FORMAT = "twin-policy";
export const POLICY_VERSION = 1;

/** What one resource of an entry grants and revokes. */
export interface ResourceRule {
  grant: Permission[];
  revoke: Permission[];
}

export interface PolicyEntry {
  subjects: string[];
  resources: Record<string, ResourceRule>;
}

export interface SubjectDef {
  /** role names without the "role:" prefix; a token issued to the subject carries them */
  roles?: string[];
  /** hashed keys (hashKey in tokens.ts): any of them can be exchanged for a token */
  keys?: string[];
  description?: string;
}

export interface PolicyDocument {
  format: "twin-policy";
  version: 1;
  subjects?: Record<string, SubjectDef>;
  entries: Record<string, PolicyEntry>;
}

/** "<type>:<name>", e.g. "user:alice", "role:operator", "client:runner". */
export const SUBJECT_ID_PATTERN = "^[a-z][a-z0-9_-]*:[^\\s:][^\\s]*$";
/** a role name as it appears in a token and in SubjectDef.roles ("operator"; the subject id is "role:operator") */
export const ROLE_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.-]*$";
/** an entry label */
export const LABEL_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.:-]*$";
/** the shape of a stored key hash; hashKey in tokens.ts writes it and verifyKey reads it */
export const KEY_HASH_PATTERN = "^scrypt\\$[0-9]+\\$[0-9]+\\$[0-9]+\\$[A-Za-z0-9_-]+\\$[A-Za-z0-9_-]+$";
