/**
 * A small JSON editor for what no structured editor can show (a rule's conditions the builder
 * cannot carry, a rule no table can read): a textarea whose text is applied only when it parses.
 */
import { Alert, Button, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function JsonValueEditor({ value, onApply, disabled, testId }: { value: unknown; onApply: (v: unknown) => void; disabled: boolean; testId: string }) {
  const { t } = useTranslation();
  const original = JSON.stringify(value, null, 2);
  const [text, setText] = useState(original);
  let error: string | null = null;
  try {
    JSON.parse(text);
  } catch (e) {
    error = (e as Error).message;
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={testId}>
      <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 3, maxRows: 16 }} disabled={disabled} spellCheck={false} className="dt-json" />
      {error && <Alert type="error" showIcon title={t('decisionTable.jsonInvalid', { message: error })} />}
      <Button size="small" type="primary" disabled={disabled || error !== null || text === original} onClick={() => onApply(JSON.parse(text))}>
        {t('decisionTable.apply')}
      </Button>
    </Space>
  );
}
