// Session tokens are stored as their SHA-256: someone who reads the session table (a backup, an
// injection elsewhere) holds nothing that works as a cookie. better-auth has no such option for
// sessions, so this wraps its database adapter: for the "session" model the token is hashed in
// what is written and in every where clause, and records read back carry the raw token again when
// the caller supplied it (createSession's result is what the cookie is signed from; findSession's
// is what updateSession is later called with). A record found without its raw token (a user's
// session list) keeps the hash.
import "server-only";
import crypto from "node:crypto";
import type { prismaAdapter } from "better-auth/adapters/prisma";

type AdapterFactory = ReturnType<typeof prismaAdapter>;
type Adapter = ReturnType<AdapterFactory>;
type Where = { field: string; value: unknown; operator?: string };
type Row = Record<string, unknown>;

export function hashSessionToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

const isSession = (model: string) => model.toLowerCase() === "session";

/** Hashes token values in where clauses; remembers hash → raw to restore results. */
function hashWhere(where: Where[] | undefined, rawByHash: Map<string, string>): Where[] | undefined {
  return where?.map((clause) => {
    if (clause.field !== "token") return clause;
    const operator = clause.operator ?? "eq";
    const hashOne = (value: unknown) => {
      if (typeof value !== "string") throw new Error("A session token in a where clause must be a string.");
      const hashed = hashSessionToken(value);
      rawByHash.set(hashed, value);
      return hashed;
    };
    if (operator === "eq" || operator === "ne") return { ...clause, value: hashOne(clause.value) };
    if ((operator === "in" || operator === "not_in") && Array.isArray(clause.value)) {
      return { ...clause, value: clause.value.map(hashOne) };
    }
    // A partial match cannot work on a hash; fail loudly rather than match nothing in silence.
    throw new Error(`Session tokens are stored hashed and cannot be matched with "${operator}".`);
  });
}

function restore<T>(record: T, rawByHash: Map<string, string>): T {
  if (!record || typeof record !== "object") return record;
  const token = (record as Row).token;
  if (typeof token !== "string") return record;
  const raw = rawByHash.get(token);
  return raw === undefined ? record : ({ ...record, token: raw } as T);
}

function hashTokenField(data: Row, rawByHash: Map<string, string>): Row {
  if (typeof data.token !== "string") return data;
  const hashed = hashSessionToken(data.token);
  rawByHash.set(hashed, data.token);
  return { ...data, token: hashed };
}

function wrap<A extends Omit<Adapter, "transaction">>(adapter: A): A {
  const wrapped: Omit<Adapter, "transaction"> = {
    ...adapter,
    create: async (input) => {
      if (!isSession(input.model)) return adapter.create(input);
      const rawByHash = new Map<string, string>();
      const data = hashTokenField(input.data as Row, rawByHash);
      return restore(await adapter.create({ ...input, data: data as typeof input.data }), rawByHash);
    },
    findOne: async (input) => {
      if (!isSession(input.model)) return adapter.findOne(input);
      const rawByHash = new Map<string, string>();
      const where = hashWhere(input.where, rawByHash) ?? [];
      return restore(await adapter.findOne({ ...input, where: where as typeof input.where }), rawByHash);
    },
    findMany: async (input) => {
      if (!isSession(input.model)) return adapter.findMany(input);
      const rawByHash = new Map<string, string>();
      const where = hashWhere(input.where, rawByHash);
      const rows = await adapter.findMany({ ...input, where: where as typeof input.where });
      return rows.map((row) => restore(row, rawByHash));
    },
    update: async (input) => {
      if (!isSession(input.model)) return adapter.update(input);
      const rawByHash = new Map<string, string>();
      const where = hashWhere(input.where, rawByHash) ?? [];
      const update = hashTokenField(input.update, rawByHash);
      return restore(await adapter.update({ ...input, where: where as typeof input.where, update }), rawByHash);
    },
    updateMany: async (input) => {
      if (!isSession(input.model)) return adapter.updateMany(input);
      const rawByHash = new Map<string, string>();
      const where = hashWhere(input.where, rawByHash) ?? [];
      return adapter.updateMany({
        ...input,
        where: where as typeof input.where,
        update: hashTokenField(input.update, rawByHash),
      });
    },
    consumeOne: async (input) => {
      if (!isSession(input.model)) return adapter.consumeOne(input);
      const rawByHash = new Map<string, string>();
      const where = hashWhere(input.where, rawByHash) ?? [];
      return restore(await adapter.consumeOne({ ...input, where: where as typeof input.where }), rawByHash);
    },
    incrementOne: async (input) => {
      if (!isSession(input.model)) return adapter.incrementOne(input);
      const rawByHash = new Map<string, string>();
      const where = hashWhere(input.where, rawByHash) ?? [];
      return restore(await adapter.incrementOne({ ...input, where: where as typeof input.where }), rawByHash);
    },
    delete: async (input) => {
      if (!isSession(input.model)) return adapter.delete(input);
      const where = hashWhere(input.where, new Map()) ?? [];
      return adapter.delete({ ...input, where: where as typeof input.where });
    },
    deleteMany: async (input) => {
      if (!isSession(input.model)) return adapter.deleteMany(input);
      const where = hashWhere(input.where, new Map()) ?? [];
      return adapter.deleteMany({ ...input, where: where as typeof input.where });
    },
    count: async (input) => {
      if (!isSession(input.model)) return adapter.count(input);
      const where = hashWhere(input.where, new Map());
      return adapter.count({ ...input, where: where as typeof input.where });
    },
  };
  return wrapped as A;
}

/** The adapter factory for betterAuth({ database }) with session tokens stored hashed. */
export function withHashedSessionTokens(factory: AdapterFactory): AdapterFactory {
  return (options) => {
    const adapter = factory(options);
    return {
      ...wrap(adapter),
      // Inside a transaction better-auth uses the adapter it is handed: wrap that one too.
      transaction: (callback) => adapter.transaction((inner) => callback(wrap(inner))),
    };
  };
}
