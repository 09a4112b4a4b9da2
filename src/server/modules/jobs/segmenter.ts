/**
 * Chinese word segmentation for the matcher: @node-rs/jieba with its default dictionary plus the
 * taxonomy's names, aliases, keywords and majors, so that 「新媒体运营」「数控车床」「计算机科学与技术」
 * stay whole words. Search mode (cutForSearch) also yields the shorter words inside long ones
 * (软件工程 → 软件, 工程, 软件工程), which lets related names meet. Loading takes ~150 ms: one
 * instance per process.
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

export const jiebaTokenize: Tokenize = (text) => jieba().cutForSearch(text, false);
