// Opens the sinks a runner configuration names. A sink that cannot open (a broker not there, a port
// taken, a directory not writable) is an error at start, located as sinks[i]; the ones already
// opened are closed again.
import { CsvSink } from "./csv.js";
import { FeedSink } from "./feed.js";
import { MqttRecordSink } from "./mqtt.js";
import { NdjsonSink } from "./ndjson.js";
import { checkSinkSpecs, errorText, SinkConfigError, type Sink, type SinkSpec } from "./sink.js";

export { CsvSink, csvField, csvRows, CSV_DEFAULT_TYPES } from "./csv.js";
export { FeedSink, loopbackOrigin, type FeedNotice, type FeedOptions } from "./feed.js";
export { MqttRecordSink, MQTT_DEFAULT_TYPES, MQTT_TOPICS, type DropNotice, type MqttRecordSinkOptions } from "./mqtt.js";
export { NdjsonError, NdjsonSink, readNdjson } from "./ndjson.js";
export { RotatingFile } from "./rotating.js";
export { checkSinkSpecs, SINK_SCHEMA, SinkConfigError, type Rotation, type Sink, type SinkSpec, type SinkStats, type SinkType } from "./sink.js";

export async function openSink(spec: SinkSpec): Promise<Sink> {
  switch (spec.type) {
    case "ndjson":
      return new NdjsonSink(spec);
    case "csv":
      return new CsvSink(spec);
    case "mqtt":
      return await MqttRecordSink.open(spec);
    case "feed":
      return await FeedSink.open(spec);
  }
}

export async function openSinks(specs: SinkSpec[], where = "sinks"): Promise<Sink[]> {
  checkSinkSpecs(specs, where);
  const open: Sink[] = [];
  for (let i = 0; i < specs.length; i++) {
    try {
      open.push(await openSink(specs[i]!));
    } catch (e) {
      await Promise.all(open.map((s) => s.close().catch(() => {})));
      throw new SinkConfigError(`${where}[${i}]`, `cannot open the ${specs[i]!.type} sink: ${errorText(e)}`);
    }
  }
  return open;
}

/** Writes one record to every sink. */
export function writeAll(sinks: readonly Sink[], r: Parameters<Sink["write"]>[0]): void {
  for (const s of sinks) s.write(r);
}

/** Closes every sink, even when one fails; rejects with the first failure. */
export async function closeAll(sinks: readonly Sink[]): Promise<void> {
  const results = await Promise.allSettled(sinks.map((s) => s.close()));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed !== undefined) throw failed.reason;
}
