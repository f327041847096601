// `twin serve` as a library: deploys the twins of a CAEX file (twins.ts) and serves them (server.ts).
// Everything a service needs has an embedded default — SQLite for the history, the in-process aedes
// broker when events should reach MQTT, a token secret in the data directory — and the established
// engine behind the same option when one machine is not enough (--db postgres://…, --broker mqtt://…).
import { mkdirSync, readFileSync } from "node:fs";
import type { Duplex } from "node:stream";
import { join, resolve } from "node:path";
import type { FastifyInstance } from "fastify";
import { type ElmModel, loadModel as loadElmModel } from "../elm/model.js";
import { EmbeddedBroker } from "../live/broker.js";
import { PACKAGE_ROOT } from "../core/core.js";
import { readAml } from "../aml/model.js";
import { parseRotorModel } from "../rotor/validate.js";
import type { RotorModel } from "../rotor/model.js";
import { loadRunnerConfig, type RunnerConfig } from "../runner/config.js";
import { type ChildTransport, type ForwardRequest, type ForwardResponse, HttpChild } from "./aggregate.js";
import { DeviceModel } from "./device.js";
import { EventBus, EventPublisher } from "./events/index.js";
import { LiveTwin } from "./live-twin.js";
import { methodsFromAml, type MethodDef } from "./methods/index.js";
import { Policy, policyFromFile, TokenService } from "./policy/index.js";
import { RunnerBinding } from "./runner-binding.js";
import { buildApp, type ChildLink, type Deployed, type ServiceLimits, type ServiceState } from "./server.js";
import { discoverTwins, TwinDeployError, type TwinDescriptor } from "./twins.js";
import { openStore } from "./store/index.js";
import type { HistoryStore, RetentionPolicy } from "./types.js";

/** What serveTwin (`twin serve`) deploys and how: the AML file, the twins, address, history store, broker, policy, runner, data directory, retention and limits. */
export interface ServeOptions {
  amlFile: string;
  /** serve only these twins (Device names); default every twin of the file */
  twins?: string[];
  host?: string;
  /** 0 = a free port */
  port?: number;
  /** history store URL: a file path, sqlite:PATH, :memory: or postgres://…; default <dataDir>/history.sqlite */
  db?: string;
  /** MQTT: "embedded" (an aedes broker in this process) or mqtt://host:port; default none */
  broker?: string;
  /** topic prefix of published events (default "twin") */
  topicPrefix?: string;
  /** a policy file replaces the policies of the AML AccessControl elements */
  policyFile?: string;
  /** start the hybrid runner with this configuration (of the twin whose Communication element binds it) */
  run?: string;
  /** the runner's source URL (overrides the configuration's) */
  source?: string;
  /** child twins served elsewhere: Device → base URL (http://host:port) */
  children?: Record<string, string>;
  dataDir?: string;
  /** the HS256 token secret (default <dataDir>/token.secret, created when missing) */
  secretFile?: string;
  retention?: RetentionPolicy;
  limits?: Partial<ServiceLimits>;
  /** Where the service says what it does (startup, retention, shutdown); default: discarded. */
  log?: (message: string) => void;
}

/** A running service: its URL and port, the Fastify app, retention and tokens, and a graceful close(). */
export interface Service {
  url: string;
  port: number;
  app: FastifyInstance;
  state: ServiceState;
  /** the routes the server registered */
  registeredRoutes: { method: string; url: string }[];
  /** the embedded broker's URL, when one was started */
  brokerUrl: string | null;
  /** applies the retention now (the service does every minute); the number of records removed */
  prune(): Promise<number>;
  /** issues a token signed with the service's secret (for tests, the CLI's `twin serve token`) */
  token(sub: string, roles: string[], ttlSeconds?: number): Promise<string>;
  /** Stops the service: answers the requests in flight, writes the pending commits, ends the event streams and closes the stores. */
  close(): Promise<void>;
}

/** How long a shutdown waits for open requests and streams before it cuts them, ms. */
const GRACE_MS = 3000;

export const DEFAULT_LIMITS: ServiceLimits = { bodyBytes: 1 << 20, ratePerMinute: 600_000, forwardTimeoutMs: 5000, search: {} };

function version(): string {
  try {
    return (JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "0";
  }
}

/** A child twin of the same process: the request goes through the same routes, without a socket. */
class InProcessChild implements ChildTransport {
  app: FastifyInstance | null = null;
  constructor(readonly name: string) {}
  get describe(): string {
    return `${this.name} (this process)`;
  }
  async send(device: string, r: ForwardRequest): Promise<ForwardResponse> {
    const res = await this.app!.inject({ method: r.method, url: `/api/${encodeURIComponent(device)}${r.path === "" ? "" : `/${r.path}`}${r.query === "" ? "" : `?${r.query}`}`, headers: r.headers, ...(r.body !== undefined ? { payload: r.body } : {}) });
    const headers: Record<string, string> = {};
    for (const k of ["content-type", "etag", "retry-after", "www-authenticate"]) {
      const v = res.headers[k];
      if (typeof v === "string") headers[k] = v;
    }
    return { status: res.statusCode, headers, body: res.body };
  }
}

export async function startService(o: ServeOptions): Promise<Service> {
  const log = o.log ?? ((m: string) => process.stderr.write(`twin serve: ${m}\n`));
  const amlFile = resolve(o.amlFile);
  let bytes: Buffer;
  try {
    bytes = readFileSync(amlFile);
  } catch (e) {
    throw new TwinDeployError(`${o.amlFile}: cannot read: ${(e as Error).message}`);
  }
  const model = readAml(bytes, amlFile);
  const all = discoverTwins(model);
  if (all.length === 0) throw new TwinDeployError(`${o.amlFile}: no DigitalTwin or AggregatedTwin element (role TwinRoleClassLib/DigitalTwin)`);
  for (const n of o.twins ?? []) if (!all.some((t) => t.device === n)) throw new TwinDeployError(`${o.amlFile}: no twin with Device ${n} (the file has ${all.map((t) => t.device).join(", ")})`);
  const chosen = o.twins === undefined || o.twins.length === 0 ? all : all.filter((t) => o.twins!.includes(t.device));
  const dataDir = resolve(o.dataDir ?? "twin-serve-data");
  mkdirSync(dataDir, { recursive: true });
  const limits: ServiceLimits = { ...DEFAULT_LIMITS, ...o.limits };

  // children of aggregated twins: in this process, or by URL
  for (const t of chosen) {
    for (const c of t.children) {
      if (!chosen.some((x) => x.device === c.device) && o.children?.[c.device] === undefined) {
        throw new TwinDeployError(`${o.amlFile}: the aggregated twin ${t.device} forwards ${c.part} to the twin ${c.device}, which this process does not serve: give its URL (--child ${c.device}=http://host:port) or serve it here too`);
      }
    }
  }

  const store = await openStore(o.db ?? join(dataDir, "history.sqlite"), { log });
  const cleanups: (() => Promise<void>)[] = [() => store.close()];
  const cleanup = async (): Promise<void> => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  };
  try {
    const secret = await TokenService.loadOrCreateSecret(o.secretFile ?? join(dataDir, "token.secret"));
    const tokens = await TokenService.create({ secret });
    const bus = new EventBus();
    let brokerUrl: string | null = null;
    if (o.broker !== undefined) {
      let url = o.broker;
      if (o.broker === "embedded") {
        const broker = new EmbeddedBroker();
        url = brokerUrl = await broker.start();
        cleanups.push(() => broker.stop());
        log(`embedded MQTT broker at ${url}`);
      }
      const publisher = await EventPublisher.open({ url, prefix: o.topicPrefix ?? "twin", log });
      publisher.attach(bus);
      cleanups.push(() => publisher.close());
    }
    let policy: Policy;
    if (o.policyFile !== undefined) policy = policyFromFile(o.policyFile);
    else policy = Policy.merge(...chosen.filter((t) => t.access !== null).map((t) => Policy.fromAccessControl(t.device, t.access!)));

    const inProcess: InProcessChild[] = [];
    const twins = new Map<string, Deployed>();
    let runnerTwin: TwinDescriptor | undefined;
    if (o.run !== undefined) {
      const bound = chosen.filter((t) => t.bindings.length > 0);
      if (bound.length === 0) throw new TwinDeployError(`${o.amlFile}: --run: no twin of ${chosen.map((t) => t.device).join(", ")} has a Communication element binding runner outputs`);
      runnerTwin = bound[0];
    }
    for (const t of chosen) {
      await store.claim(t.device);
      const device = new DeviceModel(model, t.deviceRoot);
      const twin = new LiveTwin(t, device, store, bus);
      const restored = await twin.restore();
      if (restored > 0) log(`${t.device}: ${restored} values restored from the history`);
      let methods: MethodDef[];
      try {
        methods = methodsFromAml(t.methods, `${o.amlFile}: twin ${t.device}`);
      } catch (e) {
        throw new TwinDeployError((e as Error).message);
      }
      const children: ChildLink[] = t.children.map((c) => {
        const url = o.children?.[c.device];
        let transport: ChildTransport;
        if (url !== undefined) {
          const h = new HttpChild(c.device, new URL(url));
          cleanups.push(async () => h.close());
          transport = h;
        }
        else {
          const ip = new InProcessChild(c.device);
          inProcess.push(ip);
          transport = ip;
        }
        return { part: c.part, device: c.device, transport };
      });
      let runner: RunnerBinding | null = null;
      const configFile = t === runnerTwin ? resolve(o.run!) : t.runnerConfigFile;
      if (configFile !== null && t.bindings.length > 0) {
        const config: RunnerConfig = loadRunnerConfig(configFile);
        const rotor: RotorModel | null = config.model === null ? null : parseRotorModel(readFileSync(config.model, "utf8"), config.model);
        const recFile = config.recogniser?.model ?? null;
        const recogniser: ElmModel | null = recFile === null ? null : loadElmModel(recFile);
        runner = new RunnerBinding(twin, t.bindings, { config, model: rotor, recogniser, recogniserFile: recFile, dataDir, log, ...(o.source !== undefined ? { source: o.source } : {}) });
        const r = runner;
        cleanups.push(() => r.stop());
      }
      twins.set(t.device, { twin, methods: new Map(methods.map((m) => [m.name, m])), runner, children, rotorModelFile: t.rotorModelFile, amlFile });
    }

    const state: ServiceState = { twins, policy, tokens, bus, store, dataDir, version: version(), limits, log, routes: [] };
    const app = await buildApp(state);
    for (const ip of inProcess) ip.app = app;
    // retention: what the AML asks for (the largest of the twins' settings), unless given
    const retention: RetentionPolicy = o.retention ?? {
      ...(chosen.some((t) => t.maxAgeDays !== undefined) ? { maxAgeMs: Math.max(...chosen.map((t) => t.maxAgeDays ?? 0)) * 86_400_000 } : {}),
      ...(chosen.some((t) => t.historyLength !== undefined) ? { maxPerAttribute: Math.max(...chosen.map((t) => t.historyLength ?? 0)) } : {}),
    };
    const pruneNow = async (): Promise<number> => {
      if (retention.maxAgeMs === undefined && retention.maxPerAttribute === undefined) return 0;
      const n = await store.prune(retention, Date.now());
      if (n > 0) log(`retention: ${n} history records removed`);
      return n;
    };
    const prune = async (): Promise<void> => {
      try {
        await pruneNow();
      } catch (e) {
        log(`retention: ${(e as Error).message}`);
      }
    };
    const pruneTimer = setInterval(() => void prune(), 60_000);
    pruneTimer.unref();
    cleanups.push(async () => clearInterval(pruneTimer));
    // sockets taken over by an upgrade leave the HTTP server's books: a shutdown ends them itself
    const upgraded = new Set<Duplex>();
    app.server.on("upgrade", (_req: unknown, socket: Duplex) => {
      upgraded.add(socket);
      socket.once("close", () => upgraded.delete(socket));
    });
    await app.listen({ host: o.host ?? "127.0.0.1", port: o.port ?? 8080 });
    cleanups.push(async () => {
      // graceful: in-flight requests are answered; after the grace time, what is still open is cut
      const grace = setTimeout(() => {
        for (const sock of upgraded) sock.destroy();
        app.server.closeAllConnections();
      }, GRACE_MS);
      try {
        await app.close();
      } finally {
        clearTimeout(grace);
      }
    });
    const addr = app.server.address();
    const port = typeof addr === "object" && addr !== null ? addr.port : (o.port ?? 8080);
    const host = o.host ?? "127.0.0.1";
    const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
    for (const d of twins.values()) if (d.runner !== null && d.twin.descriptor === runnerTwin) await d.runner.start();
    log(`serving ${[...twins.keys()].map((n) => `/api/${n}`).join(", ")} at ${url} (history: ${store.engine})`);
    let closed = false;
    return {
      url, port, app, state, brokerUrl, registeredRoutes: state.routes, prune: pruneNow,
      token: async (sub, roles, ttl) => (await tokens.issue(sub, roles, ttl)).token,
      close: async () => {
        if (closed) return;
        closed = true;
        await cleanup();
      },
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
