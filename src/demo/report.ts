// Where the demo writes its report: the CLI passes stdout/stderr, a test or an embedding program its
// own collector. The demo's orchestration knows no command line (issue 12: the demo gets a home of its
// own beside the parts it shows, not among the archive's files).
export interface DemoReport {
  /** the report's lines, each ending in "\n" */
  out(text: string): void;
  /** warnings that are not part of the report */
  err(text: string): void;
}
