// Tabs after the WAI-ARIA Authoring Practices "Tabs" pattern (automatic activation): role=tablist,
// one tab in the tab order (roving tabindex), Left/Right/Home/End move between tabs.
/**
 * @param {HTMLElement} list the element with role=tablist holding role=tab buttons (aria-controls = panel id)
 * @param {(name: string) => void} onShow called with the tab's data-view when it becomes selected
 */
export function initTabs(list, onShow) {
  const tabs = () => [...list.querySelectorAll('[role="tab"]')];
  const select = (tab, focus) => {
    for (const t of tabs()) {
      const on = t === tab;
      t.setAttribute("aria-selected", String(on));
      t.tabIndex = on ? 0 : -1;
      const panel = document.getElementById(t.getAttribute("aria-controls") ?? "");
      if (panel) panel.hidden = !on;
    }
    if (focus) tab.focus();
    onShow(tab.dataset.view ?? "");
  };
  list.addEventListener("click", (e) => {
    const tab = e.target instanceof Element ? e.target.closest('[role="tab"]') : null;
    if (tab) select(tab, false);
  });
  list.addEventListener("keydown", (e) => {
    const all = tabs();
    const i = all.indexOf(document.activeElement);
    if (i < 0) return;
    let j = -1;
    if (e.key === "ArrowRight") j = (i + 1) % all.length;
    else if (e.key === "ArrowLeft") j = (i - 1 + all.length) % all.length;
    else if (e.key === "Home") j = 0;
    else if (e.key === "End") j = all.length - 1;
    if (j < 0) return;
    e.preventDefault();
    select(all[j], true);
  });
  return { select: (name) => { const t = tabs().find((x) => x.dataset.view === name); if (t) select(t, false); } };
}
