extension OpenAPIFragment {
    /// `/health`, `/openapi.yaml` and the shapes every domain shares.
    static let core = OpenAPIFragment(
        paths: #"""
  /health:
    get:
      summary: Liveness check
      security: []
      responses:
        '200':
          description: The service is up.
          content:
            application/json:
              schema:
                type: object
                required: [status]
                properties:
                  status: {type: string, const: ok}
  /metrics:
    get:
      summary: Prometheus metrics (request counts and latency per route, domain counters)
      security: []
      responses:
        '200':
          description: Prometheus text exposition format.
          content:
            text/plain:
              schema: {type: string}
  /openapi.yaml:
    get:
      summary: This document
      security: []
      responses:
        '200':
          description: The OpenAPI document.
          content:
            application/yaml:
              schema: {type: string}
"""# + "\n",
        schemas: #"""
    Problem:
      type: object
      required: [type, title, status, detail, code]
      properties:
        type: {type: string}
        title: {type: string}
        status: {type: integer}
        detail: {type: string}
        code: {type: string, example: membership.email_taken}
        field: {type: [string, 'null']}
        arguments:
          type: object
          description: The values the message names (amounts in cents), e.g. the quantity still available.
          additionalProperties: {type: [string, integer]}
"""# + "\n"
    )
}
