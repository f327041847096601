// The source mappers the archive uses, one per kind of source.
import type { SourceMapper } from "./mapper.js";
import { amlMapper } from "./mapper-aml.js";
import { modelicaMapper } from "./mapper-modelica.js";
import { rotorMapper } from "./mapper-rotor.js";

export const MAPPERS: readonly SourceMapper[] = [modelicaMapper, amlMapper, rotorMapper];
