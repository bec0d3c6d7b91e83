/** The levels section: each level's zh/en name; a level added or removed at the end (1 to 9). */
import { Alert, Button, Input, Popconfirm, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Draft } from '../use-draft';
import { levelsValue, writeLevels } from './draft-sections';
import { addLevel, MAX_LEVELS, MIN_LEVELS, readLevels, removeLevel, renameLevel, usesOfLevelsAbove, type LevelEntry } from './levels-model';
import { SectionProblems } from './section-problems';

export function LevelsEditor({ draft }: { draft: Draft }) {
  const { t } = useTranslation();
  const read = readLevels(levelsValue(draft));
  if (!read) return <Alert type="warning" title={t('timeEditors.notEditable')} />;
  const { levels, declared } = read;
  const write = (next: LevelEntry[]) => writeLevels(draft, next);
  const last = levels.at(-1);
  const uses = last ? usesOfLevelsAbove(draft.values as Record<string, unknown>, last.level - 1) : [];
  const removeButton = (
    <Button danger disabled={levels.length <= MIN_LEVELS} data-action="remove-level" onClick={uses.length === 0 ? () => write(removeLevel(levels)) : undefined}>
      {t('timeEditors.levels.remove')}
    </Button>
  );
  return (
    <div className="te-levels" data-testid="te-levels" data-declared={declared}>
      <p className="muted">{t('timeEditors.levels.intro')}</p>
      {!declared && <Alert type="info" showIcon title={t('timeEditors.levels.defaults')} style={{ marginBottom: 12 }} />}
      <SectionProblems draft={draft} prefix="/levels" />
      <Table
        size="small"
        pagination={false}
        rowKey="level"
        dataSource={levels}
        columns={[
          { title: t('timeEditors.levels.level'), dataIndex: 'level', width: 80, render: (level: number) => <Tag color={['green', 'gold', 'orange', 'red'][Math.min(level - 1, 3)]}>{t('level.n', { level })}</Tag> },
          { title: t('common.nameZh'), render: (_, l: LevelEntry) => <Input value={l.name.zh} name={`level-${l.level}-zh`} onChange={(e) => write(renameLevel(levels, l.level, 'zh', e.target.value))} /> },
          { title: t('common.nameEn'), render: (_, l: LevelEntry) => <Input value={l.name.en} name={`level-${l.level}-en`} onChange={(e) => write(renameLevel(levels, l.level, 'en', e.target.value))} /> },
        ]}
      />
      <Space style={{ marginTop: 12 }} wrap>
        <Button type="dashed" disabled={levels.length >= MAX_LEVELS} title={levels.length >= MAX_LEVELS ? t('timeEditors.levels.max') : undefined} data-action="add-level" onClick={() => write(addLevel(levels, { zh: `${levels.length + 1} 级`, en: `Level ${levels.length + 1}` }))}>
          + {t('timeEditors.levels.add')}
        </Button>
        {uses.length > 0 && last ? (
          <Popconfirm title={t('timeEditors.levels.removeUsed', { level: last.level, uses: uses.join(t('common.listSeparator')) })} onConfirm={() => write(removeLevel(levels))} okText={t('common.ok')} cancelText={t('common.cancel')}>
            {removeButton}
          </Popconfirm>
        ) : (
          removeButton
        )}
      </Space>
    </div>
  );
}
