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
    Cents:
      type: integer
      description: 'Money: integer cents of the co-op''s currency (500 is $5.00). In a request body, a number with a decimal point or an exponent (5.00, 5.5, 5e2) is refused with 422 and the code common.money_not_cents; every money field follows this one rule.'
      example: 500
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
