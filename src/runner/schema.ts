// The JSON Schema (2020-12) of a runner configuration, published as schemas/runner-config.schema.json
// (a test checks the file equals this object, and that the schema and checkRunnerConfig agree on the
// example configurations). checkRunnerConfig is the authority at run time: it also checks what a
// schema cannot say (channels below source.channels, names unique, features that exist).
import { ALARM_SCHEMA } from "./alarms.js";
import { SINK_SCHEMA } from "./sinks/sink.js";
import { ALL_RULES } from "../spc/types.js";
import { WINDOW_KINDS } from "../signal/core.js";
import { MISMATCH_PARAMETERS } from "../vsense/mismatch.js";
import { CHARTS, CONFIG_FORMAT, CONFIG_VERSION, QUANTITIES } from "./config.js";

const name = { type: "string", pattern: "^[A-Za-z][A-Za-z0-9_-]{0,63}$" };
const channel = { type: "integer", minimum: 0, maximum: 63 };
const node = { type: "integer", minimum: 0 };
const dir = { enum: ["x", "y"] };

const source = {
  type: "object",
  required: ["url", "channels"],
  additionalProperties: false,
  properties: {
    url: { type: "string", pattern: "^(udp://|mqtt://|serial:|replay:)", description: "udp://HOST:PORT, mqtt://HOST:PORT/TOPIC, serial:/dev/tty…?baud=…, replay:PATH?…" },
    channels: { type: "integer", minimum: 1, maximum: 64 },
    physicalRange: { type: "number", exclusiveMinimum: 0 },
    clockToleranceSamples: { type: "integer", minimum: 0 },
  },
};

const monitor = {
  type: "object",
  required: ["name", "feature", "chart"],
  additionalProperties: false,
  properties: {
    name,
    feature: { type: "string", minLength: 1 },
    chart: { enum: [...CHARTS] },
    skip: { type: "integer", minimum: 0, description: "usable windows to let pass first (a start-up transient)" },
    learn: { type: "integer", minimum: 1 },
    limits: { type: "object", required: ["center", "sigma"], additionalProperties: false, properties: { center: { type: "number" }, sigma: { type: "number", exclusiveMinimum: 0 } } },
    L: { type: "number", exclusiveMinimum: 0 },
    lambda: { type: "number", exclusiveMinimum: 0, maximum: 1 },
    k: { type: "number", minimum: 0 },
    h: { type: "number", exclusiveMinimum: 0 },
    rules: { type: "array", items: { enum: [...ALL_RULES] } },
    description: { type: "string" },
  },
  not: { required: ["learn", "limits"] },
};

const common = {
  $schema: { type: "string" },
  description: { type: "string" },
  format: { const: CONFIG_FORMAT },
  version: { const: CONFIG_VERSION },
  source,
  recogniser: { type: "object", required: ["model"], additionalProperties: false, properties: { model: { type: "string", minLength: 1 } } },
  monitors: { type: "array", items: monitor },
  alarms: { type: "array", items: ALARM_SCHEMA },
  sinks: { type: "array", items: SINK_SCHEMA },
  recording: {
    type: "object",
    required: ["dir"],
    additionalProperties: false,
    properties: { dir: { type: "string", minLength: 1 }, checkpointSeconds: { type: "number", exclusiveMinimum: 0 } },
  },
};

const waveforms = {
  type: "object",
  required: ["format", "version", "model", "source", "sensors", "speed", "filter"],
  additionalProperties: false,
  properties: {
    ...common,
    input: { const: "waveforms" },
    model: { type: "string", minLength: 1, description: "rotor model file, relative to this file" },
    sensors: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["name", "channel", "node", "dir", "sensitivity"],
        additionalProperties: false,
        properties: {
          name, channel, node, dir,
          unit: { type: "string" },
          sensitivity: { type: "number", exclusiveMinimum: 0, description: "frame value per m/s²" },
          noiseStd: { type: "number", exclusiveMinimum: 0, description: "m/s²" },
          noiseVariance: { type: "number", exclusiveMinimum: 0, description: "(m/s²)²" },
          description: { type: "string" },
        },
        oneOf: [{ required: ["noiseStd"] }, { required: ["noiseVariance"] }],
      },
    },
    speed: {
      oneOf: [
        { type: "object", required: ["mode", "rpm"], additionalProperties: false, properties: { mode: { const: "fixed" }, rpm: { type: "number", exclusiveMinimum: 0 } } },
        { type: "object", required: ["mode", "channel"], additionalProperties: false, properties: { mode: { const: "channel" }, channel, gain: { type: "number" } } },
        {
          type: "object", required: ["mode", "channel", "threshold"], additionalProperties: false,
          properties: { mode: { const: "tach" }, channel, threshold: { type: "number" }, pulsesPerRev: { type: "integer", minimum: 1, maximum: 1024 } },
        },
      ],
    },
    filter: {
      type: "object",
      required: ["rate", "rpm", "unbalance"],
      additionalProperties: false,
      properties: {
        rate: { type: "number", exclusiveMinimum: 0 },
        rpm: { type: "number", exclusiveMinimum: 0 },
        modes: { type: "integer", minimum: 1 },
        modelError: { type: "number", minimum: 0 },
        firHalfLength: { type: "integer", minimum: 1, maximum: 64 },
        unbalance: {
          type: "array",
          items: { type: "object", required: ["node", "me"], additionalProperties: false, properties: { node, me: { type: "number", minimum: 0 }, phase: { type: "number" } } },
        },
        mismatch: {
          type: "array",
          items: {
            type: "object", required: ["parameter", "percent"], additionalProperties: false,
            properties: { parameter: { enum: [...MISMATCH_PARAMETERS] }, percent: { type: "number", exclusiveMinimum: -100 } },
          },
        },
        speedTolerance: { type: "number", minimum: 0 },
        maxPredictSeconds: { type: "number", minimum: 0 },
      },
    },
    virtualSensors: {
      type: "array",
      items: {
        type: "object", required: ["name", "node", "dir", "quantity"], additionalProperties: false,
        properties: { name, node, dir, quantity: { enum: [...QUANTITIES] }, description: { type: "string" } },
      },
    },
    windows: {
      type: "object",
      required: ["length"],
      additionalProperties: false,
      properties: {
        length: { type: "integer", minimum: 2 },
        hop: { type: "integer", minimum: 1 },
        window: { enum: [...WINDOW_KINDS] },
        bands: { type: "integer", minimum: 1 },
        orders: { type: "integer", minimum: 0, maximum: 2 },
      },
    },
  },
};

const features = {
  type: "object",
  required: ["format", "version", "input", "source", "features"],
  additionalProperties: false,
  properties: {
    ...common,
    input: { const: "features" },
    features: {
      type: "array",
      minItems: 1,
      items: {
        type: "object", required: ["name", "channel"], additionalProperties: false,
        properties: { name, channel, gain: { type: "number" }, unit: { type: "string" }, description: { type: "string" } },
      },
    },
  },
};

/** The JSON Schema (draft 2020-12) of a runner configuration file, as published in schemas/runner-config.schema.json. */
export const RUNNER_CONFIG_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  title: "twin hybrid runner configuration",
  description: "Configuration of `twin run` (docs/runner.md): waveforms through the rotor model's virtual sensor, or a stream of feature vectors.",
  oneOf: [waveforms, features],
};
