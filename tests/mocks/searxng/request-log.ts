/** What the mock SearXNG records of each request (the log itself is shared by the mocks). */
import type { IncomingHttpHeaders } from 'node:http';
import { RequestLog as SharedRequestLog } from '../shared/request-log.ts';

/** One request the mock received. `status`, `closedAt` and `clientAborted` fill in as it goes on. */
export interface SearxngRequestRecord {
  /** 1, 2, 3… in arrival order. */
  id: number;
  method: string;
  /** Path without the query, e.g. `/search`. */
  path: string;
  /** URL query parameters, first value of each name. */
  query: Record<string, string>;
  /** Fields of an `application/x-www-form-urlencoded` body, first value of each name. */
  form: Record<string, string>;
  /** What SearXNG reads: the form, plus query parameters the form does not have. */
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** When the request arrived (ms since epoch). */
  receivedAt: number;
  /** The status the mock sent, once it sent one. */
  status?: number;
  /** When the exchange ended, either way (ms since epoch). */
  closedAt?: number;
  /** True when the client closed the connection before the mock answered. */
  clientAborted: boolean;
}

/** The mock SearXNG's log. */
export class RequestLog extends SharedRequestLog<SearxngRequestRecord> {
  constructor() {
    super('SearXNG');
  }
}
