import { GraphQLLatitude, GraphQLLongitude } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';

@InputType({ description: '坐标 A point on the map (WGS84). Both coordinates together: a point with one of them is no point.' })
export class GeoPointInput {
  @Field(() => GraphQLLatitude, { description: 'Latitude, -90 to 90 degrees.' })
  latitude!: number;

  @Field(() => GraphQLLongitude, { description: 'Longitude, -180 to 180 degrees.' })
  longitude!: number;
}
