/**
 * One decision table on screen: rows are rules (drag or up/down to reorder: priority follows),
 * fact columns hold typed condition cells, output columns the decision; a nested row shows a
 * summary and opens in the condition builder, a row nothing can show opens as JSON. A row's
 * compile problems are shown under its name; the row the bench links to is highlighted.
 */
import { DndContext, PointerSensor, KeyboardSensor, closestCenter, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { Button, Grid, Input, Popconfirm, Space, Table, Tag, Tooltip, Typography, type ButtonProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { issueMessage, type Issue } from '../../../../engine/index';
import { ConditionBuilder } from './condition-builder';
import { ConditionCell } from './condition-cell';
import { summarizeConditions, type SummaryWords } from './condition-summary';
import { unknownFact, type FactInfo } from './fact-catalog';
import { JsonValueEditor } from './json-value-editor';
import { OutputCell, type OutputContext } from './output-editors';
import { DragHandle, SortableRow } from './sortable-row';
import { deleteRow, duplicateRow, moveRow, newRuleId, setCell, setConditions, setName, setOutput } from './table-edits';
import type { DecisionTable, TableRow } from './table-model';

export interface DecisionTableViewProps {
  rules: readonly unknown[];
  table: DecisionTable;
  facts: ReadonlyMap<string, FactInfo>;
  factLabel: (info: FactInfo) => string;
  words: SummaryWords;
  ctx: OutputContext;
  issues: readonly Issue[];
  highlight: string | null;
  onRules: (next: unknown[]) => void;
}

const problemsOf = (issues: readonly Issue[], index: number) => issues.filter((i) => i.pointer === `/rules/${index}` || i.pointer.startsWith(`/rules/${index}/`));

export function DecisionTableView({ rules, table, facts, factLabel, words, ctx, issues, highlight, onRules }: DecisionTableViewProps) {
  const { t, i18n } = useTranslation();
  const [builderFor, setBuilderFor] = useState<string | null>(null);
  const [jsonFor, setJsonFor] = useState<string | null>(null);
  const disabled = ctx.disabled;
  // on a phone the name column leaves room for the first condition
  const wide = Grid.useBreakpoint().md !== false;
  const infoOf = (fact: string) => facts.get(fact) ?? unknownFact(fact);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));

  useEffect(() => {
    if (!highlight) return;
    const row = document.querySelector(`[data-row-key="${CSS.escape(highlight)}"]`);
    row?.scrollIntoView({ block: 'center' });
  }, [highlight, table.type]);

  const move = (from: number, to: number) => onRules(moveRow(rules, table, from, to));
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const ids = table.rows.map((r) => r.ruleId);
    move(ids.indexOf(String(active.id)), ids.indexOf(String(over.id)));
  };
  const fixedT = (lng: string) => i18n.getFixedT(lng);
  const duplicate = (row: TableRow) => onRules(duplicateRow(rules, row.ruleId, { id: newRuleId(rules, table.type), name: { zh: fixedT('zh')('decisionTable.copyOf', { name: row.name.zh }), en: fixedT('en')('decisionTable.copyOf', { name: row.name.en }) } }));

  const factColumns = table.columns.length > 0 ? table.columns : [null];
  const columns = useMemo((): ColumnsType<TableRow> => {
    const nestedCell = (row: TableRow) => (
      <Space orientation="vertical" size={4} className="dt-nested">
        <span>
          <Tag color={row.shape === 'json' ? 'red' : 'blue'}>{row.shape === 'json' ? 'JSON' : t('decisionTable.nested')}</Tag>
          <span className="dt-summary">{summarizeConditions(row.rule.conditions, words)}</span>
        </span>
        {row.shape === 'nested' ? (
          <Button size="small" onClick={() => setBuilderFor(row.ruleId)} data-testid={`open-builder-${row.ruleId}`}>{t('decisionTable.openBuilder')}</Button>
        ) : (
          <>
            <Typography.Text type="danger">{t('decisionTable.jsonOnly', { reason: row.reason })}</Typography.Text>
            {jsonFor === row.ruleId ? (
              <JsonValueEditor value={row.rule.conditions} disabled={disabled} testId={`json-${row.ruleId}`} onApply={(v) => (onRules(setConditions(rules, row.ruleId, v)), setJsonFor(null))} />
            ) : (
              <Button size="small" onClick={() => setJsonFor(row.ruleId)}>{t('decisionTable.editJson')}</Button>
            )}
          </>
        )}
      </Space>
    );
    const cols: ColumnsType<TableRow> = [
      {
        key: 'order',
        title: t('decisionTable.order'),
        width: wide ? 92 : 70,
        fixed: wide ? 'left' : undefined,
        render: (_v, row, i) => (
          <Space size={0} className="dt-order">
            {!disabled && <DragHandle title={t('decisionTable.drag')} />}
            <span className="dt-rank">{i + 1}</span>
            {!disabled && (
              <Space orientation="vertical" size={0}>
                <Button type="text" size="small" disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={t('decisionTable.moveUp')} data-testid={`up-${row.ruleId}`}>▲</Button>
                <Button type="text" size="small" disabled={i === table.rows.length - 1} onClick={() => move(i, i + 1)} aria-label={t('decisionTable.moveDown')} data-testid={`down-${row.ruleId}`}>▼</Button>
              </Space>
            )}
          </Space>
        ),
      },
      {
        key: 'name',
        title: t('decisionTable.name'),
        width: wide ? 280 : 170,
        render: (_v, row) => {
          const problems = problemsOf(issues, row.index);
          return (
            <Space orientation="vertical" size={2} className="dt-name" style={{ width: '100%' }}>
              <Input size="small" prefix="中" name={`name-zh-${row.ruleId}`} aria-label={t('decisionTable.nameZh')} disabled={disabled} value={row.name.zh} onChange={(e) => onRules(setName(rules, row.ruleId, { ...row.name, zh: e.target.value }))} />
              <Input size="small" prefix="EN" name={`name-en-${row.ruleId}`} aria-label={t('decisionTable.nameEn')} disabled={disabled} value={row.name.en} onChange={(e) => onRules(setName(rules, row.ruleId, { ...row.name, en: e.target.value }))} />
              <span className="muted small">
                <code>{row.ruleId}</code> · {t('decisionTable.priority', { priority: row.priority })}
              </span>
              {problems.map((p, n) => (
                <Typography.Text key={n} type={p.severity === 'warning' ? 'warning' : 'danger'} className="small" data-testid={`row-problem-${row.ruleId}`}>
                  {issueMessage(p, i18n.language === 'en' ? 'en' : 'zh')}
                </Typography.Text>
              ))}
            </Space>
          );
        },
      },
      ...factColumns.map((fact, c): ColumnsType<TableRow>[number] => ({
        key: `fact-${fact ?? 'none'}`,
        title: fact === null ? t('decisionTable.conditions') : (
          <Tooltip title={fact}>
            <span data-testid={`col-${fact}`}>{factLabel(infoOf(fact))}</span>
          </Tooltip>
        ),
        onCell: (row) => (row.shape === 'table' ? {} : { colSpan: c === 0 ? factColumns.length : 0 }),
        render: (_v, row) => {
          if (row.shape !== 'table') return c === 0 ? nestedCell(row) : null;
          if (fact === null) return <span className="muted">{t('decisionTable.any')}</span>;
          return <ConditionCell info={infoOf(fact)} leaves={row.cells[fact]} units={ctx.units} disabled={disabled} testId={`cell-${row.ruleId}-${fact}`} onChange={(cell) => onRules(setCell(rules, row.ruleId, fact, cell))} />;
        },
      })),
      ...table.outputs.map((output): ColumnsType<TableRow>[number] => ({
        key: `out-${output}`,
        title: <span className="dt-output-head">→ {t(`decisionTable.output.${output}`)}</span>,
        className: 'dt-output',
        render: (_v, row) => (
          <OutputCell output={output} ruleId={row.ruleId} ctx={ctx} value={(row.rule.event.params as Record<string, unknown>)[output]} onChange={(v) => onRules(setOutput(rules, row.ruleId, output, v))} />
        ),
      })),
    ];
    if (!disabled) {
      cols.push({
        key: 'actions',
        title: t('decisionTable.actions'),
        width: 80,
        render: (_v, row) => (
          <Space orientation="vertical" size={0}>
            <Button size="small" type="link" onClick={() => duplicate(row)} data-testid={`duplicate-${row.ruleId}`}>{t('decisionTable.duplicate')}</Button>
            <Popconfirm title={t('decisionTable.deleteConfirm', { name: row.name[i18n.language === 'en' ? 'en' : 'zh'] })} onConfirm={() => onRules(deleteRow(rules, row.ruleId))} okButtonProps={{ 'data-testid': 'confirm-delete' } as ButtonProps}>
              <Button size="small" type="link" danger data-testid={`delete-${row.ruleId}`}>{t('decisionTable.delete')}</Button>
            </Popconfirm>
          </Space>
        ),
      });
    }
    return cols;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rules, table, facts, ctx, issues, jsonFor, disabled, t, i18n.language, words, factLabel, wide]);

  const builderRow = builderFor ? table.rows.find((r) => r.ruleId === builderFor) : undefined;
  return (
    <>
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
        <SortableContext items={table.rows.map((r) => r.ruleId)} strategy={verticalListSortingStrategy}>
          <Table<TableRow>
            size="small"
            bordered
            rowKey="ruleId"
            className="dt-table"
            data-testid="decision-table"
            pagination={false}
            scroll={{ x: 'max-content' }}
            components={{ body: { row: SortableRow } }}
            columns={columns}
            dataSource={table.rows}
            rowClassName={(row) => (row.ruleId === highlight ? 'dt-row-highlight' : '')}
            onRow={(row) => ({ 'data-rule': row.ruleId, 'data-shape': row.shape }) as object}
            locale={{ emptyText: t('decisionTable.noRules') }}
          />
        </SortableContext>
      </DndContext>
      {builderRow && (
        <ConditionBuilder
          title={t('decisionTable.builderTitle', { name: builderRow.name[i18n.language === 'en' ? 'en' : 'zh'] })}
          conditions={builderRow.rule.conditions}
          facts={facts}
          factLabel={factLabel}
          units={ctx.units}
          disabled={disabled}
          onApply={(conditions) => onRules(setConditions(rules, builderRow.ruleId, conditions))}
          onClose={() => setBuilderFor(null)}
        />
      )}
    </>
  );
}

