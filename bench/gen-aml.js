// Generates a CAEX 3.0 file of a given size for bench/aml.js: role, interface, system unit class and
// attribute type libraries, then an instance hierarchy of areas > units > equipment, each equipment
// with typed attributes with units, nested sensors, external interfaces, role requirements, and
// InternalLinks between neighbouring equipment. Deterministic (seeded xorshift32), schema-valid.
// Usage: node bench/gen-aml.js OUT.aml SIZE_MB
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** xorshift32 (Marsaglia 2003, J. Stat. Softw. 8(14)): a small seeded generator. */
function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

function guid(r) {
  const h = () => Math.floor(r() * 65536).toString(16).padStart(4, "0");
  return `${h()}${h()}-${h()}-${h()}-${h()}-${h()}${h()}${h()}`;
}

const KINDS = [
  ["Pump", [["FlowRate", "xs:double", "m3/h"], ["Head", "xs:double", "m"], ["Speed", "xs:double", "rpm"], ["Power", "xs:double", "kW"]]],
  ["Valve", [["NominalDiameter", "xs:double", "mm"], ["Opening", "xs:double", "%"], ["Torque", "xs:double", "N m"]]],
  ["Motor", [["RatedPower", "xs:double", "kW"], ["RatedSpeed", "xs:double", "rpm"], ["Poles", "xs:int", undefined], ["Voltage", "xs:double", "V"]]],
  ["Tank", [["Volume", "xs:double", "m3"], ["Level", "xs:double", "m"], ["Pressure", "xs:double", "bar"]]],
  ["HeatExchanger", [["Area", "xs:double", "m2"], ["InletTemperature", "xs:double", "°C"], ["OutletTemperature", "xs:double", "°C"]]],
];

/** The file text, at least `bytes` long (the instance hierarchy grows until it is). */
export function generateCaex(bytes, seed = 12345) {
  const r = rng(seed);
  const parts = [];
  let size = 0;
  const push = (s) => {
    parts.push(s);
    size += Buffer.byteLength(s);
  };
  push(`<?xml version="1.0" encoding="utf-8"?>
<CAEXFile SchemaVersion="3.0" FileName="bench.aml" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://www.dke.de/CAEX" xsi:schemaLocation="http://www.dke.de/CAEX CAEX_ClassModel_V.3.0.xsd">
  <SuperiorStandardVersion>AutomationML 2.10</SuperiorStandardVersion>
  <SourceDocumentInformation OriginName="twin bench/gen-aml.js" OriginID="twin-bench" OriginVersion="1.0.0" LastWritingDateTime="2025-01-01T00:00:00Z" />
  <InstanceHierarchy Name="Plant">
`);
  let area = 0;
  while (size < bytes) {
    push(`    <InternalElement Name="Area${area}" ID="${guid(r)}">\n`);
    for (let unit = 0; unit < 10 && size < bytes; unit++) {
      push(`      <InternalElement Name="Unit${unit}" ID="${guid(r)}">\n`);
      const ports = [];
      const n = 8 + Math.floor(r() * 8);
      for (let e = 0; e < n; e++) {
        const [kind, attrs] = KINDS[Math.floor(r() * KINDS.length)];
        push(`        <InternalElement Name="${kind}${e}" ID="${guid(r)}" RefBaseSystemUnitPath="BenchSystemUnitClassLib/${kind}">\n`);
        push(`          <Description>${kind} ${e} of unit ${unit} in area ${area} &amp; its sensors</Description>\n`);
        for (const [name, type, u] of attrs) {
          const v = type === "xs:int" ? String(2 + 2 * Math.floor(r() * 4)) : (r() * 1000).toFixed(3);
          push(`          <Attribute Name="${name}" AttributeDataType="${type}"${u ? ` Unit="${u}"` : ""}>\n            <Value>${v}</Value>\n          </Attribute>\n`);
        }
        const inId = guid(r);
        const outId = guid(r);
        push(`          <ExternalInterface Name="In" ID="${inId}" RefBaseClassPath="BenchInterfaceClassLib/Port" />\n          <ExternalInterface Name="Out" ID="${outId}" RefBaseClassPath="BenchInterfaceClassLib/Port" />\n`);
        push(`          <InternalElement Name="Sensor" ID="${guid(r)}">\n            <Attribute Name="Range" AttributeDataType="xs:double" Unit="%">\n              <DefaultValue>100</DefaultValue>\n              <Value>${(r() * 100).toFixed(1)}</Value>\n            </Attribute>\n            <RoleRequirements RefBaseRoleClassPath="BenchRoleClassLib/Sensor" />\n          </InternalElement>\n`);
        push(`          <RoleRequirements RefBaseRoleClassPath="BenchRoleClassLib/Equipment/${kind}" />\n        </InternalElement>\n`);
        ports.push([inId, outId]);
      }
      for (let k = 1; k < ports.length; k++) push(`        <InternalLink Name="L${k}" RefPartnerSideA="${ports[k - 1][1]}" RefPartnerSideB="${ports[k][0]}" />\n`);
      push(`      </InternalElement>\n`);
    }
    push(`    </InternalElement>\n`);
    area++;
  }
  push(`  </InstanceHierarchy>
  <InterfaceClassLib Name="BenchInterfaceClassLib">
    <Version>1.0</Version>
    <InterfaceClass Name="Port">
      <Attribute Name="Direction" AttributeDataType="xs:string" RefAttributeType="BenchAttributeTypeLib/Direction" />
    </InterfaceClass>
  </InterfaceClassLib>
  <RoleClassLib Name="BenchRoleClassLib">
    <Version>1.0</Version>
    <RoleClass Name="Equipment">
${KINDS.map(([k]) => `      <RoleClass Name="${k}" RefBaseClassPath="BenchRoleClassLib/Equipment" />\n`).join("")}    </RoleClass>
    <RoleClass Name="Sensor" />
  </RoleClassLib>
  <SystemUnitClassLib Name="BenchSystemUnitClassLib">
${KINDS.map(([k, attrs]) => `    <SystemUnitClass Name="${k}">\n${attrs.map(([n, t, u]) => `      <Attribute Name="${n}" AttributeDataType="${t}"${u ? ` Unit="${u}"` : ""} />\n`).join("")}      <SupportedRoleClass RefRoleClassPath="BenchRoleClassLib/Equipment/${k}" />\n    </SystemUnitClass>\n`).join("")}  </SystemUnitClassLib>
  <AttributeTypeLib Name="BenchAttributeTypeLib">
    <AttributeType Name="Direction" AttributeDataType="xs:string">
      <Constraint Name="AllowedValues">
        <NominalScaledType>
          <RequiredValue>In</RequiredValue>
          <RequiredValue>Out</RequiredValue>
        </NominalScaledType>
      </Constraint>
    </AttributeType>
  </AttributeTypeLib>
</CAEXFile>
`);
  return parts.join("");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [out, mb] = process.argv.slice(2);
  if (!out || !mb) {
    console.error("usage: node bench/gen-aml.js OUT.aml SIZE_MB");
    process.exit(2);
  }
  writeFileSync(out, generateCaex(Number(mb) * 1e6));
}
