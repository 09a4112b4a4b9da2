import type { Compilable, CompiledQuery } from 'kysely';
import type { Executor } from './index';

/** where a value of the arguments goes in a prepared query's parameters */
class Slot {
  constructor(readonly path: readonly (string | number)[]) {}
}

/**
 * A query built and compiled once per shape, then run with new values: building a query with
 * Kysely and compiling it to SQL took about a third of a list request's CPU (the API bench),
 * though a repository runs the same few shapes over and over.
 *
 * `build` is called with placeholders in place of the arguments' strings and numbers, so it must
 * pass them on to Kysely as values and never look inside them (no `page - 1`, no string building:
 * give those as arguments of their own). What the query's SQL depends on is its shape, and that
 * is taken from the arguments themselves: which ones are given (undefined, null), the length of
 * each list (`in (…)`), every boolean and each object's keys. A shape is compiled the first time
 * it is met; the SQL is the one `build` would give for the same arguments.
 */
export function prepared<A extends object, R>(
  build: (exec: Executor, args: A) => Compilable<R>,
): (exec: Executor, args: A) => Promise<R[]> {
  const compiled = new Map<string, CompiledQuery<R>>();
  return async (exec, args) => {
    // the SQL differs by dialect (placeholders, quoting); a transaction compiles as its database does
    const key = `${exec.getExecutor().adapter.constructor.name}|${shapeOf(args)}`;
    let query = compiled.get(key);
    if (!query) {
      query = build(exec, placeholders(args, []) as A).compile();
      if (compiled.size >= 200) compiled.delete(compiled.keys().next().value as string);
      compiled.set(key, query);
    }
    const parameters = query.parameters.map((p) => (p instanceof Slot ? valueAt(args, p.path) : p));
    return (await exec.executeQuery<R>({ ...query, parameters })).rows;
  };
}

// run on every call: one string built as it goes, no arrays in between
function shapeOf(value: unknown): string {
  if (value === undefined) return 'u';
  if (value === null) return 'n';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value !== 'object' || value instanceof Date) return 'v';
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    for (const v of value) out += `${shapeOf(v)},`;
    return `${out}]`;
  }
  out = '{';
  for (const k in value) out += `${k}:${shapeOf((value as Record<string, unknown>)[k])},`;
  return `${out}}`;
}

function placeholders(value: unknown, path: (string | number)[]): unknown {
  if (value === undefined || value === null || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((v, i) => placeholders(v, [...path, i]));
  if (typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, placeholders(v, [...path, k])]));
  }
  return new Slot(path);
}

function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let v = value;
  for (const step of path) v = (v as Record<string | number, unknown>)[step];
  return v;
}
