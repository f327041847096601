// Modelica unit strings (MLS 3.6 §19.1 unit expressions, as used by Modelica.Units.SI) mapped to
// QUDT unit IRIs (http://qudt.org/vocab/unit/). Only units with an exact QUDT counterpart are listed;
// others stay a plain mo:unit literal.
import { NS } from "../rdf/namespaces.js";

const TABLE: Record<string, string> = {
  "1": "UNITLESS", m: "M", kg: "KiloGM", s: "SEC", A: "A", K: "K", mol: "MOL", cd: "CD",
  rad: "RAD", sr: "SR", Hz: "HZ", N: "N", Pa: "PA", J: "J", W: "W", C: "C", V: "V", F: "FARAD",
  Ohm: "OHM", S: "S", Wb: "WB", T: "T", H: "H", degC: "DEG_C", lm: "LM", lx: "LUX",
  "m2": "M2", "m3": "M3", "m/s": "M-PER-SEC", "m/s2": "M-PER-SEC2", "rad/s": "RAD-PER-SEC",
  "rad/s2": "RAD-PER-SEC2", "N.m": "N-M", "kg.m2": "KiloGM-M2", "N/m": "N-PER-M", "N.s/m": "N-SEC-PER-M",
  "N.m/rad": "N-M-PER-RAD", "N.m.s/rad": "N-M-SEC-PER-RAD", "kg/m3": "KiloGM-PER-M3", "kg/s": "KiloGM-PER-SEC",
  "m3/s": "M3-PER-SEC", "W/(m.K)": "W-PER-M-K", "J/(kg.K)": "J-PER-KiloGM-K", "1/s": "PER-SEC", "min": "MIN", "h": "HR",
  "rev/min": "REV-PER-MIN", "deg": "DEG", "bar": "BAR", "mm": "MilliM", "g": "GM", "kW": "KiloW", "kV": "KiloV",
  "mA": "MilliA", "ms": "MilliSEC", "Wb/m2": "WB-PER-M2", "V/m": "V-PER-M", "A/m": "A-PER-M", "kg.m/s": "KiloGM-M-PER-SEC",
};

/** QUDT unit IRI of a Modelica unit string, or undefined when there is no exact mapping. */
export function qudtUnit(unit: string): string | undefined {
  const u = TABLE[unit.trim()];
  return u === undefined ? undefined : NS.unit + u;
}
