import type { InterviewItem, Timetable } from '../../../../contracts/jobs-interviews';

/** the parts of a timetable's room the rule reads */
type TimetableRoom = Pick<Timetable['rooms'][number], 'id'> & { interviews: Pick<InterviewItem, 'id' | 'status'>[] };
export interface Move {
  id: string;
  roomId: string;
  /** the place in the target room's waiting queue (without the moved interview) */
  index: number;
}

/** only a waiting interview can be reordered or moved */
export const isQueued = (iv: Pick<InterviewItem, 'status'>) => iv.status === 'scheduled' || iv.status === 'waiting';
/** the droppable id of a room's card (an interview's is its own id) */
export const ROOM = 'room:';

/**
 * Where a drop lands: on an interview of a room's queue (its place there), or on the room itself
 * (the end of its queue). Pure, so it is tested without a browser.
 */
export function dropTarget(rooms: TimetableRoom[], activeId: string, overId: string): Move | null {
  if (overId.startsWith(ROOM)) {
    const roomId = overId.slice(ROOM.length);
    const room = rooms.find((r) => r.id === roomId);
    if (!room) return null;
    const queue = room.interviews.filter((iv) => isQueued(iv) && iv.id !== activeId);
    return { id: activeId, roomId, index: queue.length };
  }
  const room = rooms.find((r) => r.interviews.some((iv) => iv.id === overId));
  if (!room) return null;
  const queue = room.interviews.filter(isQueued);
  const overAt = queue.findIndex((iv) => iv.id === overId);
  const from = queue.findIndex((iv) => iv.id === activeId);
  if (overAt < 0) return null;
  // within the room the dragged one takes the place of the one it was dropped on; from another room it goes before it
  if (from >= 0 && from === overAt) return null;
  return { id: activeId, roomId: room.id, index: overAt };
}
