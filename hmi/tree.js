// The model tree: the AutomationML instance hierarchy from GET /api/<D>/_tree as a WAI-ARIA tree
// (APG "Tree View": role=tree/treeitem/group, aria-expanded, roving tabindex, arrow keys), each node
// with its role class, system unit class, attributes (live from `change` events) and links.
import { api, devicePath } from "./api.js";
import { h, num, clear } from "./dom.js";

export function createTreeView(ctx, panel) {
  /** `${path}|${attribute}` → the value cell */
  const cells = new Map();
  let rootPath = "";
  let built = false;
  let resolveLoaded;
  const loaded = new Promise((r) => (resolveLoaded = r));
  const search = h("input", { type: "search", id: "tree-search", "data-testid": "tree-search", placeholder: "name, attribute or value" });
  const tree = h("ul", { role: "tree", "aria-label": "Model tree", "data-testid": "tree", class: "tree" });
  const off = ctx.feed.on("change", (e) => {
    if (typeof e.part !== "string" || typeof e.attribute !== "string") return;
    const cell = cells.get(`${e.part}|${e.attribute}`) ?? (rootPath ? cells.get(`${rootPath}/${e.part}|${e.attribute}`) : undefined);
    if (!cell) return;
    cell.textContent = num(e.newValue);
    cell.dataset.live = "true";
    // a brief highlight so the eye catches the change (CSS animation, restarted)
    cell.classList.remove("flash");
    void cell.offsetWidth;
    cell.classList.add("flash");
  });

  function nodeItem(node, level) {
    const kids = Array.isArray(node.children) ? node.children : [];
    const attrs = node.attributes && typeof node.attributes === "object" ? Object.entries(node.attributes) : [];
    const expandable = kids.length > 0 || attrs.length > 0;
    const label = h("span", { class: "node-label" },
      h("span", { class: "toggle", "aria-hidden": "true" }, expandable ? "▸" : "·"),
      h("span", { class: "node-name" }, node.name),
      node.role ? h("span", { class: "tag role", title: "role class" }, node.role) : null,
      node.systemUnit ? h("span", { class: "tag unit", title: "system unit class" }, node.systemUnit) : null,
    );
    const item = h("li", { role: "treeitem", "aria-level": level, tabindex: -1, "data-testid": "tree-node", "data-path": node.path ?? "", "data-name": node.name }, label);
    if (expandable) item.setAttribute("aria-expanded", "false");
    const body = h("div", { class: "node-body", hidden: true });
    if (node.description) body.append(h("p", { class: "muted" }, node.description));
    const links = node.links ?? {};
    if (links.modelica || links.rotorModel) {
      body.append(h("p", { class: "links", "data-testid": "tree-links" },
        links.modelica ? h("span", {}, "Modelica: ", h("code", { "data-testid": "link-modelica" }, links.modelica)) : null,
        links.rotorModel ? h("span", {}, " Rotor model: ", h("code", { "data-testid": "link-rotor" }, links.rotorModel)) : null));
    }
    if (attrs.length) {
      const rows = attrs.map(([name, a]) => {
        const cell = h("td", { class: "value", "data-testid": "attr-value", "data-attribute": name }, num(a?.value));
        cells.set(`${node.path ?? ""}|${name}`, cell);
        return h("tr", { "data-testid": "attr-row", title: a?.description ?? "" },
          h("th", { scope: "row" }, name), cell, h("td", { class: "muted" }, a?.unit ?? ""), h("td", { class: "muted" }, a?.type ?? ""));
      });
      body.append(h("table", { class: "attrs" },
        h("caption", { class: "sr-only" }, `Attributes of ${node.name}`),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "attribute"), h("th", { scope: "col" }, "value"), h("th", { scope: "col" }, "unit"), h("th", { scope: "col" }, "type"))),
        h("tbody", {}, ...rows)));
    }
    item.append(body);
    if (kids.length) item.append(h("ul", { role: "group", hidden: true }, ...kids.map((k) => nodeItem(k, level + 1))));
    item.dataset.text = [node.name, node.role, node.systemUnit, ...attrs.map(([n, a]) => `${n} ${a?.value ?? ""}`)].join(" ").toLowerCase();
    return item;
  }

  function setExpanded(item, on) {
    if (!item.hasAttribute("aria-expanded")) return;
    item.setAttribute("aria-expanded", String(on));
    for (const c of item.children) if (c.matches(".node-body, [role=group]")) c.hidden = !on;
    const t = item.querySelector(":scope > .node-label > .toggle");
    if (t) t.textContent = on ? "▾" : "▸";
  }

  const visibleItems = () => [...tree.querySelectorAll('[role="treeitem"]')].filter((el) => el.offsetParent !== null && !el.hidden);

  function focusItem(item) {
    for (const el of tree.querySelectorAll('[role="treeitem"][tabindex="0"]')) el.tabIndex = -1;
    item.tabIndex = 0;
    item.focus();
  }

  tree.addEventListener("click", (e) => {
    const label = e.target instanceof Element ? e.target.closest(".node-label") : null;
    if (!label) return;
    const item = label.parentElement;
    setExpanded(item, item.getAttribute("aria-expanded") !== "true");
    focusItem(item);
  });
  tree.addEventListener("keydown", (e) => {
    const item = document.activeElement;
    if (!(item instanceof HTMLElement) || item.getAttribute("role") !== "treeitem") return;
    const items = visibleItems();
    const i = items.indexOf(item);
    const expanded = item.getAttribute("aria-expanded") === "true";
    let next = null;
    switch (e.key) {
      case "ArrowDown": next = items[i + 1] ?? null; break;
      case "ArrowUp": next = items[i - 1] ?? null; break;
      case "Home": next = items[0] ?? null; break;
      case "End": next = items[items.length - 1] ?? null; break;
      case "ArrowRight":
        if (item.hasAttribute("aria-expanded") && !expanded) setExpanded(item, true);
        else next = item.querySelector(':scope > [role="group"] > [role="treeitem"]');
        break;
      case "ArrowLeft":
        if (expanded) setExpanded(item, false);
        else next = item.parentElement?.closest('[role="treeitem"]') ?? null;
        break;
      case "Enter":
      case " ":
        setExpanded(item, !expanded);
        break;
      default:
        return;
    }
    e.preventDefault();
    if (next instanceof HTMLElement) focusItem(next);
  });

  // search: a node shows when it or a descendant matches; ancestors of matches are expanded
  search.addEventListener("input", () => {
    const q = search.value.trim().toLowerCase();
    const walk = (item) => {
      let any = false;
      const group = item.querySelector(':scope > [role="group"]');
      if (group) for (const c of group.children) if (walk(c)) any = true;
      const self = q === "" || (item.dataset.text ?? "").includes(q);
      item.hidden = !(self || any);
      if (q !== "" && any) setExpanded(item, true);
      return self || any;
    };
    let shown = 0;
    for (const top of tree.children) if (walk(top)) shown++;
    count.textContent = q === "" ? "" : shown === 0 ? "no match" : "";
  });
  const count = h("span", { class: "muted", "aria-live": "polite", "data-testid": "tree-search-result" });

  async function load() {
    try {
      const res = await api(devicePath(ctx.device, "_tree"));
      if (!res || typeof res !== "object" || !res.root) throw new Error(`GET _tree of ${ctx.device}: the answer has no root`);
      clear(tree);
      cells.clear();
      rootPath = res.root.path ?? "";
      const top = nodeItem(res.root, 1);
      tree.append(top);
      setExpanded(top, true);
      top.tabIndex = 0;
      panel.dataset.loaded = "true";
    } catch (e) {
      ctx.onError(e);
      tree.append(h("li", { class: "muted" }, "The model tree could not be loaded."));
    } finally {
      resolveLoaded();
    }
  }

  return {
    loaded,
    show() {
      if (built) return;
      built = true;
      panel.append(h("div", { class: "toolbar" }, h("label", { for: "tree-search" }, "Search"), search, count), tree);
      load();
    },
    dispose() {
      off();
    },
  };
}
