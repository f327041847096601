// `?Search=` for hostile callers: the XPath subset of src/aml/xpath.ts with three limits, each a
// located XPathError rather than a stack overflow or minutes of CPU:
//   maxLength  characters of the expression, checked before lexing;
//   maxDepth   nesting of ( [ function arguments and unary minus, checked by the parser before it
//              recurses (a 100,000-deep "((((…" ends at level maxDepth);
//   budget     evaluation work (node visits, predicate evaluations, node-set comparison pairs):
//              XPath 1.0 lets //*[//*[//*[//*]]] cost n⁴ for n elements, the budget ends it after
//              `budget` units.
import type { AmlQuery, SearchHit } from "../../aml/query.js";
import { XPathError } from "../../aml/xpath.js";

export interface SearchLimits {
  maxLength: number;
  maxDepth: number;
  budget: number;
}

/** Room for any search a person writes; the budget is a fraction of a second of work on a large model. */
export const DEFAULT_SEARCH_LIMITS: SearchLimits = { maxLength: 2048, maxDepth: 64, budget: 2_000_000 };

/** AmlQuery.search within limits; every syntax or limit problem is an XPathError with its position. */
export function guardedSearch(q: AmlQuery, expr: string, limits: Partial<SearchLimits> = {}): SearchHit[] {
  const l: SearchLimits = { ...DEFAULT_SEARCH_LIMITS, ...limits };
  if (expr.length > l.maxLength) throw new XPathError(l.maxLength, `the expression is longer than ${l.maxLength} characters`);
  return q.search(expr, "instances", { budget: l.budget, maxDepth: l.maxDepth });
}
