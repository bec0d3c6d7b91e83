/** Labels of the time editors (zh and en, same keys), merged into the studio's resources under `timeEditors`. */
export const timeEditorsText = {
  zh: {},
  en: {},
};
