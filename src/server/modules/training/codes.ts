import { randomInt } from 'node:crypto';
import type { Executor } from '../../db/index';
import { codeTaken } from './training.repository';

/** A 6-digit code (join a live quiz, check in to a session): easy to read aloud and type. */
export function randomCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** a code no session (or quiz) uses yet; the unique index refuses the rare race */
export async function freeCode(db: Executor, table: 'training_sessions' | 'training_quizzes'): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const code = randomCode();
    if (!(await codeTaken(db, table, code))) return code;
  }
  throw new Error(`no free 6-digit code in ${table}`);
}
