// Every example of the README and the API guide runs (issue 15): each ```js block is a program that
// imports the package by its npm name, run against this checkout's build; a ```text block after it
// is its exact output. test/npm-pack.test.ts runs them again against the packed and installed package.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module script without declarations
import { describeFailure, exampleFiles, extractExamples, runExamples, workDirFor } from "../scripts/examples.mjs";

const ROOT = join(import.meta.dirname, "..");
const EXAMPLE_FILES = exampleFiles(ROOT) as string[];
const WORK = workDirFor(ROOT) as string;
afterAll(() => rmSync(WORK, { recursive: true, force: true }));

type Result = { ok: boolean; file: string; line: number };

describe("the examples runner", () => {
  it("pairs a js block with the text block right after it, and only then", () => {
    const md = "# t\n\n```js\nconsole.log(1)\n```\n\n```text\n1\n```\n\n```js\nconsole.log(2)\n```\nprose\n\n```text\nnot output\n```\n\n```sh\nls\n```\n";
    expect(extractExamples(md)).toEqual([
      { line: 3, code: "console.log(1)\n", expected: "1\n" },
      { line: 11, code: "console.log(2)\n", expected: undefined },
    ]);
  });
});

describe.each(EXAMPLE_FILES)("examples of %s", (file) => {
  it("each runs and prints what the text says", () => {
    const results = runExamples([join(ROOT, file)], WORK) as Result[];
    expect(results.length, `${file} has no example`).toBeGreaterThan(0);
    const failed = results.filter((r) => !r.ok);
    expect(failed.map((r) => describeFailure(r)).join("\n")).toBe("");
  }, 600_000);
});
