/**
 * The report forms' rjsf theme: @rjsf/antd's templates with the antd widgets report forms use
 * (text areas, selects, radios, checkboxes, date and date-time pickers). Its range slider and
 * year/month/day selects are left out — rjsf's own widgets stand in if a form asks for them —
 * which keeps the report page a grid worker opens on a phone under its load budget.
 */
import { withTheme } from '@rjsf/core';
import Templates from '@rjsf/antd/lib/templates/index.js';
import CheckboxesWidget from '@rjsf/antd/lib/widgets/CheckboxesWidget/index.js';
import CheckboxWidget from '@rjsf/antd/lib/widgets/CheckboxWidget/index.js';
import DateTimeWidget from '@rjsf/antd/lib/widgets/DateTimeWidget/index.js';
import DateWidget from '@rjsf/antd/lib/widgets/DateWidget/index.js';
import PasswordWidget from '@rjsf/antd/lib/widgets/PasswordWidget/index.js';
import RadioWidget from '@rjsf/antd/lib/widgets/RadioWidget/index.js';
import SelectWidget from '@rjsf/antd/lib/widgets/SelectWidget/index.js';
import TextareaWidget from '@rjsf/antd/lib/widgets/TextareaWidget/index.js';

export const antdTemplates = Templates;

export const AntdForm = withTheme({
  templates: Templates,
  widgets: { CheckboxesWidget, CheckboxWidget, DateTimeWidget, DateWidget, PasswordWidget, RadioWidget, SelectWidget, TextareaWidget },
});
