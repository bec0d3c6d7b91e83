/**
 * The form's own fields in order: drag one by its handle (@dnd-kit/sortable, mouse, touch and
 * keyboard) or use its up/down buttons; edit or delete it.
 */
import { closestCenter, DndContext, KeyboardSensor, PointerSensor, TouchSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, HolderOutlined } from '@ant-design/icons';
import { Button, Empty, Popconfirm, Space, Tag, Tooltip } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/use-label';
import { describeCondition } from './condition-editor';
import type { Field } from './field-types';

export interface FieldListProps {
  fields: readonly Field[];
  selected: string | null;
  disabled?: boolean;
  onMove: (from: number, to: number) => void;
  onEdit: (key: string) => void;
  onRemove: (key: string) => void;
}

export function FieldList({ fields, selected, disabled, onMove, onEdit, onRemove }: FieldListProps) {
  const { t } = useTranslation();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 150, tolerance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    onMove(fields.findIndex((f) => f.key === active.id), fields.findIndex((f) => f.key === over.id));
  };
  if (fields.length === 0) return <Empty description={t('formBuilder.noFields')} data-testid="no-fields" />;
  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
      <SortableContext items={fields.map((f) => f.key)} strategy={verticalListSortingStrategy}>
        <ol className="fb-field-list" data-testid="field-list">
          {fields.map((field, index) => (
            <FieldRow key={field.key} field={field} fields={fields} index={index} last={index === fields.length - 1} selected={selected === field.key} disabled={disabled} onMove={onMove} onEdit={onEdit} onRemove={onRemove} />
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}

function FieldRow({ field, fields, index, last, selected, disabled, onMove, onEdit, onRemove }: Omit<FieldListProps, 'selected'> & { field: Field; index: number; last: boolean; selected: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: field.key, disabled });
  const style: CSSProperties = { transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined, transition, ...(isDragging ? { zIndex: 9, position: 'relative', boxShadow: '0 4px 14px rgba(0,0,0,.15)' } : {}) };
  const title = (language === 'en' && field.title.en) || field.title.zh || t('formBuilder.untitled');
  return (
    <li ref={setNodeRef} style={style} className={`fb-field${selected ? ' on' : ''}`} data-field={field.key} {...attributes} aria-disabled={undefined}>
      <Button type="text" size="small" icon={<HolderOutlined />} ref={setActivatorNodeRef} {...listeners} disabled={disabled} aria-label={t('formBuilder.drag')} title={t('formBuilder.drag')} className="fb-drag" data-testid="drag-handle" />
      <button type="button" className="fb-field-main" onClick={() => onEdit(field.key)} data-testid="field-open">
        <span className="fb-field-title">{title}</span>
        <span className="fb-field-meta">
          <Tag color={field.kind === 'other' ? 'orange' : 'blue'}>{t(`formBuilder.kind.${field.kind}`)}</Tag>
          {field.required && <Tag color="red">{t('formBuilder.required')}</Tag>}
          <code>{field.key}</code>
        </span>
        {field.showWhen && <span className="fb-field-cond">{describeCondition(field.showWhen, fields, language, t)}</span>}
      </button>
      <Space size={0} className="fb-field-actions">
        <Tooltip title={t('formBuilder.moveUp')}>
          <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={disabled || index === 0} aria-label={t('formBuilder.moveUp')} data-testid="field-up" onClick={() => onMove(index, index - 1)} />
        </Tooltip>
        <Tooltip title={t('formBuilder.moveDown')}>
          <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={disabled || last} aria-label={t('formBuilder.moveDown')} data-testid="field-down" onClick={() => onMove(index, index + 1)} />
        </Tooltip>
        <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('formBuilder.edit')} data-testid="field-edit" onClick={() => onEdit(field.key)} />
        <Popconfirm title={t('formBuilder.removeConfirm', { name: title })} onConfirm={() => onRemove(field.key)} disabled={disabled}>
          <Button type="text" size="small" danger icon={<DeleteOutlined />} disabled={disabled} aria-label={t('formBuilder.remove')} data-testid="field-remove" />
        </Popconfirm>
      </Space>
    </li>
  );
}
