// The HTTP service (fastify): the routes of routes.ts over the deployed twins. Requests are
// authenticated by bearer tokens (policy/tokens.ts), authorised by the policy (a resource the caller
// may not read answers 404 like a missing one; one it may read but not change answers 403), rate
// limited per subject, validated by the route's JSON Schema and answered with RFC 9457 problems.
// Parts an aggregated twin hands to a child twin are forwarded (aggregate.ts).
import rateLimit from "@fastify/rate-limit";
import websocket from "@fastify/websocket";
import { Ajv, type ValidateFunction } from "ajv";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, sep } from "node:path";
import { AmlQuery } from "../aml/query.js";
import { type CaexNode, readAml } from "../aml/model.js";
import { type ChildTransport, type ForwardRequest, forwardedHeaders, rewritePaths } from "./aggregate.js";
import { type DeviceModel, type Part, segment } from "./device.js";
import { type EventBus, eventResource, serveSse, serveWebSocket, type TwinEvent } from "./events/index.js";
import { loadHmiFiles, type StaticFile } from "./hmi-static.js";
import { LIVE_TYPES, LiveFeed, type LiveType } from "./live-feed.js";
import type { LiveTwin, WriteItem } from "./live-twin.js";
import { archiveFile, type MethodContext, type MethodDef, MethodError } from "./methods/index.js";
import { openApiDocument } from "./openapi.js";
import { AuthError, Policy, PolicyError, type TokenService } from "./policy/index.js";
import { Problem, type ProblemItem } from "./problem.js";
import { compileRql, parseRql, RqlError } from "./query/rql.js";
import { guardedSearch, type SearchLimits } from "./query/xpath-guard.js";
import { ROUTES, type RouteSpec } from "./routes.js";
import type { RunnerBinding } from "./runner-binding.js";
import { deviceTree } from "./tree.js";
import { type ChangeRecord, type HistoryStore, type Permission, StoreUnavailableError, type Subject } from "./types.js";
import { ModelViews } from "./views.js";
import { XPathError } from "../aml/xpath.js";

export interface ChildLink {
  /** part path under the aggregated twin's device root */
  part: string;
  /** the child twin's Device name */
  device: string;
  transport: ChildTransport;
}

/** A twin as the server serves it. */
export interface Deployed {
  twin: LiveTwin;
  methods: Map<string, MethodDef>;
  runner: RunnerBinding | null;
  children: ChildLink[];
  rotorModelFile: string | null;
  amlFile: string;
}

/** The service's limits: largest request body, requests per subject per minute, a child twin's answer timeout, search limits. */
export interface ServiceLimits {
  /** largest request body, bytes */
  bodyBytes: number;
  /** requests per subject per minute */
  ratePerMinute: number;
  /** a child twin that takes longer answers 504 */
  forwardTimeoutMs: number;
  search: Partial<SearchLimits>;
}

export interface ServiceState {
  twins: Map<string, Deployed>;
  policy: Policy;
  tokens: TokenService;
  bus: EventBus;
  store: HistoryStore;
  dataDir: string;
  version: string;
  limits: ServiceLimits;
  log: (message: string) => void;
  /** the routes registered (filled by buildApp; the OpenAPI test compares them with the document) */
  routes: { method: string; url: string }[];
  /** the folder of the HMI's files (default: the package's hmi/) */
  hmiDir?: string;
}

declare module "fastify" {
  interface FastifyRequest {
    subject: Subject | null;
  }
}

const HISTORY_PROPS = ["seq", "timeMs", "part", "attribute", "oldValue", "newValue", "subject", "source"] as const;

/** The JSON of a stored change. */
export function changeJson(r: ChangeRecord): Record<string, unknown> {
  return { seq: r.seq, time: new Date(r.timeMs).toISOString(), timeMs: r.timeMs, part: r.part, attribute: r.attribute, oldValue: r.oldValue, newValue: r.newValue, subject: r.subject, source: r.source };
}

/** Part path of a request: the URL's segments after /api/<Device>/, decoded, re-encoded as part segments. */
function partPathOf(rawUrl: string, device: string): string {
  const path = rawUrl.split("?")[0]!;
  const prefix = `/api/${device}`;
  let rest = path.startsWith(prefix) ? path.slice(prefix.length) : "";
  if (rest.startsWith("/")) rest = rest.slice(1);
  if (rest.endsWith("/")) rest = rest.slice(0, -1);
  if (rest === "") return "";
  return rest
    .split("/")
    .map((s) => {
      try {
        return segment(decodeURIComponent(s));
      } catch {
        throw Problem.badRequest(`the part path segment ${JSON.stringify(s)} is not valid percent-encoding`);
      }
    })
    .join("/");
}

function resource(kind: string, device: string, path: string, attribute?: string): string {
  return `${kind}:/${device}${path === "" ? "" : `/${path}`}${attribute !== undefined ? `/@${attribute}` : ""}`;
}

/** The runtime CAEX document of a twin, re-read when its values changed (for ?Search=). */
class RuntimeDocument {
  private version = -1;
  private query: AmlQuery | null = null;
  private partOf = new Map<CaexNode["el"], Part>();

  constructor(private readonly device: DeviceModel) {}

  get(): { query: AmlQuery; partOf: Map<CaexNode["el"], Part> } {
    if (this.query === null || this.version !== this.device.version) {
      const model = readAml(this.device.toAml(), this.device.model.file);
      const id = this.device.root.id;
      const rootNode = id !== undefined ? model.byId.get(id)?.[0] : undefined;
      this.partOf = new Map();
      if (rootNode !== undefined) {
        // the runtime document has the source's structure: walk both trees side by side
        const walk = (part: Part, node: CaexNode): void => {
          this.partOf.set(node.el, part);
          const kids = node.children.filter((c) => c.tag === "InternalElement");
          part.children.forEach((c, i) => {
            if (kids[i] !== undefined) walk(c, kids[i]!);
          });
        };
        walk(this.device.root, rootNode);
      }
      this.query = new AmlQuery(model);
      this.version = this.device.version;
    }
    return { query: this.query, partOf: this.partOf };
  }
}

export async function buildApp(s: ServiceState): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: s.limits.bodyBytes,
    // JSON bodies only; prototype poisoning refused (secure-json-parse)
    onProtoPoisoning: "error",
    onConstructorPoisoning: "error",
    return503OnClosing: true,
    forceCloseConnections: true,
    routerOptions: { maxParamLength: 2048 },
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: "array", useDefaults: false, allowUnionTypes: true } },
  });
  // bodies are JSON: text/plain gets 415, not a string that fails the schema
  app.removeContentTypeParser("text/plain");
  const runtimeDocs = new Map<string, RuntimeDocument>();
  const methodValidators = new Map<string, ValidateFunction>();
  const ajv = new Ajv({ allErrors: true, strict: false });
  app.decorateRequest("subject", null);
  app.addHook("onRoute", (r) => {
    for (const m of [r.method].flat()) s.routes.push({ method: String(m), url: r.url });
  });

  // ---- errors: every failure is a problem document, never a stack trace ---------------------------
  app.setErrorHandler((error: unknown, req, reply) => {
    const p = toProblem(error, s.log);
    for (const [k, v] of Object.entries(p.headers)) void reply.header(k, v);
    void reply.code(p.status).type("application/problem+json").send(p.json(req.url.split("?")[0]));
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).type("application/problem+json").send(Problem.notFound(`no route ${req.method} ${req.url.split("?")[0]}`).json(req.url.split("?")[0]));
  });

  // ---- authentication (before the body is read) -----------------------------------------------------
  const open = new Set(ROUTES.filter((r) => !r.auth).map((r) => `${r.method} ${r.url}`));
  app.addHook("onRequest", async (req) => {
    const key = `${req.method} ${req.routeOptions.url ?? ""}`;
    if (open.has(key) || req.routeOptions.url === undefined) return;
    let header = req.headers.authorization;
    if (header === undefined) {
      const q = new URLSearchParams(req.url.split("?")[1] ?? "").get("access_token");
      if (q !== null) header = `Bearer ${q}`;
    }
    req.subject = await s.tokens.verify(header);
  });

  await app.register(rateLimit, {
    global: true,
    hook: "preHandler",
    max: s.limits.ratePerMinute,
    timeWindow: 60_000,
    keyGenerator: (req: FastifyRequest) => req.subject?.id ?? `ip:${req.ip}`,
    errorResponseBuilder: (_req: FastifyRequest, ctx: { after: string; max: number }) =>
      new Problem(429, "rate-limited", `more than ${ctx.max} requests a minute from this subject: retry in ${ctx.after}`),
  });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });

  /** A twin the caller may see something of (data, history, methods or events); else 404. */
  const twinOf = (req: FastifyRequest, device: string): Deployed => {
    const d = s.twins.get(device);
    const sub = req.subject!;
    const visible =
      d !== undefined &&
      (s.policy.hasAnyBelow(sub, `twin:/${device}`, "READ") || s.policy.hasAnyBelow(sub, `twin:/${device}`, "WRITE") || s.policy.hasAnyBelow(sub, `history:/${device}`, "READ") ||
        s.policy.hasAnyBelow(sub, `method:/${device}`, "EXECUTE") || s.policy.hasAnyBelow(sub, `event:/${device}`, "READ"));
    if (!visible) throw Problem.notFound(`no twin ${device}`);
    return d;
  };
  const subjectOf = (req: FastifyRequest): Subject => req.subject!;

  // ---- the HMI: its files, the live feed and the model views of each twin ---------------------------
  const hmi = loadHmiFiles(s.hmiDir, s.log);
  const feeds = new Map<string, LiveFeed>();
  const views = new Map<string, ModelViews>();
  app.addHook("onClose", async () => {
    for (const f of feeds.values()) f.close();
  });
  const feedOf = (d: Deployed): LiveFeed => {
    let f = feeds.get(d.twin.name);
    if (f === undefined) feeds.set(d.twin.name, (f = new LiveFeed(d.runner)));
    return f;
  };
  // the views depend on the device's values only, not on who asks: computed as the service itself
  const SERVICE: Subject = { id: "system", ids: ["system"] };
  const viewsOf = (d: Deployed): ModelViews => {
    let v = views.get(d.twin.name);
    if (v === undefined) views.set(d.twin.name, (v = new ModelViews(() => methodContext(d, SERVICE, new AbortController().signal), () => d.twin.device.version)));
    return v;
  };
  const sendStatic = (req: FastifyRequest, reply: FastifyReply, f: StaticFile | undefined, what: string): FastifyReply => {
    if (f === undefined) throw Problem.notFound(`no HMI file ${what}`);
    void reply.header("etag", f.etag).header("cache-control", f.cacheControl).header("x-content-type-options", "nosniff");
    if (matchesNoneMatch(req.headers["if-none-match"], f.etag)) return reply.code(304).send();
    return reply.type(f.contentType).send(f.body);
  };
  /** The twin, when the caller may READ all of twin:/<Device> (the views show the whole model). */
  const wholeTwin = (req: FastifyRequest, device: string): Deployed => {
    const d = twinOf(req, device);
    const sub = subjectOf(req);
    if (!s.policy.has(sub, `twin:/${device}`, "READ")) {
      if (s.policy.hasAnyBelow(sub, `twin:/${device}`, "READ")) throw Problem.forbidden(`${device}: the model views need READ on twin:/${device} (the whole device)`);
      throw Problem.notFound(`no twin ${device}`);
    }
    return d;
  };

  const handlers: Record<string, (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>> = {
    hmiIndex: async (req, reply) => sendStatic(req, reply, hmi.file("index.html"), "index.html"),
    hmiFile: async (req, reply) => {
      const { file } = req.params as { file: string };
      return sendStatic(req, reply, hmi.file(file), JSON.stringify(file));
    },
    hmiVendor: async (req, reply) => {
      const { file } = req.params as { file: string };
      return sendStatic(req, reply, hmi.vendor(file), `vendor/${JSON.stringify(file)}`);
    },
    tree: async (req) => {
      const { device } = req.params as { device: string };
      const d = twinOf(req, device);
      const sub = subjectOf(req);
      const rotorModel = d.rotorModelFile === null ? null : relative(dirname(d.amlFile), d.rotorModelFile).split(sep).join("/");
      const tree = deviceTree(
        d.twin.device,
        { attribute: (path, name) => s.policy.has(sub, resource("twin", device, path, name), "READ"), partOrBelow: (path) => s.policy.hasAnyBelow(sub, resource("twin", device, path), "READ") },
        { rotorModel, forwarded: (path) => d.children.some((c) => c.part === path) },
      );
      if (tree === null) throw Problem.notFound(`no twin ${device}`);
      return { device, root: tree.root };
    },
    live: async (req, reply) => {
      const { device } = req.params as { device: string };
      const d = twinOf(req, device);
      const sub = subjectOf(req);
      if (!s.policy.has(sub, `event:/${device}`, "READ")) throw Problem.notFound(`${device}: no live feed (READ on event:/${device} is needed)`);
      const t = (req.query as { types?: string }).types;
      const types = new Set<LiveType>(t === undefined ? LIVE_TYPES : (t.split(",") as LiveType[]));
      reply.hijack();
      feedOf(d).serve(reply.raw, { types, mayReadAlarm: (id) => s.policy.has(sub, `alarm:/${device}/${id}`, "READ") });
    },
    campbellView: async (req) => {
      const { device } = req.params as { device: string };
      const d = wholeTwin(req, device);
      const q = req.query as { speeds?: string; modes?: number };
      return viewsOf(d).campbell(q.speeds, q.modes, d.runner?.speedRpm() ?? null);
    },
    modesView: async (req) => {
      const { device } = req.params as { device: string };
      const d = wholeTwin(req, device);
      const q = req.query as { speed?: number; modes?: number };
      return viewsOf(d).modes(q.speed ?? 0, q.modes);
    },
    openapi: async () => openApiDocument(s.version),
    health: async () => ({ status: "serving", store: s.store.engine, twins: [...s.twins.keys()] }),
    token: async (req) => {
      const b = req.body as { subject: string; key: string };
      try {
        return await s.tokens.exchangeKey(s.policy, b.subject, b.key);
      } catch (e) {
        if (e instanceof AuthError) throw Problem.unauthorized(e.message);
        throw e;
      }
    },
    listTwins: async (req) => {
      const sub = subjectOf(req);
      return [...s.twins.values()]
        .filter((d) => s.policy.hasAnyBelow(sub, `twin:/${d.twin.name}`, "READ"))
        .map((d) => {
          const n = d.twin.name;
          // what the HMI may offer this caller (the API checks each request anyway)
          const permissions = {
            read: s.policy.hasAnyBelow(sub, `twin:/${n}`, "READ"),
            write: s.policy.hasAnyBelow(sub, `twin:/${n}`, "WRITE"),
            execute: s.policy.hasAnyBelow(sub, `method:/${n}`, "EXECUTE"),
            alarms: s.policy.hasAnyBelow(sub, `alarm:/${n}`, "WRITE"),
          };
          return { device: n, basePath: `/api/${n}`, aggregated: d.twin.descriptor.aggregated, children: d.children.map((c) => c.part), methods: [...d.methods.keys()], runner: d.runner !== null, permissions };
        });
    },
    getPolicy: async (req) => {
      if (!s.policy.has(subjectOf(req), "policy:/", "READ")) throw Problem.notFound("no route GET /api/_policy");
      return s.policy.toJSON();
    },
    putPolicy: async (req) => {
      const sub = subjectOf(req);
      if (!s.policy.has(sub, "policy:/", "WRITE")) throw s.policy.has(sub, "policy:/", "READ") ? Problem.forbidden("WRITE on policy:/ is needed to change the policy") : Problem.notFound("no route PUT /api/_policy");
      let next: Policy;
      try {
        next = Policy.parse(req.body, "request body");
      } catch (e) {
        if (e instanceof PolicyError) throw Problem.unprocessable(e.message);
        throw e;
      }
      // a policy that locks its own administrator out is refused (recoverable only by a restart)
      if (!next.has(sub, "policy:/", "WRITE")) throw Problem.conflict("the new policy would take WRITE on policy:/ from the subject changing it");
      s.policy = next;
      s.log(`policy replaced by ${sub.id}`);
      return next.toJSON();
    },
    getRoot: async (req, reply) => getPart(req, reply),
    getPart: async (req, reply) => getPart(req, reply),
    postRoot: async (req, reply) => postPart(req, reply),
    postPart: async (req, reply) => postPart(req, reply),
    history: async (req) => history(req),
    bulk: async (req) => bulk(req),
    events: async (req, reply) => {
      const { device } = req.params as { device: string };
      const d = twinOf(req, device);
      const types = typesOf(req);
      const sub = subjectOf(req);
      reply.hijack();
      serveSse(req.raw, reply.raw, s.bus, { filter: eventFilter(d.twin.name, sub, types), ...lastEventId(req) });
    },
    eventsWebSocket: async () => undefined,
    listMethods: async (req) => {
      const { device } = req.params as { device: string };
      const d = twinOf(req, device);
      return [...d.methods.values()]
        .filter((m) => s.policy.has(subjectOf(req), resource("method", device, "", undefined).replace(/$/, `/${m.name}`), "EXECUTE") || s.policy.hasAnyBelow(subjectOf(req), `twin:/${device}`, "READ"))
        .map((m) => ({ name: m.name, operation: m.operation, description: m.description, args: m.argsSchema }));
    },
    callMethod: async (req) => callMethod(req),
    listAlarms: async (req) => {
      const { device } = req.params as { device: string };
      const d = twinOf(req, device);
      return (d.runner?.alarms() ?? []).filter((a) => s.policy.has(subjectOf(req), `alarm:/${device}/${a.id}`, "READ"));
    },
    ackAlarm: async (req, reply) => alarmAction(req, reply, "ack"),
    shelveAlarm: async (req, reply) => alarmAction(req, reply, "shelve"),
    getArchive: async (req, reply) => {
      const { device, name } = req.params as { device: string; name: string };
      const d = twinOf(req, device);
      if (!s.policy.has(subjectOf(req), `twin:/${device}`, "READ") || !s.policy.has(subjectOf(req), `history:/${device}`, "READ")) throw Problem.notFound(`no archive ${name}`);
      const file = archiveFile(s.dataDir, name);
      if (file === null || !name.startsWith(`${d.twin.name}-`) || !existsSync(file)) throw Problem.notFound(`no archive ${name}`);
      return reply.type("application/zip").header("content-disposition", `attachment; filename="${name}"`).send(readFileSync(file));
    },
  };

  for (const r of ROUTES) {
    const handler = handlers[r.operationId];
    if (handler === undefined) throw new Error(`route ${r.operationId} has no handler`);
    const schema: Record<string, unknown> = {};
    if (r.querystring !== undefined) schema.querystring = r.querystring;
    if (r.body !== undefined) schema.body = r.body;
    if (r.websocket === true) {
      app.get(r.url, { schema, websocket: true }, (socket, req) => {
        const { device } = req.params as { device: string };
        try {
          const d = twinOf(req, device);
          serveWebSocket(socket, s.bus, { filter: eventFilter(d.twin.name, subjectOf(req), typesOf(req)), ...lastEventId(req) });
        } catch (e) {
          const p = toProblem(e, s.log);
          socket.close(p.status === 404 ? 4404 : 4000 + (p.status % 1000), p.message.slice(0, 120));
        }
      });
      continue;
    }
    app.route({ method: r.method, url: r.url, schema, handler: handler as never });
  }

  // ---- parts ------------------------------------------------------------------------------------
  function childFor(d: Deployed, path: string): { child: ChildLink; sub: string } | null {
    for (const c of d.children) {
      if (path === c.part) return { child: c, sub: "" };
      if (path.startsWith(`${c.part}/`)) return { child: c, sub: path.slice(c.part.length + 1) };
    }
    return null;
  }

  async function forward(req: FastifyRequest, reply: FastifyReply, c: ChildLink, sub: string, body?: unknown): Promise<unknown> {
    const query = req.url.includes("?") ? req.url.slice(req.url.indexOf("?") + 1) : "";
    const fr: ForwardRequest = { method: req.method as ForwardRequest["method"], path: sub.split("/").map((x) => encodeURIComponent(decodePart(x))).join("/"), query, headers: forwardedHeaders(req.headers) };
    if (sub === "") fr.path = "";
    if (body !== undefined) {
      fr.body = JSON.stringify(body);
      fr.headers["content-type"] = "application/json";
    }
    const res = await c.transport.send(c.device, fr, s.limits.forwardTimeoutMs);
    for (const [k, v] of Object.entries(res.headers)) if (k !== "content-type") void reply.header(k, v);
    void reply.code(res.status);
    const type = res.headers["content-type"] ?? "application/json";
    if (/json/.test(type)) {
      if (res.body === "") return reply.send();
      let json: unknown;
      try {
        json = JSON.parse(res.body);
      } catch {
        throw Problem.badGateway(`child twin ${c.transport.describe} answered malformed JSON`, c.part);
      }
      // a child's problem keeps its own detail; the instance becomes the aggregated twin's URL
      if (/problem/.test(type)) return reply.type(type).send({ ...(json as object), instance: req.url.split("?")[0] });
      return reply.type(type).send(rewritePaths(json, c.part));
    }
    return reply.type(type).send(res.body);
  }

  function readableAttr(sub: Subject, device: string, part: Part) {
    return (name: string): boolean => s.policy.has(sub, resource("twin", device, part.path, name), "READ");
  }

  async function getPart(req: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const { device } = req.params as { device: string };
    const d = twinOf(req, device);
    const path = partPathOf(req.url, device);
    const sub = subjectOf(req);
    const q = req.query as { Attribute?: string; History?: number; Search?: string; format?: string };
    const fw = childFor(d, path);
    if (fw !== null) {
      if (!s.policy.hasAnyBelow(sub, resource("twin", device, path), "READ") && !(q.History !== undefined && s.policy.has(sub, resource("history", device, path), "READ"))) throw Problem.notFound(`${device}: no part ${JSON.stringify(path)}`);
      return forward(req, reply, fw.child, fw.sub);
    }
    const device_ = d.twin.device;
    const part = device_.part(path);
    const visible = part !== undefined && (s.policy.hasAnyBelow(sub, resource("twin", device, path), "READ") || (q.History !== undefined && s.policy.has(sub, resource("history", device, path), "READ")));
    if (part === undefined || !visible) throw Problem.notFound(`${device}: no part ${JSON.stringify(path)}`);
    if (q.Search !== undefined) return search(req, d, part, q.Search);
    if (q.format === "aml") {
      if (!s.policy.has(sub, `twin:/${device}`, "READ")) throw Problem.forbidden(`${device}: the CAEX file holds the whole device: READ on twin:/${device} is needed`);
      if (d.children.length > 0) await mergeChildValues(req, d);
      return reply.type("application/xml").header("content-disposition", `inline; filename="${device}.aml"`).send(device_.toAml());
    }
    if (q.History !== undefined) {
      if (!s.policy.has(sub, resource("history", device, path), "READ")) throw Problem.notFound(`${device}: no history of ${JSON.stringify(path)}`);
      if (q.Attribute !== undefined && !part.attributes.has(q.Attribute)) throw Problem.notFound(`${device}/${path || "(root)"}: no attribute ${JSON.stringify(q.Attribute)}`);
      const records = await d.twin.store.history({ twin: device, part: path, ...(q.Attribute !== undefined ? { attribute: q.Attribute } : {}), order: "desc", limit: q.History });
      return { path, ...(q.Attribute !== undefined ? { attribute: q.Attribute } : {}), history: records.map(changeJson) };
    }
    if (q.Attribute !== undefined) {
      const def = part.attributes.get(q.Attribute);
      if (def === undefined || !s.policy.has(sub, resource("twin", device, path, q.Attribute), "READ")) throw Problem.notFound(`${device}/${path || "(root)"}: no attribute ${JSON.stringify(q.Attribute)}`);
      return { path, attribute: q.Attribute, ...device_.attributeJson(part, def) };
    }
    const etag = device_.etag(part);
    void reply.header("etag", etag);
    if (matchesNoneMatch(req.headers["if-none-match"], etag)) return reply.code(304).send();
    const json = device_.json(part, readableAttr(sub, device, part));
    json.parts = json.parts.filter((c) => s.policy.hasAnyBelow(sub, resource("twin", device, path === "" ? c : `${path}/${c}`), "READ"));
    return json;
  }

  async function search(req: FastifyRequest, d: Deployed, part: Part, expr: string): Promise<unknown> {
    const device = d.twin.name;
    const sub = subjectOf(req);
    let doc = runtimeDocs.get(device);
    if (doc === undefined) runtimeDocs.set(device, (doc = new RuntimeDocument(d.twin.device)));
    const { query, partOf } = doc.get();
    let hits;
    try {
      hits = guardedSearch(query, expr, s.limits.search);
    } catch (e) {
      if (e instanceof XPathError) throw Problem.badRequest(`Search: ${e.message}`, [{ pointer: "/Search", detail: e.message }]);
      if (e instanceof TypeError) throw Problem.badRequest(`Search: ${e.message}`);
      throw e;
    }
    const results: { path: string; name: string; element: string; attribute?: string; value?: string; line: number; order: number }[] = [];
    for (const h of hits) {
      let attrName: string | undefined;
      let owner: Part | undefined;
      const names: string[] = [];
      for (let e: typeof h.element | null = h.element; e; e = e.parent) {
        const p = partOf.get(e);
        if (p !== undefined) {
          owner = p;
          break;
        }
        if (e.local === "Attribute") {
          const n = e.attrs.find((a) => a.name === "Name");
          if (n !== undefined) names.unshift(query.model.doc.text.slice(n.valueStart, n.valueEnd));
        }
      }
      if (owner === undefined) continue; // outside the device
      if (!(owner.path === part.path || part.path === "" || owner.path.startsWith(`${part.path}/`))) continue;
      if (childFor(d, owner.path) !== null) continue; // answered by the child below
      if (names.length > 0) attrName = names.join("/");
      if (attrName !== undefined ? !s.policy.has(sub, resource("twin", device, owner.path, attrName), "READ") : !s.policy.hasAnyBelow(sub, resource("twin", device, owner.path), "READ")) continue;
      results.push({ path: owner.path, name: owner.name, element: h.element.local, ...(attrName !== undefined ? { attribute: attrName } : {}), ...(h.value !== undefined ? { value: h.value } : {}), line: h.line, order: owner.order });
    }
    // parts handed to children: ask them, in the aggregated twin's order
    for (const c of d.children) {
      if (!(c.part === part.path || part.path === "" || c.part.startsWith(`${part.path}/`))) continue;
      const res = await c.transport.send(c.device, { method: "GET", path: "", query: new URLSearchParams({ Search: expr }).toString(), headers: forwardedHeaders(req.headers) }, s.limits.forwardTimeoutMs);
      if (res.status === 404) continue;
      if (res.status !== 200) throw Problem.badGateway(`child twin ${c.transport.describe} answered ${res.status} to the search`, c.part);
      const got = rewritePaths(JSON.parse(res.body), c.part) as { results: { path: string; name: string; element: string; line: number }[] };
      for (const r of got.results) results.push({ ...r, order: d.twin.device.part(r.path)?.order ?? Number.MAX_SAFE_INTEGER });
    }
    results.sort((a, b) => a.order - b.order);
    return { search: expr, results: results.map(({ order: _o, line: _l, ...r }) => r) };
  }

  /** Brings the children's current values into an aggregated twin's runtime document. */
  async function mergeChildValues(req: FastifyRequest, d: Deployed): Promise<void> {
    for (const c of d.children) {
      const parts = d.twin.device.parts().filter((p) => p.path === c.part || p.path.startsWith(`${c.part}/`));
      for (const p of parts) {
        const sub = p.path === c.part ? "" : p.path.slice(c.part.length + 1);
        const res = await c.transport.send(c.device, { method: "GET", path: sub.split("/").map((x) => encodeURIComponent(decodePart(x))).join("/"), query: "", headers: forwardedHeaders(req.headers) }, s.limits.forwardTimeoutMs);
        if (res.status !== 200) throw Problem.badGateway(`child twin ${c.transport.describe} answered ${res.status} for ${p.path}`, c.part);
        const json = JSON.parse(res.body) as { attributes: Record<string, { value: unknown }> };
        for (const [name, a] of Object.entries(json.attributes)) {
          const v = a.value;
          if (p.attributes.has(name) && (typeof v === "number" || typeof v === "string" || typeof v === "boolean") && !Object.is(d.twin.device.value(p.path, name), v)) d.twin.device.set(p.path, name, v);
        }
      }
    }
  }

  async function postPart(req: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const { device } = req.params as { device: string };
    const d = twinOf(req, device);
    const path = partPathOf(req.url, device);
    const sub = subjectOf(req);
    const body = req.body as Record<string, unknown>;
    const fw = childFor(d, path);
    if (fw !== null) {
      if (!s.policy.hasAnyBelow(sub, resource("twin", device, path), "WRITE")) throw s.policy.hasAnyBelow(sub, resource("twin", device, path), "READ") ? Problem.forbidden(`${device}/${path}: WRITE is not granted`) : Problem.notFound(`${device}: no part ${JSON.stringify(path)}`);
      return forward(req, reply, fw.child, fw.sub, body);
    }
    const part = d.twin.device.part(path);
    const canRead = part !== undefined && s.policy.hasAnyBelow(sub, resource("twin", device, path), "READ");
    if (part === undefined || (!canRead && !s.policy.hasAnyBelow(sub, resource("twin", device, path), "WRITE"))) throw Problem.notFound(`${device}: no part ${JSON.stringify(path)}`);
    checkWrite(sub, device, part, body, "");
    const item: WriteItem = { part: path, values: body, pointer: "" };
    const ifMatch = req.headers["if-match"];
    if (typeof ifMatch === "string") item.ifMatch = ifMatch;
    const records = await d.twin.write({ subject: sub.id, source: "api", items: [item] });
    void reply.header("etag", d.twin.device.etag(part));
    if (!canRead) return reply.code(204).send();
    const json = d.twin.device.json(part, readableAttr(sub, device, part));
    json.parts = json.parts.filter((c) => s.policy.hasAnyBelow(sub, resource("twin", device, path === "" ? c : `${path}/${c}`), "READ"));
    return { changes: records.map(changeJson), part: json };
  }

  /** WRITE on every attribute named; one the caller cannot even read is reported as unknown. */
  function checkWrite(sub: Subject, device: string, part: Part, values: Record<string, unknown>, pointer: string): void {
    for (const name of Object.keys(values)) {
      const res = resource("twin", device, part.path, name);
      if (s.policy.has(sub, res, "WRITE")) continue;
      const p = `${pointer}/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      if (s.policy.has(sub, res, "READ") && part.attributes.has(name)) throw new Problem(403, "forbidden", `${device}/${part.path || "(root)"}: WRITE on ${name} is not granted`, [{ pointer: p, detail: "not writable by this subject" }]);
      throw Problem.unprocessable(`${device}/${part.path || "(root)"}: no attribute ${JSON.stringify(name)}`, [{ pointer: p, detail: "unknown attribute" }]);
    }
  }

  async function bulk(req: FastifyRequest): Promise<unknown> {
    const { device } = req.params as { device: string };
    const d = twinOf(req, device);
    const sub = subjectOf(req);
    const body = req.body as { changes: { part: string; attributes: Record<string, unknown>; ifMatch?: string }[] };
    const items: WriteItem[] = [];
    const children = new Set<ChildLink>();
    body.changes.forEach((c, i) => {
      const pointer = `/changes/${i}`;
      const path = c.part.split("/").filter((x) => x !== "").map((x) => segment(decodePart(x))).join("/");
      const fw = childFor(d, path);
      if (fw !== null) {
        children.add(fw.child);
        return;
      }
      const part = d.twin.device.part(path);
      if (part === undefined || !s.policy.hasAnyBelow(sub, resource("twin", device, path), "READ") && !s.policy.hasAnyBelow(sub, resource("twin", device, path), "WRITE")) {
        throw Problem.unprocessable(`${device}: no part ${JSON.stringify(c.part)}`, [{ pointer: `${pointer}/part`, detail: "unknown part" }]);
      }
      checkWrite(sub, device, part, c.attributes, `${pointer}/attributes`);
      items.push({ part: path, values: c.attributes, pointer: `${pointer}/attributes`, ...(c.ifMatch !== undefined ? { ifMatch: c.ifMatch } : {}) });
    });
    if (children.size > 0) {
      // all or nothing across processes would need a distributed commit: a bulk goes to one twin
      if (children.size > 1 || items.length > 0) throw Problem.conflict(`${device}: this bulk update spans ${children.size + (items.length > 0 ? 1 : 0)} twins (${[...children].map((c) => c.device).join(", ")}${items.length > 0 ? `, ${device}` : ""}); send one bulk update per twin so that each is all or nothing`);
      const c = [...children][0]!;
      const fwBody = { changes: body.changes.map((x) => ({ ...x, part: x.part === c.part ? "" : x.part.slice(c.part.length + 1) })) };
      const res = await c.transport.send(c.device, { method: "POST", path: "_bulk", query: "", headers: { ...forwardedHeaders(req.headers), "content-type": "application/json" }, body: JSON.stringify(fwBody) }, s.limits.forwardTimeoutMs);
      const json = res.body === "" ? {} : JSON.parse(res.body);
      if (res.status !== 200) throw new Problem(res.status, String((json as { type?: string }).type ?? "child").replace(/^\/problems\//, ""), (json as { detail?: string }).detail ?? `child ${c.device} answered ${res.status}`, (json as { errors?: ProblemItem[] }).errors);
      return rewritePaths(json, c.part);
    }
    const records = await d.twin.write({ subject: sub.id, source: "api", items });
    return { changes: records.map(changeJson) };
  }

  // ---- history over a range with a keyset cursor ------------------------------------------------
  async function history(req: FastifyRequest): Promise<unknown> {
    const { device } = req.params as { device: string };
    const d = twinOf(req, device);
    const sub = subjectOf(req);
    const q = req.query as { part?: string; subtree?: boolean; attribute?: string; from?: string; to?: string; filter?: string; order?: "asc" | "desc"; limit?: number; cursor?: string };
    const path = q.part === undefined ? "" : q.part.split("/").filter((x) => x !== "").map((x) => segment(decodePart(x))).join("/");
    const subtree = q.subtree ?? true;
    const order = q.order ?? "desc";
    const limit = q.limit ?? 100;
    const fromMs = q.from === undefined ? undefined : timeParam(q.from, "from");
    const toMs = q.to === undefined ? undefined : timeParam(q.to, "to");
    let filter: ((r: ChangeRecord) => boolean) | null = null;
    if (q.filter !== undefined) {
      try {
        filter = compileRql<ChangeRecord>(parseRql(q.filter), (r, p) => (r as unknown as Record<string, unknown>)[p], { knownProps: HISTORY_PROPS });
      } catch (e) {
        if (e instanceof RqlError) throw Problem.badRequest(`filter: ${e.message}`, [{ pointer: "/filter", detail: e.message }]);
        throw e;
      }
    }
    const cursor = decodeCursor(q.cursor);
    const fw = childFor(d, path);
    if (fw !== null) {
      if (!s.policy.has(sub, resource("history", device, path), "READ")) throw Problem.notFound(`${device}: no history of ${JSON.stringify(path)}`);
      const params = new URLSearchParams(req.url.split("?")[1] ?? "");
      params.set("part", fw.sub);
      const res = await fw.child.transport.send(fw.child.device, { method: "GET", path: "_history", query: params.toString(), headers: forwardedHeaders(req.headers) }, s.limits.forwardTimeoutMs);
      if (res.status !== 200) throw new Problem(res.status, "child", (JSON.parse(res.body) as { detail?: string }).detail ?? `child answered ${res.status}`);
      return rewritePaths(JSON.parse(res.body), fw.child.part);
    }
    if (path !== "" && d.twin.device.part(path) === undefined) throw Problem.notFound(`${device}: no part ${JSON.stringify(path)}`);
    if (!s.policy.hasAnyBelow(sub, resource("history", device, path), "READ")) throw Problem.notFound(`${device}: no history of ${JSON.stringify(path)}`);
    const readable = (r: ChangeRecord): boolean => s.policy.has(sub, resource("history", device, r.part), "READ");
    // local records, read in pages until `limit` pass the filter and the access check
    const local: ChangeRecord[] = [];
    let keyset = cursor.local;
    let exhausted = false;
    const pageSize = Math.min(10_000, limit * 2);
    while (local.length < limit && !exhausted) {
      const page = await d.twin.store.history({
        twin: device, part: path, subtree, ...(q.attribute !== undefined ? { attribute: q.attribute } : {}), ...(fromMs !== undefined ? { fromMs } : {}), ...(toMs !== undefined ? { toMs } : {}),
        ...(keyset !== undefined ? (order === "desc" ? { before: keyset } : { after: keyset }) : {}), order, limit: pageSize,
      });
      let used = 0;
      for (const r of page) {
        if (local.length === limit) break;
        keyset = r.seq;
        used++;
        if (readable(r) && (filter === null || filter(r))) local.push(r);
      }
      // the store has nothing after this page, and this page was used up
      if (page.length < pageSize && used === page.length) exhausted = true;
    }
    type Row = { r: Record<string, unknown>; source: string; seq: number; timeMs: number };
    const rows: Row[] = local.map((r) => ({ r: changeJson(r), source: "", seq: r.seq, timeMs: r.timeMs }));
    const sources = new Map<string, { exhausted: boolean; count: number }>([["", { exhausted, count: local.length }]]);
    // children below the asked part: their pages merge into this one by time
    for (const c of d.children) {
      if (!(path === "" || c.part.startsWith(`${path}/`)) || !subtree) continue;
      if (cursor.children[c.part] === null) continue; // that child was read to its end
      const params = new URLSearchParams(req.url.split("?")[1] ?? "");
      params.delete("part");
      params.delete("cursor");
      const cc = cursor.children[c.part];
      if (typeof cc === "string") params.set("cursor", cc);
      params.set("limit", String(limit));
      const res = await c.transport.send(c.device, { method: "GET", path: "_history", query: params.toString(), headers: forwardedHeaders(req.headers) }, s.limits.forwardTimeoutMs);
      if (res.status === 404) continue;
      if (res.status !== 200) throw Problem.badGateway(`child twin ${c.transport.describe} answered ${res.status} to the history query`, c.part);
      const page = rewritePaths(JSON.parse(res.body), c.part) as { records: Record<string, unknown>[]; next: string | null };
      page.records.forEach((r, i) => rows.push({ r, source: c.part, seq: i, timeMs: r.timeMs as number }));
      sources.set(c.part, { exhausted: page.next === null, count: page.records.length });
    }
    if (d.children.length > 0) rows.sort((a, b) => (order === "desc" ? b.timeMs - a.timeMs : a.timeMs - b.timeMs) || a.source.localeCompare(b.source) || (order === "desc" ? b.seq - a.seq : a.seq - b.seq));
    const taken = rows.slice(0, limit);
    const more = rows.length > limit || [...sources.values()].some((x) => !x.exhausted);
    let next: string | null = null;
    if (more) {
      // the local keyset continues after the last local record shown (records skipped by the filter
      // or the policy before it need not be read again)
      const lastLocal = [...taken].reverse().find((x) => x.source === "");
      const nc: Cursor = { local: d.children.length === 0 ? keyset : lastLocal !== undefined ? lastLocal.seq : cursor.local, children: {} };
      for (const c of d.children) {
        const mine = taken.filter((x) => x.source === c.part);
        const src = sources.get(c.part);
        if (src !== undefined && src.exhausted && mine.length === src.count) nc.children[c.part] = null; // read to its end
        else if (mine.length === 0) nc.children[c.part] = cursor.children[c.part];
        else nc.children[c.part] = encodeChildCursor(mine[mine.length - 1]!.r.seq as number);
      }
      next = encodeCursor(nc);
    }
    return { records: taken.map((x) => x.r), next };
  }

  async function callMethod(req: FastifyRequest): Promise<unknown> {
    const { device, method } = req.params as { device: string; method: string };
    const d = twinOf(req, device);
    const sub = subjectOf(req);
    const m = d.methods.get(method);
    const res = `method:/${device}/${method}`;
    if (m === undefined || !s.policy.has(sub, res, "EXECUTE")) {
      if (m !== undefined && s.policy.hasAnyBelow(sub, `twin:/${device}`, "READ")) throw Problem.forbidden(`${device}: EXECUTE on ${method} is not granted`);
      throw Problem.notFound(`${device}: no method ${JSON.stringify(method)}`);
    }
    let validate = methodValidators.get(`${device}/${method}`);
    if (validate === undefined) methodValidators.set(`${device}/${method}`, (validate = ajv.compile(m.argsSchema)));
    const args = (req.body ?? {}) as Record<string, unknown>;
    if (!validate(args)) {
      const errors = (validate.errors ?? []).map((e) => ({ pointer: e.instancePath || "/", detail: `${e.instancePath || "body"} ${e.message ?? "is invalid"}` }));
      throw Problem.unprocessable(`${device}/${method}: invalid arguments: ${errors.map((e) => e.detail).join("; ")}`, errors);
    }
    const started = Date.now();
    d.twin.publish({ type: "method", twin: device, part: "", method, subject: sub.id, status: "started", timeMs: started });
    const ac = new AbortController();
    req.raw.once("close", () => ac.abort());
    const ctx = methodContext(d, sub, ac.signal);
    try {
      const result = await m.run(ctx, args);
      d.twin.publish({ type: "method", twin: device, part: "", method, subject: sub.id, status: "done", timeMs: Date.now() });
      await d.twin.recordMethod(method, sub.id, "done");
      return { method, result };
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      d.twin.publish({ type: "method", twin: device, part: "", method, subject: sub.id, status: "failed", detail, timeMs: Date.now() });
      await d.twin.recordMethod(method, sub.id, `failed: ${detail}`).catch(() => undefined);
      throw e;
    }
  }

  function methodContext(d: Deployed, sub: Subject, signal: AbortSignal): MethodContext {
    return {
      twin: d.twin.name, subject: sub, rotorModelFile: d.rotorModelFile, amlFile: d.amlFile, dataDir: s.dataDir, store: d.twin.store, runner: d.runner, signal,
      device: { get: (p, a) => d.twin.device.value(p, a), parts: () => d.twin.device.parts().map((p) => ({ path: p.path, role: p.role })) },
    };
  }

  async function alarmAction(req: FastifyRequest, reply: FastifyReply, action: "ack" | "shelve"): Promise<unknown> {
    const { device, alarm } = req.params as { device: string; alarm: string };
    const d = twinOf(req, device);
    const sub = subjectOf(req);
    const res = `alarm:/${device}/${alarm}`;
    const known = d.runner?.alarms().some((a) => a.id === alarm) === true;
    if (!known || !s.policy.has(sub, res, "READ")) throw Problem.notFound(`${device}: no active alarm ${JSON.stringify(alarm)}`);
    if (!s.policy.has(sub, res, "WRITE")) throw Problem.forbidden(`${device}: WRITE on alarm ${alarm} is not granted (acknowledge and shelve need it)`);
    const ok = action === "ack" ? d.runner!.acknowledge(alarm, sub.id) : d.runner!.shelve(alarm, sub.id, (req.body as { seconds: number }).seconds);
    if (!ok) throw Problem.conflict(`${device}: alarm ${alarm} cannot be changed now (the runner stopped)`);
    return reply.code(204).send();
  }

  function eventFilter(device: string, sub: Subject, types: Set<string> | null): (e: TwinEvent) => boolean {
    return (e) => e.twin === device && (types === null || types.has(e.type)) && s.policy.has(sub, eventResource(e), "READ");
  }

  return app;
}

function typesOf(req: FastifyRequest): Set<string> | null {
  const t = (req.query as { types?: string }).types;
  return t === undefined ? null : new Set(t.split(","));
}

function lastEventId(req: FastifyRequest): { lastEventId?: string } {
  const h = req.headers["last-event-id"];
  return typeof h === "string" ? { lastEventId: h } : {};
}

function decodePart(x: string): string {
  try {
    return decodeURIComponent(x);
  } catch {
    throw Problem.badRequest(`part path segment ${JSON.stringify(x)} is not valid percent-encoding`);
  }
}

function matchesNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}

function timeParam(v: string, name: string): number {
  if (/^\d{1,15}$/.test(v)) return Number(v);
  const ms = Date.parse(v);
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || !Number.isFinite(ms)) throw Problem.badRequest(`${name}: not an ISO 8601 date-time or ms since the epoch: ${JSON.stringify(v)}`, [{ pointer: `/${name}`, detail: "not a time" }]);
  return ms;
}

interface Cursor {
  local: number | undefined;
  /** child part → that child's cursor (undefined: from its start; null: read to its end) */
  children: Record<string, string | null | undefined>;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify({ l: c.local ?? null, c: c.children })).toString("base64url");
}

function encodeChildCursor(seq: number): string {
  return encodeCursor({ local: seq, children: {} });
}

function decodeCursor(s: string | undefined): Cursor {
  if (s === undefined) return { local: undefined, children: {} };
  let o: unknown;
  try {
    o = JSON.parse(Buffer.from(s, "base64url").toString("utf8"));
  } catch {
    throw Problem.badRequest("cursor: not a cursor this service issued", [{ pointer: "/cursor", detail: "malformed" }]);
  }
  const x = o as { l?: unknown; c?: unknown };
  if (typeof x !== "object" || x === null || !(x.l === null || (typeof x.l === "number" && Number.isInteger(x.l))) || typeof x.c !== "object" || x.c === null || Array.isArray(x.c)) {
    throw Problem.badRequest("cursor: not a cursor this service issued", [{ pointer: "/cursor", detail: "malformed" }]);
  }
  for (const v of Object.values(x.c as object)) if (!(v === null || typeof v === "string")) throw Problem.badRequest("cursor: not a cursor this service issued");
  return { local: x.l === null ? undefined : (x.l as number), children: x.c as Record<string, string | null> };
}

/** Any error as a problem; an unexpected one is logged with its stack and answered without it. */
export function toProblem(error: unknown, log: (m: string) => void): Problem {
  if (error instanceof Problem) return error;
  if (error instanceof AuthError) {
    return error.reason === "missing" ? Problem.unauthorized(error.message) : new Problem(401, `token-${error.reason}`, error.message, undefined, {}, { "www-authenticate": `Bearer realm="twin", error="invalid_token"` });
  }
  if (error instanceof StoreUnavailableError) return Problem.unavailable(`the history store is unavailable: ${error.message}; nothing was applied`);
  if (error instanceof MethodError) return new Problem(error.status, "method", error.message);
  const e = error as { statusCode?: number; code?: string; message?: string; validation?: { instancePath: string; message?: string; params?: Record<string, unknown> }[]; validationContext?: string };
  if (e.validation !== undefined) {
    const where = e.validationContext ?? "body";
    const errors = e.validation.map((v) => {
      const extra = v.params?.additionalProperty !== undefined ? ` (${String(v.params.additionalProperty)})` : "";
      const pointer = `${where === "body" ? "" : `/${where}`}${v.instancePath}`;
      return { pointer: pointer || "/", detail: `${where}${v.instancePath} ${v.message ?? "is invalid"}${extra}` };
    });
    return Problem.badRequest(`invalid ${where}: ${errors.map((x) => x.detail).join("; ")}`, errors);
  }
  switch (e.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new Problem(413, "too-large", e.message ?? "request body too large");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new Problem(415, "unsupported-media-type", "request bodies are application/json");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return Problem.badRequest("the JSON body is empty");
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return Problem.badRequest(e.message ?? "malformed request body");
  }
  if (error instanceof SyntaxError) return Problem.badRequest(`malformed JSON body: ${error.message}`);
  if (typeof e.statusCode === "number" && e.statusCode >= 400 && e.statusCode < 500) return new Problem(e.statusCode, "bad-request", e.message ?? "bad request");
  log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return new Problem(500, "internal", "the service failed on this request; the failure is logged");
}
