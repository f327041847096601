// machine-twin/modelica: Modelica 3.6 sources <-> RDF, losslessly (docs/api/modelica.md). Each
// `twin modelica` command has its function here; the CLI is built on them.
export {
  readModelicaSources,
  parseModelica,
  parseModelicaSources,
  modelicaToTurtle,
  modelicaToQuads,
  modelicaToRdf,
  modelicaFromTurtle,
  writeModelicaSources,
  modelicaRoundtrip,
  queryModelica,
  type ModelicaInput,
  type ModelicaSource,
  type ModelicaFile,
  type ModelicaParseResult,
  type ModelicaRoundtripReport,
  type ModelicaRdfOptions,
} from "./api.js";
export { ModelicaSyntaxError } from "./lexer.js";
export { GraphError as ModelicaGraphError } from "./from-rdf.js";
export { DEFAULT_BASE as MODELICA_BASE } from "./to-rdf.js";
export type { SourceFile as ModelicaSourceFile } from "./package.js";
export type { Layout as ModelicaLayout, RdfFormat } from "./pipeline.js";
export type { Counts as ModelicaCounts } from "./ast-util.js";
export type { StoredDefinition, ClassDef, ClassKind, Element, Equation, Statement, Expr, Modification, Comment } from "./ast.js";
export type { SparqlResult, SelectTable } from "../rdf/query.js";
