// Writes the AutomationML (CAEX 3.0) example models of models/aml/ (README.md there):
//   twin-library.aml            role and system unit classes of the twin reference architecture
//   test-rig.aml                the rotor test rig of models/test-rig.json and its DigitalTwin
//   refinery-centralised.aml    four valves with torque sensors, one twin for the plant
//   refinery-distributed.aml    the same valves, one twin per valve under an aggregated twin
// Usage: node models/aml/gen-models.mjs [OUTDIR]   (default: this directory)
// The rig's numbers are read from models/test-rig.json, so the two descriptions cannot drift apart;
// test/aml-models.test.ts regenerates the files and compares them with the committed ones.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = process.argv[2] ?? HERE;
const rig = JSON.parse(readFileSync(join(HERE, "..", "test-rig.json"), "utf8"));

/** Deterministic GUID-shaped ID from a name (SHA-1, version/variant bits as RFC 4122 §4.3). */
function gid(name) {
  const h = createHash("sha1").update(`twin:${name}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A tiny element builder: el(name, attrs, ...children); strings are text. */
function el(name, attrs, ...children) {
  return { name, attrs: attrs ?? {}, children: children.flat().filter((c) => c !== null && c !== undefined) };
}
function render(node, depth = 0) {
  const pad = "  ".repeat(depth);
  const a = Object.entries(node.attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${esc(v)}"`)
    .join("");
  if (node.children.length === 0) return `${pad}<${node.name}${a} />\n`;
  if (node.children.every((c) => typeof c === "string")) return `${pad}<${node.name}${a}>${esc(node.children.join(""))}</${node.name}>\n`;
  return `${pad}<${node.name}${a}>\n${node.children.map((c) => render(c, depth + 1)).join("")}${pad}</${node.name}>\n`;
}

/** An Attribute with data type, unit, value and optional description. */
function attr(name, type, value, unit, description) {
  return el(
    "Attribute",
    { Name: name, AttributeDataType: type, Unit: unit },
    description ? el("Description", null, description) : null,
    value === undefined ? null : el("Value", null, String(value)),
  );
}
const dbl = (name, value, unit, d) => attr(name, "xs:double", value, unit, d);
const int = (name, value, d) => attr(name, "xs:int", value, undefined, d);
const str = (name, value, d) => attr(name, "xs:string", value, undefined, d);
/** A CAEX 3.0 range constraint (OrdinalScaledType) on an attribute: the service refuses values outside it. */
function range(a, min, max) {
  const o = el("OrdinalScaledType", null, max === undefined ? null : el("RequiredMaxValue", null, String(max)), min === undefined ? null : el("RequiredMinValue", null, String(min)));
  a.children.push(el("Constraint", { Name: "Range" }, o));
  return a;
}
/** A CAEX 3.0 enumeration constraint (NominalScaledType). */
function oneOf(a, values) {
  a.children.push(el("Constraint", { Name: "AllowedValues" }, el("NominalScaledType", null, values.map((v) => el("RequiredValue", null, v)))));
  return a;
}
/** A runtime attribute: its value is written by the hybrid runner through a Communication binding. */
const live = (name, type, value, unit, d) => attr(name, type, value, unit, d);

function caexFile(fileName, children) {
  const root = el(
    "CAEXFile",
    {
      SchemaVersion: "3.0",
      FileName: fileName,
      "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
      xmlns: "http://www.dke.de/CAEX",
      "xsi:schemaLocation": "http://www.dke.de/CAEX CAEX_ClassModel_V.3.0.xsd",
    },
    el("SuperiorStandardVersion", null, "AutomationML 2.10"),
    el("SourceDocumentInformation", {
      OriginName: "twin models/aml/gen-models.mjs",
      OriginID: "twin",
      OriginVersion: "1.0.0",
      LastWritingDateTime: "2025-01-01T00:00:00Z",
      OriginProjectTitle: "twin example models",
      OriginProjectID: "twin-models",
      OriginVendor: "twin",
    }),
    children,
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n${render(root)}`;
}

// ------------------------------------------------------------------ the twin library

const TWIN_PARTS = [
  ["PhysicalDeviceModel", "The simulation model of the physical device (mandatory part of a twin)."],
  ["API", "The interface through which the twin is read and written: GET/POST /api/<Device>/<Part>."],
  ["Storage", "History of changes of the twin's data (change records)."],
  ["Events", "Conditions that fire events, e.g. a sensor value above a threshold."],
  ["Methods", "Callable functions: run a simulation, diagnostics."],
  ["AccessControl", "Who may read and write which part."],
  ["HMI", "Human-machine interface: a web page to browse the model."],
  ["Communication", "Bindings of live data (the hybrid runner's virtual sensors, state, alarms and per-window features) to attributes of the device model."],
];

function twinLibrary() {
  const base = "AutomationMLBaseRoleClassLib/AutomationMLBaseRole";
  return caexFile("twin-library.aml", [
    el(
      "InterfaceClassLib",
      { Name: "AutomationMLInterfaceClassLib" },
      el("Description", null, "The AutomationML base interface classes used by the twin models."),
      el("Version", null, "2.10.0"),
      el(
        "InterfaceClass",
        { Name: "AutomationMLBaseInterface" },
        el(
          "InterfaceClass",
          { Name: "ExternalDataConnector", RefBaseClassPath: "AutomationMLInterfaceClassLib/AutomationMLBaseInterface" },
          attr("refURI", "xs:anyURI", undefined, undefined),
          el(
            "InterfaceClass",
            { Name: "ExternalDataReference", RefBaseClassPath: "AutomationMLInterfaceClassLib/AutomationMLBaseInterface/ExternalDataConnector" },
            attr("MIMEType", "xs:string", undefined, undefined),
          ),
        ),
        el(
          "InterfaceClass",
          { Name: "Communication", RefBaseClassPath: "AutomationMLInterfaceClassLib/AutomationMLBaseInterface" },
          el("InterfaceClass", { Name: "SignalInterface", RefBaseClassPath: "AutomationMLInterfaceClassLib/AutomationMLBaseInterface/Communication" }),
        ),
      ),
    ),
    el(
      "InterfaceClassLib",
      { Name: "TwinInterfaceClassLib" },
      el("Description", null, "Interfaces of twins: observations fed to the model, forwarding between aggregated and child twins."),
      el("Version", null, "1.0.0"),
      el("InterfaceClass", { Name: "Observation", RefBaseClassPath: "AutomationMLInterfaceClassLib/AutomationMLBaseInterface/Communication/SignalInterface" }, str("Quantity", undefined)),
      el("InterfaceClass", { Name: "TwinEndpoint", RefBaseClassPath: "AutomationMLInterfaceClassLib/AutomationMLBaseInterface/Communication" }, str("BasePath", undefined)),
    ),
    el(
      "RoleClassLib",
      { Name: "AutomationMLBaseRoleClassLib" },
      el("Description", null, "The AutomationML base role classes used by the twin models."),
      el("Version", null, "2.10.0"),
      el(
        "RoleClass",
        { Name: "AutomationMLBaseRole" },
        el("RoleClass", { Name: "Resource", RefBaseClassPath: base }),
        el("RoleClass", { Name: "Structure", RefBaseClassPath: base }, el("RoleClass", { Name: "ResourceStructure", RefBaseClassPath: `${base}/Structure` })),
      ),
    ),
    el(
      "RoleClassLib",
      { Name: "TwinRoleClassLib" },
      el("Description", null, "Roles of the digital twin reference architecture: a twin has a physical device model and an API, optionally storage, events, methods, access control and an HMI; twins aggregate into twins."),
      el("Version", null, "1.0.0"),
      el("RoleClass", { Name: "DigitalTwin", RefBaseClassPath: `${base}/Structure` }, el("Description", null, "A digital twin of a device, deployable from this description.")),
      el("RoleClass", { Name: "AggregatedTwin", RefBaseClassPath: "TwinRoleClassLib/DigitalTwin" }, el("Description", null, "A twin composed of child twins; it forwards requests to them transparently.")),
      el(
        "RoleClass",
        { Name: "TwinPart", RefBaseClassPath: base },
        el("Description", null, "A part of a twin."),
        TWIN_PARTS.map(([n, d]) => el("RoleClass", { Name: n, RefBaseClassPath: "TwinRoleClassLib/TwinPart" }, el("Description", null, d))),
      ),
    ),
    el(
      "RoleClassLib",
      { Name: "MachineRoleClassLib" },
      el("Description", null, "Roles of machine components and sensors in the twin models."),
      el("Version", null, "1.0.0"),
      el(
        "RoleClass",
        { Name: "MachineComponent", RefBaseClassPath: `${base}/Resource` },
        ["Motor", "Shaft", "Disc", "Bearing", "Pedestal", "Valve"].map((n) => el("RoleClass", { Name: n, RefBaseClassPath: "MachineRoleClassLib/MachineComponent" })),
      ),
      el(
        "RoleClass",
        { Name: "Sensor", RefBaseClassPath: `${base}/Resource` },
        el("RoleClass", { Name: "Accelerometer", RefBaseClassPath: "MachineRoleClassLib/Sensor" }),
        el("RoleClass", { Name: "TorqueSensor", RefBaseClassPath: "MachineRoleClassLib/Sensor" }),
      ),
    ),
    el(
      "SystemUnitClassLib",
      { Name: "TwinSystemUnitClassLib" },
      el("Description", null, "Reusable twin components: a twin with all parts of the reference architecture, and an aggregated twin."),
      el("Version", null, "1.0.0"),
      el(
        "SystemUnitClass",
        { Name: "DigitalTwin" },
        TWIN_PARTS.map(([n]) =>
          el(
            "InternalElement",
            { Name: n, ID: gid(`lib/DigitalTwin/${n}`) },
            n === "API" ? el("ExternalInterface", { Name: "Endpoint", ID: gid(`lib/DigitalTwin/API/Endpoint`), RefBaseClassPath: "TwinInterfaceClassLib/TwinEndpoint" }) : null,
            el("RoleRequirements", { RefBaseRoleClassPath: `TwinRoleClassLib/TwinPart/${n}` }),
          ),
        ),
        el("SupportedRoleClass", { RefRoleClassPath: "TwinRoleClassLib/DigitalTwin" }),
      ),
      el("SystemUnitClass", { Name: "AggregatedTwin", RefBaseClassPath: "TwinSystemUnitClassLib/DigitalTwin" }, el("SupportedRoleClass", { RefRoleClassPath: "TwinRoleClassLib/AggregatedTwin" })),
    ),
  ]);
}

// ------------------------------------------------------------------ twin instances

const LIB = "TwinLib@";

/** A DigitalTwin instance with its parts; `extra` adds content per part name. */
function twinInstance(key, name, device, deviceElement, extra, aggregated = false) {
  const parts = TWIN_PARTS.filter(([n]) => n !== "Communication" || extra.Communication).map(([n]) =>
    el(
      "InternalElement",
      { Name: n, ID: gid(`${key}/${n}`) },
      ...(extra[n] ?? []),
      el("RoleRequirements", { RefBaseRoleClassPath: `${LIB}TwinRoleClassLib/TwinPart/${n}` }),
    ),
  );
  return el(
    "InternalElement",
    { Name: name, ID: gid(key), RefBaseSystemUnitPath: `${LIB}TwinSystemUnitClassLib/${aggregated ? "AggregatedTwin" : "DigitalTwin"}` },
    el("Description", null, `Digital twin of ${device}.`),
    str("Device", device, "The device name in the twin API: /api/<Device>."),
    str("DeviceElement", deviceElement, "The ID of the InternalElement whose hierarchy is this twin's live device model."),
    parts,
    el("RoleRequirements", { RefBaseRoleClassPath: `${LIB}TwinRoleClassLib/${aggregated ? "AggregatedTwin" : "DigitalTwin"}` }),
  );
}

const EXTREF = el("ExternalReference", { Path: "twin-library.aml", Alias: "TwinLib" });

function standardParts(key, device, storageLength) {
  return {
    API: [
      str("BasePath", `/api/${device}`),
      str("MediaType", "application/json"),
      el("ExternalInterface", { Name: "Endpoint", ID: gid(`${key}/API/Endpoint`), RefBaseClassPath: `${LIB}TwinInterfaceClassLib/TwinEndpoint` }, str("BasePath", `/api/${device}`)),
    ],
    Storage: [int("HistoryLength", storageLength, "Change records kept per attribute; older ones are removed."), int("MaxAgeDays", 365, "Change records older than this are removed.")],
    AccessControl: [str("Read", "operator,engineer"), str("Write", "engineer"), str("Execute", "engineer")],
    HMI: [str("Page", `/hmi/${device}`)],
  };
}

// ------------------------------------------------------------------ the rotor test rig

// the hybrid runner of the rig (models/live/): its virtual sensors and the recogniser's classes
const runnerConfig = JSON.parse(readFileSync(join(HERE, "..", "live", "test-rig.json"), "utf8"));
const recogniser = JSON.parse(readFileSync(join(HERE, "..", "live", "rig-states.elm.json"), "utf8"));
/** The runner's displacement virtual sensors at a shaft node. */
const virtualAt = (node) => runnerConfig.virtualSensors.filter((v) => v.node === node && v.quantity === "displacement");
/** The runner's name of the accelerometer signal of an Acc_* element. */
const sensorName = (a) => runnerConfig.sensors.find((s) => s.node === a.node && s.dir === a.dir).name;
/** An event rule of the Events part: Part (path, "*" matches one name), Attribute, Condition, Threshold, Hysteresis. */
function rule(name, description, part, attribute, condition, threshold, hysteresis, unit) {
  return el("Attribute", { Name: name }, el("Description", null, description), str("Part", part), str("Attribute", attribute), oneOf(str("Condition", condition), ["above", "below"]), dbl("Threshold", threshold, unit), dbl("Hysteresis", hysteresis, unit));
}
/** A callable method of the Methods part: the built-in operation it runs. */
function method(name, operation, description) {
  return el("Attribute", { Name: name }, el("Description", null, description), str("Operation", operation));
}

function testRig() {
  const nodeX = [0];
  for (const e of rig.shaft) nodeX.push(Math.round((nodeX[nodeX.length - 1] + e.L) * 1e9) / 1e9);
  const m = rig.material;
  const comp = (key, name, role, ...children) =>
    el("InternalElement", { Name: name, ID: gid(key) }, ...children, el("RoleRequirements", { RefBaseRoleClassPath: `${LIB}MachineRoleClassLib/${role}` }));
  const group = (key, name, description, ...children) =>
    el("InternalElement", { Name: name, ID: gid(key) }, el("Description", null, description), ...children, el("RoleRequirements", { RefBaseRoleClassPath: `${LIB}AutomationMLBaseRoleClassLib/AutomationMLBaseRole/Structure` }));
  const kc = (o) => ["kxx", "kyy", "kxy", "kyx"].map((k) => dbl(k, o[k] ?? 0, "N/m")).concat(["cxx", "cyy", "cxy", "cyx"].map((k) => dbl(k, o[k] ?? 0, "N s/m")));
  const shaftLen = nodeX[nodeX.length - 1];
  // the Modelica class (models/modelica/RotorRig) realising each component: an archive links them
  const mo = (cls) => attr("ModelicaClass", "xs:anyURI", `modelica://RotorRig.${cls}`, undefined, "The Modelica class that realises this element.");
  const accels = [];
  rig.bearings.forEach((b, i) => {
    for (const dir of ["x", "y"]) accels.push({ key: `rig/acc/${i}/${dir}`, name: `Acc_B${i}_${dir}`, bearing: i, node: b.node, dir });
  });
  const rigEl = el(
    "InternalElement",
    { Name: "TestRig", ID: gid("rig") },
    el("Description", null, rig.description),
    attr("RotorModel", "xs:anyURI", "../test-rig.json", undefined, "The rotor model (twin rotor JSON) this rig is described by."),
    mo("TestRig"),
    oneOf(live("OperatingState", "xs:string", "unknown", undefined, "The operating state the hybrid runner recognises (a class of the state recogniser, \"novel\" or \"unknown\")."), ["unknown", "novel", ...recogniser.classes]),
    live("StateConfidence", "xs:double", 0, "1", "Confidence of the recognised state in the last window: the winning output of the recogniser (an extreme learning machine; near 1 for a clear class, not bounded)."),
    range(live("Novelty", "xs:double", 0, "1", "Novelty score of the last window (above the recogniser's threshold: a state not seen in training)."), 0),
    range(live("ActiveAlarms", "xs:int", 0, undefined, "Alarms of the hybrid runner not in the normal state."), 0),
    comp("rig/motor", "Motor", "MachineComponent/Motor", mo("Components.Motor"), dbl("MinSpeed", 1000, "rpm"), dbl("MaxSpeed", 6000, "rpm"), range(live("Speed", "xs:double", 0, "rpm", "Shaft speed measured by the once-per-revolution pulse (hybrid runner)."), 0)),
    comp(
      "rig/shaft",
      "Shaft",
      "MachineComponent/Shaft",
      mo("Components.Shaft"),
      dbl("Length", shaftLen, "m"),
      dbl("OuterDiameter", rig.shaft[0].od, "m"),
      dbl("InnerDiameter", rig.shaft[0].id, "m"),
      int("Elements", rig.shaft.length),
      dbl("YoungsModulus", m.E, "Pa"),
      dbl("PoissonRatio", m.nu, "1"),
      dbl("Density", m.rho, "kg/m3"),
      range(live("MidSpanRmsX", "xs:double", 0, "m", "Virtual sensor: RMS of the estimated mid-span displacement (node 5, x) over each window."), 0),
      range(live("MidSpanRmsY", "xs:double", 0, "m", "Virtual sensor: RMS of the estimated mid-span displacement (node 5, y) over each window."), 0),
      range(live("MidSpan1X", "xs:double", 0, "m", "Virtual sensor: once-per-revolution amplitude of the estimated mid-span displacement (x) over each window."), 0),
    ),
    rig.disks.map((d, i) =>
      comp(
        `rig/disc/${i}`,
        `Disc${i}`,
        "MachineComponent/Disc",
        mo("Components.Disc"),
        int("Node", d.node),
        dbl("Position", nodeX[d.node], "m"),
        dbl("OuterDiameter", d.od, "m"),
        dbl("InnerDiameter", d.id, "m"),
        dbl("Width", d.width, "m"),
        dbl("Density", d.material.rho, "kg/m3"),
        // the runner's virtual sensors at this disc's node
        virtualAt(d.node).map((v) => range(live(`VibrationRms${v.dir.toUpperCase()}`, "xs:double", 0, "m", `Virtual sensor: RMS of the estimated displacement at node ${d.node} (${v.dir}) over each window.`), 0)),
      ),
    ),
    rig.bearings.map((b, i) => comp(`rig/bearing/${i}`, `Bearing${i}`, "MachineComponent/Bearing", mo("Components.Bearing"), int("Node", b.node), dbl("Position", nodeX[b.node], "m"), kc(b))),
    rig.pedestals.map((p, i) =>
      comp(`rig/pedestal/${i}`, `Pedestal${i}`, "MachineComponent/Pedestal", mo("Components.Pedestal"), int("Bearing", p.bearing), dbl("Mass", p.m, "kg"), ["kxx", "kyy"].map((k) => dbl(k, p[k], "N/m")), ["cxx", "cyy"].map((k) => dbl(k, p[k], "N s/m"))),
    ),
    accels.map((a) =>
      comp(
        a.key,
        a.name,
        "Sensor/Accelerometer",
        mo("Components.Accelerometer"),
        int("Bearing", a.bearing),
        int("Node", a.node),
        oneOf(str("Direction", a.dir), ["x", "y"]),
        dbl("Position", nodeX[a.node], "m"),
        range(live("Rms", "xs:double", 0, "m/s^2", "RMS of the measured acceleration over each window (hybrid runner)."), 0),
        el("ExternalInterface", { Name: "Signal", ID: gid(`${a.key}/Signal`), RefBaseClassPath: `${LIB}AutomationMLInterfaceClassLib/AutomationMLBaseInterface/Communication/SignalInterface` }, str("Quantity", "acceleration"), attr("Unit", "xs:string", "m/s^2")),
      ),
    ),
    el("RoleRequirements", { RefBaseRoleClassPath: `${LIB}AutomationMLBaseRoleClassLib/AutomationMLBaseRole/Structure/ResourceStructure` }),
  );
  const parts = standardParts("twin/rig", "TestRig", 50);
  parts.PhysicalDeviceModel = [
    str("Method", "finite-element rotor model with an unscented Kalman filter (virtual sensing)"),
    el(
      "ExternalInterface",
      { Name: "RotorModel", ID: gid("twin/rig/model"), RefBaseClassPath: `${LIB}AutomationMLInterfaceClassLib/AutomationMLBaseInterface/ExternalDataConnector/ExternalDataReference` },
      attr("refURI", "xs:anyURI", "../test-rig.json"),
      attr("MIMEType", "xs:string", "application/json"),
    ),
    accels.map((a) =>
      el("ExternalInterface", { Name: `Obs_${a.name}`, ID: gid(`twin/rig/obs/${a.name}`), RefBaseClassPath: `${LIB}TwinInterfaceClassLib/Observation` }, str("Quantity", `acceleration ${a.dir} at node ${a.node}`)),
    ),
  ];
  parts.Events = [
    rule("VibrationAlarm", "Fires when the RMS of a measured bearing acceleration exceeds the threshold (example setting).", "Acc_*", "Rms", "above", 10, 1, "m/s^2"),
    rule("MidSpanVibration", "Fires when the estimated mid-span vibration exceeds the threshold (example setting).", "Shaft", "MidSpanRmsX", "above", 1e-4, 1e-5, "m"),
  ];
  parts.Methods = [
    method("modal", "rotor.modal", "Modal analysis of the current rotor model (twin rotor modal)."),
    method("campbell", "rotor.campbell", "Campbell diagram of the current rotor model (twin rotor campbell)."),
    method("unbalance", "rotor.unbalance", "Unbalance response of the current rotor model (twin rotor unbalance)."),
    method("startVirtualSensing", "vsense.start", "Start the hybrid runner (virtual sensing, state recognition, SPC)."),
    method("stopVirtualSensing", "vsense.stop", "Stop the hybrid runner."),
    method("updateRecogniser", "states.update", "Update the state recogniser with labelled windows (online sequential ELM)."),
    method("exportArchive", "archive.export", "Export an archival package of the twin's models, history and recorded sessions."),
  ];
  // the runner's outputs (models/live/test-rig.json) bound to the attributes above
  const bind = (name, output, target) => el("Attribute", { Name: name }, str("Output", output), str("Target", target));
  parts.Communication = [
    str("Runner", "../live/test-rig.json", "The hybrid runner configuration whose outputs are bound here (twin serve --run)."),
    bind("OperatingState", "state", "@OperatingState"),
    bind("StateConfidence", "confidence", "@StateConfidence"),
    bind("Novelty", "novelty", "@Novelty"),
    bind("ActiveAlarms", "alarms.active", "@ActiveAlarms"),
    bind("Speed", "speed", "Motor/@Speed"),
    bind("MidSpanRmsX", "feature:mid_x_rms", "Shaft/@MidSpanRmsX"),
    bind("MidSpanRmsY", "feature:mid_y_rms", "Shaft/@MidSpanRmsY"),
    bind("MidSpan1X", "feature:mid_x_1x", "Shaft/@MidSpan1X"),
    ...rig.disks.flatMap((d, i) => virtualAt(d.node).map((v) => bind(`Disc${i}Rms${v.dir.toUpperCase()}`, `feature:${v.name}_rms`, `Disc${i}/@VibrationRms${v.dir.toUpperCase()}`))),
    ...accels.map((a) => bind(`${a.name}Rms`, `feature:${sensorName(a)}_rms`, `${a.name}/@Rms`)),
  ];
  const twin = twinInstance("twin/rig", "TestRigTwin", "TestRig", gid("rig"), parts);
  const links = accels.map((a) => el("InternalLink", { Name: `${a.name}->model`, RefPartnerSideA: gid(`${a.key}/Signal`), RefPartnerSideB: gid(`twin/rig/obs/${a.name}`) }));
  return caexFile("test-rig.aml", [EXTREF, el(
      "InstanceHierarchy",
      { Name: "RotorTestRig" },
      el("Version", null, "1.0.0"),
      group("lab", "Laboratory", "The test rig, its twin and the links from the rig's sensors to the twin's model.", rigEl, twin, links),
    )]);
}

// ------------------------------------------------------------------ the refinery

const VALVES = [1, 2, 3, 4].map((i) => ({ i, name: `Valve${i}`, tag: `FV-10${i}` }));

function valve(key, v) {
  return el(
    "InternalElement",
    { Name: v.name, ID: gid(key) },
    str("Tag", v.tag),
    dbl("NominalDiameter", 100, "mm", "DN 100 (illustrative)."),
    range(dbl("Opening", 0, "%"), 0, 100),
    el(
      "InternalElement",
      { Name: "TorqueSensor", ID: gid(`${key}/torque`) },
      dbl("MeasuringRange", 500, "N m", "Upper end of the range, illustrative."),
      range(dbl("Torque", 0, "N m"), -500, 500),
      el("ExternalInterface", { Name: "Signal", ID: gid(`${key}/torque/Signal`), RefBaseClassPath: `${LIB}AutomationMLInterfaceClassLib/AutomationMLBaseInterface/Communication/SignalInterface` }, str("Quantity", "torque")),
      el("RoleRequirements", { RefBaseRoleClassPath: `${LIB}MachineRoleClassLib/Sensor/TorqueSensor` }),
    ),
    el("RoleRequirements", { RefBaseRoleClassPath: `${LIB}MachineRoleClassLib/MachineComponent/Valve` }),
  );
}

function plant(key) {
  return el(
    "InternalElement",
    { Name: "Unit100", ID: gid(`${key}/unit`) },
    el("Description", null, "Process unit with four actuated valves, each with a torque sensor on its stem (illustrative example)."),
    VALVES.map((v) => valve(`${key}/valve/${v.i}`, v)),
    el("RoleRequirements", { RefBaseRoleClassPath: `${LIB}AutomationMLBaseRoleClassLib/AutomationMLBaseRole/Structure/ResourceStructure` }),
  );
}

function site(key, ...children) {
  return el(
    "InternalElement",
    { Name: "Site", ID: gid(`${key}/site`) },
    el("Description", null, "The plant unit, its twin(s) and the links from the torque sensors to the twins."),
    ...children,
    el("RoleRequirements", { RefBaseRoleClassPath: `${LIB}AutomationMLBaseRoleClassLib/AutomationMLBaseRole/Structure` }),
  );
}

function refineryCentralised() {
  const key = "refinery/central";
  const parts = standardParts(`${key}/twin`, "Refinery", 1000);
  parts.PhysicalDeviceModel = VALVES.map((v) =>
    el("ExternalInterface", { Name: `Obs_${v.name}_Torque`, ID: gid(`${key}/twin/obs/${v.i}`), RefBaseClassPath: `${LIB}TwinInterfaceClassLib/Observation` }, str("Quantity", `torque of ${v.tag}`)),
  );
  parts.Events = [rule("TorqueHigh", "Fires when a valve's stem torque exceeds the threshold (example setting).", "*/TorqueSensor", "Torque", "above", 400, 20, "N m")];
  parts.Methods = [method("exportArchive", "archive.export", "Export an archival package of the twin's model and history.")];
  const links = VALVES.map((v) => el("InternalLink", { Name: `${v.name}->twin`, RefPartnerSideA: gid(`${key}/valve/${v.i}/torque/Signal`), RefPartnerSideB: gid(`${key}/twin/obs/${v.i}`) }));
  return caexFile("refinery-centralised.aml", [
    EXTREF,
    el("InstanceHierarchy", { Name: "Refinery" }, el("Description", null, "Centralised topology: one twin holds the models and data of all four valves."), site(key, plant(key), twinInstance(`${key}/twin`, "RefineryTwin", "Refinery", gid(`${key}/unit`), parts), links)),
  ]);
}

function refineryDistributed() {
  const key = "refinery/dist";
  const children = VALVES.map((v) => {
    const tk = `${key}/twin/${v.i}`;
    const parts = standardParts(tk, v.name, 1000);
    parts.PhysicalDeviceModel = [el("ExternalInterface", { Name: "Obs_Torque", ID: gid(`${tk}/obs`), RefBaseClassPath: `${LIB}TwinInterfaceClassLib/Observation` }, str("Quantity", `torque of ${v.tag}`))];
    parts.Events = [rule("TorqueHigh", "Fires when the valve's stem torque exceeds the threshold (example setting).", "TorqueSensor", "Torque", "above", 400, 20, "N m")];
    parts.Methods = [method("exportArchive", "archive.export", "Export an archival package of the twin's model and history.")];
    return { v, tk, twin: twinInstance(tk, `${v.name}Twin`, v.name, gid(`${key}/valve/${v.i}`), parts) };
  });
  const aggParts = standardParts(`${key}/agg`, "Refinery", 1000);
  aggParts.API.push(...children.map((c) => el("ExternalInterface", { Name: `Child_${c.v.name}`, ID: gid(`${key}/agg/child/${c.v.i}`), RefBaseClassPath: `${LIB}TwinInterfaceClassLib/TwinEndpoint` }, str("BasePath", `/api/Refinery/${c.v.name}`))));
  aggParts.PhysicalDeviceModel = [str("Composition", "aggregate of the child twins' models; requests are forwarded")];
  const agg = twinInstance(`${key}/agg`, "RefineryTwin", "Refinery", gid(`${key}/unit`), aggParts, true);
  // the child twins sit inside the aggregated twin
  agg.children.splice(agg.children.length - 1, 0, ...children.map((c) => c.twin));
  const links = [
    ...children.map((c) => el("InternalLink", { Name: `${c.v.name}->twin`, RefPartnerSideA: gid(`${key}/valve/${c.v.i}/torque/Signal`), RefPartnerSideB: gid(`${c.tk}/obs`) })),
    ...children.map((c) => el("InternalLink", { Name: `forward->${c.v.name}Twin`, RefPartnerSideA: gid(`${key}/agg/child/${c.v.i}`), RefPartnerSideB: gid(`${c.tk}/API/Endpoint`) })),
  ];
  return caexFile("refinery-distributed.aml", [
    EXTREF,
    el("InstanceHierarchy", { Name: "Refinery" }, el("Description", null, "Distributed topology: one twin per valve; an aggregated twin forwards requests to the four child twins."), site(key, plant(key), agg, links)),
  ]);
}

const files = {
  "twin-library.aml": twinLibrary(),
  "test-rig.aml": testRig(),
  "refinery-centralised.aml": refineryCentralised(),
  "refinery-distributed.aml": refineryDistributed(),
};
for (const [name, text] of Object.entries(files)) writeFileSync(join(OUT, name), text);
