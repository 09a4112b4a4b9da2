import { performance } from 'node:perf_hooks';
import { seededRandom } from '../src/server/modules/training/domain/grading';
import { analyseItems, checkItemInput, type ItemAnalysisInput } from '../src/server/modules/training/domain/item-analysis';
import type { BenchResult } from './run';
import { median, round } from './support/stats';

/**
 * The item analysis (issue 12 §5) of a live class and of a large self-paced quiz, against the
 * baseline of parsing the same input JSON — which the report and `linli training item-analysis`
 * must do anyway — measured in the same run, interleaved, medians of BENCH_RUNS (15) runs.
 *   parse     JSON.parse of the input text
 *   analyse   checkItemInput + analyseItems on the parsed input
 * Data: seeded, so every run sees the same responses; one in ten answers missing, four options per
 * question, a tenth of the participants with a second attempt (ignored by the analysis).
 */
function dataset(participants: number, questions: number, seed: string): ItemAnalysisInput {
  const random = seededRandom(seed);
  const qs = Array.from({ length: questions }, (_, j) => ({ id: `q${j}`, max: 1 + (j % 3), options: ['A', 'B', 'C', 'D'] }));
  const responses: ItemAnalysisInput['responses'] = [];
  for (let p = 0; p < participants; p++) {
    const ability = random();
    const attempts = random() < 0.1 ? 2 : 1;
    for (let attempt = 1; attempt <= attempts; attempt++)
      for (const q of qs) {
        if (random() < 0.1) continue;
        const right = random() < 0.3 + 0.6 * ability;
        responses.push({
          participant: `p${p}`,
          question: q.id,
          score: right ? q.max : Math.floor(random() * q.max),
          choice: right ? 'A' : (['B', 'C', 'D'][Math.floor(random() * 3)] as string),
          attempt,
        });
      }
  }
  return { questions: qs, responses };
}

export default async function itemAnalysisBench(): Promise<BenchResult> {
  const runs = Number(process.env.BENCH_RUNS ?? 15);
  const sizes = [
    { label: 'live class', participants: 500, questions: 20 },
    { label: 'self-paced', participants: 5000, questions: 50 },
  ];
  const rows: (string | number)[][] = [];
  for (const size of sizes) {
    const text = JSON.stringify(dataset(size.participants, size.questions, size.label));
    const parseMs: number[] = [];
    const analyseMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      const input = JSON.parse(text) as ItemAnalysisInput;
      parseMs.push(performance.now() - t);
      t = performance.now();
      if (checkItemInput(input).length > 0) throw new Error('generated input is invalid');
      analyseItems(input);
      analyseMs.push(performance.now() - t);
    }
    const p = median(parseMs);
    const a = median(analyseMs);
    const responses = (JSON.parse(text) as ItemAnalysisInput).responses.length;
    rows.push([size.label, size.participants, size.questions, responses, round(p), round(a), round(a / p)]);
  }
  return {
    title: `item analysis vs parsing its input (medians of ${runs} runs, interleaved)`,
    columns: ['set', 'participants', 'questions', 'responses', 'parse ms (baseline)', 'analyse ms', 'analyse ÷ parse'],
    rows,
    notes: ['analyse = checkItemInput + analyseItems; first attempts only, missing answers as 0, option shares per third'],
  };
}
