// One source abstraction over every transport: openSource(url, options) gives a Source whatever the
// URL names (docs/sources.md):
//   udp://host:port                 bind and receive datagrams (one frame each)
//   mqtt://host:port/topic          subscribe (one frame per message)
//   serial:/dev/ttyX?baud=115200[&mode=frames|csv&...]
//   replay:PATH[?speed=1|N|fast&...]  a CSV file of samples or features, or a runner session
// Every source decodes through the one InputDecoder (src/live/decode.ts), hands each received unit
// to onInput before decoding (the session recording), and delivers frames in order with the
// tracker's decision.
import { InputError } from "../errors.js";
import type { CsvLineOptions } from "./csv-lines.js";
import type { InputUnit } from "./decode.js";
import type { Frame, FrameLimits } from "./frame.js";
import { MqttSource, parseMqttUrl, type ConnectionEvent } from "./mqtt.js";
import { parseReplayUrl, ReplaySource } from "./replay.js";
import { parseSerialUrl, SerialSource } from "./serial.js";
import type { Decision, QualityEvent, StreamQuality, TrackerOptions } from "./tracker.js";
import { parseUdpUrl, UdpSource } from "./udp.js";

export type { InputUnit } from "./decode.js";

/** What openSource needs besides the URL: the receiving handlers and the tracker limits. */
export interface SourceOptions extends TrackerOptions {
  limits?: FrameLimits;
  /** Serial CSV-line mode and CSV replay: how lines become samples (URL parameters override it). */
  csv?: CsvLineOptions;
  /** Delivered frames only, in delivery order. */
  onFrame: (frame: Frame, decision: Decision) => void;
  /** Called for each stream quality event (a gap, a duplicate, a reorder). */
  onEvent?: (event: QualityEvent) => void;
  /** MQTT broker and serial port outages. */
  onConnection?: (event: ConnectionEvent) => void;
  /** Every received unit, as received, before decoding (session recording). */
  onInput?: (unit: InputUnit) => void;
  /** Called with a transport fault (a broker or serial port error, an unreadable replay file); without it the fault is not reported. */
  onError?: (error: Error) => void;
}

/** An open source: its URL, stream quality and close(); a finite source (a replay) resolves `finished` when everything is delivered. */
export interface Source {
  readonly url: string;
  /** The stream quality so far: frames, gaps, duplicates, reorders, errors. */
  quality(): StreamQuality;
  /** Stops reading and releases the transport. */
  close(): Promise<void>;
  /** Finite sources (replay) resolve this when everything has been delivered; live sources never do. */
  readonly finished: Promise<void>;
  /** The replay of a session recording cut short: bytes of its torn last record that were dropped. */
  readonly truncatedBytes?: number;
}

/** The URL schemes openSource knows. */
export const SOURCE_SCHEMES = ["udp://", "mqtt://", "serial:", "replay:"] as const;

const never = new Promise<void>(() => {});

function wrap(url: string, inner: { quality(): StreamQuality; close(): Promise<void> }, finished: Promise<void> = never): Source {
  return { url, quality: () => inner.quality(), close: () => inner.close(), finished };
}

/**
 * Checks a source URL without opening anything; throws an InputError starting with the URL.
 * (Used for a configuration's located errors.)
 */
export function checkSourceUrl(url: string): void {
  try {
    if (url.startsWith("udp:")) parseUdpUrl(url);
    else if (url.startsWith("mqtt:")) {
      if (parseMqttUrl(url).topic === undefined) throw new Error(`${url}: no topic, expected mqtt://host:port/topic`);
    } else if (url.startsWith("serial:")) parseSerialUrl(url);
    else if (url.startsWith("replay:")) parseReplayUrl(url);
    else throw new Error(`${url}: unknown source, expected one of ${SOURCE_SCHEMES.map((s) => `${s}...`).join(", ")}`);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError((e as Error).message);
  }
}

/**
 * Opens the source a URL names. A bad URL or a bad CSV recording is an InputError (located: the URL,
 * or file:line); a transport that cannot start (port in use, no broker, no such device) rejects
 * with the transport's error.
 */
export async function openSource(url: string, options: SourceOptions): Promise<Source> {
  checkSourceUrl(url);
  if (url.startsWith("udp:")) {
    const { host, port } = parseUdpUrl(url);
    const { csv: _csv, ...rest } = options;
    void _csv;
    return wrap(url, await UdpSource.open({ ...rest, host, port }));
  }
  if (url.startsWith("mqtt:")) {
    const { csv: _csv, ...rest } = options;
    void _csv;
    return wrap(url, await MqttSource.open({ ...rest, url }));
  }
  if (url.startsWith("serial:")) return wrap(url, await SerialSource.open({ ...options, url }));
  let replay: ReplaySource;
  try {
    replay = await ReplaySource.open({ ...options, url });
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError((e as Error).message);
  }
  return { ...wrap(url, replay, replay.finished), truncatedBytes: replay.truncatedBytes };
}
