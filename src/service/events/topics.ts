// MQTT topics of twin events: `<prefix>/<twin>/events/<type>/<part path>`, the device root as "_root".
// MQTT 3.1.1 §4.7 forbids the wildcards + and # and NUL in a topic name published to, so names that
// hold them are percent-encoded (RFC 3986 §2.1) (and so is % itself, so the encoding is reversible). A twin name is one
// topic level: its "/" is encoded too; a part path keeps its "/" as level separators.
import { checkTopic } from "../../live/mqtt.js";
import type { TwinEvent } from "./model.js";

/** The topic level standing for the device root (part ""). */
export const ROOT_LEVEL = "_root";

const ESCAPES: Record<string, string> = { "%": "%25", "+": "%2B", "#": "%23", "\u0000": "%00", "/": "%2F" };

/** One name as topic text; with `slash` false, "/" stays (a part path's level separator). */
export function encodeTopicName(name: string, slash: boolean): string {
  return name.replace(slash ? /[%+#\u0000/]/g : /[%+#\u0000]/g, (c) => ESCAPES[c]!);
}

/** The topic of an event under `prefix`. */
export function eventTopic(prefix: string, e: Pick<TwinEvent, "twin" | "type" | "part">): string {
  // a part literally named "_root" must not read as the device root
  const part = e.part === "" ? ROOT_LEVEL : e.part === ROOT_LEVEL ? "%5Froot" : encodeTopicName(e.part, false);
  const topic = `${prefix}/${encodeTopicName(e.twin, true)}/events/${e.type}/${part}`;
  checkTopic(topic, false);
  return topic;
}

/** Checks a topic prefix: one or more levels, no wildcards, no empty level. */
export function checkPrefix(prefix: string): void {
  if (prefix === "" || prefix.split("/").some((l) => l === "")) throw new Error(`MQTT prefix ${JSON.stringify(prefix)}: one or more non-empty topic levels, e.g. "twin"`);
  checkTopic(prefix, false, `MQTT prefix ${JSON.stringify(prefix)}`);
}
