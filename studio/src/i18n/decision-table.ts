/** Labels of the decision table (zh and en, same keys), merged into the studio's resources under `decisionTable`. */
export const decisionTableText = {
  zh: {},
  en: {},
};
