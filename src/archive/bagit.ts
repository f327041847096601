// BagIt 1.0 (RFC 8493): tag files, payload and tag manifests, and their checks. A bag is held as a
// map from bag-relative path ("data/graph/twin.ttl") to bytes; reading and writing directories and
// ZIPs is package.ts's job.
import { InputError, type InputLocation } from "../errors.js";
import { compareCodeUnits } from "../rdf/graph.js";
import { sha256Hex, sha512Hex } from "./hash.js";
import { pathProblem } from "./safe-path.js";

export type Files = Map<string, Uint8Array>;

export const BAGIT_VERSION = "1.0";
/** Version of the layout this tool writes inside the bag (bag-info.txt "Twin-Package-Format"). */
export const PACKAGE_FORMAT = 2;
export const SIGNATURE_FILE = "tagmanifest-sha256.txt.sig.json";
export const ALGORITHMS = { sha256: sha256Hex, sha512: sha512Hex } as const;
export type Algorithm = keyof typeof ALGORITHMS;

/** RFC 8493 §2.1.3: CR, LF and % in a manifest path are percent-encoded. */
export function encodeManifestPath(p: string): string {
  return p.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function decodeManifestPath(p: string): string {
  return p.replace(/%0D/gi, "\r").replace(/%0A/gi, "\n").replace(/%25/g, "%");
}

export function manifestText(files: Iterable<[string, Uint8Array]>, alg: Algorithm): string {
  const lines = [...files].map(([p, b]) => `${ALGORITHMS[alg](b)}  ${encodeManifestPath(p)}`);
  return lines.sort(compareCodeUnits).join("\n") + (lines.length ? "\n" : "");
}

export interface BagInfo {
  software: string;
  /** YYYY-MM-DD */
  baggingDate: string;
  externalIdentifier: string;
  description?: string;
  /** further "Label: value" lines, written after the standard ones (e.g. the host's version and commit) */
  extra?: [string, string][];
}

/** Labels and values of a tag file in "Label: value" form (continuation lines start with blanks). */
export function parseTagFile(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    if (line === "") continue;
    if (/^[ \t]/.test(line) && out.length > 0) {
      out[out.length - 1]![1] += " " + line.trim();
      continue;
    }
    const i = line.indexOf(":");
    if (i <= 0) throw new Error(`not a "Label: value" line: ${JSON.stringify(line)}`);
    out.push([line.slice(0, i).trim(), line.slice(i + 1).trim()]);
  }
  return out;
}

const enc = (s: string): Uint8Array => Buffer.from(s, "utf8");

/** The complete bag: the payload under data/, bagit.txt, bag-info.txt, manifests and tag manifest. */
export function buildBag(payload: Files, info: BagInfo): Files {
  const bag: Files = new Map();
  const data: [string, Uint8Array][] = [...payload].map(([p, b]) => [`data/${p}`, b]);
  for (const [p, b] of data) bag.set(p, b);
  const octets = data.reduce((n, [, b]) => n + b.length, 0);
  bag.set("bagit.txt", enc(`BagIt-Version: ${BAGIT_VERSION}\nTag-File-Character-Encoding: UTF-8\n`));
  const infoLines = [
    `Bag-Software-Agent: ${info.software}`,
    `Bagging-Date: ${info.baggingDate}`,
    `External-Identifier: ${info.externalIdentifier}`,
    ...(info.description ? [`External-Description: ${info.description.replace(/\s+/g, " ")}`] : []),
    `Payload-Oxum: ${octets}.${data.length}`,
    `Twin-Package-Format: ${PACKAGE_FORMAT}`,
    ...(info.extra ?? []).map(([k, v]) => `${k}: ${v.replace(/\s+/g, " ")}`),
  ];
  bag.set("bag-info.txt", enc(infoLines.join("\n") + "\n"));
  for (const alg of Object.keys(ALGORITHMS) as Algorithm[]) bag.set(`manifest-${alg}.txt`, enc(manifestText(data, alg)));
  const tags = [...bag].filter(([p]) => !p.startsWith("data/"));
  bag.set("tagmanifest-sha256.txt", enc(manifestText(tags, "sha256")));
  return bag;
}

/** A problem a check found, in a file of the package where known. */
export interface Problem {
  /** bag-relative file the problem is about ("" for the bag as a whole) */
  file: string;
  message: string;
}

/** Bad input that is not a bag this tool can read at all (missing, corrupt, newer format): the CLI exits with 2. */
export class PackageError extends InputError {
  constructor(message: string, location: InputLocation = {}) {
    super(message, location);
  }
}

/** The payload (paths below data/, without the prefix) of a bag. */
export function payloadOf(files: Files): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const [p, b] of files) if (p.startsWith("data/")) out.set(p.slice(5), b);
  return out;
}

function text(files: Files, p: string): string | undefined {
  const b = files.get(p);
  return b === undefined ? undefined : new TextDecoder().decode(b);
}

/** Version checks of bagit.txt and bag-info.txt; throws PackageError for what this tool cannot read. */
export function checkDeclaration(files: Files, where: string): Map<string, string> {
  const decl = text(files, "bagit.txt");
  if (decl === undefined) throw new PackageError(`${where}: bagit.txt is missing: not a BagIt bag`);
  let fields: [string, string][];
  try {
    fields = parseTagFile(decl);
  } catch (e) {
    throw new PackageError(`${where}/bagit.txt: ${(e as Error).message}`);
  }
  const version = fields.find(([k]) => k === "BagIt-Version")?.[1];
  if (version === undefined) throw new PackageError(`${where}/bagit.txt: no BagIt-Version`);
  const m = /^(\d+)\.(\d+)$/.exec(version);
  if (!m) throw new PackageError(`${where}/bagit.txt: malformed BagIt-Version ${JSON.stringify(version)}`);
  if (Number(m[1]) > 1 || (Number(m[1]) === 1 && Number(m[2]) > 0)) {
    throw new PackageError(`${where}/bagit.txt: BagIt-Version ${version} is newer than this tool reads (${BAGIT_VERSION})`);
  }
  const encoding = fields.find(([k]) => k === "Tag-File-Character-Encoding")?.[1];
  if (encoding !== undefined && encoding.toUpperCase() !== "UTF-8") throw new PackageError(`${where}/bagit.txt: tag file encoding ${encoding} is not supported (UTF-8 only)`);
  const infoText = text(files, "bag-info.txt");
  const info = new Map<string, string>();
  if (infoText !== undefined) {
    try {
      for (const [k, v] of parseTagFile(infoText)) info.set(k, v);
    } catch (e) {
      throw new PackageError(`${where}/bag-info.txt: ${(e as Error).message}`);
    }
  }
  const fmt = info.get("Twin-Package-Format");
  if (fmt !== undefined) {
    if (!/^\d+$/.test(fmt)) throw new PackageError(`${where}/bag-info.txt: malformed Twin-Package-Format ${JSON.stringify(fmt)}`);
    if (Number(fmt) > PACKAGE_FORMAT) throw new PackageError(`${where}/bag-info.txt: Twin-Package-Format ${fmt} is newer than this tool reads (${PACKAGE_FORMAT}); use a newer twin`);
  }
  return info;
}

function parseManifest(files: Files, name: string, problems: Problem[]): Map<string, string> | undefined {
  const t = text(files, name);
  if (t === undefined) return undefined;
  const out = new Map<string, string>();
  t.replace(/\r\n?/g, "\n")
    .split("\n")
    .forEach((line, i) => {
      if (line.trim() === "") return;
      const m = /^([0-9a-fA-F]+)[ \t]+(.+)$/.exec(line);
      if (!m) {
        problems.push({ file: name, message: `line ${i + 1}: malformed manifest line` });
        return;
      }
      const p = decodeManifestPath(m[2]!.replace(/^\*/, ""));
      const unsafe = pathProblem(p);
      if (unsafe !== undefined) {
        problems.push({ file: name, message: `line ${i + 1}: ${JSON.stringify(p)} is not a safe package path: ${unsafe}` });
        return;
      }
      if (out.has(p)) problems.push({ file: name, message: `line ${i + 1}: ${p} listed twice` });
      out.set(p, m[1]!.toLowerCase());
    });
  return out;
}

/**
 * Fixity: every payload file is in every payload manifest with the right checksum, every listed file
 * exists, every tag file is in the tag manifest with the right checksum; Payload-Oxum matches.
 */
export function checkFixity(files: Files, info: Map<string, string>): Problem[] {
  const problems: Problem[] = [];
  const payload = [...files.keys()].filter((p) => p.startsWith("data/"));
  const manifests = (Object.keys(ALGORITHMS) as Algorithm[]).filter((a) => files.has(`manifest-${a}.txt`));
  if (manifests.length === 0) problems.push({ file: "manifest-sha256.txt", message: "missing: the bag has no payload manifest" });
  for (const [name] of files) {
    const m = /^(tag)?manifest-(\w+)\.txt$/.exec(name);
    if (m && !(m[2]! in ALGORITHMS)) problems.push({ file: name, message: `unsupported checksum algorithm ${m[2]}` });
  }
  for (const alg of manifests) {
    const name = `manifest-${alg}.txt`;
    const listed = parseManifest(files, name, problems)!;
    for (const p of payload) {
      if (!listed.has(p)) problems.push({ file: p, message: `extra file: not listed in ${name}` });
    }
    for (const [p, sum] of listed) {
      const bytes = files.get(p);
      if (!p.startsWith("data/")) problems.push({ file: name, message: `${p} lies outside data/` });
      else if (bytes === undefined) problems.push({ file: p, message: `missing: listed in ${name}` });
      else if (ALGORITHMS[alg](bytes) !== sum) problems.push({ file: p, message: `${alg} checksum mismatch (altered content)` });
    }
  }
  const tagName = "tagmanifest-sha256.txt";
  const tagList = parseManifest(files, tagName, problems);
  if (tagList === undefined) problems.push({ file: tagName, message: "missing: the tag files are not protected" });
  else {
    for (const p of files.keys()) {
      if (p.startsWith("data/") || /^tagmanifest-/.test(p) || p === SIGNATURE_FILE) continue;
      if (!tagList.has(p)) problems.push({ file: p, message: `extra tag file: not listed in ${tagName}` });
    }
    for (const [p, sum] of tagList) {
      const bytes = files.get(p);
      if (bytes === undefined) problems.push({ file: p, message: `missing: listed in ${tagName}` });
      else if (sha256Hex(bytes) !== sum) problems.push({ file: p, message: `sha256 checksum mismatch (altered tag file)` });
    }
  }
  const oxum = info.get("Payload-Oxum");
  if (oxum !== undefined) {
    const octets = payload.reduce((n, p) => n + files.get(p)!.length, 0);
    if (oxum !== `${octets}.${payload.length}`) problems.push({ file: "bag-info.txt", message: `Payload-Oxum ${oxum} but the payload is ${octets}.${payload.length} (octets.files)` });
  }
  return problems;
}
