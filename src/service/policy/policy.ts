// A checked, compiled, immutable policy (Eclipse Ditto semantics, https://eclipse.dev/ditto/basic-policy.html):
// deny by default; a grant holds for the resource and everything below it; the deepest grant or revoke
// on the way to a resource decides, so a deeper revoke wins over a grant above it and a deeper grant
// gives back what a revoke above took ("except they are granted again such permission at a deeper
// level"); at the same resource a revoke beats a grant, in whatever entry. Permissions are independent
// ("write does not imply read"). Every entry naming one of the caller's subject ids applies.
import type { Permission, ResourcePath, Subject } from "../types.js";
import { PermissionTries, type CompiledRule } from "./trie.js";
import { parseResource, ResourcePathError } from "./resource.js";
import { PolicyError, jsonPath } from "./errors.js";
import { validatePolicyDocument } from "./validate.js";
import { POLICY_FORMAT, POLICY_VERSION, type PolicyDocument, type PolicyEntry, type SubjectDef } from "./document.js";

export type { PolicyDocument, PolicyEntry, SubjectDef } from "./document.js";
export { PolicyError } from "./errors.js";

/** The roles of an AutomationML AccessControl element (models/aml/twin-library.aml): role names. */
export interface AccessControlRoles {
  read: string[];
  write: string[];
  execute: string[];
}

export class Policy {
  private readonly tries: PermissionTries;

  private constructor(
    private readonly doc: PolicyDocument,
    /** where the policy came from, named in the errors of grant() and revoke() */
    private readonly source: string,
  ) {
    this.tries = new PermissionTries(rules(doc));
  }

  /** Check a policy document (schema and rules, all problems at once) and compile it. */
  static parse(json: unknown, file: string): Policy {
    return new Policy(clone(validatePolicyDocument(json, file)), file);
  }

  /**
   * The policy an AML AccessControl element states for one device: its read roles may READ the
   * device's data, history, events and alarms; its write roles may WRITE the data and the alarms
   * (acknowledge, shelve); its execute roles may EXECUTE the device's methods.
   */
  static fromAccessControl(device: string, ac: AccessControlRoles): Policy {
    const source = `AccessControl of ${device}`;
    const entries: Record<string, PolicyEntry> = {};
    const add = (label: string, roles: string[], kinds: string[], perm: Permission) => {
      if (roles.length === 0) return;
      const resources: PolicyEntry["resources"] = {};
      for (const k of kinds) resources[`${k}:/${device}`] = { grant: [perm], revoke: [] };
      entries[label] = { subjects: [...new Set(roles)].map((r) => `role:${r}`), resources };
    };
    add("access-control-read", ac.read, ["twin", "history", "event", "alarm"], "READ");
    add("access-control-write", ac.write, ["twin", "alarm"], "WRITE");
    add("access-control-execute", ac.execute, ["method"], "EXECUTE");
    const doc: PolicyDocument = { format: POLICY_FORMAT, version: POLICY_VERSION, entries };
    try {
      return Policy.parse(doc, source);
    } catch (e) {
      if (!(e instanceof PolicyError)) throw e;
      // Say which role or device name is wrong in the caller's terms, not in the generated document's.
      throw PolicyError.of(source, e.problems.map((p) => ({ path: p.path, detail: `${p.detail} (device ${JSON.stringify(device)}, roles ${JSON.stringify(ac)})` })));
    }
  }

  /**
   * One policy holding the entries and subjects of all. An entry label used by two policies with
   * different entries is kept for the first; the later entry gets "<label>-2" (the next free number):
   * merging two entries into one would apply one entry's revokes to the other's subjects. Subject
   * definitions of the same id are joined (roles and keys united, the first description kept).
   */
  static merge(...policies: Policy[]): Policy {
    const entries: Record<string, PolicyEntry> = {};
    const subjects: Record<string, SubjectDef> = {};
    for (const p of policies) {
      for (const [label, entry] of Object.entries(p.doc.entries)) {
        const same = entries[label];
        if (same === undefined) entries[label] = clone(entry);
        else if (JSON.stringify(same) !== JSON.stringify(entry)) {
          let n = 2;
          while (entries[`${label}-${n}`] !== undefined) n++;
          entries[`${label}-${n}`] = clone(entry);
        }
      }
      for (const [id, def] of Object.entries(p.doc.subjects ?? {})) subjects[id] = joinSubject(subjects[id], def);
    }
    const doc: PolicyDocument = { format: POLICY_FORMAT, version: POLICY_VERSION, entries };
    if (Object.keys(subjects).length > 0) doc.subjects = subjects;
    return Policy.parse(doc, `merge of ${policies.map((p) => p.source).join(", ")}`);
  }

  /** Whether the subject holds perm on the resource. Throws ResourcePathError for a malformed path. */
  has(subject: Subject, resource: ResourcePath, perm: Permission): boolean {
    return this.memo(0, subject, resource, perm, () => this.tries.has(subject.ids, parseResource(resource), perm));
  }

  /** true when some resource at or below `resource` grants perm (e.g. to list a part whose only some attributes are readable) */
  hasAnyBelow(subject: Subject, resource: ResourcePath, perm: Permission): boolean {
    return this.memo(1, subject, resource, perm, () => this.tries.hasAnyBelow(subject.ids, parseResource(resource), perm));
  }

  /**
   * Decisions are remembered: a policy never changes (grant and revoke make new ones), and a service
   * asks the same few questions on every request. The memo is bounded: full, it starts again.
   */
  private readonly decisions = new Map<string, boolean>();
  private memo(kind: number, subject: Subject, resource: ResourcePath, perm: Permission, decide: () => boolean): boolean {
    const key = `${kind}\u0000${perm}\u0000${resource}\u0000${subject.ids.join("\u0000")}`;
    const known = this.decisions.get(key);
    if (known !== undefined) return known;
    const d = decide();
    if (this.decisions.size >= 100_000) this.decisions.clear();
    this.decisions.set(key, d);
    return d;
  }

  /**
   * A new policy where entry `label` (created when missing) also names `subjects` and grants `perms`
   * on `resource`; those perms are taken out of the same entry's revokes on that resource.
   */
  grant(label: string, subjects: string[], resource: ResourcePath, perms: Permission[]): Policy {
    return this.change(label, subjects, resource, perms, "grant");
  }

  /** As grant(), revoking: the perms are added to the entry's revokes and taken out of its grants. */
  revoke(label: string, subjects: string[], resource: ResourcePath, perms: Permission[]): Policy {
    return this.change(label, subjects, resource, perms, "revoke");
  }

  toJSON(): PolicyDocument {
    return clone(this.doc);
  }

  subjectDef(id: string): SubjectDef | undefined {
    const def = this.doc.subjects?.[id];
    return def === undefined ? undefined : clone(def);
  }

  private change(label: string, subjects: string[], resource: ResourcePath, perms: Permission[], how: "grant" | "revoke"): Policy {
    const doc = clone(this.doc);
    const entry = (doc.entries[label] ??= { subjects: [], resources: {} });
    for (const s of subjects) if (!entry.subjects.includes(s)) entry.subjects.push(s);
    const rule = (entry.resources[resource] ??= { grant: [], revoke: [] });
    const other = how === "grant" ? "revoke" : "grant";
    for (const p of perms) if (!rule[how].includes(p)) rule[how].push(p);
    rule[other] = rule[other].filter((p) => !perms.includes(p));
    return Policy.parse(doc, this.source);
  }
}

function rules(doc: PolicyDocument): CompiledRule[] {
  const out: CompiledRule[] = [];
  for (const [label, entry] of Object.entries(doc.entries)) {
    for (const [resource, rule] of Object.entries(entry.resources)) {
      let parsed;
      try {
        parsed = parseResource(resource);
      } catch (e) {
        // validatePolicyDocument has checked every path; this keeps the location if that ever changes
        if (e instanceof ResourcePathError) throw new PolicyError(jsonPath(["entries", label, "resources", resource]), e.message);
        throw e;
      }
      out.push({ resource: parsed, subjects: entry.subjects, grant: rule.grant, revoke: rule.revoke });
    }
  }
  return out;
}

function joinSubject(a: SubjectDef | undefined, b: SubjectDef): SubjectDef {
  if (a === undefined) return clone(b);
  const out: SubjectDef = {};
  const roles = [...new Set([...(a.roles ?? []), ...(b.roles ?? [])])];
  const keys = [...new Set([...(a.keys ?? []), ...(b.keys ?? [])])];
  if (roles.length > 0) out.roles = roles;
  if (keys.length > 0) out.keys = keys;
  const description = a.description ?? b.description;
  if (description !== undefined) out.description = description;
  return out;
}

function clone<T>(v: T): T {
  return structuredClone(v);
}
