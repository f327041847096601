// The HTTP interface of `twin serve` as data: every route with its parameters, body and answers in
// JSON Schema. The server registers exactly these routes (fastify validates queries and bodies with
// these schemas) and the OpenAPI 3.1 document at /api/openapi.json is generated from the same table,
// so the document cannot drift from the routes (test/service-api.test.ts compares both).

export type JsonSchema = Record<string, unknown>;

export interface RouteSpec {
  method: "GET" | "POST" | "PUT";
  /** fastify URL pattern (":name" parameters, "*" = the rest of the path: a part path) */
  url: string;
  operationId: string;
  summary: string;
  description?: string;
  /** false: no bearer token needed */
  auth: boolean;
  querystring?: JsonSchema;
  body?: JsonSchema;
  websocket?: boolean;
  /** status → description and schema of the body (problem answers are added for every route) */
  responses: Record<string, { description: string; schema?: JsonSchema; contentType?: string }>;
}

const VALUE = { type: ["number", "string", "boolean"] };
const ACCESS_TOKEN = { type: "string", minLength: 1, maxLength: 8192, description: "Bearer token for clients that cannot send an Authorization header (RFC 6750 §2.3): EventSource, WebSocket." };

export const SCHEMAS: Record<string, JsonSchema> = {
  Attribute: {
    type: "object",
    required: ["value"],
    properties: { value: { type: ["number", "string", "boolean", "null"] }, type: { type: "string", description: "CAEX AttributeDataType" }, unit: { type: "string" } },
  },
  Part: {
    type: "object",
    required: ["name", "path", "attributes", "parts"],
    properties: {
      name: { type: "string" },
      path: { type: "string", description: "names from the device root joined by '/' ('' = the root)" },
      id: { type: "string", description: "CAEX ID" },
      role: { type: "string", description: "RefBaseRoleClassPath of the RoleRequirements" },
      systemUnit: { type: "string" },
      description: { type: "string" },
      attributes: { type: "object", additionalProperties: { $ref: "#/components/schemas/Attribute" } },
      parts: { type: "array", items: { type: "string" } },
    },
  },
  AttributeValue: {
    type: "object",
    required: ["path", "attribute", "value"],
    properties: { path: { type: "string" }, attribute: { type: "string" }, value: { type: ["number", "string", "boolean", "null"] }, type: { type: "string" }, unit: { type: "string" } },
  },
  Change: {
    type: "object",
    required: ["seq", "time", "timeMs", "part", "attribute", "oldValue", "newValue", "subject", "source"],
    properties: {
      seq: { type: "integer" },
      time: { type: "string", format: "date-time" },
      timeMs: { type: "integer" },
      part: { type: "string" },
      attribute: { type: "string" },
      oldValue: { type: ["number", "string", "boolean", "null"] },
      newValue: { type: ["number", "string", "boolean"] },
      subject: { type: "string" },
      source: { enum: ["api", "runner", "method", "rule", "system"] },
    },
  },
  History: {
    type: "object",
    required: ["path", "history"],
    properties: { path: { type: "string" }, attribute: { type: "string" }, history: { type: "array", items: { $ref: "#/components/schemas/Change" } } },
  },
  HistoryPage: {
    type: "object",
    required: ["records", "next"],
    properties: { records: { type: "array", items: { $ref: "#/components/schemas/Change" } }, next: { type: ["string", "null"], description: "cursor of the next page (keyset), null at the end" } },
  },
  SearchResult: {
    type: "object",
    required: ["search", "results"],
    properties: {
      search: { type: "string" },
      results: {
        type: "array",
        items: { type: "object", required: ["path", "name", "element"], properties: { path: { type: "string" }, name: { type: "string" }, element: { type: "string" }, attribute: { type: "string" }, value: { type: "string" }, line: { type: "integer" } } },
      },
    },
  },
  Written: {
    type: "object",
    required: ["changes"],
    properties: { changes: { type: "array", items: { $ref: "#/components/schemas/Change" } }, part: { $ref: "#/components/schemas/Part" } },
  },
  Problem: {
    type: "object",
    required: ["type", "title", "status", "detail"],
    description: "RFC 9457 problem details",
    properties: {
      type: { type: "string" },
      title: { type: "string" },
      status: { type: "integer" },
      detail: { type: "string" },
      instance: { type: "string" },
      errors: { type: "array", items: { type: "object", required: ["pointer", "detail"], properties: { pointer: { type: "string" }, detail: { type: "string" } } } },
      child: { type: "string", description: "the child twin that did not answer (502, 504)" },
    },
  },
  Twin: {
    type: "object",
    required: ["device", "basePath", "aggregated"],
    properties: {
      device: { type: "string" }, basePath: { type: "string" }, aggregated: { type: "boolean" }, children: { type: "array", items: { type: "string" } }, methods: { type: "array", items: { type: "string" } }, runner: { type: "boolean" },
      permissions: {
        type: "object",
        required: ["read", "write", "execute", "alarms"],
        description: "what the caller may do: read (READ anywhere on twin:/D), write (WRITE anywhere on twin:/D), execute (EXECUTE anywhere on method:/D), alarms (WRITE on alarm:/D: acknowledge, shelve)",
        properties: { read: { type: "boolean" }, write: { type: "boolean" }, execute: { type: "boolean" }, alarms: { type: "boolean" } },
      },
    },
  },
  Method: { type: "object", required: ["name", "operation"], properties: { name: { type: "string" }, operation: { type: "string" }, description: { type: "string" }, args: { type: "object" } } },
  MethodResult: { type: "object", required: ["method", "result"], properties: { method: { type: "string" }, result: {} } },
  Alarm: { type: "object", required: ["id", "state"], properties: { id: { type: "string" }, state: { type: "string" }, priority: { type: "string" }, message: { type: "string" }, source: { type: "string" }, sinceMs: { type: "integer" } } },
  TreeNode: {
    type: "object",
    required: ["name", "path", "attributes", "links", "children"],
    properties: {
      name: { type: "string" },
      path: { type: "string", description: "names from the device root joined by '/' ('' = the root)" },
      id: { type: "string" },
      role: { type: "string" },
      systemUnit: { type: "string" },
      description: { type: "string" },
      attributes: {
        type: "object",
        additionalProperties: { type: "object", required: ["value"], properties: { value: { type: ["number", "string", "boolean", "null"] }, type: { type: "string" }, unit: { type: "string" }, description: { type: "string" } } },
      },
      links: {
        type: "object",
        properties: {
          modelica: { type: "string", description: "the element's ModelicaClass (modelica://…)" },
          rotorModel: { type: "string", description: "the element's RotorModel, on the root also the twin's PhysicalDeviceModel reference (as the AML names it)" },
        },
      },
      children: { type: "array", items: { $ref: "#/components/schemas/TreeNode" } },
    },
  },
  Campbell: {
    type: "object",
    required: ["speedsRpm", "modes", "criticalSpeedsRpm", "currentRpm"],
    properties: {
      speedsRpm: { type: "array", items: { type: "number" } },
      modes: {
        type: "array",
        items: {
          type: "object",
          required: ["index", "frequenciesHz", "whirl"],
          properties: {
            index: { type: "integer" },
            frequenciesHz: { type: "array", items: { type: ["number", "null"] }, description: "damped natural frequency at each speed; null where the tracking lost the mode" },
            whirl: { type: "array", items: { enum: ["forward", "backward", "mixed", null] } },
          },
        },
      },
      criticalSpeedsRpm: { type: "array", items: { type: "number" } },
      currentRpm: { type: ["number", "null"], description: "the shaft speed of the runner's last window (null: no runner running)" },
    },
  },
  Modes: {
    type: "object",
    required: ["speedRpm", "nodes", "modes"],
    properties: {
      speedRpm: { type: "number" },
      nodes: { type: "object", required: ["x"], properties: { x: { type: "array", items: { type: "number" }, description: "shaft node positions, m" } } },
      modes: {
        type: "array",
        items: {
          type: "object",
          required: ["index", "frequencyHz", "whirl", "logdec", "shape"],
          properties: {
            index: { type: "integer" },
            frequencyHz: { type: "number" },
            whirl: { enum: ["forward", "backward", "mixed"] },
            logdec: { type: "number" },
            shape: { type: "object", required: ["x", "y"], properties: { x: { type: "array", items: { type: "number" } }, y: { type: "array", items: { type: "number" } } }, description: "real parts per node of the shape divided by its largest component (|max| = 1)" },
          },
        },
      },
    },
  },
  Token: { type: "object", required: ["token", "expiresAt"], properties: { token: { type: "string" }, expiresAt: { type: "integer", description: "s since the epoch" } } },
};

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

const PART_QUERY: JsonSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    Attribute: { type: "string", minLength: 1, maxLength: 512, description: "one attribute of the part ('Outer/Inner' for nested ones)" },
    History: { type: "integer", minimum: 1, maximum: 10000, description: "the last N change records of the part (with Attribute: of that attribute)" },
    Search: { type: "string", minLength: 1, maxLength: 2048, description: "XPath 1.0 (subset) over the runtime CAEX document; a bare predicate '[...]' means '//*[...]'" },
    format: { enum: ["json", "aml"], description: "aml: the runtime instance hierarchy as a CAEX file" },
    access_token: ACCESS_TOKEN,
  },
};

const PART_BODY: JsonSchema = {
  type: "object",
  minProperties: 1,
  maxProperties: 1000,
  propertyNames: { minLength: 1, maxLength: 512 },
  additionalProperties: VALUE,
  description: "attribute name → new value (typed by the attribute's CAEX AttributeDataType, checked against its Constraints)",
};

const LIVE_TYPES_PATTERN = "^(estimates|window|spc|alarm|status)(,(estimates|window|spc|alarm|status))*$";
const SPEED_RPM = { type: "number", minimum: 0, maximum: 1e6 };
const VIEW_MODES = { type: "integer", minimum: 1, maximum: 64, description: "modes (default 8)" };
const HMI_FILE = { description: "the file", contentType: "text/plain" };

const DEVICE = { type: "object", required: ["device"], properties: { device: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9._~-]{0,127}$" } } };

const PART_RESPONSES: RouteSpec["responses"] = {
  "200": { description: "the part, one attribute, its history or search hits (by the query); ?format=aml: a CAEX file", schema: { oneOf: [ref("Part"), ref("AttributeValue"), ref("History"), ref("SearchResult")] } },
  "304": { description: "not modified (If-None-Match)" },
};

const WRITE_RESPONSES: RouteSpec["responses"] = {
  "200": { description: "applied and stored; the new state of the part (when the caller may read it)", schema: ref("Written") },
  "204": { description: "applied and stored; the caller may write but not read the part" },
};

export const ROUTES: RouteSpec[] = [
  { method: "GET", url: "/", operationId: "hmiIndex", summary: "The operator's HMI (hmi/index.html; no data in it, the page signs in with a token)", auth: false, responses: { "200": { description: "the page", contentType: "text/html" }, "304": { description: "not modified (If-None-Match)" } } },
  { method: "GET", url: "/hmi/:file", operationId: "hmiFile", summary: "A file of the HMI (the hmi/ folder's files named [a-z0-9-]+.(js|css|html|svg|md))", auth: false, responses: { "200": HMI_FILE, "304": { description: "not modified (If-None-Match)" } } },
  { method: "GET", url: "/hmi/vendor/:file", operationId: "hmiVendor", summary: "uPlot (uPlot.esm.js, uPlot.min.css) from the installed package", auth: false, responses: { "200": HMI_FILE, "304": { description: "not modified (If-None-Match)" } } },
  { method: "GET", url: "/api/openapi.json", operationId: "openapi", summary: "This OpenAPI 3.1 document", auth: false, responses: { "200": { description: "OpenAPI document", schema: { type: "object" } } } },
  {
    method: "GET", url: "/api/_health", operationId: "health", summary: "Liveness and the store's state", auth: false,
    responses: { "200": { description: "serving", schema: { type: "object", properties: { status: { type: "string" }, store: { type: "string" } } } } },
  },
  {
    method: "POST", url: "/api/_auth/token", operationId: "token", summary: "Exchange a subject's key for a bearer token (JWT)", auth: false,
    body: { type: "object", additionalProperties: false, required: ["subject", "key"], properties: { subject: { type: "string", minLength: 1, maxLength: 256 }, key: { type: "string", minLength: 1, maxLength: 1024 } } },
    responses: { "200": { description: "a token", schema: ref("Token") } },
  },
  { method: "GET", url: "/api/_twins", operationId: "listTwins", summary: "The twins this caller may read", auth: true, querystring: { type: "object", additionalProperties: false, properties: { access_token: ACCESS_TOKEN } }, responses: { "200": { description: "twins", schema: { type: "array", items: ref("Twin") } } } },
  { method: "GET", url: "/api/_policy", operationId: "getPolicy", summary: "The policy in force (needs READ on policy:/)", auth: true, responses: { "200": { description: "the policy document", schema: { type: "object" } } } },
  { method: "PUT", url: "/api/_policy", operationId: "putPolicy", summary: "Replace the policy (needs WRITE on policy:/); grants and revokes apply to the next request", auth: true, body: { type: "object" }, responses: { "200": { description: "the new policy", schema: { type: "object" } } } },
  { method: "GET", url: "/api/:device", operationId: "getRoot", summary: "The device root part (query as for a part)", auth: true, querystring: PART_QUERY, responses: PART_RESPONSES },
  { method: "POST", url: "/api/:device", operationId: "postRoot", summary: "New values for attributes of the device root", auth: true, body: PART_BODY, responses: WRITE_RESPONSES },
  {
    method: "GET", url: "/api/:device/_history", operationId: "history", summary: "Change history over a time range, filtered, paged by a keyset cursor", auth: true,
    querystring: {
      type: "object",
      additionalProperties: false,
      properties: {
        part: { type: "string", maxLength: 2048, description: "part path ('' = the root); default: the whole device" },
        subtree: { type: "boolean", description: "with part: the part and everything below it (default true)" },
        attribute: { type: "string", minLength: 1, maxLength: 512 },
        from: { type: "string", maxLength: 40, description: "ISO 8601 date-time or ms since the epoch, inclusive" },
        to: { type: "string", maxLength: 40, description: "ISO 8601 date-time or ms since the epoch, exclusive" },
        filter: { type: "string", minLength: 1, maxLength: 4096, description: "RQL, e.g. and(eq(attribute,\"Opening\"),gt(newValue,50))" },
        order: { enum: ["asc", "desc"] },
        limit: { type: "integer", minimum: 1, maximum: 10000 },
        cursor: { type: "string", minLength: 1, maxLength: 4096, pattern: "^[A-Za-z0-9_-]+$" },
        access_token: ACCESS_TOKEN,
      },
    },
    responses: { "200": { description: "one page of records", schema: ref("HistoryPage") } },
  },
  {
    method: "POST", url: "/api/:device/_bulk", operationId: "bulk", summary: "Several parts' new values, all or nothing", auth: true,
    body: {
      type: "object", additionalProperties: false, required: ["changes"],
      properties: { changes: { type: "array", minItems: 1, maxItems: 1000, items: { type: "object", additionalProperties: false, required: ["part", "attributes"], properties: { part: { type: "string", maxLength: 2048 }, attributes: PART_BODY, ifMatch: { type: "string", maxLength: 256 } } } } },
    },
    responses: { "200": { description: "every change applied and stored", schema: { type: "object", properties: { changes: { type: "array", items: ref("Change") } } } } },
  },
  { method: "GET", url: "/api/:device/_events", operationId: "events", summary: "Server-sent events: change, alarm, method and rule events the caller may read", auth: true, querystring: { type: "object", additionalProperties: false, properties: { types: { type: "string", maxLength: 64, pattern: "^(change|alarm|method|rule)(,(change|alarm|method|rule))*$" }, access_token: ACCESS_TOKEN } }, responses: { "200": { description: "text/event-stream", contentType: "text/event-stream" } } },
  { method: "GET", url: "/api/:device/_ws", operationId: "eventsWebSocket", summary: "The same events over a WebSocket (RFC 6455)", auth: true, websocket: true, querystring: { type: "object", additionalProperties: false, properties: { types: { type: "string", maxLength: 64, pattern: "^(change|alarm|method|rule)(,(change|alarm|method|rule))*$" }, access_token: ACCESS_TOKEN } }, responses: { "101": { description: "switching protocols" } } },
  { method: "GET", url: "/api/:device/_methods", operationId: "listMethods", summary: "The twin's callable methods", auth: true, responses: { "200": { description: "methods", schema: { type: "array", items: ref("Method") } } } },
  { method: "POST", url: "/api/:device/_methods/:method", operationId: "callMethod", summary: "Call a method (needs EXECUTE on method:/<Device>/<method>)", auth: true, body: { type: "object" }, responses: { "200": { description: "the method's result", schema: ref("MethodResult") } } },
  { method: "GET", url: "/api/:device/_alarms", operationId: "listAlarms", summary: "The runner's alarms not in the normal state", auth: true, responses: { "200": { description: "alarms", schema: { type: "array", items: ref("Alarm") } } } },
  { method: "POST", url: "/api/:device/_alarms/:alarm/ack", operationId: "ackAlarm", summary: "Acknowledge an alarm (needs WRITE on alarm:/<Device>/<id>)", auth: true, responses: { "204": { description: "acknowledged" } } },
  { method: "POST", url: "/api/:device/_alarms/:alarm/shelve", operationId: "shelveAlarm", summary: "Shelve an alarm for a time", auth: true, body: { type: "object", additionalProperties: false, required: ["seconds"], properties: { seconds: { type: "number", exclusiveMinimum: 0, maximum: 86400 } } }, responses: { "204": { description: "shelved" } } },
  {
    method: "GET", url: "/api/:device/_tree", operationId: "tree", summary: "The model tree: the instance hierarchy with roles, classes, the attributes the caller may read and the links to the Modelica class and rotor model", auth: true,
    querystring: { type: "object", additionalProperties: false, properties: { access_token: ACCESS_TOKEN } },
    responses: { "200": { description: "the tree", schema: { type: "object", required: ["device", "root"], properties: { device: { type: "string" }, root: ref("TreeNode") } } } },
  },
  {
    method: "GET", url: "/api/:device/_live", operationId: "live", summary: "Server-sent events of the hybrid runner for the HMI (needs READ on event:/<Device>)", auth: true,
    description: "First `hello` {signals, sensors, sensorFeatures, monitors, classes, running, displayRate}; then `estimates` (virtual sensors, decimated to at most displayRate samples per second and signal by the mean of each bucket), `window`, `spc`, `alarm` records (src/runner/records.ts) and `status` every second {type, t, running, framesPerSecond, lagMs, state, activeAlarms}. Measured sensors' samples are not among the runner's records: their window features come in `window`.",
    querystring: { type: "object", additionalProperties: false, properties: { types: { type: "string", maxLength: 64, pattern: LIVE_TYPES_PATTERN, description: "record types (default all)" }, access_token: ACCESS_TOKEN } },
    responses: { "200": { description: "text/event-stream", contentType: "text/event-stream" } },
  },
  {
    method: "GET", url: "/api/:device/_views/campbell", operationId: "campbellView", summary: "Campbell diagram of the current rotor model, the critical speeds and the current speed (needs READ on twin:/<Device>)", auth: true,
    querystring: { type: "object", additionalProperties: false, properties: { speeds: { type: "string", maxLength: 64, pattern: "^[^:]+:[^:]+:[^:]+$", description: "start:stop:step, rpm (default: the Motor's MinSpeed..MaxSpeed in 25 points)" }, modes: VIEW_MODES, access_token: ACCESS_TOKEN } },
    responses: { "200": { description: "the diagram", schema: ref("Campbell") } },
  },
  {
    method: "GET", url: "/api/:device/_views/modes", operationId: "modesView", summary: "Modes of the current rotor model at one speed with their shapes (needs READ on twin:/<Device>)", auth: true,
    querystring: { type: "object", additionalProperties: false, properties: { speed: { ...SPEED_RPM, description: "rpm (default 0)" }, modes: VIEW_MODES, access_token: ACCESS_TOKEN } },
    responses: { "200": { description: "the modes", schema: ref("Modes") } },
  },
  { method: "GET", url: "/api/:device/_archives/:name", operationId: "getArchive", summary: "Download an archive a method exported", auth: true, responses: { "200": { description: "the package", contentType: "application/zip" } } },
  { method: "GET", url: "/api/:device/*", operationId: "getPart", summary: "A part: its data, ?Attribute=, ?History=N, ?Search=<XPath>, ?format=aml", auth: true, querystring: PART_QUERY, responses: PART_RESPONSES },
  { method: "POST", url: "/api/:device/*", operationId: "postPart", summary: "New values for attributes of a part (checked, applied, stored, events fired)", auth: true, body: PART_BODY, responses: WRITE_RESPONSES },
];

export const DEVICE_PARAMS = DEVICE;
