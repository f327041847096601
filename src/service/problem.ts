// Errors as RFC 9457 "Problem Details for HTTP APIs" (application/problem+json): type, title, status,
// detail, instance, plus `errors` (one per offending member, with its JSON Pointer, RFC 6901) where a
// request body was refused. Types are relative URIs under /problems/ documented in docs/service.md.

export interface ProblemItem {
  pointer: string;
  detail: string;
}

export interface ProblemJson {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: ProblemItem[];
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  409: "Conflict",
  412: "Precondition Failed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  428: "Precondition Required",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** An HTTP error the service answers with a problem document. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    detail: string,
    readonly errors?: ProblemItem[],
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = "Problem";
  }

  /** fastify and its plugins read the status from here */
  get statusCode(): number {
    return this.status;
  }

  json(instance?: string): ProblemJson {
    const p: ProblemJson = { type: `/problems/${this.type}`, title: TITLES[this.status] ?? "Error", status: this.status, detail: this.message, ...this.extensions };
    if (instance !== undefined) p.instance = instance;
    if (this.errors !== undefined && this.errors.length > 0) p.errors = this.errors;
    return p;
  }

  static badRequest(detail: string, errors?: ProblemItem[]): Problem {
    return new Problem(400, "bad-request", detail, errors);
  }
  static unauthorized(detail: string): Problem {
    return new Problem(401, "unauthorized", detail, undefined, {}, { "www-authenticate": 'Bearer realm="twin"' });
  }
  static forbidden(detail: string): Problem {
    return new Problem(403, "forbidden", detail);
  }
  static notFound(detail: string, pointer?: string): Problem {
    return new Problem(404, "not-found", detail, pointer === undefined || pointer === "" ? undefined : [{ pointer, detail }]);
  }
  static conflict(detail: string): Problem {
    return new Problem(409, "conflict", detail);
  }
  static preconditionFailed(detail: string): Problem {
    return new Problem(412, "precondition-failed", detail);
  }
  static unprocessable(detail: string, errors?: ProblemItem[]): Problem {
    return new Problem(422, "invalid-value", detail, errors);
  }
  static unavailable(detail: string, retryAfterSeconds = 5): Problem {
    return new Problem(503, "unavailable", detail, undefined, {}, { "retry-after": String(retryAfterSeconds) });
  }
  static gatewayTimeout(detail: string, child: string): Problem {
    return new Problem(504, "child-timeout", detail, undefined, { child });
  }
  static badGateway(detail: string, child: string): Problem {
    return new Problem(502, "child-unreachable", detail, undefined, { child });
  }
}
