/**
 * Chinese word segmentation for the matcher: @node-rs/jieba with its default dictionary plus the
 * taxonomy's names, aliases, keywords and majors, so that 「新媒体运营」「数控车床」「计算机科学与技术」
 * stay whole words. Search mode (cutForSearch) also yields the shorter words inside long ones
 * (软件工程 → 软件, 工程, 软件工程), which lets related names meet. Loading takes ~150 ms: one
 * instance per process. Latin words are kept whole (search mode would cut MySQL into My, SQL).
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { taxonomyWords } from './domain/taxonomy';
import type { Tokenize } from './domain/types';

let instance: Jieba | null = null;

function jieba(): Jieba {
  if (!instance) {
    instance = Jieba.withDict(dict);
    // jieba-rs wants "word frequency tag" lines (see napi-rs/node-rs#55)
    instance.loadDict(
      Buffer.from(
        taxonomyWords()
          .map((w) => `${w} 20000 n`)
          .join('\n'),
      ),
    );
  }
  return instance;
}

/** Latin words, numbers and names like C++ or Node.js stay whole; jieba cuts the rest. */
const LATIN = /[A-Za-z0-9][A-Za-z0-9+#.]*/g;

export const jiebaTokenize: Tokenize = (text) => {
  const out: string[] = [];
  let last = 0;
  for (const m of text.matchAll(LATIN)) {
    if (m.index > last) out.push(...jieba().cutForSearch(text.slice(last, m.index), false));
    out.push(m[0]);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(...jieba().cutForSearch(text.slice(last), false));
  return out;
};
