// The `device` group: stand-ins for the hardware of the live path. `device replay` streams a
// recording (./device-replay.ts); `device simulate` streams the simulated rig (./device-simulate.ts),
// loaded when first run, so this group builds with or without it.
import { type Command, type Io } from "./common.js";
import { deviceReplayCommand } from "./device-replay.js";

type SimulateModule = {
  deviceSimulateCommand?: Command;
  deviceSimulate?: (argv: string[], io: Io) => number | Promise<number>;
};

/** `twin device simulate`: delegates to src/cli/device-simulate.ts (its --help lists the options). */
export const deviceSimulateCommand: Command = {
  name: "device simulate",
  summary: "stream the simulated rig's accelerations as live frames (udp://, mqtt://, serial:)",
  api: { module: "device", export: "simulateDevice" },
  usage: `Usage: twin device simulate MODEL.json --to URL [options]

The hardware stand-in: the rig's bearing accelerations computed by the core's time integration,
streamed at the real sample rate. "twin device simulate --help" lists its options.
`,
  async run(argv, io) {
    // a variable specifier: the module is resolved when the command runs, not when this one builds
    const specifier = "./device-simulate.js";
    let mod: SimulateModule;
    try {
      mod = (await import(specifier)) as SimulateModule;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ERR_MODULE_NOT_FOUND") throw e;
      io.err("twin device simulate: not part of this build (src/cli/device-simulate.ts is missing)\n");
      return 1;
    }
    if (mod.deviceSimulateCommand !== undefined) return await mod.deviceSimulateCommand.run(argv, io);
    if (mod.deviceSimulate !== undefined) return await mod.deviceSimulate(argv, io);
    throw new Error("src/cli/device-simulate.ts exports neither deviceSimulateCommand nor deviceSimulate");
  },
};

export const DEVICE_COMMANDS: Command[] = [deviceSimulateCommand, deviceReplayCommand];
