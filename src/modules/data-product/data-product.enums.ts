import { registerEnumType } from 'type-graphql';

/** What a data product is. */
export enum DataProductKind {
  DATASET = 'DATASET',
  DATA_API = 'DATA_API',
  MODEL_SERVICE = 'MODEL_SERVICE',
  LABELLED_CORPUS = 'LABELLED_CORPUS',
}

registerEnumType(DataProductKind, {
  name: 'DataProductKind',
  description: '数据产品类别 Kind of data product.',
  valuesConfig: {
    DATASET: { description: '数据集 A dataset delivered as files or a database extract.' },
    DATA_API: { description: '数据接口 Data served through an API.' },
    MODEL_SERVICE: { description: '模型服务 A model or algorithm offered as a service over data.' },
    LABELLED_CORPUS: { description: '标注语料 A labelled corpus for training or evaluating models.' },
  },
});

export enum DataProductOrderField {
  NAME = 'NAME',
  LISTED_ON = 'LISTED_ON',
  ID = 'ID',
}

registerEnumType(DataProductOrderField, {
  name: 'DataProductOrderField',
  description: 'What to sort data products by.',
  valuesConfig: {
    NAME: { description: '名称 Chinese name in pinyin order (拼音排序).' },
    LISTED_ON: { description: '挂牌日期 Listing date; unlisted products last.' },
    ID: { description: 'Order of entry into the directory (the default).' },
  },
});
