import { englishStringTranslator, replaceStringParameters, TranslatableString } from '@rjsf/utils';

const ZH: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.ArrayItemTitle]: '项',
  [TranslatableString.EmptyArray]: '暂无内容，请用下方按钮添加。',
  [TranslatableString.YesLabel]: '是',
  [TranslatableString.NoLabel]: '否',
  [TranslatableString.CloseLabel]: '关闭',
  [TranslatableString.ErrorsLabel]: '错误',
  [TranslatableString.AddButton]: '添加',
  [TranslatableString.AddItemButton]: '添加一项',
  [TranslatableString.CopyButton]: '复制',
  [TranslatableString.MoveDownButton]: '下移',
  [TranslatableString.MoveUpButton]: '上移',
  [TranslatableString.RemoveButton]: '删除',
  [TranslatableString.NowLabel]: '现在',
  [TranslatableString.ClearLabel]: '清除',
  [TranslatableString.OptionalObjectAdd]: '填写可选项',
  [TranslatableString.OptionalObjectRemove]: '移除可选项',
  [TranslatableString.OptionalObjectEmptyMsg]: '未填写可选项',
  [TranslatableString.OptionPrefix]: '选项 %1',
};

/** rjsf's own button and message texts in the studio's language. */
export function rjsfStrings(language: 'zh' | 'en') {
  return (key: TranslatableString, params?: string[]): string => {
    if (language === 'zh' && ZH[key]) return replaceStringParameters(ZH[key]!, params);
    return englishStringTranslator(key, params);
  };
}
