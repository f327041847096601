// The OpenAPI 3.1 document of the service, generated from the route table (routes.ts).
import { type RouteSpec, ROUTES, SCHEMAS } from "./routes.js";

const PROBLEM_STATUSES = ["400", "401", "403", "404", "409", "412", "413", "415", "422", "429", "500", "502", "503", "504"];

/** "/api/:device/*" → "/api/{device}/{part}" */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z]+)/g, "{$1}").replace(/\*$/, "{part}");
}

function parameters(r: RouteSpec): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const m of r.url.matchAll(/:([A-Za-z]+)/g)) out.push({ name: m[1], in: "path", required: true, schema: { type: "string" } });
  if (r.url.endsWith("*")) {
    out.push({ name: "part", in: "path", required: true, description: "part path: the names from the device root, one path segment each (percent-encoded)", schema: { type: "string" }, allowReserved: true });
  }
  const q = r.querystring?.properties as Record<string, Record<string, unknown>> | undefined;
  for (const [name, schema] of Object.entries(q ?? {})) {
    const { description, ...rest } = schema;
    out.push({ name, in: "query", required: false, ...(description !== undefined ? { description } : {}), schema: rest });
  }
  if (r.method === "POST" && (r.url.endsWith("*") || r.url === "/api/:device")) out.push({ name: "If-Match", in: "header", required: false, description: "RFC 9110 §13.1.1: the part's entity tag", schema: { type: "string" } });
  if (r.method === "GET" && (r.url.endsWith("*") || r.url === "/api/:device")) out.push({ name: "If-None-Match", in: "header", required: false, schema: { type: "string" } });
  return out;
}

export function openApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const p = (paths[openApiPath(r.url)] ??= {});
    const responses: Record<string, unknown> = {};
    for (const [status, a] of Object.entries(r.responses)) {
      responses[status] = { description: a.description, ...(a.schema !== undefined || a.contentType !== undefined ? { content: { [a.contentType ?? "application/json"]: { schema: a.schema ?? {} } } } : {}) };
    }
    for (const s of PROBLEM_STATUSES) {
      if (s === "401" && !r.auth) continue;
      responses[s] ??= { description: "problem", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } };
    }
    p[r.method.toLowerCase()] = {
      operationId: r.operationId,
      summary: r.summary,
      ...(r.description !== undefined ? { description: r.description } : {}),
      parameters: parameters(r),
      ...(r.body !== undefined ? { requestBody: { required: true, content: { "application/json": { schema: r.body } } } } : {}),
      responses,
      ...(r.auth ? {} : { security: [] }),
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "twin serve", version, description: "A digital twin deployed from its AutomationML description: the device model, its history, events, methods and access control. docs/service.md" },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    paths,
    components: { schemas: SCHEMAS, securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } } },
  };
}
