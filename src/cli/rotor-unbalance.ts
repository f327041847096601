// twin rotor unbalance MODEL.json --unbalance NODE:MAG:PHASE [...] --freqs 0:1000:5 --probe NODE:DIR [...] [--json]
// The library's rotorUnbalance: one job, jobRotorUnbalance (assembly/ABI.md, "Rotor jobs"); probe
// directions x and y go into the request as codes, so the core reads them exactly (no host π/2).
import { located, parseEach, stringifyJson } from "../index.js";
import { formatUnbalance, loadRotorModel, NodeNumbering, parseGrid, parseProbe, parseUnbalance, rotorUnbalance } from "../rotor/index.js";
import { UsageError, many, parseCommandLine, required } from "./args.js";
import { type Command, helpRequested } from "./common.js";

export const unbalanceCommand: Command = {
  name: "rotor unbalance",
  summary: "steady-state unbalance response over frequency at probes",
  api: { module: "rotor", export: "rotorUnbalance" },
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
    const freqsText = required(values.freqs, "--freqs");
    const freqs = parseGrid(freqsText, "--freqs");
    if (many(values.unbalance).length === 0) throw new UsageError("--unbalance is required (at least one)");
    if (many(values.probe).length === 0) throw new UsageError("--probe is required (at least one)");
    const model = loadRotorModel(positionals[0]!);
    const nodes = new NodeNumbering(model);
    const unbalance = parseEach(many(values.unbalance), (u, i, n) => ({ ...parseUnbalance(u, nodes, i, n), where: located("--unbalance", u, i, n) }));
    const probes = parseEach(many(values.probe), (p, i, n) => ({ ...parseProbe(p, nodes, i, n), where: located("--probe", p, i, n) }));
    const { peaks, ...result } = rotorUnbalance(model, { unbalance, probes, freqs, labels: { freqs: located("--freqs", freqsText) } });
    if (values.json === true) io.out(stringifyJson(result) + "\n");
    else io.out(formatUnbalance(model.name, result, (n) => nodes.label(n), peaks));
    return 0;
  },
};
