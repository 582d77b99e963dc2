// An in-memory oidc-provider adapter that keeps every entry until it expires.
//
// oidc-provider's default in-memory adapter is an LRU of 1,000 entries, so under load it
// drops used client assertion ids (ReplayDetection) long before their assertions expire,
// and a replay gets through. The sandbox keeps each id until the assertion's exp plus its
// clock skew, so the probe does the same. Expired entries are dropped in one sweep at most
// every 10 s, as the sandbox drops them.
//
// The probe serves client_credentials only, so nothing looks entries up by uid, user code or
// grant id; those methods find nothing.

const sweepIntervalMs = 10_000;
const stores = new Map();
let nextSweepAt = 0;

function sweepIfDue(now) {
  if (now < nextSweepAt) {
    return;
  }

  nextSweepAt = now + sweepIntervalMs;
  for (const entries of stores.values()) {
    for (const [id, entry] of entries) {
      if (entry.expiresAt <= now) {
        entries.delete(id);
      }
    }
  }
}

export default class MapAdapter {
  constructor(model) {
    if (!stores.has(model)) {
      stores.set(model, new Map());
    }

    this.entries = stores.get(model);
  }

  async upsert(id, payload, expiresIn) {
    const now = Date.now();
    sweepIfDue(now);
    const expiresAt = typeof expiresIn === 'number' ? now + expiresIn * 1000 : Infinity;
    this.entries.set(id, { payload, expiresAt });
  }

  async find(id) {
    const entry = this.entries.get(id);
    return entry && entry.expiresAt > Date.now() ? entry.payload : undefined;
  }

  async consume(id) {
    const entry = this.entries.get(id);
    if (entry) {
      entry.payload.consumed = Math.floor(Date.now() / 1000);
    }
  }

  async destroy(id) {
    this.entries.delete(id);
  }

  async findByUid() {
    return undefined;
  }

  async findByUserCode() {
    return undefined;
  }

  async revokeByGrantId() {}
}
