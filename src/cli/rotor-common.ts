// What the rotor commands share: the model with its file name (for errors located in it). Each
// recordable rotor command makes exactly one job call, inside its library function
// (machine-twin/rotor; assembly/ABI.md, "Rotor jobs").
import { loadRotorModel, type RotorModel } from "../rotor/index.js";

/** Reads and validates a model file (ModelError / InputError on bad input), kept with its name. */
export function loadModelSource(file: string): { model: RotorModel; file: string } {
  return { model: loadRotorModel(file), file };
}
