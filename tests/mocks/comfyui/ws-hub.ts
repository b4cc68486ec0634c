/**
 * The WebSocket side of `server.py`: `websocket_handler` (sid from `?clientId=`, the `status`
 * greeting with `sid`, the `feature_flags` handshake on the first text message) and `send_json` /
 * `send_bytes` routing (a sid gets its own events, `null` is a broadcast, an unknown sid gets
 * nothing, nothing is buffered). Every event the server emits is logged for tests and benchmarks.
 */
import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { isDict, pyJsonDumps, pyJsonLoads, toPlain } from './python-json.ts';

/** `protocol.py` `BinaryEventTypes`. */
export const BINARY_EVENT = { PREVIEW_IMAGE: 1, UNENCODED_PREVIEW_IMAGE: 2, TEXT: 3, PREVIEW_IMAGE_WITH_METADATA: 4 } as const;

/** One event the server emitted (a JSON message or a binary frame), before routing. */
export interface EmittedEvent {
  /** 1, 2, 3… in emission order. */
  seq: number;
  /** ms since epoch. */
  at: number;
  /** The JSON `type` (`progress`, `executing`…), or `PREVIEW_IMAGE` / `PREVIEW_IMAGE_WITH_METADATA` for binary frames. */
  type: string;
  /** The JSON `data` (plain copy); for binary frames, the metadata of type 4 or null. */
  data: unknown;
  /** Byte length of a binary frame. */
  bytes?: number;
  /** The sid it was addressed to; `null` is a broadcast. */
  sid: string | null;
  /** How many sockets it was written to (0: nobody was listening under that sid). */
  delivered: number;
}

/** One WebSocket connection the mock accepted. */
export interface WsConnectionRecord {
  /** The sid it got: its `clientId`, or a fresh `uuid4().hex`. */
  sid: string;
  /** `?clientId=` as sent (`''` when absent). */
  requestedClientId: string;
  connectedAt: number;
  closedAt?: number;
  /** `mock` when the mock dropped it (fault, `dropWebSockets`, `down`, `close`). */
  closedBy?: 'client' | 'mock';
  /** The `data` of its `feature_flags` message, if its first message was one. */
  featureFlags?: unknown;
  /** Text frames received from the client. */
  messagesReceived: number;
}

/** The mock-wide record of what every ComfyUI life emitted and who connected (kept across `down`/`up`). */
export class EventLog {
  readonly events: EmittedEvent[] = [];
  readonly connections: WsConnectionRecord[] = [];
  readonly counts = new Map<string, number>();
  /** Events emitted (each once, however many sockets got it). */
  eventsEmitted = 0;
  /** WebSocket frames written (an event to three sockets is three frames). */
  framesSent = 0;
  #seq = 0;

  add(fields: Omit<EmittedEvent, 'seq' | 'at'>): void {
    this.eventsEmitted++;
    this.counts.set(fields.type, (this.counts.get(fields.type) ?? 0) + 1);
    this.events.push({ seq: ++this.#seq, at: Date.now(), ...fields });
    if (this.events.length > MAX_LOGGED_EVENTS) this.events.splice(0, this.events.length - MAX_LOGGED_EVENTS);
  }

  clear(): void {
    this.events.length = 0;
    this.connections.length = 0;
    this.counts.clear();
    this.eventsEmitted = 0;
    this.framesSent = 0;
  }
}

interface HubOptions {
  log: EventLog;
  /** The server's feature flags (the handshake reply). */
  featureFlags: () => Record<string, unknown>;
  /** `{"exec_info": {"queue_remaining": n}}` for the greeting. */
  queueInfo: () => Record<string, unknown>;
  /** Called after the greeting: `server.py` re-sends `executing` to the running prompt's client. */
  onConnected: (sid: string) => void;
  /** Called whenever the logs change, so waiters re-check. */
  changed: () => void;
}

/** The events log keeps this many; counters keep counting. */
const MAX_LOGGED_EVENTS = 50_000;

export class WsHub {
  /** `server.sockets`: the socket each sid routes to. */
  readonly sockets = new Map<string, WebSocket>();
  /** `server.sockets_metadata`. */
  readonly metadata = new Map<string, { feature_flags: unknown }>();
  readonly #open = new Map<WebSocket, WsConnectionRecord>();
  readonly #droppedByMock = new WeakSet<WebSocket>();

  constructor(private readonly options: HubOptions) {}

  /** `websocket_handler` for an upgraded socket. */
  accept(ws: WebSocket, requestedClientId: string): void {
    let sid = requestedClientId;
    // Reusing a clientId takes the route from the old socket; the old one stays open, unrouted.
    if (sid) this.sockets.delete(sid);
    else sid = randomUUID().replaceAll('-', '');
    this.sockets.set(sid, ws);
    this.metadata.set(sid, { feature_flags: new Map() });
    const record: WsConnectionRecord = { sid, requestedClientId, connectedAt: Date.now(), messagesReceived: 0 };
    this.options.log.connections.push(record);
    this.#open.set(ws, record);

    let firstMessage = true;
    ws.on('message', (raw, isBinary) => {
      if (isBinary) return;
      record.messagesReceived++;
      let data;
      try {
        data = pyJsonLoads(raw.toString());
      } catch {
        return; // logged as invalid JSON by server.py; the next message may still be the handshake
      }
      if (!isDict(data)) return; // data.get raises AttributeError, caught; first_message stays True
      if (firstMessage && data.get('type') === 'feature_flags') {
        const flags = data.has('data') ? data.get('data')! : new Map();
        const metadata = this.metadata.get(sid);
        if (metadata) metadata.feature_flags = flags;
        record.featureFlags = toPlain(flags);
        this.sendJson('feature_flags', this.options.featureFlags(), sid);
      }
      firstMessage = false;
      this.options.changed();
    });
    ws.on('close', () => {
      record.closedAt = Date.now();
      record.closedBy ??= this.#droppedByMock.has(ws) ? 'mock' : 'client';
      this.#open.delete(ws);
      // server.py's `finally` pops by sid, even when a newer socket has taken that sid since.
      this.sockets.delete(sid);
      this.metadata.delete(sid);
      this.options.changed();
    });
    ws.on('error', () => {});

    this.sendJson('status', { status: this.options.queueInfo(), sid }, sid);
    this.options.onConnected(sid);
    this.options.changed();
  }

  /** `feature_flags.supports_feature`: the flag must be exactly `true`. */
  supportsFeature(sid: string | null, name: string): boolean {
    if (sid === null) return false;
    const flags = this.metadata.get(sid)?.feature_flags;
    return isDict(flags) && flags.get(name) === true;
  }

  /** `send_json(event, data, sid)`. */
  sendJson(event: string, data: unknown, sid: string | null): void {
    const text = pyJsonDumps({ type: event, data });
    const delivered = this.#deliver(sid, (ws) => ws.send(text));
    this.#log({ type: event, data: toPlain(data), sid, delivered });
  }

  /** `send_bytes(event, data, sid)`: `[u32 event][payload]`. */
  sendBytes(event: number, payload: Buffer, sid: string | null, metadata: unknown = null): void {
    const header = Buffer.alloc(4);
    header.writeUInt32BE(event);
    const frame = Buffer.concat([header, payload]);
    const delivered = this.#deliver(sid, (ws) => ws.send(frame));
    const type = event === BINARY_EVENT.PREVIEW_IMAGE_WITH_METADATA ? 'PREVIEW_IMAGE_WITH_METADATA' : event === BINARY_EVENT.TEXT ? 'TEXT' : 'PREVIEW_IMAGE';
    this.#log({ type, data: metadata, bytes: frame.length, sid, delivered });
  }

  /** Resets (TCP, no close frame) the sockets routed to `sid`, or every open socket; returns how many. */
  drop(sid: string | null): number {
    const targets = sid === null ? [...this.#open.keys()] : [...this.#open].filter(([, record]) => record.sid === sid).map(([ws]) => ws);
    for (const ws of targets) {
      this.#droppedByMock.add(ws);
      const record = this.#open.get(ws);
      if (record) record.closedBy = 'mock';
      ws.terminate();
    }
    return targets.length;
  }

  #deliver(sid: string | null, write: (ws: WebSocket) => void): number {
    const targets = sid === null ? [...this.sockets.values()] : this.sockets.has(sid) ? [this.sockets.get(sid)!] : [];
    let delivered = 0;
    for (const ws of targets) {
      if (ws.readyState !== ws.OPEN) continue; // aiohttp logs the send error and goes on
      write(ws);
      delivered++;
    }
    this.options.log.framesSent += delivered;
    return delivered;
  }

  #log(fields: Omit<EmittedEvent, 'seq' | 'at'>): void {
    this.options.log.add(fields);
    this.options.changed();
  }
}
