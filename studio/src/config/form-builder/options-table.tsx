/** The options of a choice field as a table edited in place: value, 中文, English; add, remove, move up/down. */
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChoiceOption } from './field-types';
import { keyFromLabel, optionValueFollows } from './key-from-label';

export function OptionsTable({ options, onChange, disabled }: { options: ChoiceOption[]; onChange: (options: ChoiceOption[]) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<ChoiceOption>) => onChange(options.map((o, n) => (n === i ? { ...o, ...patch } : o)));
  // a value not yet named follows the English label (unless another option has that value)
  const setEn = (i: number, en: string) => {
    const option = options[i];
    const value = keyFromLabel(en);
    const follows = optionValueFollows(option.value, option.en) && value !== '' && !options.some((o, n) => n !== i && o.value === value);
    set(i, follows ? { en, value } : { en });
  };
  const move = (i: number, to: number) => {
    if (to < 0 || to >= options.length) return;
    const next = [...options];
    const [moved] = next.splice(i, 1);
    next.splice(to, 0, moved);
    onChange(next);
  };
  const add = () => {
    let n = options.length + 1;
    while (options.some((o) => o.value === `option${n}`)) n++;
    onChange([...options, { value: `option${n}`, zh: '', en: '' }]);
  };
  const duplicate = options.find((o, i) => options.findIndex((p) => p.value === o.value) !== i);
  const rows = options.map((o, i) => ({ ...o, index: i }));
  return (
    <div className="fb-options" data-testid="options-table">
      <Table
        size="small"
        pagination={false}
        rowKey="index"
        dataSource={rows}
        columns={[
          { title: t('formBuilder.options.value'), dataIndex: 'value', render: (_: unknown, r) => <Input size="small" value={r.value} disabled={disabled} status={duplicate?.value === r.value || !r.value ? 'error' : undefined} aria-label={`${t('formBuilder.options.value')} ${r.index + 1}`} data-testid={`option-value-${r.index}`} onChange={(e) => set(r.index, { value: e.target.value.trim() })} /> },
          { title: t('formBuilder.options.zh'), dataIndex: 'zh', render: (_: unknown, r) => <Input size="small" value={r.zh} disabled={disabled} aria-label={`${t('formBuilder.options.zh')} ${r.index + 1}`} data-testid={`option-zh-${r.index}`} onChange={(e) => set(r.index, { zh: e.target.value })} /> },
          { title: t('formBuilder.options.en'), dataIndex: 'en', render: (_: unknown, r) => <Input size="small" value={r.en} disabled={disabled} aria-label={`${t('formBuilder.options.en')} ${r.index + 1}`} data-testid={`option-en-${r.index}`} onChange={(e) => setEn(r.index, e.target.value)} /> },
          {
            key: 'actions',
            width: 104,
            render: (_: unknown, r) => (
              <Space size={0}>
                <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={disabled || r.index === 0} aria-label={t('formBuilder.moveUp')} onClick={() => move(r.index, r.index - 1)} />
                <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={disabled || r.index === options.length - 1} aria-label={t('formBuilder.moveDown')} onClick={() => move(r.index, r.index + 1)} />
                <Button size="small" type="text" danger icon={<DeleteOutlined />} disabled={disabled} aria-label={t('formBuilder.remove')} data-testid={`option-remove-${r.index}`} onClick={() => onChange(options.filter((_o, n) => n !== r.index))} />
              </Space>
            ),
          },
        ]}
      />
      <Button size="small" icon={<PlusOutlined />} onClick={add} disabled={disabled} data-testid="option-add" style={{ marginTop: 8 }}>
        {t('formBuilder.options.add')}
      </Button>
      {options.length === 0 && <Alert type="error" showIcon title={t('formBuilder.options.empty')} style={{ marginTop: 8 }} />}
      {duplicate && <Alert type="error" showIcon title={t('formBuilder.options.duplicate', { value: duplicate.value })} style={{ marginTop: 8 }} />}
    </div>
  );
}
