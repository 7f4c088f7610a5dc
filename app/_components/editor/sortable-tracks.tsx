'use client';

import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { ReactNode } from 'react';

interface SortableTracksProps {
  ids: string[];
  /** Names the items for screen readers' drag announcements. */
  titleOf: (id: string) => string;
  onReorder: (ids: string[], movedId: string) => void;
  children: ReactNode;
}

/**
 * Drag-and-drop reordering of the track list (dnd-kit): with a mouse or finger on an item's
 * handle, or from the keyboard (Space on the handle, arrows, Space). The ↑/↓ buttons stay.
 */
export function SortableTracks({ ids, titleOf, onReorder, children }: SortableTracksProps) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  function onDragEnd({ active, over }: DragEndEvent) {
    if (!over || active.id === over.id) return;
    const from = ids.indexOf(String(active.id));
    const to = ids.indexOf(String(over.id));
    if (from < 0 || to < 0) return;
    onReorder(arrayMove(ids, from, to), String(active.id));
  }
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        announcements: {
          onDragStart: ({ active }) => `Picked up ${titleOf(String(active.id))}.`,
          onDragOver: ({ active, over }) => (over ? `${titleOf(String(active.id))} is over position ${ids.indexOf(String(over.id)) + 1}.` : undefined),
          onDragEnd: ({ active, over }) => (over ? `${titleOf(String(active.id))} dropped at position ${ids.indexOf(String(over.id)) + 1}.` : `${titleOf(String(active.id))} dropped.`),
          onDragCancel: ({ active }) => `Moving ${titleOf(String(active.id))} was cancelled.`,
        },
      }}
    >
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        {children}
      </SortableContext>
    </DndContext>
  );
}

/** One track in the list; `handle` goes where the drag handle should sit. */
export function SortableTrack({ id, title, isDisabled, className, children }: { id: string; title: string; isDisabled: boolean; className: string; children: (handle: ReactNode) => ReactNode }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id, disabled: isDisabled });
  const handle = (
    <button
      type="button"
      ref={setActivatorNodeRef}
      {...attributes}
      {...listeners}
      aria-label={`Drag ${title} to reorder`}
      className="min-h-11 min-w-11 cursor-grab touch-none rounded border border-stone-400 px-2 text-lg dark:border-stone-500"
    >
      ⠿
    </button>
  );
  return (
    <li
      ref={setNodeRef}
      // dnd-kit moves the item with a transform set from script while it is dragged.
      style={transform ? { transform: CSS.Transform.toString(transform), transition } : undefined}
      className={`${className} ${isDragging ? 'relative z-10 shadow-lg' : ''}`}
      data-testid="track-entry"
    >
      {children(handle)}
    </li>
  );
}
