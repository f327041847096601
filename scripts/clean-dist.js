// Empties dist/ before the TypeScript build, so a module deleted from src/ leaves no stale copy that
// `npm pack` would ship.
import { rmSync } from "node:fs";
rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
