// Access control of `twin serve`: policies (policy.ts), their file (file.ts) and bearer tokens (tokens.ts).
export { Policy, PolicyError, type PolicyDocument, type PolicyEntry, type SubjectDef, type AccessControlRoles } from "./policy.js";
export type { PolicyProblem } from "./errors.js";
export { policyFromFile } from "./file.js";
export { AuthError, TokenService, hashKey, verifyKey, KeyError, SecretFileError, type AuthFailure, type TokenOptions } from "./tokens.js";
export { parseResource, formatResource, ResourcePathError, RESOURCE_KINDS, type ResourceKind, type ParsedResource } from "./resource.js";
export { POLICY_SCHEMA } from "./schema.js";
