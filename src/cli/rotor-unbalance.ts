// twin rotor unbalance MODEL.json --unbalance NODE:MAG:PHASE [...] --freqs 0:1000:5 --probe NODE:DIR [...] [--json]
import { many, parseCommandLine, parseEach, parseListOrRange, parseProbe, parseUnbalance, required, UsageError } from "../io/args.js";
import { stringifyJson } from "../io/json.js";
import { formatUnbalance } from "../rotor/format.js";
import { NodeNumbering } from "../rotor/nodes.js";
import { type Command, helpRequested, loadModelFile, requireFinite, withRotor } from "./common.js";

export const unbalanceCommand: Command = {
  name: "rotor unbalance",
  summary: "steady-state unbalance response over frequency at probes",
  usage: `Usage: twin rotor unbalance MODEL.json --unbalance NODE:MAGNITUDE:PHASE [...] --freqs 0:1000:5
                             --probe NODE:DIR [...] [--json]

Steady-state response to unbalance masses, frequency domain (rotor speed = excitation frequency).
Nodes: shaft nodes 0..N-1 (N = shaft elements + 1), then the pedestal nodes N, N+1, ... in the
order of the bearings that carry a pedestal (ROSS's numbering; docs/rotor.md).

Options:
  --unbalance NODE:MAGNITUDE:PHASE   unbalance at a shaft node, kg m, phase in rad (repeatable)
  --freqs RANGE                      frequencies in rad/s, "start:stop:step" (or "a,b,c")
  --probe NODE:DIR                   response at a shaft or pedestal node along x, y or an angle in
                                     rad from x (repeatable)
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
    const nodes = new NodeNumbering(model);
    const unbalance = parseEach(many(values.unbalance), (u, i, n) => parseUnbalance(u, nodes, i, n));
    const probes = parseEach(many(values.probe), (p, i, n) => parseProbe(p, nodes, i, n));
    const result = withRotor(model, (r) => r.unbalance(unbalance, freqs, probes));
    for (const p of result.probes) {
      requireFinite(p.amplitude, `unbalance response at node ${p.node}: amplitude`);
      requireFinite(p.phase, `unbalance response at node ${p.node}: phase`);
    }
    if (values.json === true) io.out(stringifyJson(result) + "\n");
    else io.out(formatUnbalance(model.name, result, (n) => nodes.label(n)));
    return 0;
  },
};
