import { ArrowDownOutlined, ArrowUpOutlined, HolderOutlined } from '@ant-design/icons';
import {
  type CollisionDetection,
  DndContext,
  type DragEndEvent,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { Button, Card, Select, Space, Table, Tag } from 'antd';
import { createContext, type HTMLAttributes, type ReactNode, useContext, useMemo, useState } from 'react';
import type { InterviewItem, Timetable } from '../../../../contracts/jobs-interviews';
import { useI18n } from '../../../i18n';
import { dropTarget, isQueued, type Move, ROOM } from './timetable-drop';

type TimetableRoom = Timetable['rooms'][number];

/** a row under the pointer wins over the room card around it */
const collisions: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  const rows = hits.filter((h) => !String(h.id).startsWith(ROOM));
  if (rows.length > 0) return rows;
  return hits.length > 0 ? hits : rectIntersection(args);
};

type Listeners = ReturnType<typeof useSortable>['listeners'];
const HandleContext = createContext<Listeners | null>(null);

function DragHandle({ label }: { label: string }) {
  const listeners = useContext(HandleContext);
  if (!listeners) return null;
  return (
    <Button
      type="text"
      size="small"
      icon={<HolderOutlined />}
      aria-label={label}
      data-testid="drag-handle"
      tabIndex={-1}
      style={{ cursor: 'grab', touchAction: 'none' }}
      {...listeners}
    />
  );
}

function SortableRow(props: HTMLAttributes<HTMLTableRowElement> & { 'data-row-key': string; 'data-queued'?: boolean }) {
  const { 'data-queued': queued, ...rest } = props;
  const { listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: props['data-row-key'],
    disabled: !queued,
  });
  const style = {
    ...props.style,
    transform: CSS.Translate.toString(transform),
    transition,
    ...(isDragging ? { position: 'relative' as const, zIndex: 10, background: '#e6f4ff' } : {}),
  };
  return (
    <HandleContext.Provider value={queued ? listeners : null}>
      <tr {...rest} ref={setNodeRef} style={style} />
    </HandleContext.Provider>
  );
}

function RoomDrop({ room, children, allowed }: { room: TimetableRoom; children: ReactNode; allowed: boolean | null }) {
  const { setNodeRef, isOver } = useDroppable({ id: `${ROOM}${room.id}`, disabled: allowed === false });
  return (
    <Card
      ref={setNodeRef}
      className="print-room"
      title={`${room.name} · ${room.meeting}`}
      data-testid={`room-${room.name}`}
      style={{ outline: isOver ? '2px solid #1677ff' : undefined, opacity: allowed === false ? 0.55 : 1 }}
    >
      {children}
    </Card>
  );
}

/**
 * The timetable's rooms for review and adjustment: drag an interview (by its handle) to a new
 * place in its room's queue or into another room that serves its position; the up/down buttons
 * and the 调到 menu do the same from the keyboard.
 */
export function TimetableRooms({
  rooms,
  positionsOf,
  onMove,
  locked,
}: {
  rooms: TimetableRoom[];
  /** the positions each room serves, by room id */
  positionsOf: Map<string, string[]>;
  onMove: (m: Move) => void;
  /** published: the console adjusts from now on */
  locked: boolean;
}) {
  const { t } = useI18n();
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }));
  const [dragging, setDragging] = useState<InterviewItem | null>(null);
  const byId = useMemo(() => new Map(rooms.flatMap((r) => r.interviews.map((iv) => [iv.id, iv] as const))), [rooms]);
  const serves = (roomId: string, iv: InterviewItem) => positionsOf.get(roomId)?.includes(iv.positionId) ?? false;
  const onDragEnd = (e: DragEndEvent) => {
    setDragging(null);
    if (!e.over) return;
    const m = dropTarget(rooms, String(e.active.id), String(e.over.id));
    const iv = byId.get(String(e.active.id));
    if (!m || !iv) return;
    if (m.roomId !== iv.roomId && !serves(m.roomId, iv)) return;
    onMove(m);
  };
  const columns = (room: TimetableRoom) => {
    const queue = room.interviews.filter(isQueued);
    const handle = { title: '', key: 'drag', className: 'no-print', width: 40, render: () => <DragHandle label={t('jobs.iv.drag')} /> };
    const actions = {
      title: '',
      key: 'actions',
      className: 'no-print',
      width: 260,
      render: (_: unknown, r: InterviewItem) => {
        if (!isQueued(r)) return null;
        const at = queue.findIndex((x) => x.id === r.id);
        return (
          <Space size={4}>
            <Button
              size="small"
              icon={<ArrowUpOutlined />}
              aria-label={t('jobs.iv.up')}
              disabled={at === 0}
              onClick={() => onMove({ id: r.id, roomId: room.id, index: at - 1 })}
            />
            <Button
              size="small"
              icon={<ArrowDownOutlined />}
              aria-label={t('jobs.iv.down')}
              disabled={at === queue.length - 1}
              onClick={() => onMove({ id: r.id, roomId: room.id, index: at + 1 })}
            />
            <Select
              size="small"
              style={{ width: 140 }}
              placeholder={t('jobs.iv.moveTo')}
              aria-label={t('jobs.iv.moveTo')}
              value={null}
              options={rooms.filter((x) => x.id !== room.id && serves(x.id, r)).map((x) => ({ value: x.id, label: x.name }))}
              notFoundContent={t('jobs.iv.noOtherRoom')}
              onChange={(roomId: string) => onMove({ id: r.id, roomId, index: 999 })}
            />
          </Space>
        );
      },
    };
    return [
      ...(locked ? [] : [handle]),
      { title: t('jobs.iv.seq'), dataIndex: 'seq', width: 60 },
      { title: t('jobs.iv.time'), key: 'time', width: 120, render: (_: unknown, r: InterviewItem) => `${r.start}–${r.end}` },
      { title: t('jobs.iv.seeker'), dataIndex: 'seekerName' },
      {
        title: t('jobs.iv.position'),
        key: 'position',
        render: (_: unknown, r: InterviewItem) => `${r.positionTitle}（${r.employerName}）`,
      },
      { title: t('jobs.iv.status'), dataIndex: 'statusLabel', width: 90, render: (s: string) => <Tag>{s}</Tag> },
      ...(locked ? [] : [actions]),
    ];
  };
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisions}
      onDragStart={(e) => setDragging(byId.get(String(e.active.id)) ?? null)}
      onDragCancel={() => setDragging(null)}
      onDragEnd={onDragEnd}
    >
      {rooms.map((room) => (
        <RoomDrop key={room.id} room={room} allowed={dragging ? dragging.roomId === room.id || serves(room.id, dragging) : null}>
          <SortableContext items={room.interviews.filter(isQueued).map((iv) => iv.id)} strategy={verticalListSortingStrategy}>
            <Table<InterviewItem>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={room.interviews}
              columns={columns(room)}
              components={{ body: { row: SortableRow } }}
              onRow={(r) => ({ 'data-queued': !locked && isQueued(r) }) as HTMLAttributes<HTMLElement>}
            />
          </SortableContext>
        </RoomDrop>
      ))}
    </DndContext>
  );
}
