// The compiled form of a policy: one trie per resource kind, each node holding, per permission, the
// subject ids granted and revoked exactly at that node. A check walks from the root to the resource
// (O(depth × subject ids of the caller)); the rule applied on the way is Eclipse Ditto's
// (https://eclipse.dev/ditto/basic-policy.html, "Grant and Revoke some Permission"): a grant or a revoke
// holds for the path and all nested paths "except they are revoked [granted again] at a deeper level".
// So the deepest node on the way that grants or revokes the permission to one of the caller's ids
// decides; at that node a revoke beats a grant (in any entry). Nothing on the way: denied.
import type { Permission } from "../types.js";
import type { ParsedResource, ResourceKind } from "./resource.js";

export const PERMISSIONS = ["READ", "WRITE", "EXECUTE"] as const satisfies readonly Permission[];

type PermSets = Record<Permission, Set<string>>;

function permSets(): PermSets {
  return { READ: new Set(), WRITE: new Set(), EXECUTE: new Set() };
}

interface TrieNode {
  children: Map<string, TrieNode>;
  grant: PermSets;
  revoke: PermSets;
  /** subject ids granted the permission somewhere strictly below this node: prunes hasAnyBelow */
  grantedBelow: PermSets;
}

function node(): TrieNode {
  return { children: new Map(), grant: permSets(), revoke: permSets(), grantedBelow: permSets() };
}

function meets(set: Set<string>, ids: readonly string[]): boolean {
  if (set.size === 0) return false;
  for (const id of ids) if (set.has(id)) return true;
  return false;
}

/** The decision after a node, given the decision inherited from above. */
function step(n: TrieNode, ids: readonly string[], perm: Permission, inherited: boolean): boolean {
  if (meets(n.revoke[perm], ids)) return false;
  if (meets(n.grant[perm], ids)) return true;
  return inherited;
}

/** A rule to compile: these subjects are granted or revoked these permissions on this resource. */
export interface CompiledRule {
  resource: ParsedResource;
  subjects: readonly string[];
  grant: readonly Permission[];
  revoke: readonly Permission[];
}

export class PermissionTries {
  private readonly roots = new Map<ResourceKind, TrieNode>();

  constructor(rules: Iterable<CompiledRule>) {
    for (const rule of rules) {
      let n = this.root(rule.resource.kind);
      for (const seg of rule.resource.segments) {
        let child = n.children.get(seg);
        if (child === undefined) {
          child = node();
          n.children.set(seg, child);
        }
        n = child;
      }
      for (const p of rule.grant) for (const s of rule.subjects) n.grant[p].add(s);
      for (const p of rule.revoke) for (const s of rule.subjects) n.revoke[p].add(s);
    }
    for (const root of this.roots.values()) fillGrantedBelow(root);
  }

  private root(kind: ResourceKind): TrieNode {
    let r = this.roots.get(kind);
    if (r === undefined) {
      r = node();
      this.roots.set(kind, r);
    }
    return r;
  }

  /** Whether a caller with these subject ids holds perm on the resource. */
  has(ids: readonly string[], resource: ParsedResource, perm: Permission): boolean {
    return this.walk(ids, resource, perm).allowed;
  }

  /**
   * Whether the caller holds perm on the resource or on anything below it. Ditto: "In case you omit a
   * subject at top-level but grant permission at a sub-entity, the subject can access the lower part
   * only". Only the branches whose nodes below grant perm to one of the ids are visited.
   */
  hasAnyBelow(ids: readonly string[], resource: ParsedResource, perm: Permission): boolean {
    const { allowed, at } = this.walk(ids, resource, perm);
    if (allowed) return true;
    return at !== undefined && anyGrantBelow(at, ids, perm, false);
  }

  /** The decision at the resource and its node (undefined when the trie ends above the resource). */
  private walk(ids: readonly string[], resource: ParsedResource, perm: Permission): { allowed: boolean; at: TrieNode | undefined } {
    let n = this.roots.get(resource.kind);
    if (n === undefined) return { allowed: false, at: undefined };
    let allowed = step(n, ids, perm, false);
    for (const seg of resource.segments) {
      n = n.children.get(seg);
      if (n === undefined) return { allowed, at: undefined };
      allowed = step(n, ids, perm, allowed);
    }
    return { allowed, at: n };
  }
}

function fillGrantedBelow(n: TrieNode): void {
  for (const child of n.children.values()) {
    fillGrantedBelow(child);
    for (const p of PERMISSIONS) {
      for (const s of child.grant[p]) n.grantedBelow[p].add(s);
      for (const s of child.grantedBelow[p]) n.grantedBelow[p].add(s);
    }
  }
}

function anyGrantBelow(n: TrieNode, ids: readonly string[], perm: Permission, inherited: boolean): boolean {
  for (const child of n.children.values()) {
    if (!meets(child.grant[perm], ids) && !meets(child.grantedBelow[perm], ids)) continue;
    const allowed = step(child, ids, perm, inherited);
    if (allowed || anyGrantBelow(child, ids, perm, allowed)) return true;
  }
  return false;
}
