// A rotor job request as the host builds it (assembly/ABI.md, "Rotor jobs"): the values, and for each
// value where it came from, so that a value the core refuses (error 1 or 5 with its index) is reported
// as the user wrote it: a command-line option (`--modes "0"`) or the JSON path of the model
// (`m.json: shaft[2].material.nu: ...`). The host writes what it parsed; it computes nothing here.
import { CoreError, type Core } from "../core/core.js";
import { runJob } from "../core/job.js";
import { ArgumentError } from "../errors.js";
import { encodeRotorModelWithPaths, MATERIAL_KIND, type RotorModel } from "./model.js";
import { ModelError } from "./validate.js";

/** Layout version of the rotor job requests and results described in ABI.md. */
export const JOB_VERSION = 1;

/** A list of speeds or frequencies as written: `a,b,c` or `start:stop:step` (the core expands ranges). */
export type Grid = { kind: "list"; values: number[] } | { kind: "range"; start: number; stop: number; step: number };

export const GRID_CODE = { list: 0, range: 1 } as const;

/** Most values a grid may have (the core's limit, assembly/rotor/grid.ts). */
export const MAX_GRID_POINTS = 1_000_000;

/** Where a job field came from and what to say when the core refuses it. */
interface Field {
  /** e.g. `--modes "0"`, `expected.modal[1].speed` */
  what: string;
  /** the reason printed when the core reports this value invalid (error 1) */
  invalid: string;
}

/** The model a request embeds and the file it came from (for located errors). */
export interface ModelSource {
  model: RotorModel;
  /** the file the model was read from (absent for a model passed in code) */
  file?: string | undefined;
  /** prefix of the model's JSON paths in that file (`model` for a reference case) */
  pathPrefix?: string;
  /**
   * How a refused job field (not a model value) is reported: default a ArgumentError naming the
   * command-line option; a reference case reports its own file's values as InputErrors.
   */
  fieldError?: (message: string) => Error;
}

export class RotorRequest {
  readonly values: number[] = [JOB_VERSION];
  private readonly fields: Field[] = [{ what: "request version", invalid: "not a version this core knows" }];
  private modelBase = -1;
  private modelPaths: string[] = [];
  private source: ModelSource | undefined;

  /** Appends values that come from one place (`what`), refused by the core for the reason `invalid`. */
  put(what: string, invalid: string, ...values: number[]): this {
    if (this.modelBase >= 0) throw new Error("request fields go before the model");
    for (const v of values) {
      this.values.push(v);
      this.fields.push({ what, invalid });
    }
    return this;
  }

  /** A grid (ABI.md, "Grid"), as the user wrote it. */
  grid(what: string, g: Grid): this {
    if (g.kind === "list") {
      this.put(what, "must be a list of values >= 0", GRID_CODE.list);
      this.put(what, `must have 1 to ${MAX_GRID_POINTS} values`, g.values.length);
      return this.put(what, "must be >= 0", ...g.values);
    }
    this.put(what, "is not a range", GRID_CODE.range);
    this.put(`${what} start`, "must be >= 0", g.start);
    this.put(`${what} stop`, "must be >= start", g.stop);
    return this.put(what, `gives more than ${MAX_GRID_POINTS} points (or its step is not > 0)`, g.step);
  }

  /** Index of the embedded model description in the request (-1 before `model`). */
  get modelIndex(): number {
    return this.modelBase;
  }

  /** The embedded model description (layout 2), last in every request. */
  model(src: ModelSource): this {
    const enc = encodeRotorModelWithPaths(src.model);
    this.modelBase = this.values.length;
    this.values.push(...enc.values);
    this.modelPaths = enc.paths;
    this.source = src;
    return this;
  }

  /**
   * Runs job `entry` on this request (one `runJob` call: recorded under TWIN_RECORD_JOB) and returns
   * its result; a value the core refuses becomes a ArgumentError naming the option, or a ModelError with
   * the model value's JSON path; numerical failures stay CoreErrors.
   */
  run(core: Core, entry: string): Float64Array {
    try {
      return runJob(core, entry, this.values);
    } catch (e) {
      throw e instanceof CoreError ? this.locate(e) : e;
    }
  }

  /** The error a user sees for a core error on this request. */
  locate(e: CoreError): Error {
    if (e.code !== 1 && e.code !== 5) return e;
    const d = e.detail;
    if (!Number.isInteger(d) || d < 0 || d >= this.values.length) return e; // not an index of ours: a fault of this host
    if (this.modelBase >= 0 && d >= this.modelBase && this.source !== undefined) {
      const i = d - this.modelBase;
      const prefix = this.source.pathPrefix ?? "";
      const path = this.modelPaths[i] ?? "";
      const full = prefix === "" ? path : path === "" ? prefix : `${prefix}.${path}`;
      return new ModelError(this.source.file, [{ path: full, message: modelFaultMessage(this.values, this.modelBase, i, path, e.code) }]);
    }
    const f = this.fields[d]!;
    const message = `${f.what}: ${e.code === 5 ? "must be finite" : f.invalid}`;
    // the label reads "unbalance[0]: node"; as a path, "unbalance[0].node"
    return this.source?.fieldError ? this.source.fieldError(message) : new ArgumentError(message, { path: f.what.replace(/: /g, ".") });
  }
}

/**
 * What to say about model value i (of the description at `base`, JSON path `path`) that the core
 * refused. The host's validator (validate.ts) catches every fault it can without arithmetic; what
 * reaches here is the core's own finding, chiefly a material whose G and nu disagree.
 */
function modelFaultMessage(values: number[], base: number, i: number, path: string, code: number): string {
  const v = values[base + i]!;
  if (code === 5) return `must be finite (${v})`;
  // a material block is `kind, E, G, nu, rho`: with both G and nu, nu is refused when they disagree
  if (path.endsWith(".nu") && values[base + i - 3] === MATERIAL_KIND.both) {
    const E = values[base + i - 2]!, G = values[base + i - 1]!;
    return `G and nu disagree (E = ${E}, G = ${G}, nu = ${v}: E/(2(1+nu)) differs from G by more than 1e-3 of G); give one of them`;
  }
  return `the core rejects this value (${v})`;
}
