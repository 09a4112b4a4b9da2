import { describe, expect, it } from 'vitest';
import { dropTarget } from './timetable-drop';

// room A: one held, one in the room, three waiting; room B: two waiting
const rooms = [
  {
    id: 'A',
    interviews: [
      { id: 'a0', status: 'done' },
      { id: 'a1', status: 'interviewing' },
      { id: 'a2', status: 'waiting' },
      { id: 'a3', status: 'scheduled' },
      { id: 'a4', status: 'scheduled' },
    ],
  },
  {
    id: 'B',
    interviews: [
      { id: 'b1', status: 'scheduled' },
      { id: 'b2', status: 'scheduled' },
    ],
  },
];

describe('where a dragged interview lands', () => {
  it('within its room it takes the place of the one it is dropped on, counted in the waiting queue only', () => {
    expect(dropTarget(rooms, 'a4', 'a2')).toEqual({ id: 'a4', roomId: 'A', index: 0 });
    expect(dropTarget(rooms, 'a2', 'a4')).toEqual({ id: 'a2', roomId: 'A', index: 2 });
    expect(dropTarget(rooms, 'a3', 'a3')).toBeNull();
  });

  it('into another room it goes before the one it is dropped on, or last when dropped on the room', () => {
    expect(dropTarget(rooms, 'a3', 'b1')).toEqual({ id: 'a3', roomId: 'B', index: 0 });
    expect(dropTarget(rooms, 'a3', 'b2')).toEqual({ id: 'a3', roomId: 'B', index: 1 });
    expect(dropTarget(rooms, 'a3', 'room:B')).toEqual({ id: 'a3', roomId: 'B', index: 2 });
    expect(dropTarget(rooms, 'b1', 'room:B')).toEqual({ id: 'b1', roomId: 'B', index: 1 });
  });

  it('lands nowhere on an interview already held or on an unknown place', () => {
    expect(dropTarget(rooms, 'b1', 'a0')).toBeNull();
    expect(dropTarget(rooms, 'b1', 'a1')).toBeNull();
    expect(dropTarget(rooms, 'b1', 'room:Z')).toBeNull();
    expect(dropTarget(rooms, 'b1', 'zz')).toBeNull();
  });
});
