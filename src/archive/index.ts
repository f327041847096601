// machine-twin/archive: archival packages of twins (BagIt + RO-Crate + PROV-O; docs/api/archive.md):
// make, verify, rerun bit for bit, restore sources from the graph alone, query and publish. Each
// `twin archive` command has its function here; the CLI is built on them.
export {
  createArchive,
  verifyArchive,
  rerunArchive,
  restoreArchive,
  queryArchive,
  publishArchive,
  archiveEndpoint,
  virtuosoGraphStore,
  DEFAULT_ENDPOINT_TIMEOUT_SECONDS,
  type ArchiveOptions,
  type RerunOptions,
  type ArchiveQueryOptions,
  type ArchiveEndpointOptions,
} from "./api.js";
export { sourceDateEpoch, type CreateReport, type Attachment } from "./create.js";
export { type VerifyReport, type Check as ArchiveCheck } from "./verify.js";
export { type Problem as ArchiveProblem, PackageError } from "./bagit.js";
export { ENGINES, type Engine } from "./engines.js";
export { type RerunReport, type EngineReport, type RerunResult, type OutputComparison } from "./rerun.js";
export { type RestoreReport, type RestoredReport } from "./restore.js";
export { type QueryResult as ArchiveQueryResult, type QueryFormat as ArchiveQueryFormat, QueryError } from "./query.js";
export { type PublishReport, type RefusedPackage, type PublishedPackage } from "./publish.js";
export { Endpoint, EndpointError } from "./endpoint.js";
export { AuthError } from "./http-auth.js";
export { type RunSpec } from "./runs.js";
export { type SourceKind, SourceError } from "./mapper.js";
export { PackageRefused, UnsafePackageError } from "./safety.js";
