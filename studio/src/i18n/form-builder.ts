/** Labels of the form builder (zh and en, same keys), merged into the studio's resources under `formBuilder`. */
export const formBuilderText = {
  zh: {},
  en: {},
};
