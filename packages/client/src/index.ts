export {
  createClient,
  type Client,
  type ClientOptions,
  type Method,
  type Operation,
  type PathsOf,
  type RequestOptions,
  type ResponseOf,
  type RouteOptions,
} from './client.js';
export { ApiError, ApiHttpError, ApiProblemError, type FieldError } from './errors.js';
export type * from './api.generated.js';
