// The CAEX element set (IEC 62424, CAEX 2.15 and 3.0) as the mapping sees it: which elements become
// resources of the graph, which text-only elements become literal properties of their parent, which
// XML attributes become literal properties, and the short codes of path-derived IRIs.
// Property and class local names live in the aml: namespace (ontologies/aml.ttl).

export const CAEX3_NS = "http://www.dke.de/CAEX";

/** The CAEX schema versions read: 2.15 and 3.0. */
export type CaexVersion = "2.15" | "3.0";

/** Elements that become resources (rdf:type aml:<Tag>), with the code used in path-derived IRIs. */
export const RESOURCE_TAGS: ReadonlyMap<string, string> = new Map([
  ["CAEXFile", "file"],
  ["SourceDocumentInformation", "sdi"],
  ["ExternalReference", "er"],
  ["InstanceHierarchy", "ih"],
  ["InternalElement", "ie"],
  ["InterfaceClassLib", "icl"],
  ["InterfaceClass", "ic"],
  ["RoleClassLib", "rcl"],
  ["RoleClass", "rc"],
  ["SystemUnitClassLib", "sucl"],
  ["SystemUnitClass", "suc"],
  ["AttributeTypeLib", "atl"],
  ["AttributeType", "at"],
  ["Attribute", "a"],
  ["ExternalInterface", "ei"],
  ["InternalLink", "il"],
  ["SupportedRoleClass", "src"],
  ["RoleRequirements", "rr"],
  ["MappingObject", "mo"],
  ["AttributeNameMapping", "anm"],
  ["InterfaceIDMapping", "iim"],
  ["InterfaceNameMapping", "inm"],
  ["Constraint", "c"],
  ["OrdinalScaledType", "ost"],
  ["NominalScaledType", "nst"],
  ["UnknownType", "ut"],
  ["RefSemantic", "rs"],
  ["Revision", "rev"],
  ["AdditionalInformation", "ai"],
  ["SourceObjectInformation", "soi"],
]);

/** Text-only elements that become a literal property of their parent resource. */
export const TEXT_TAGS: ReadonlyMap<string, string> = new Map([
  ["Description", "description"],
  ["Version", "version"],
  ["Copyright", "copyright"],
  ["Value", "value"],
  ["DefaultValue", "defaultValue"],
  ["RequiredValue", "requiredValue"],
  ["RequiredMaxValue", "requiredMaxValue"],
  ["RequiredMinValue", "requiredMinValue"],
  ["Requirements", "requirements"],
  ["SuperiorStandardVersion", "superiorStandardVersion"],
  ["RevisionDate", "revisionDate"],
  ["OldVersion", "oldVersion"],
  ["NewVersion", "newVersion"],
  ["AuthorName", "authorName"],
  ["Comment", "comment"],
]);

/** XML attributes of CAEX elements that become literal properties (unprefixed names only). */
export const ATTR_PROPS: ReadonlyMap<string, string> = new Map(
  [
    "Name",
    "ID",
    "ChangeMode",
    "RefBaseClassPath",
    "RefBaseSystemUnitPath",
    "RefBaseRoleClassPath",
    "RefRoleClassPath",
    "RefAttributeType",
    "RefPartnerSideA",
    "RefPartnerSideB",
    "AttributeDataType",
    "Unit",
    "Path",
    "Alias",
    "FileName",
    "SchemaVersion",
    "CorrespondingAttributePath",
    "SystemUnitAttributeName",
    "RoleAttributeName",
    "SystemUnitInterfaceID",
    "RoleInterfaceID",
    "SystemUnitInterfaceName",
    "RoleInterfaceName",
    "OriginName",
    "OriginID",
    "OriginVendor",
    "OriginVendorURL",
    "OriginVersion",
    "OriginRelease",
    "LastWritingDateTime",
    "OriginProjectTitle",
    "OriginProjectID",
    "SourceObjID",
    "AutomationMLVersion",
  ].map((a) => [a, a === "ID" ? "id" : a[0]!.toLowerCase() + a.slice(1)]),
);

/** Literal property holding the character content of a resource element that has no child elements. */
export const CONTENT_PROP = "content";

/** Containment property from a parent resource to a child of this tag: aml:<tag in lowerCamelCase>. */
export function containmentProp(tag: string): string {
  return tag[0]!.toLowerCase() + tag.slice(1);
}

/** Class-like elements addressed by paths, with the library element that holds them. */
export type ClassKind = "InterfaceClass" | "RoleClass" | "SystemUnitClass" | "AttributeType";

export const LIB_OF: Readonly<Record<ClassKind, string>> = {
  InterfaceClass: "InterfaceClassLib",
  RoleClass: "RoleClassLib",
  SystemUnitClass: "SystemUnitClassLib",
  AttributeType: "AttributeTypeLib",
};

export const KIND_OF_LIB: ReadonlyMap<string, ClassKind> = new Map(Object.entries(LIB_OF).map(([k, lib]) => [lib, k as ClassKind]));

export function isClassKind(tag: string): tag is ClassKind {
  return tag === "InterfaceClass" || tag === "RoleClass" || tag === "SystemUnitClass" || tag === "AttributeType";
}

/** Which class kind a path attribute of an element refers to. */
export function refKind(tag: string, attr: string): ClassKind | undefined {
  switch (attr) {
    case "RefBaseClassPath":
      if (tag === "ExternalInterface") return "InterfaceClass";
      return isClassKind(tag) ? tag : undefined;
    case "RefBaseSystemUnitPath":
      return "SystemUnitClass";
    case "RefBaseRoleClassPath":
    case "RefRoleClassPath":
      return "RoleClass";
    case "RefAttributeType":
      return "AttributeType";
    default:
      return undefined;
  }
}

/** The path attributes checked and resolved, in the order they are reported. */
export const PATH_ATTRS = ["RefBaseClassPath", "RefBaseSystemUnitPath", "RefBaseRoleClassPath", "RefRoleClassPath", "RefAttributeType"] as const;
export type PathAttr = (typeof PATH_ATTRS)[number];

/** XML Schema datatypes recognised in AttributeDataType ("xs:" or "xsd:" prefix). */
export const XSD_TYPES = new Set([
  "string",
  "normalizedString",
  "token",
  "boolean",
  "decimal",
  "integer",
  "int",
  "long",
  "short",
  "byte",
  "nonNegativeInteger",
  "positiveInteger",
  "nonPositiveInteger",
  "negativeInteger",
  "unsignedInt",
  "unsignedLong",
  "unsignedShort",
  "unsignedByte",
  "float",
  "double",
  "dateTime",
  "date",
  "time",
  "duration",
  "anyURI",
  "hexBinary",
  "base64Binary",
  "QName",
  "language",
  "gYear",
]);

const INT_RE = /^[+-]?[0-9]+$/;
const DEC_RE = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;
const DBL_RE = /^(?:[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?INF|NaN)$/;

/** Integer ranges of the bounded XSD integer types (inclusive). */
const INT_RANGE: Record<string, [bigint, bigint] | undefined> = {
  int: [-(2n ** 31n), 2n ** 31n - 1n],
  long: [-(2n ** 63n), 2n ** 63n - 1n],
  short: [-32768n, 32767n],
  byte: [-128n, 127n],
  unsignedInt: [0n, 2n ** 32n - 1n],
  unsignedLong: [0n, 2n ** 64n - 1n],
  unsignedShort: [0n, 65535n],
  unsignedByte: [0n, 255n],
  nonNegativeInteger: [0n, 2n ** 1024n],
  positiveInteger: [1n, 2n ** 1024n],
  nonPositiveInteger: [-(2n ** 1024n), 0n],
  negativeInteger: [-(2n ** 1024n), -1n],
};

/**
 * The lexical form of a typed value when `value` is valid for the XSD type (after the whitespace
 * collapsing XSD applies to these types), else undefined: only valid typed literals are written.
 * Types whose lexical space is not checked here (strings, dates, URIs) give undefined.
 */
export function typedLexical(type: string, value: string): string | undefined {
  const v = value.trim();
  if (type === "boolean") return v === "true" || v === "false" || v === "1" || v === "0" ? v : undefined;
  if (type === "decimal") return DEC_RE.test(v) ? v : undefined;
  if (type === "float" || type === "double") return DBL_RE.test(v) ? v : undefined;
  if (type === "integer") return INT_RE.test(v) ? v : undefined;
  const range = INT_RANGE[type];
  if (range) {
    if (!INT_RE.test(v)) return undefined;
    const n = BigInt(v);
    return n >= range[0] && n <= range[1] ? v : undefined;
  }
  return undefined;
}

/**
 * Units written in CAEX `Unit` attributes mapped to QUDT unit IRIs (http://qudt.org/vocab/unit/).
 * Only unambiguous spellings are listed; others stay a literal only.
 */
export const QUDT_UNITS: ReadonlyMap<string, string> = new Map([
  ["m", "M"],
  ["mm", "MilliM"],
  ["cm", "CentiM"],
  ["µm", "MicroM"],
  ["um", "MicroM"],
  ["km", "KiloM"],
  ["kg", "KiloGM"],
  ["g", "GM"],
  ["t", "TONNE"],
  ["s", "SEC"],
  ["ms", "MilliSEC"],
  ["min", "MIN"],
  ["h", "HR"],
  ["Hz", "HZ"],
  ["kHz", "KiloHZ"],
  ["rad", "RAD"],
  ["deg", "DEG"],
  ["°", "DEG"],
  ["rad/s", "RAD-PER-SEC"],
  ["rpm", "REV-PER-MIN"],
  ["1/min", "REV-PER-MIN"],
  ["N", "N"],
  ["kN", "KiloN"],
  ["N m", "N-M"],
  ["N*m", "N-M"],
  ["N·m", "N-M"],
  ["Nm", "N-M"],
  ["N/m", "N-PER-M"],
  ["N s/m", "N-SEC-PER-M"],
  ["N*s/m", "N-SEC-PER-M"],
  ["N·s/m", "N-SEC-PER-M"],
  ["Pa", "PA"],
  ["kPa", "KiloPA"],
  ["MPa", "MegaPA"],
  ["GPa", "GigaPA"],
  ["bar", "BAR"],
  ["kg/m3", "KiloGM-PER-M3"],
  ["kg/m^3", "KiloGM-PER-M3"],
  ["kg/m³", "KiloGM-PER-M3"],
  ["kg m2", "KiloGM-M2"],
  ["kg*m^2", "KiloGM-M2"],
  ["kg·m²", "KiloGM-M2"],
  ["kg m²", "KiloGM-M2"],
  ["m/s", "M-PER-SEC"],
  ["m/s2", "M-PER-SEC2"],
  ["m/s^2", "M-PER-SEC2"],
  ["m/s²", "M-PER-SEC2"],
  ["V", "V"],
  ["mV", "MilliV"],
  ["A", "A"],
  ["W", "W"],
  ["kW", "KiloW"],
  ["K", "K"],
  ["°C", "DEG_C"],
  ["degC", "DEG_C"],
  ["%", "PERCENT"],
  ["l/min", "L-PER-MIN"],
  ["m3/h", "M3-PER-HR"],
  ["1", "UNITLESS"],
]);
