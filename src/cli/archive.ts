// The archive commands (issue 7), registered in main.ts as one list.
import { archiveCreateCommand } from "./archive-create.js";
import { archivePublishCommand } from "./archive-publish.js";
import { archiveQueryCommand } from "./archive-query.js";
import { archiveRerunCommand } from "./archive-rerun.js";
import { archiveRestoreCommand } from "./archive-restore.js";
import { archiveVerifyCommand } from "./archive-verify.js";
import type { Command } from "./common.js";

export const ARCHIVE_COMMANDS: Command[] = [archiveCreateCommand, archiveVerifyCommand, archiveRerunCommand, archiveRestoreCommand, archiveQueryCommand, archivePublishCommand];
