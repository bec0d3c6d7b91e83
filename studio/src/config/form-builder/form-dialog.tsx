/** A dialog for a form's id and zh/en name: a new form, or renaming one (its categories follow the new id). */
import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Form as ConfigForm } from '../../../../engine/index';
import type { Bilingual } from './field-types';
import { formIdProblem } from './form-list-edits';

export interface FormDialogProps {
  forms: readonly ConfigForm[];
  /** the form being renamed; none for a new form */
  form?: ConfigForm;
  onDone: (value: { id: string; name: Bilingual }) => void;
  onCancel: () => void;
}

export function FormDialog({ forms, form, onDone, onCancel }: FormDialogProps) {
  const { t } = useTranslation();
  const [id, setId] = useState(form?.id ?? '');
  const [name, setName] = useState<Bilingual>(form?.name ?? { zh: '', en: '' });
  const [tried, setTried] = useState(false);
  const problem = formIdProblem(forms, id.trim(), form?.id);
  const nameMissing = !name.zh.trim() || !name.en.trim();
  const submit = () => {
    setTried(true);
    if (problem || nameMissing) return;
    onDone({ id: id.trim(), name: { zh: name.zh.trim(), en: name.en.trim() } });
  };
  return (
    <Modal open title={form ? t('formBuilder.formSettings') : t('formBuilder.newForm')} onOk={submit} onCancel={onCancel} okText={t('common.ok')} cancelText={t('common.cancel')} okButtonProps={{ 'data-testid': 'form-dialog-ok' } as never} destroyOnHidden>
      <Form layout="vertical" data-testid="form-dialog" onFinish={submit}>
        <Form.Item label={t('formBuilder.formId')} extra={t('formBuilder.formIdHelp')} validateStatus={(tried || id) && problem ? 'error' : undefined} help={(tried || id) && problem ? t(`formBuilder.idProblem.${problem}`) : undefined}>
          <Input value={id} autoFocus data-testid="form-id" onChange={(e) => setId(e.target.value)} onPressEnter={submit} />
        </Form.Item>
        <Form.Item label={`${t('formBuilder.formName')} · ${t('common.nameZh')}`} validateStatus={tried && !name.zh.trim() ? 'error' : undefined}>
          <Input value={name.zh} data-testid="form-name-zh" onChange={(e) => setName({ ...name, zh: e.target.value })} onPressEnter={submit} />
        </Form.Item>
        <Form.Item label={`${t('formBuilder.formName')} · ${t('common.nameEn')}`} validateStatus={tried && !name.en.trim() ? 'error' : undefined}>
          <Input value={name.en} data-testid="form-name-en" onChange={(e) => setName({ ...name, en: e.target.value })} onPressEnter={submit} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
