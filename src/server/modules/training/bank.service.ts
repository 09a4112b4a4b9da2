import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { type QuestionQuery, QuestionWrite } from '../../../contracts/training';
import { scopeFor } from '../../core/access/actor';
import { auditActor, type Core, nowIso, type RequestContext, requireActor } from '../../core/context';
import { invalid, notFound } from '../../core/errors';
import type { Executor } from '../../db/index';
import { checkQuestion, type QuestionKind, TRUE_FALSE_OPTIONS } from './domain/grading';
import { presentQuestion, questionSnapshot, storeTags } from './training.presenter';
import * as repo from './training.repository';

type Write = z.output<typeof QuestionWrite>;

/** What is wrong with a question as written, in words naming the field; empty when it is fine. */
export function questionProblems(q: Write): { path: string; message: string }[] {
  const keys = q.options.map((o) => o.key);
  const problems = checkQuestion({ id: '新题', kind: q.kind as QuestionKind, options: keys, answer: q.answer }).map((m) => ({
    path: m.includes('正确答案') ? 'answer' : 'options',
    message: m.replace(/「新题」/, ''),
  }));
  if (q.kind === 'true_false' && keys.join() !== TRUE_FALSE_OPTIONS.join()) {
    if (!problems.some((p) => p.path === 'options'))
      problems.push({ path: 'options', message: '判断题的选项只能是「对」（T）和「错」（F）' });
  }
  return problems;
}

/** The question bank (题库): questions with options, answer, explanation, tags, difficulty and edit history. */
export class BankService {
  constructor(private readonly core: Core) {}

  async list(ctx: RequestContext, f: z.output<typeof QuestionQuery>) {
    const rows = await repo.questions(this.core.db, scopeFor(requireActor(ctx), 'training:read'), f);
    return rows.map(presentQuestion);
  }

  async get(ctx: RequestContext, id: string) {
    const row = await repo.questionInScope(this.core.db, scopeFor(requireActor(ctx), 'training:read'), id);
    if (!row) throw notFound('题目');
    return presentQuestion(row);
  }

  /** adds a question inside the caller's transaction (the import uses it too) */
  async insert(trx: Executor, ctx: RequestContext, subdistrictId: string, q: Write) {
    const problems = questionProblems(q);
    if (problems.length) throw invalid(problems[0]!.message, problems);
    const id = uuidv7();
    const now = nowIso();
    await repo.insertQuestion(trx, {
      id,
      subdistrict_id: subdistrictId,
      kind: q.kind,
      stem: q.stem,
      options: JSON.stringify(q.options),
      answer: JSON.stringify([...q.answer].sort()),
      explanation: q.explanation,
      tags: storeTags(q.tags),
      difficulty: q.difficulty,
      version: 1,
      archived: 0,
      created_at: now,
      updated_at: now,
    });
    await this.core.audit.record(trx, auditActor(ctx), {
      action: 'training.question_create',
      targetType: 'training_question',
      targetId: id,
      detail: { kind: q.kind, tags: q.tags },
    });
    return id;
  }

  async create(ctx: RequestContext, raw: z.input<typeof QuestionWrite>) {
    const q = QuestionWrite.parse(raw);
    const actor = requireActor(ctx);
    const id = await this.core.db.transaction().execute((trx) => this.insert(trx, ctx, actor.subdistrictId, q));
    return this.get(ctx, id);
  }

  /** edits a question; the version before the edit goes to its history */
  async update(ctx: RequestContext, id: string, q: Write) {
    const actor = requireActor(ctx);
    const problems = questionProblems(q);
    if (problems.length) throw invalid(problems[0]!.message, problems);
    await this.core.db.transaction().execute(async (trx) => {
      const row = await repo.questionInScope(trx, scopeFor(actor, 'training:manage'), id);
      if (!row) throw notFound('题目');
      const now = nowIso();
      await trx
        .insertInto('training_question_history')
        .values({
          id: uuidv7(),
          subdistrict_id: row.subdistrict_id,
          question_id: row.id,
          version: row.version,
          snapshot: JSON.stringify(questionSnapshot(row)),
          changed_by: actor.displayName,
          changed_at: now,
        })
        .execute();
      await trx
        .updateTable('training_questions')
        .set({
          kind: q.kind,
          stem: q.stem,
          options: JSON.stringify(q.options),
          answer: JSON.stringify([...q.answer].sort()),
          explanation: q.explanation,
          tags: storeTags(q.tags),
          difficulty: q.difficulty,
          version: row.version + 1,
          updated_at: now,
        })
        .where('id', '=', row.id)
        .execute();
      await this.core.audit.record(trx, auditActor(ctx), {
        action: 'training.question_update',
        targetType: 'training_question',
        targetId: row.id,
        detail: { version: row.version + 1 },
      });
    });
    return this.get(ctx, id);
  }

  async history(ctx: RequestContext, id: string) {
    const current = await this.get(ctx, id);
    const rows = await repo.history(this.core.db, current.id);
    return {
      versions: rows.map((r) => ({
        version: r.version,
        changedAt: r.changed_at,
        changedBy: r.changed_by,
        question: JSON.parse(r.snapshot) as Write,
      })),
    };
  }
}
