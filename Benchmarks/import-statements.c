/* What SQLite alone costs for coopctl's import, row by row: the rows of a database `coopctl item import`
 * filled, written again into an empty Coop database with the very statements coopctl prepares (item,
 * tags, attributes, `created` movement, search document, in that order for each item, text bound
 * SQLITE_TRANSIENT as CoopCore binds it), inside one transaction, foreign keys on. Prints the CPU time
 * of the inserts (and of the commit), so that coopctl's own time can be read against it.
 *
 *   cc -O2 -o /tmp/import-statements Benchmarks/import-statements.c -lsqlite3
 *   COOP_DB=/tmp/full.sqlite coopctl init && COOP_DB=/tmp/full.sqlite coopctl item import .build-bench/catalogue-100k.csv
 *   COOP_DB=/tmp/empty.sqlite coopctl init
 *   /tmp/import-statements /tmp/full.sqlite /tmp/empty.sqlite [--deferred-indexes] [--static]
 *
 * --deferred-indexes drops the eight non-unique indexes first and creates them again at the end, as
 * coopctl does for a big import into an empty catalogue (the time includes creating them);
 * --static binds text SQLITE_STATIC (no copy), which CoopCore's Statement does not do.
 * The empty database is copied, not changed. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double cpu(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

typedef struct { int type; sqlite3_int64 i; char *s; int n; } Value;
typedef struct { Value *v; int rows, columns; } Rows;

static void check(int rc, sqlite3 *db, const char *what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
        exit(1);
    }
}

static Rows load(sqlite3 *db, const char *sql, int columns) {
    sqlite3_stmt *s;
    check(sqlite3_prepare_v2(db, sql, -1, &s, 0), db, sql);
    Rows r = { 0, 0, columns };
    int capacity = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        if (r.rows == capacity) { capacity = capacity ? 2 * capacity : 1024; r.v = realloc(r.v, sizeof(Value) * capacity * columns); }
        for (int c = 0; c < columns; c++) {
            Value *x = &r.v[r.rows * columns + c];
            x->type = sqlite3_column_type(s, c);
            if (x->type == SQLITE_INTEGER) x->i = sqlite3_column_int64(s, c);
            if (x->type == SQLITE_TEXT) {
                x->n = sqlite3_column_bytes(s, c);
                x->s = malloc(x->n + 1);
                memcpy(x->s, sqlite3_column_text(s, c), x->n + 1);
            }
        }
        r.rows++;
    }
    sqlite3_finalize(s);
    return r;
}

static sqlite3_destructor_type binding = SQLITE_TRANSIENT;

static void run(sqlite3 *db, sqlite3_stmt *s, const Value *row, int columns) {
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    for (int c = 0; c < columns; c++) {
        const Value *x = &row[c];
        if (x->type == SQLITE_INTEGER) sqlite3_bind_int64(s, c + 1, x->i);
        else if (x->type == SQLITE_TEXT) sqlite3_bind_text(s, c + 1, x->s, x->n, binding);
        else sqlite3_bind_null(s, c + 1);
    }
    check(sqlite3_step(s), db, sqlite3_sql(s));
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql) {
    sqlite3_stmt *s;
    check(sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, 0), db, sql);
    return s;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s FULL.sqlite EMPTY.sqlite [--deferred-indexes] [--static]\n", argv[0]); return 2; }
    int deferred = 0;
    for (int i = 3; i < argc; i++) {
        if (!strcmp(argv[i], "--deferred-indexes")) deferred = 1;
        else if (!strcmp(argv[i], "--static")) binding = SQLITE_STATIC;
    }
    sqlite3 *full, *db;
    check(sqlite3_open_v2(argv[1], &full, SQLITE_OPEN_READONLY, 0), full, argv[1]);
    Rows items = load(full, "SELECT id, code, name, description, category_id, home_location_id, location_id, quantity, status, value_cents, notes, photos, created_at, updated_at FROM inventory_items ORDER BY id", 14);
    Rows tags = load(full, "SELECT item_id, tag FROM inventory_item_tags ORDER BY item_id, tag", 2);
    Rows attributes = load(full, "SELECT item_id, key, value, key_folded, value_folded FROM inventory_item_attributes ORDER BY item_id, key", 5);
    Rows movements = load(full, "SELECT item_id, at, actor, kind, units, from_value, to_value, reason FROM inventory_movements ORDER BY id", 8);
    Rows documents = load(full, "SELECT rowid, code, name, description, category, tags, attributes FROM inventory_search ORDER BY rowid", 7);

    char copy[] = "/tmp/import-statements-XXXXXX";
    int fd = mkstemp(copy);
    if (fd < 0) { perror("mkstemp"); return 1; }
    sqlite3 *empty;
    check(sqlite3_open_v2(argv[2], &empty, SQLITE_OPEN_READONLY, 0), empty, argv[2]);
    check(sqlite3_open(copy, &db), db, copy);
    sqlite3_backup *backup = sqlite3_backup_init(db, "main", empty, "main");
    sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
    sqlite3_close(empty);

    char setup[600];
    snprintf(setup, sizeof setup,
             "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -262144;"
             "ATTACH '%s' AS full; BEGIN IMMEDIATE;"
             "INSERT INTO inventory_categories SELECT * FROM full.inventory_categories ORDER BY id;"
             "INSERT INTO inventory_locations SELECT * FROM full.inventory_locations ORDER BY id;", argv[1]);
    check(sqlite3_exec(db, setup, 0, 0, 0), db, "setup");
    sqlite3_stmt *item = prepare(db, "INSERT INTO inventory_items (code, name, description, category_id, home_location_id, location_id, quantity,\n"
                                     "                             status, value_cents, notes, photos, created_at, updated_at)\n"
                                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    sqlite3_stmt *tag = prepare(db, "INSERT INTO inventory_item_tags (item_id, tag) VALUES (?, ?)");
    sqlite3_stmt *attribute = prepare(db, "INSERT INTO inventory_item_attributes (item_id, key, value, key_folded, value_folded) VALUES (?, ?, ?, ?, ?)");
    sqlite3_stmt *movement = prepare(db, "INSERT INTO inventory_movements (item_id, at, actor, kind, units, from_value, to_value, reason)\n"
                                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    sqlite3_stmt *document = prepare(db, "INSERT INTO inventory_search (rowid, code, name, description, category, tags, attributes)\n"
                                         "VALUES (?, ?, ?, ?, ?, ?, ?)");
    /* The indexes DeferredIndexes drops: CREATE INDEX without UNIQUE on the four tables. */
    const char *indexes = "SELECT l.name, m.sql FROM pragma_index_list(?) l JOIN sqlite_master m ON m.type = 'index' AND m.name = l.name "
                          "WHERE l.origin = 'c' AND NOT l.\"unique\" AND m.sql IS NOT NULL";
    const char *tables[] = { "inventory_items", "inventory_item_tags", "inventory_item_attributes", "inventory_movements" };
    char *definitions[32];
    int dropped = 0;

    double start = cpu();
    if (deferred) {
        sqlite3_stmt *list = prepare(db, indexes);
        char *names[32];
        for (int t = 0; t < 4; t++) {
            sqlite3_reset(list);
            sqlite3_bind_text(list, 1, tables[t], -1, SQLITE_STATIC);
            while (sqlite3_step(list) == SQLITE_ROW && dropped < 32) {
                names[dropped] = strdup((const char *)sqlite3_column_text(list, 0));
                definitions[dropped++] = strdup((const char *)sqlite3_column_text(list, 1));
            }
        }
        sqlite3_finalize(list);
        for (int i = 0; i < dropped; i++) {
            char sql[300];
            snprintf(sql, sizeof sql, "DROP INDEX \"%s\"", names[i]);
            check(sqlite3_exec(db, sql, 0, 0, 0), db, sql);
        }
    }
    int t = 0, a = 0;
    for (int r = 0; r < items.rows; r++) {
        sqlite3_int64 id = items.v[r * 14].i;
        run(db, item, &items.v[r * 14 + 1], 13);
        for (; t < tags.rows && tags.v[t * 2].i == id; t++) run(db, tag, &tags.v[t * 2], 2);
        for (; a < attributes.rows && attributes.v[a * 5].i == id; a++) run(db, attribute, &attributes.v[a * 5], 5);
        run(db, movement, &movements.v[r * 8], 8);
        run(db, document, &documents.v[r * 7], 7);
    }
    for (int i = 0; i < dropped; i++) check(sqlite3_exec(db, definitions[i], 0, 0, 0), db, definitions[i]);
    double inserted = cpu();
    check(sqlite3_exec(db, "COMMIT", 0, 0, 0), db, "COMMIT");
    printf("%d items%s%s: inserts %.2f s CPU, commit %.2f s CPU\n", items.rows,
           deferred ? ", indexes created at the end" : "", binding == SQLITE_STATIC ? ", text bound static" : "",
           inserted - start, cpu() - inserted);
    sqlite3_close(db);
    char cleanup[200];
    snprintf(cleanup, sizeof cleanup, "rm -f %s %s-wal %s-shm", copy, copy, copy);
    return system(cleanup);
}
