extension OpenAPIFragment {
    /// Items, their history and moves, the location and category trees, CSV import.
    static let inventory = OpenAPIFragment(
        paths: #"""
  /api/v1/items:
    get:
      summary: Search the catalogue (any token), best match first
      parameters:
        - {name: q, in: query, description: 'Words; accents and case do not matter; the last word may be a prefix.', schema: {type: string}}
        - {name: category, in: query, description: 'A category path and everything under it; case and accents ignored; an unknown one is 404 inventory.category_not_found, naming the closest.', schema: {type: string}}
        - {name: location, in: query, description: 'A location path and everything under it; case and accents ignored; an unknown one is 404 inventory.location_not_found, naming the closest.', schema: {type: string}}
        - {name: status, in: query, schema: {$ref: '#/components/schemas/ItemStatus'}}
        - {name: available, in: query, description: Only items with a unit free now., schema: {type: boolean}}
        - {name: attr, in: query, description: 'KEY=VALUE that must match, key and value compared without regard to case or accents (epoque=1920 finds Époque); repeat for more.', schema: {type: array, items: {type: string}}, style: form, explode: true}
        - {name: tag, in: query, schema: {type: string}}
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 500, default: 50}}
        - {name: cursor, in: query, schema: {type: string}}
      responses:
        ~page Item One page of items.
        ~problems 401 404 422
    post:
      summary: Add an item (staff); `?create=true` creates missing category and location paths
      parameters:
        - {name: create, in: query, schema: {type: boolean}}
      ~body NewItem
      responses:
        ~json 201 Item The item.
        ~problems 401 403 404 409 422
  /api/v1/items/import:
    post:
      summary: Import items from CSV, all or nothing (staff)
      description: 'Columns code,name,description,category,location,quantity,tags,value and attr:NAME columns; tags separated by |. Existing codes are updated. The first bad line rejects the file (422 naming the line).'
      requestBody:
        required: true
        content:
          text/csv:
            schema: {type: string}
      responses:
        ~json 200 ImportSummary What the import did.
        ~problems 401 403 413 422
  /api/v1/items/{code}:
    parameters:
      - {$ref: '#/components/parameters/ItemCode'}
    get:
      summary: One item with its availability (any token)
      responses:
        ~json 200 Item The item.
        ~problems 401 404
    patch:
      summary: Change an item (staff), JSON Merge Patch semantics
      parameters:
        - {name: create, in: query, schema: {type: boolean}}
      ~body ItemChanges
      responses:
        ~json 200 Item The item after the change.
        ~problems 401 403 404 409 422
  /api/v1/items/{code}/history:
    parameters:
      - {$ref: '#/components/parameters/ItemCode'}
    get:
      summary: The item's movements, newest first (staff)
      parameters:
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 500, default: 50}}
        - {name: cursor, in: query, schema: {type: string}}
      responses:
        ~page Movement One page of movements.
        ~problems 401 403 404 422
  /api/v1/items/{code}/move:
    parameters:
      - {$ref: '#/components/parameters/ItemCode'}
    post:
      summary: Move an item to a location (staff)
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [to]
              properties:
                to: {type: string, description: A location path.}
                reason: {type: string}
                create: {type: boolean, description: Create the location if it does not exist.}
      responses:
        ~json 200 Item The item after the move.
        ~problems 401 403 404 422
  /api/v1/items/{code}/status:
    parameters:
      - {$ref: '#/components/parameters/ItemCode'}
    post:
      summary: Set an item's status (staff)
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [status]
              properties:
                status: {$ref: '#/components/schemas/ItemStatus'}
                reason: {type: string}
      responses:
        ~json 200 Item The item after the change.
        ~problems 401 403 404 409 422
  /api/v1/locations:
    get:
      summary: The location tree (any token)
      parameters:
        - {name: under, in: query, schema: {type: string}}
      responses:
        ~json 200 TreeNodeList Locations in path order.
        ~problems 401 422
    post:
      summary: Add a location; missing parents are created (staff)
      ~body PathBody
      responses:
        ~json 201 TreeNode The location.
        ~problems 401 403 409 422
  /api/v1/categories:
    get:
      summary: The category tree (any token)
      parameters:
        - {name: under, in: query, schema: {type: string}}
      responses:
        ~json 200 TreeNodeList Categories in path order.
        ~problems 401 422
    post:
      summary: Add a category; missing parents are created (staff)
      ~body PathBody
      responses:
        ~json 201 TreeNode The category.
        ~problems 401 403 409 422
"""# + "\n",
        parameters: #"""
    ItemCode:
      name: code
      in: path
      required: true
      schema: {type: string, example: T-0001}
"""# + "\n",
        schemas: #"""
    ItemStatus:
      type: string
      enum: [active, maintenance, retired, lost]
    Item:
      type: object
      required: [code, name, description, category, location, homeLocation, quantity, unitsOut, maintenanceUnits, available, status, tags, attributes, photos, value, notes, createdAt, updatedAt]
      properties:
        code: {type: string}
        name: {type: string}
        description: {type: [string, 'null']}
        category: {type: [string, 'null'], description: Category path.}
        location: {type: [string, 'null'], description: Current location path.}
        homeLocation: {type: [string, 'null']}
        quantity: {type: integer, minimum: 0}
        unitsOut: {type: integer, minimum: 0, description: Units on loan now.}
        maintenanceUnits: {type: integer, minimum: 0}
        available: {type: integer, minimum: 0, description: 'Units free now: quantity − on loan − in maintenance; 0 unless active.'}
        status: {$ref: '#/components/schemas/ItemStatus'}
        tags: {type: array, items: {type: string}}
        attributes: {type: object, additionalProperties: {type: string}}
        photos: {type: array, items: {type: string}}
        value: {type: integer, description: Replacement value in cents.}
        notes: {type: [string, 'null']}
        createdAt: {type: string, format: date-time}
        updatedAt: {type: string, format: date-time}
    NewItem:
      type: object
      required: [code, name]
      properties:
        code: {type: string}
        name: {type: string}
        description: {type: string}
        category: {type: string}
        location: {type: string}
        homeLocation: {type: string}
        quantity: {type: integer, minimum: 0, default: 1}
        tags: {type: array, items: {type: string}}
        attributes: {type: object, additionalProperties: {type: string}}
        photos: {type: array, items: {type: string}}
        value: {$ref: '#/components/schemas/Cents', minimum: 0}
        notes: {type: string}
        status: {$ref: '#/components/schemas/ItemStatus'}
    ItemChanges:
      type: object
      description: Fields left out stay; an empty text clears description, notes, category and homeLocation; tags and photos replace the list; attributes merge and a null value removes a key.
      properties:
        name: {type: string}
        description: {type: string}
        category: {type: string}
        homeLocation: {type: string}
        quantity: {type: integer, minimum: 0}
        tags: {type: array, items: {type: string}}
        attributes: {type: object, additionalProperties: {type: [string, 'null']}}
        photos: {type: array, items: {type: string}}
        value: {$ref: '#/components/schemas/Cents', minimum: 0}
        notes: {type: string}
    Movement:
      type: object
      required: [item, at, actor, kind, units, from, to, reason]
      properties:
        item: {type: string}
        at: {type: string, format: date-time}
        actor: {type: [string, 'null']}
        kind: {type: string, enum: [created, moved, status, quantity, checkOut, checkIn, maintenance, repaired, writtenOff]}
        units: {type: [integer, 'null']}
        from: {type: [string, 'null']}
        to: {type: [string, 'null']}
        reason: {type: [string, 'null']}
    TreeNode:
      type: object
      required: [path, name, parent, items, totalItems]
      properties:
        path: {type: string}
        name: {type: string}
        parent: {type: [string, 'null']}
        items: {type: integer, description: Items directly here.}
        totalItems: {type: integer, description: Items here and below.}
    TreeNodeList:
      type: object
      required: [items]
      properties:
        items: {type: array, items: {$ref: '#/components/schemas/TreeNode'}}
    PathBody:
      type: object
      required: [path]
      properties:
        path: {type: string, example: Entrepôt/Étage 2/Allée R}
    ImportSummary:
      type: object
      required: [rows, created, updated, unchanged, categoriesCreated, locationsCreated]
      properties:
        rows: {type: integer}
        created: {type: integer}
        updated: {type: integer}
        unchanged: {type: integer}
        categoriesCreated: {type: integer}
        locationsCreated: {type: integer}
"""# + "\n"
    )
}
