// Events of `twin serve`: the bus, its SSE / WebSocket / MQTT outlets, and the threshold rules.
export { EventBus, type EventBusOptions, type EventBusStats, type EventFilter, type EventHandler } from "./bus.js";
export { EVENT_TYPES, eventResource, isEventType, type DistributiveOmit, type EventNotice, type EventType, type NewEvent, type TwinEvent } from "./model.js";
export { EventPublisher, subscribeEvents, type EventPublisherOptions, type EventPublisherStats, type PublisherNotice, type ReceivedEvent, type SubscribeEventsOptions } from "./mqtt.js";
export { checkRules, partMatches, RuleEngine, RuleError, type EventRuleDef } from "./rules.js";
export { serveSse, type SseOptions } from "./sse.js";
export { attachStream, DropGate, parseLastEventId, type StreamOptions, type StreamWire } from "./stream.js";
export { encodeTopicName, eventTopic, ROOT_LEVEL } from "./topics.js";
export { serveWebSocket, type WebSocketStreamOptions } from "./ws.js";
