export { greedyTimetable, idleMinutes } from './greedy';
export { planTimetable } from './plan';
export { type Replanned, replanLate, replanNoShow } from './replan';
export { sampleFair } from './sample';
export type * from './types';
