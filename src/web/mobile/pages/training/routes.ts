import { lazy } from 'react';
import type { PhoneRoute } from '../../router';

/** The training phone pages (业委会培训): join a class quiz by code, answer it live, self-paced quizzes, check-in, needs survey. */
export const routes: PhoneRoute[] = [
  { path: '/m/training', component: lazy(() => import('./JoinPage')) },
  { path: '/m/training/live', component: lazy(() => import('./PlayPage')) },
  { path: '/m/training/quiz', component: lazy(() => import('./QuizPage')) },
  { path: '/m/training/checkin', component: lazy(() => import('./CheckinPage')) },
  { path: '/m/training/register', component: lazy(() => import('./CheckinPage')) },
  { path: '/m/training/survey/:id', component: lazy(() => import('./SurveyPage')) },
];
