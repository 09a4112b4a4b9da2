import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Actor } from '../access/actor';
import type { EventBus } from './bus';

/**
 * The live hub: one shared state per topic per event, each subscriber's view derived from it in
 * memory. A module registers a topic kind; routes open streams on it (see `http/live.ts`).
 *
 * - `load(key)` runs once per event on the kind's bus topic, whatever the number of subscribers;
 *   several events in one tick (or during a load) make one more load, never one each.
 * - `authorize(actor, key)` checks scope when a stream opens and again whenever the bus says the
 *   actor's sessions or grants changed; a refusal, or a session gone, closes the stream.
 * - `view(state, viewer)` is computed once per distinct `viewKey(viewer)`; subscribers sharing a
 *   viewer share its serialised frames. A view returned as the same object as for the state
 *   before sends nothing; a top-level field that is the same object keeps its JSON (so a kind
 *   that reuses what did not change is spared the serialising; views must not be mutated).
 * - Frames carry ids `<hub epoch>.<seq>`; a per-topic ring of recent states replays what a
 *   reconnecting client missed (`Last-Event-ID`), or a full snapshot when that is too old or
 *   comes from another process.
 * - Events reach every process through the bus (PostgreSQL LISTEN/NOTIFY), so each process's hub
 *   loads and fans out to its own subscribers.
 */
export interface LiveTopicKind<State, Viewer, View extends object> {
  /** unique name, e.g. `care.campaign` */
  name: string;
  /** the bus topic whose events change the state of topic `key` */
  busTopic(key: string): string;
  /** what `actor` may see of topic `key`; throws (not found / forbidden) when nothing */
  authorize(actor: Actor, key: string): Promise<Viewer>;
  /** viewers with the same key see the same view */
  viewKey(viewer: Viewer): string;
  /** the shared state, read once per event */
  load(key: string): Promise<State>;
  /** one viewer's part of the state: pure, in memory; never changed once returned (the hub may keep it and compare by identity) */
  view(state: State, viewer: Viewer): View;
}

/** where frames go: a `ServerResponse` fits */
export interface LiveSink {
  write(chunk: string): unknown;
  end(): unknown;
  destroy(): unknown;
  readonly writableLength: number;
  readonly destroyed: boolean;
  on(event: 'close', listener: () => void): unknown;
}

export type CloseReason = 'signed_out' | 'forbidden' | 'shutdown' | 'link_gone';

const CLOSE_MESSAGES: Record<CloseReason, string> = {
  signed_out: '登录已失效，请重新登录',
  forbidden: '权限已变更，无法继续查看',
  shutdown: '服务器正在重启，请稍后刷新',
  link_gone: '此链接已失效（已过期或已收回），如有疑问请联系工作人员',
};

/**
 * Publish `{ accountId }` on this bus topic when something other than a session stands behind
 * streams and has changed (a module's personal link revoked, say): every stream of that actor
 * asks its `reauth` again at once, in every process, and ends when the answer is null.
 */
export const LIVE_SUBJECT_CHANGED = 'live.subject_changed';

export interface LiveOpenOptions {
  /** what the stream's end says when `reauth` answers null (default: the session ended) */
  goneReason?: CloseReason;
}

export interface LiveHubOptions {
  heartbeatMs?: number;
  /** how many recent states a topic keeps for replay */
  ringSize?: number;
  /** how long a topic keeps loading after its last subscriber left (so a reconnect replays) */
  lingerMs?: number;
  /** a client whose unsent output exceeds this is cut off; it reconnects and replays */
  maxBufferedBytes?: number;
}

// biome-ignore lint/suspicious/noExplicitAny: the hub holds kinds of every state, viewer and view type
type AnyKind = LiveTopicKind<any, any, any>;

interface Group {
  key: string;
  viewer: unknown;
  /** the view at `seq`, and each of its top-level fields serialised */
  view: object | null;
  parts: Map<string, string> | null;
  subs: Set<Subscriber>;
}

interface Subscriber {
  sink: LiveSink;
  topic: Topic;
  group: Group;
  actor: Actor;
  reauth: () => Promise<Actor | null>;
  goneReason: CloseReason;
  closed: boolean;
  checking: boolean;
  /** a re-check asked for while one was under way (its answer may predate the change) */
  again: boolean;
}

interface Topic {
  id: string;
  kind: AnyKind;
  key: string;
  seq: number;
  state: unknown;
  hasState: boolean;
  ring: { seq: number; state: unknown }[];
  groups: Map<string, Group>;
  subs: Set<Subscriber>;
  off: () => void;
  loading: Promise<void> | null;
  dirty: boolean;
  scheduled: boolean;
  loads: number;
  lastUsed: number;
  /** replay frames for `${viewKey}|${fromSeq}`, valid until the next state */
  replays: Map<string, string>;
}

export interface LiveOpen {
  /** starts the stream on `sink`: the missed frames since `lastEventId`, or a snapshot */
  attach(sink: LiveSink, lastEventId?: string | null): void;
}

export interface LiveStats {
  loads: number;
  seq: number;
  subscribers: number;
  views: number;
}

/**
 * Each top-level field of `view` as JSON. A field that is the same value (the same object) as in
 * `before` keeps `before`'s JSON: a kind that returns unchanged parts of its views as the same
 * objects (views are never changed once returned) spares the hub serialising them again.
 */
function serialiseView(view: object, before?: { view: object; parts: Map<string, string> }): Map<string, string> {
  const parts = new Map<string, string>();
  const was = before?.view as Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(view)) {
    const kept = was && was[k] === v ? before?.parts.get(k) : undefined;
    const json = kept ?? JSON.stringify(v);
    if (json !== undefined) parts.set(k, json);
  }
  return parts;
}

const objectOf = (parts: Map<string, string>, keys: Iterable<string>) => {
  let out = '';
  for (const k of keys) out += `${out ? ',' : ''}${JSON.stringify(k)}:${parts.get(k)}`;
  return `{${out}}`;
};

export class LiveHub {
  /** distinguishes this process's ids from another's (and from before a restart) */
  readonly epoch = randomBytes(4).toString('hex');
  private readonly kinds = new Map<string, AnyKind>();
  private readonly topics = new Map<string, Topic>();
  private heartbeat: NodeJS.Timeout | null = null;
  private sessionLoader: ((token: string) => Promise<Actor | null>) | null = null;
  private offSessions: (() => void) | null = null;
  private readonly offSubjects: () => void;
  private readonly heartbeatMs: number;
  private readonly ringSize: number;
  private readonly lingerMs: number;
  private readonly maxBuffered: number;

  constructor(
    private readonly bus: EventBus,
    private readonly log: FastifyBaseLogger,
    opts: LiveHubOptions = {},
  ) {
    this.heartbeatMs = opts.heartbeatMs ?? 15_000;
    this.ringSize = opts.ringSize ?? 256;
    this.lingerMs = opts.lingerMs ?? 60_000;
    this.maxBuffered = opts.maxBufferedBytes ?? 1 << 20;
    this.offSubjects = this.bus.subscribe(LIVE_SUBJECT_CHANGED, (e) => {
      const accountId = e.data.accountId;
      if (typeof accountId === 'string') setImmediate(() => this.recheck(accountId));
    });
  }

  register<S, V, W extends object>(kind: LiveTopicKind<S, V, W>): void {
    if (this.kinds.has(kind.name)) throw new Error(`live topic kind ${kind.name} registered twice`);
    this.kinds.set(kind.name, kind);
  }

  /**
   * Re-checks subscribers whenever `topic` is published on the bus with `{ accountId }` (null:
   * everyone): `load(token)` gives the session's current actor, or null when it ended.
   */
  watchSessions(topic: string, load: (token: string) => Promise<Actor | null>): void {
    this.sessionLoader = load;
    this.offSessions?.();
    this.offSessions = this.bus.subscribe(topic, (e) => {
      const accountId = (e.data.accountId as string | null | undefined) ?? null;
      // after the other listeners of the same event (the session cache drops its entries first)
      setImmediate(() => this.recheck(accountId));
    });
  }

  /** the actor of a session token now, or null; for route helpers building `reauth` */
  async sessionActor(token: string): Promise<Actor | null> {
    return this.sessionLoader ? this.sessionLoader(token) : null;
  }

  /**
   * Checks that `actor` may watch topic `key` of `kindName` and readies its state; throws what
   * `authorize` throws. Call `attach` on the result right away (no await in between).
   */
  async open(
    kindName: string,
    key: string,
    actor: Actor,
    reauth: () => Promise<Actor | null>,
    opts: LiveOpenOptions = {},
  ): Promise<LiveOpen> {
    const kind = this.kind(kindName);
    const viewer = await kind.authorize(actor, key);
    const topic = this.topic(kind, key);
    await this.ready(topic);
    return {
      attach: (sink, lastEventId) => {
        // gone while its state was being read: its 'close' has passed already
        if (sink.destroyed) return;
        const group = this.group(topic, kind.viewKey(viewer), viewer);
        const goneReason = opts.goneReason ?? 'signed_out';
        const sub: Subscriber = { sink, topic, group, actor, reauth, goneReason, closed: false, checking: false, again: false };
        topic.subs.add(sub);
        group.subs.add(sub);
        topic.lastUsed = Date.now();
        sink.on('close', () => this.drop(sub));
        this.startHeartbeat();
        sink.write('retry: 3000\n\n');
        const missed = this.replay(topic, group, lastEventId);
        this.send(sub, missed ?? this.snapshotFrame(topic, group));
      },
    };
  }

  /** For clients without SSE: the actor's current view and the id it stands at. */
  async current(kindName: string, key: string, actor: Actor): Promise<{ lastEventId: string; view: object }> {
    const kind = this.kind(kindName);
    const viewer = await kind.authorize(actor, key);
    const topic = this.topic(kind, key);
    await this.ready(topic);
    // a load in flight holds an event this caller may have caused: answer with its state
    while (topic.loading) await topic.loading;
    topic.lastUsed = Date.now();
    this.startHeartbeat();
    return { lastEventId: this.idOf(topic.seq), view: kind.view(topic.state, viewer) };
  }

  stats(kindName: string, key: string): LiveStats | null {
    const t = this.topics.get(`${kindName}:${key}`);
    return t ? { loads: t.loads, seq: t.seq, subscribers: t.subs.size, views: t.groups.size } : null;
  }

  /** ends every stream (before the server closes: open streams would keep it waiting) */
  stop(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.offSessions?.();
    this.offSessions = null;
    this.offSubjects();
    for (const topic of [...this.topics.values()]) {
      for (const sub of [...topic.subs]) this.close(sub, 'shutdown');
      topic.off();
    }
    this.topics.clear();
  }

  // ---- topics and their state ---------------------------------------------------------------

  private kind(name: string): AnyKind {
    const kind = this.kinds.get(name);
    if (!kind) throw new Error(`no live topic kind ${name}`);
    return kind;
  }

  private topic(kind: AnyKind, key: string): Topic {
    const id = `${kind.name}:${key}`;
    let topic = this.topics.get(id);
    if (topic) return topic;
    const t: Topic = {
      id,
      kind,
      key,
      seq: 0,
      state: undefined,
      hasState: false,
      ring: [],
      groups: new Map(),
      subs: new Set(),
      off: () => {},
      loading: null,
      dirty: false,
      scheduled: false,
      loads: 0,
      lastUsed: Date.now(),
      replays: new Map(),
    };
    t.off = this.bus.subscribe(kind.busTopic(key), () => this.schedule(t));
    topic = t;
    this.topics.set(id, topic);
    return topic;
  }

  private async ready(topic: Topic): Promise<void> {
    if (!topic.hasState && !topic.loading) this.run(topic);
    while (!topic.hasState) {
      if (!topic.loading) throw new Error(`live topic ${topic.id} could not be loaded`);
      await topic.loading;
    }
  }

  /** coalesces a burst: one load for every event of this tick */
  private schedule(topic: Topic): void {
    if (topic.scheduled) return;
    topic.scheduled = true;
    setImmediate(() => {
      topic.scheduled = false;
      this.run(topic);
    });
  }

  private run(topic: Topic): void {
    if (topic.loading) {
      // an event during a load: the state read may predate it, so read once more afterwards
      topic.dirty = true;
      return;
    }
    topic.loading = (async () => {
      do {
        topic.dirty = false;
        topic.loads++;
        try {
          const state = await topic.kind.load(topic.key);
          if (this.topics.get(topic.id) !== topic) return;
          this.publish(topic, state);
        } catch (err) {
          this.log.error({ err, topic: topic.id }, 'live topic load failed');
          if (!topic.hasState) return;
        }
      } while (topic.dirty);
    })().finally(() => {
      topic.loading = null;
    });
  }

  private publish(topic: Topic, state: unknown): void {
    topic.seq++;
    topic.state = state;
    topic.hasState = true;
    topic.ring.push({ seq: topic.seq, state });
    if (topic.ring.length > this.ringSize) topic.ring.shift();
    topic.replays.clear();
    const id = this.idOf(topic.seq);
    // groups whose views changed alike share one frame (written as one flat string)
    const frames = new Map<string, string>();
    for (const group of topic.groups.values()) {
      const view = topic.kind.view(state, group.viewer);
      // the very same view object: nothing to say
      if (view === group.view) continue;
      const frame = advance(group, view, id, frames);
      if (frame) for (const sub of group.subs) this.send(sub, frame);
    }
  }

  private group(topic: Topic, key: string, viewer: unknown): Group {
    let group = topic.groups.get(key);
    if (!group) {
      const view = topic.kind.view(topic.state, viewer);
      group = { key, viewer, view, parts: serialiseView(view), subs: new Set() };
      topic.groups.set(key, group);
    }
    return group;
  }

  private snapshotFrame(topic: Topic, group: Group): string {
    if (!group.parts) {
      const view: object = topic.kind.view(topic.state, group.viewer);
      group.view = view;
      group.parts = serialiseView(view);
    }
    return snapshotFrame(this.idOf(topic.seq), group.parts);
  }

  /** frames a client at `lastEventId` missed ('' when none), or null when only a snapshot will do */
  private replay(topic: Topic, group: Group, lastEventId: string | null | undefined): string | null {
    if (!lastEventId) return null;
    const [epoch, seqText] = lastEventId.split('.');
    const from = Number(seqText);
    if (epoch !== this.epoch || !Number.isInteger(from) || from > topic.seq) return null;
    if (from === topic.seq) return '';
    const start = topic.ring.findIndex((r) => r.seq === from);
    if (start < 0) return null;
    const cacheKey = `${group.key}|${from}`;
    const cached = topic.replays.get(cacheKey);
    if (cached !== undefined) return cached;
    let view: object = topic.kind.view(topic.ring[start]?.state, group.viewer);
    let prev = serialiseView(view);
    let out = '';
    for (const r of topic.ring.slice(start + 1)) {
      const nextView: object = topic.kind.view(r.state, group.viewer);
      if (nextView === view) continue;
      const next = serialiseView(nextView, { view, parts: prev });
      out += deltaFrame(this.idOf(r.seq), prev, next) ?? '';
      view = nextView;
      prev = next;
    }
    topic.replays.set(cacheKey, out);
    return out;
  }

  private idOf(seq: number): string {
    return `${this.epoch}.${seq}`;
  }

  // ---- subscribers --------------------------------------------------------------------------

  private send(sub: Subscriber, frame: string): void {
    if (sub.closed || !frame) return;
    if (sub.sink.writableLength > this.maxBuffered) {
      // far behind: cut it off; it reconnects and replays from its last id
      sub.sink.destroy();
      this.drop(sub);
      return;
    }
    sub.sink.write(frame);
  }

  private drop(sub: Subscriber): void {
    if (sub.closed) return;
    sub.closed = true;
    sub.topic.subs.delete(sub);
    sub.group.subs.delete(sub);
    if (sub.group.subs.size === 0) sub.topic.groups.delete(sub.group.key);
    sub.topic.lastUsed = Date.now();
  }

  private close(sub: Subscriber, reason: CloseReason): void {
    if (sub.closed) return;
    sub.sink.write(`event: end\ndata: ${JSON.stringify({ reason, message: CLOSE_MESSAGES[reason] })}\n\n`);
    this.drop(sub);
    sub.sink.end();
  }

  private recheck(accountId: string | null): void {
    for (const topic of this.topics.values()) {
      for (const sub of topic.subs) {
        if (accountId === null || sub.actor.accountId === accountId) void this.recheckOne(sub);
      }
    }
  }

  private async recheckOne(sub: Subscriber): Promise<void> {
    if (sub.checking) {
      sub.again = true;
      return;
    }
    sub.checking = true;
    const { topic } = sub;
    try {
      let actor: Actor | null;
      try {
        actor = await sub.reauth();
      } catch (err) {
        // the route's permission is gone; anything else (the database away): drop it, the client reconnects
        if ((err as { statusCode?: number; status?: number }).status === 403) return this.close(sub, 'forbidden');
        throw err;
      }
      if (!actor) return this.close(sub, sub.goneReason);
      let viewer: unknown;
      try {
        viewer = await topic.kind.authorize(actor, topic.key);
      } catch {
        return this.close(sub, 'forbidden');
      }
      if (sub.closed) return;
      sub.actor = actor;
      const key = topic.kind.viewKey(viewer);
      if (key === sub.group.key) return;
      // the scope changed: move to the view of the new grants and start over from a snapshot
      sub.group.subs.delete(sub);
      if (sub.group.subs.size === 0) topic.groups.delete(sub.group.key);
      sub.group = this.group(topic, key, viewer);
      sub.group.subs.add(sub);
      this.send(sub, this.snapshotFrame(topic, sub.group));
    } catch (err) {
      this.log.warn({ err, topic: topic.id }, 'live subscriber re-check failed');
      sub.sink.destroy();
      this.drop(sub);
    } finally {
      sub.checking = false;
      this.checkAgain(sub);
    }
  }

  private checkAgain(sub: Subscriber): void {
    if (!sub.again || sub.closed) return;
    sub.again = false;
    void this.recheckOne(sub);
  }

  /**
   * A session that ends by its idle or absolute timeout sends no event: each heartbeat asks again
   * (from the session cache, without counting as activity) and ends the stream of one that is gone.
   */
  private async stillSignedIn(sub: Subscriber): Promise<void> {
    if (sub.checking || sub.closed) return;
    sub.checking = true;
    try {
      if (!(await sub.reauth())) this.close(sub, sub.goneReason);
    } catch (err) {
      if ((err as { status?: number }).status === 403) this.close(sub, 'forbidden');
      // anything else (the database away for a moment): keep the stream, ask again next beat
    } finally {
      sub.checking = false;
      this.checkAgain(sub);
    }
  }

  private startHeartbeat(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => this.beat(), this.heartbeatMs);
    this.heartbeat.unref();
  }

  private beat(): void {
    const now = Date.now();
    for (const topic of [...this.topics.values()]) {
      for (const sub of topic.subs) {
        this.send(sub, ': keep-alive\n\n');
        void this.stillSignedIn(sub);
      }
      if (topic.subs.size === 0 && now - topic.lastUsed > this.lingerMs && !topic.loading) {
        topic.off();
        this.topics.delete(topic.id);
      }
    }
    if (this.topics.size === 0 && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
  }
}

const keyJson = new Map<string, string>();
const jsonKey = (k: string) => {
  let j = keyJson.get(k);
  if (j === undefined) {
    j = JSON.stringify(k);
    if (keyJson.size < 1000) keyJson.set(k, j);
  }
  return j;
};

/**
 * Moves `group` on to `view` and gives the frame that says so: the fields that changed (a field
 * that is the same object as before is not even serialised), a snapshot when a field went away,
 * null when nothing changed. The group's parts are updated in place (no copy per subscriber group).
 */
function advance(group: Group, view: object, id: string, frames: Map<string, string>): string | null {
  const was = group.view as Record<string, unknown> | null;
  const parts = group.parts;
  group.view = view;
  if (!was || !parts) {
    group.parts = serialiseView(view);
    return snapshotFrame(id, group.parts);
  }
  const fields = view as Record<string, unknown>;
  let data = '';
  let present = 0;
  let gone = false;
  for (const k in fields) {
    const v = fields[k];
    if (was[k] === v && parts.has(k)) {
      present++;
      continue;
    }
    const json = JSON.stringify(v);
    if (json === undefined) {
      gone ||= parts.delete(k);
      continue;
    }
    present++;
    if (parts.get(k) === json) continue;
    parts.set(k, json);
    data += `${data ? ',' : ''}${jsonKey(k)}:${json}`;
  }
  // a field went away: only a snapshot says so
  if (gone || present !== parts.size) {
    group.parts = serialiseView(view);
    return snapshotFrame(id, group.parts);
  }
  if (!data) return null;
  let frame = frames.get(data);
  if (frame === undefined) {
    frame = `id: ${id}\nevent: delta\ndata: {${data}}\n\n`;
    frames.set(data, frame);
  }
  return frame;
}

function snapshotFrame(id: string, parts: Map<string, string>): string {
  return `id: ${id}\nevent: snapshot\ndata: ${objectOf(parts, parts.keys())}\n\n`;
}

/** the fields that changed (a client merges them into its view); a snapshot when a field went away; null when nothing changed */
function deltaFrame(id: string, prev: Map<string, string>, next: Map<string, string>): string | null {
  const changed: string[] = [];
  for (const [k, v] of next) if (prev.get(k) !== v) changed.push(k);
  for (const k of prev.keys()) if (!next.has(k)) return snapshotFrame(id, next);
  if (changed.length === 0) return null;
  return `id: ${id}\nevent: delta\ndata: ${objectOf(next, changed)}\n\n`;
}
