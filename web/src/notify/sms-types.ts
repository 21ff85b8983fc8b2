import type { paths } from '../api/schema';

type Ok<P extends keyof paths, M extends 'get' | 'post' | 'put'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type Sms = Ok<'/api/sms', 'get'>['items'][number];
export type StationPhone = Ok<'/api/sms/station-phones', 'get'>['items'][number];
