// twin serve MODEL.aml …: deploys the file's twins (src/service) until SIGINT/SIGTERM, then shuts down
// gracefully (in-flight requests answered, pending history commits written). Also `twin serve token`
// (a bearer token signed with a service's secret) and `twin serve hash-key` (a key hash for a policy
// file). A thin porch over serveTwin, createServiceToken and hashServiceKey (machine-twin/service).
import { parseNumber } from "../index.js";
import { createServiceToken, hashServiceKey, serveTwin } from "../service/index.js";
import { UsageError, parseCommandLine, str } from "./args.js";
import { type Command, helpRequested, nextStopSignal } from "./common.js";

function strs(v: unknown): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string");
}

export const serveCommand: Command = {
  name: "serve",
  summary: "deploy the digital twins of an AutomationML file: REST API, history, events, methods, access control",
  api: { module: "service", export: "serveTwin" },
  usage: `Usage: twin serve MODEL.aml [options]

Deploys every DigitalTwin (and AggregatedTwin) of the CAEX file: the instance hierarchy under each
twin's DeviceElement becomes its live device model under /api/<Device> (docs/service.md). Attributes
change by POST and by the hybrid runner (the twin's Communication element binds runner outputs to
attributes); every change is stored with who, when, old and new value. Stops gracefully on SIGINT or
SIGTERM. The OpenAPI document is at /api/openapi.json.

Options:
  --port N              TCP port (default 8080; 0 = any free port, the URL printed says which)
  --host H              interface (default 127.0.0.1)
  --db URL              history store: a file, sqlite:FILE, :memory: or postgres://user@host:port/db
                        (default DATA/history.sqlite)
  --broker URL          publish events to MQTT: mqtt://host:port, or "embedded" (an in-process broker)
  --policy FILE         access policy (docs/policies.md); default: the AML AccessControl elements
  --run CONFIG.json     start the hybrid runner with this configuration (docs/runner.md)
  --source URL          the runner's source (overrides the configuration's)
  --twin NAME           serve only this twin (repeatable); default every twin of the file
  --child NAME=URL      a child twin of an aggregated twin served by another process (repeatable)
  --data DIR            data directory: history, token secret, sessions, archives (default twin-serve-data)
  --secret FILE         HS256 token secret (default DATA/token.secret, created when missing)
  --retention-days D    remove history older than D days (default: the AML Storage MaxAgeDays)
  --retention-count N   keep at most N records per attribute (default: the AML Storage HistoryLength)
  --rate N              requests per subject per minute (default 600000)
  --body-limit BYTES    largest request body (default 1048576)
  --timeout MS          a child twin that does not answer in MS gives 504 (default 5000)
  -h, --help            show this help

  twin serve token --subject ID [--role R]... [--ttl S] [--data DIR | --secret FILE]
                        print a bearer token signed with the service's secret
  twin serve hash-key KEY
                        print the scrypt hash of a key for a policy file's subjects
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandLine(
      argv,
      {
        port: { type: "string" }, host: { type: "string" }, db: { type: "string" }, broker: { type: "string" }, policy: { type: "string" }, run: { type: "string" },
        source: { type: "string" }, twin: { type: "string", multiple: true }, child: { type: "string", multiple: true }, data: { type: "string" }, secret: { type: "string" },
        "retention-days": { type: "string" }, "retention-count": { type: "string" }, rate: { type: "string" }, "body-limit": { type: "string" }, timeout: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      { min: 1, max: 1, names: "MODEL.aml" },
    );
    if (helpRequested(values, this, io)) return 0;
    const num = (name: string, rule: "posinteger" | "positive" | "integer"): number | undefined => {
      const t = str(values[name]);
      return t === undefined ? undefined : parseNumber(t, `--${name}`, rule);
    };
    const port = num("port", "integer");
    if (port !== undefined && (port < 0 || port > 65535)) throw new UsageError(`--port: must be in 0..65535: ${port}`);
    const children: Record<string, string> = {};
    for (const c of strs(values.child)) {
      const m = /^([^=]+)=(https?:\/\/.+)$/.exec(c);
      if (m === null) throw new UsageError(`--child ${JSON.stringify(c)}: expected NAME=http://host:port`);
      try {
        new URL(m[2]!);
      } catch {
        throw new UsageError(`--child ${JSON.stringify(c)}: ${m[2]} is not a URL`);
      }
      children[m[1]!] = m[2]!;
    }
    const days = num("retention-days", "positive");
    const count = num("retention-count", "posinteger");
    const limits: Record<string, number> = {};
    const rate = num("rate", "posinteger");
    if (rate !== undefined) limits.ratePerMinute = rate;
    const body = num("body-limit", "posinteger");
    if (body !== undefined) limits.bodyBytes = body;
    const timeout = num("timeout", "posinteger");
    if (timeout !== undefined) limits.forwardTimeoutMs = timeout;
    const service = await serveTwin({
      amlFile: positionals[0]!,
      twins: strs(values.twin),
      children,
      limits,
      log: (m) => io.err(`twin serve: ${m}\n`),
      ...(port !== undefined ? { port } : {}),
      ...(str(values.host) !== undefined ? { host: str(values.host)! } : {}),
      ...(str(values.db) !== undefined ? { db: str(values.db)! } : {}),
      ...(str(values.broker) !== undefined ? { broker: str(values.broker)! } : {}),
      ...(str(values.policy) !== undefined ? { policyFile: str(values.policy)! } : {}),
      ...(str(values.run) !== undefined ? { run: str(values.run)! } : {}),
      ...(str(values.source) !== undefined ? { source: str(values.source)! } : {}),
      ...(str(values.data) !== undefined ? { dataDir: str(values.data)! } : {}),
      ...(str(values.secret) !== undefined ? { secretFile: str(values.secret)! } : {}),
      ...(days !== undefined || count !== undefined ? { retention: { ...(days !== undefined ? { maxAgeMs: days * 86_400_000 } : {}), ...(count !== undefined ? { maxPerAttribute: count } : {}) } } : {}),
    });
    io.out(`twin serve: listening on ${service.url}\n`);
    const signal = await nextStopSignal();
    io.err(`twin serve: ${signal}: shutting down\n`);
    await service.close();
    io.err("twin serve: stopped\n");
    return 0;
  },
};

export const serveTokenCommand: Command = {
  name: "serve token",
  summary: "print a bearer token signed with a service's secret",
  api: { module: "service", export: "createServiceToken" },
  usage: `Usage: twin serve token --subject ID [--role R]... [--ttl S] [--data DIR | --secret FILE]

Prints a JWT (HS256) for the subject with the roles given, signed with the secret of the service
whose data directory (default twin-serve-data) or secret file is named. The policy decides what the
subject and its roles ("role:R") may do.

Options:
  --subject ID   the token's subject, e.g. user:alice
  --role R       a role (repeatable), e.g. operator
  --ttl S        lifetime in seconds (default 3600)
  --data DIR     the service's data directory
  --secret FILE  the service's secret file (instead of DATA/token.secret)
  -h, --help     show this help
`,
  async run(argv, io) {
    const { values } = parseCommandLine(
      argv,
      { subject: { type: "string" }, role: { type: "string", multiple: true }, ttl: { type: "string" }, data: { type: "string" }, secret: { type: "string" }, help: { type: "boolean", short: "h" } },
      { min: 0, max: 0, names: "" },
    );
    if (helpRequested(values, this, io)) return 0;
    const subject = str(values.subject);
    if (subject === undefined) throw new UsageError("--subject is required");
    const ttlText = str(values.ttl);
    const ttl = ttlText === undefined ? 3600 : parseNumber(ttlText, "--ttl", "posinteger");
    const secretFile = str(values.secret);
    const dataDir = str(values.data);
    const token = await createServiceToken({ subject, roles: strs(values.role), ttlSeconds: ttl, ...(secretFile !== undefined ? { secretFile } : {}), ...(dataDir !== undefined ? { dataDir } : {}) });
    io.out(`${token}\n`);
    return 0;
  },
};

export const serveHashKeyCommand: Command = {
  name: "serve hash-key",
  summary: "print the scrypt hash of a key for a policy file",
  api: { module: "service", export: "hashServiceKey" },
  usage: `Usage: twin serve hash-key KEY

Prints the hash to put in a policy file's subjects.<id>.keys (docs/policies.md); the key itself is
never stored. A client exchanges the key for a token at POST /api/_auth/token.
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { help: { type: "boolean", short: "h" } }, { min: 1, max: 1, names: "KEY" });
    if (helpRequested(values, this, io)) return 0;
    io.out(`${hashServiceKey(positionals[0]!)}\n`);
    return 0;
  },
};
