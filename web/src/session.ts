import type { paths } from './api/schema';

/** The JSON body of a path's successful answer, from the generated OpenAPI types. */
export type Reply<P extends keyof paths, M extends 'get' | 'post', S extends number = 200> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer B } } };
}
  ? B
  : never;

/** The logged-in staff member, as GET /api/v1/me returns them. */
export type Me = Reply<'/api/v1/me', 'get'>;
