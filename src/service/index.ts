// machine-twin/service: digital twins of an AutomationML file served over HTTP (docs/service.md,
// docs/api/service.md): a REST API per twin, history, events, methods and access control.
export { serveTwin, createServiceToken, hashServiceKey, DEFAULT_DATA_DIR, type ServiceTokenOptions } from "./api.js";
export type { ServeOptions, Service } from "./serve.js";
export type { ServiceLimits } from "./server.js";
export type { RetentionPolicy } from "./types.js";
export { TwinDeployError } from "./twins.js";
export { PolicyError, KeyError, SecretFileError } from "./policy/index.js";
export { StoreClaimError, StoreSchemaError } from "./store/index.js";
export { StoreUnavailableError } from "./types.js";
