import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: '城市 A prefecture-level city (地级市) or municipality (直辖市) of the reference list (see Query.cities).' })
export class City {
  @Field({ description: 'Chinese name, e.g. 深圳市.' })
  nameZh!: string;

  @Field({ description: 'English name, e.g. Shenzhen (the usual English form where one exists, e.g. Harbin, Urumqi).' })
  nameEn!: string;

  @Field({ description: 'Hanyu pinyin without tones or spaces, ü written v, e.g. shenzhen, lvliang.' })
  pinyin!: string;

  @Field({ description: 'Province-level division (省级行政区), Chinese, e.g. 广东省.' })
  province!: string;

  @Field({ description: 'Province-level division in English, e.g. Guangdong.' })
  provinceEn!: string;
}
