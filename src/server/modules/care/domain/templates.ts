/** The talking-point templates every subdistrict starts with; staff edit them and add more. */
export const DEFAULT_TEMPLATES: readonly { name: string; talkingPoints: string }[] = [
  {
    name: '防疫',
    talkingPoints:
      '1. 问候老人近况，了解身体和生活情况。\n2. 宣传防疫知识：勤洗手、戴口罩、少聚集、常通风，有发热等症状及时告知居委。\n3. 询问是否需要口罩、体温计、消毒液、米面油、蔬菜、药品代配等帮助。\n4. 告知居委会和街道联系电话。',
  },
  {
    name: '节日慰问',
    talkingPoints:
      '1. 代表街道和居委向老人致以节日问候，感谢其为国家作出的贡献。\n2. 了解身体和生活情况，节日期间有无家人陪伴。\n3. 询问生活上有无困难和需要，告知慰问品发放安排。\n4. 告知居委会和街道联系电话。',
  },
  {
    name: '高温关怀',
    talkingPoints:
      '1. 问候老人近况，了解身体情况，有无头晕、乏力等中暑迹象。\n2. 提醒避开午后高温外出、多喝水、空调温度适宜、饮食清淡。\n3. 询问家中空调、电扇是否正常，是否需要防暑降温物品或上门帮助。\n4. 告知居委会和街道联系电话。',
  },
];
