import { defineEnum, EnumValue } from '../../common/enum-type';

/** What a data product is. */
export const DataProductKind = defineEnum('DataProductKind', '数据产品类别 Kind of data product.', {
  DATASET: '数据集 A dataset delivered as files or a database extract.',
  DATA_API: '数据接口 Data served through an API.',
  MODEL_SERVICE: '模型服务 A model or algorithm offered as a service over data.',
  LABELLED_CORPUS: '标注语料 A labelled corpus for training or evaluating models.',
});
export type DataProductKind = EnumValue<typeof DataProductKind>;

export const DataProductOrderField = defineEnum('DataProductOrderField', 'What to sort data products by.', {
  NAME: '名称 Chinese name in pinyin order (拼音排序).',
  LISTED_ON: '挂牌日期 Listing date; unlisted products last.',
  ID: 'Order of entry into the directory (the default).',
});
export type DataProductOrderField = EnumValue<typeof DataProductOrderField>;
