// A vitest reporter that ends the run with every skipped test, its file and the reason it was skipped
// (the note of `ctx.skip(note)`, see engines.ts), after the default reporter's summary: a test that did
// not run is never mistaken for one that passed.
import { relative } from "node:path";
import type { Reporter, TestModule, Vitest } from "vitest/node";

export default class SkipReporter implements Reporter {
  private log: (text: string) => void = (t) => void process.stdout.write(t + "\n");
  private root = process.cwd();

  onInit(vitest: Vitest): void {
    this.log = (t) => vitest.logger.log(t);
    this.root = vitest.config.root;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const skipped: string[] = [];
    let other = 0;
    for (const m of testModules) {
      for (const t of m.children.allTests()) {
        const r = t.result();
        if (r.state !== "skipped") continue;
        if (r.note === undefined) other++;
        else skipped.push(`   ${relative(this.root, m.moduleId)} > ${t.fullName}\n       [${r.note}]`);
      }
    }
    if (skipped.length > 0) {
      const ci = process.env.CI === "true" ? "" : "; CI=true makes every optional engine required";
      this.log(`\n Skipped ${skipped.length} test${skipped.length === 1 ? "" : "s"} (optional engines not installed, see README.md${ci}):\n${skipped.join("\n")}`);
    }
    // tests left out by a name filter (-t) or marked .skip/.todo carry no note
    if (other > 0) this.log(`\n ${other} more test${other === 1 ? "" : "s"} skipped by a filter or marked skip/todo (no note)`);
    if (skipped.length > 0 || other > 0) this.log("");
  }
}
