/** Labels of reporter privacy on the event page (zh and en, same keys), merged into the studio's resources under `reporterPrivacy`. */
export const reporterPrivacyText = {
  zh: {
    masked: '上报人姓名和电话已隐藏',
    reveal: '显示',
    title: '显示上报人信息',
    reasonLabel: '查看原因（将记入事件记录）',
    reasonPlaceholder: '例如：需要电话联系当事人核实现场情况',
    reasonRequired: '请填写查看原因。',
    confirm: '显示',
    name: '上报人',
    phone: '联系电话',
    revealed: '已显示（此次查看已记入事件记录）',
  },
  en: {
    masked: "The reporter's name and phone are hidden",
    reveal: 'Reveal',
    title: "Reveal the reporter's details",
    reasonLabel: 'Why you need them (written to the event history)',
    reasonPlaceholder: 'e.g. to call the reporter and check the situation on site',
    reasonRequired: 'Please give a reason.',
    confirm: 'Reveal',
    name: 'Reporter',
    phone: 'Phone',
    revealed: 'Revealed (this look is recorded in the event history)',
  },
};
