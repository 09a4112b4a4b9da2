import type { Tokenize } from './types';

/** Words that say nothing about fit in a job text (they appear in almost every description). */
const STOP_WORDS = new Set(
  '熟练掌握 负责 优先 经验 工作 相关 熟悉 熟练 能力 具有 以上 要求 公司 提供 进行 完成 协助 一定 良好 使用 掌握 能够 可以 以及 或者 我们 岗位 职位 需要 主要 日常 包括 人员 者 有 的 和 与 及 等 可 会 能 做 过 一点 基础 一年 两年 之前 多年 接受 欢迎 加 我 在 了 是 为 对 从 并 到 或 需 持 做好 配合 其他'.split(
    ' ',
  ),
);

const HAN = /\p{Script=Han}/u;
const WORDISH = /^[\p{Script=Han}a-z0-9+#.]+$/u;

/** The words of a text that carry meaning: normalised, without stop words, single Han characters or bare numbers. */
export function terms(tokenize: Tokenize, text: string | null | undefined): string[] {
  const t = (text ?? '').normalize('NFKC');
  if (!t.trim()) return [];
  const out: string[] = [];
  for (const raw of tokenize(t)) {
    const w = raw.trim().toLowerCase();
    if (!w || !WORDISH.test(w) || STOP_WORDS.has(w)) continue;
    if (/^[0-9.]+$/.test(w)) continue;
    if (HAN.test(w) ? [...w].length < 2 : w.length < 2) continue;
    out.push(w);
  }
  return out;
}

/** The character bigrams of a name, sorted (a single character is its own gram). */
export function bigramsOf(s: string | null | undefined): string[] {
  const chars = [...(s ?? '').normalize('NFKC').toLowerCase().replace(/\s+/g, '')];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
  return out.sort();
}

/** Dice coefficient of two sorted gram lists (counted as multisets), without allocating. */
export function diceSorted(x: string[], y: string[]): number {
  if (!x.length || !y.length) return 0;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < x.length && j < y.length) {
    const a = x[i] as string;
    const b = y[j] as string;
    if (a === b) {
      common++;
      i++;
      j++;
    } else if (a < b) i++;
    else j++;
  }
  return (2 * common) / (x.length + y.length);
}

/** Character-bigram Dice coefficient in [0,1]: how alike two short names are (「写代码」 vs 「代码开发」). */
export function nameSimilarity(a: string | null | undefined, b: string | null | undefined): number {
  return diceSorted(bigramsOf(a), bigramsOf(b));
}

/** A query against the corpus: its known terms (first-appearance order), their idf and the idf sum. */
export interface Bm25Query {
  terms: Int32Array;
  idf: Float64Array;
  /** Σ idf over the query's known terms; 0 when none is known */
  norm: number;
}

/**
 * Okapi BM25 over a fixed set of documents (the positions' texts). A query's similarity to a document
 * is Σ idf(t)·tf-part(t, d) over the query's terms divided by Σ idf(t): with a term met once in a
 * document of average length the tf-part is 1, so the value reads as "the share of the seeker's
 * (idf-weighted) words the position text contains"; it is capped at 1. Terms no document has do not
 * count, so a long profile is not punished for words no employer uses.
 */
export class Bm25 {
  readonly termIds = new Map<string, number>();
  private readonly display: string[] = [];
  private readonly df: number[] = [];
  private readonly docWeights: Map<number, number>[] = [];
  private postingsDocs: Int32Array[] = [];
  private postingsW: Float64Array[] = [];
  private idfs: Float64Array = new Float64Array(0);

  constructor(
    docs: string[][],
    readonly k1 = 1.2,
    readonly b = 0.75,
  ) {
    const tfs: Map<number, number>[] = [];
    let total = 0;
    for (const doc of docs) {
      const tf = new Map<number, number>();
      for (const w of doc) {
        let id = this.termIds.get(w);
        if (id === undefined) {
          id = this.display.length;
          this.termIds.set(w, id);
          this.display.push(w);
          this.df.push(0);
        }
        tf.set(id, (tf.get(id) ?? 0) + 1);
      }
      for (const id of tf.keys()) this.df[id] = (this.df[id] ?? 0) + 1;
      tfs.push(tf);
      total += doc.length;
    }
    const n = docs.length;
    const avgdl = n ? total / n : 1;
    this.idfs = new Float64Array(this.display.length);
    for (let id = 0; id < this.display.length; id++) {
      const df = this.df[id] ?? 0;
      this.idfs[id] = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    }
    const lists: { d: number[]; w: number[] }[] = this.display.map(() => ({ d: [], w: [] }));
    tfs.forEach((tf, d) => {
      const dl = docs[d]?.length ?? 0;
      const lenNorm = k1 * (1 - b + (b * dl) / (avgdl || 1));
      const weights = new Map<number, number>();
      for (const [id, f] of tf) {
        const w = (f * (k1 + 1)) / (f + lenNorm);
        weights.set(id, w);
        lists[id]?.d.push(d);
        lists[id]?.w.push(w);
      }
      this.docWeights.push(weights);
    });
    this.postingsDocs = lists.map((l) => Int32Array.from(l.d));
    this.postingsW = lists.map((l) => Float64Array.from(l.w));
  }

  get size(): number {
    return this.docWeights.length;
  }

  query(words: string[]): Bm25Query {
    const seen = new Set<number>();
    const ids: number[] = [];
    for (const w of words) {
      const id = this.termIds.get(w);
      if (id === undefined || seen.has(id)) continue;
      seen.add(id);
      ids.push(id);
    }
    const idf = Float64Array.from(ids, (id) => this.idfs[id] ?? 0);
    let norm = 0;
    for (const v of idf) norm += v;
    return { terms: Int32Array.from(ids), idf, norm };
  }

  /** Similarity of a query to one document, term by term (the plain path). */
  similarity(q: Bm25Query, doc: number): number {
    if (q.norm <= 0) return 0;
    const weights = this.docWeights[doc];
    if (!weights) return 0;
    let sum = 0;
    for (let i = 0; i < q.terms.length; i++) {
      const w = weights.get(q.terms[i] as number);
      if (w !== undefined) sum += (q.idf[i] as number) * w;
    }
    return Math.min(1, sum / q.norm);
  }

  /**
   * Similarity of a query to every document at once through the postings (the fast path). Adds in the
   * same order as `similarity`, so both give the same numbers to the last bit. `out` gets the values;
   * the indexes of documents with a non-zero value are returned.
   */
  similarities(q: Bm25Query, out: Float64Array): number[] {
    const touched: number[] = [];
    for (let i = 0; i < q.terms.length; i++) {
      const id = q.terms[i] as number;
      const idf = q.idf[i] as number;
      const docs = this.postingsDocs[id] as Int32Array;
      const ws = this.postingsW[id] as Float64Array;
      for (let j = 0; j < docs.length; j++) {
        const d = docs[j] as number;
        if (out[d] === 0) touched.push(d);
        out[d] = (out[d] as number) + idf * (ws[j] as number);
      }
    }
    if (q.norm > 0) for (const d of touched) out[d] = Math.min(1, (out[d] as number) / q.norm);
    return touched;
  }

  /** The query's words found in a document, most telling first. */
  matchedTerms(q: Bm25Query, doc: number, limit = 3): string[] {
    const weights = this.docWeights[doc];
    if (!weights) return [];
    const hits: { w: string; v: number }[] = [];
    for (let i = 0; i < q.terms.length; i++) {
      const id = q.terms[i] as number;
      const w = weights.get(id);
      if (w !== undefined) hits.push({ w: this.display[id] as string, v: (q.idf[i] as number) * w });
    }
    hits.sort((a, b) => b.v - a.v);
    // a word inside a longer matched word adds nothing to the explanation (软件 in 软件工程)
    const out: string[] = [];
    for (const h of hits) {
      if (out.some((o) => o.includes(h.w))) continue;
      out.push(h.w);
      if (out.length >= limit) break;
    }
    return out;
  }
}
