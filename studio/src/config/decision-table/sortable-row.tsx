/** A table row that can be dragged by its handle (@dnd-kit/sortable), as antd's drag-sorting example does it. */
import { useSortable } from '@dnd-kit/sortable';
import { Button } from 'antd';
import { createContext, useContext, useMemo, type CSSProperties, type HTMLAttributes } from 'react';

interface HandleContext {
  setActivatorNodeRef?: (element: HTMLElement | null) => void;
  listeners?: Record<string, (event: unknown) => void>;
}
const RowHandle = createContext<HandleContext>({});

export function DragHandle({ title }: { title: string }) {
  const { setActivatorNodeRef, listeners } = useContext(RowHandle);
  return (
    <Button type="text" size="small" ref={setActivatorNodeRef} {...listeners} aria-label={title} title={title} style={{ cursor: 'move', touchAction: 'none' }} className="dt-drag" data-testid="drag-handle">
      ⠿
    </Button>
  );
}

export function SortableRow(props: HTMLAttributes<HTMLTableRowElement> & { 'data-row-key': string }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: props['data-row-key'] });
  const style: CSSProperties = { ...props.style, transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined, transition, ...(isDragging ? { position: 'relative', zIndex: 9, background: '#f0f6ff' } : {}) };
  const handle = useMemo(() => ({ setActivatorNodeRef, listeners: listeners as HandleContext['listeners'] }), [setActivatorNodeRef, listeners]);
  return (
    <RowHandle.Provider value={handle}>
      <tr {...props} ref={setNodeRef} style={style} {...attributes} />
    </RowHandle.Provider>
  );
}
