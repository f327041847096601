// twin rotor unbalance MODEL.json --unbalance NODE:MAG:PHASE [...] --freqs 0:1000:5 --probe NODE:DIR [...] [--json]
import { many, parseCommandLine, parseListOrRange, parseProbe, parseUnbalance, required, UsageError } from "../io/args.js";
import { stringifyJson } from "../io/json.js";
import { formatUnbalance } from "../rotor/format.js";
import { nodeCount } from "../rotor/model.js";
import { type Command, helpRequested, loadModelFile, requireFinite, withRotor } from "./common.js";

export const unbalanceCommand: Command = {
  name: "rotor unbalance",
  summary: "steady-state unbalance response over frequency at probes",
  usage: `Usage: twin rotor unbalance MODEL.json --unbalance NODE:MAGNITUDE:PHASE [...] --freqs 0:1000:5
                             --probe NODE:DIR [...] [--json]

Steady-state response to unbalance masses, frequency domain (rotor speed = excitation frequency).

Options:
  --unbalance NODE:MAGNITUDE:PHASE   unbalance at a node, kg m, phase in rad (repeatable)
  --freqs RANGE                      frequencies in rad/s, "start:stop:step" (or "a,b,c")
  --probe NODE:DIR                   response at a node along x, y or an angle in rad from x (repeatable)
  --json                             print JSON { freqs, probes: [{ node, dir, amplitude, phase }] }
  -h, --help                         show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(
      argv,
      {
        unbalance: { type: "string", multiple: true },
        freqs: { type: "string" },
        probe: { type: "string", multiple: true },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      { min: 1, max: 1, names: "MODEL.json" },
    );
    if (helpRequested(values, this, io)) return 0;
    const freqs = parseListOrRange(required(values.freqs, "--freqs"), "--freqs");
    if (many(values.unbalance).length === 0) throw new UsageError("--unbalance is required (at least one)");
    if (many(values.probe).length === 0) throw new UsageError("--probe is required (at least one)");
    const model = loadModelFile(positionals[0]!);
    const nodes = nodeCount(model);
    const unbalance = many(values.unbalance).map((u) => parseUnbalance(u, nodes));
    const probes = many(values.probe).map((p) => parseProbe(p, nodes));
    const result = withRotor(model, (r) => r.unbalance(unbalance, freqs, probes));
    for (const p of result.probes) {
      requireFinite(p.amplitude, `unbalance response at node ${p.node}: amplitude`);
      requireFinite(p.phase, `unbalance response at node ${p.node}: phase`);
    }
    if (values.json === true) io.out(stringifyJson(result) + "\n");
    else io.out(formatUnbalance(model.name, result));
    return 0;
  },
};
