import CoopCore

/// The Orders tables, all prefixed `orders_`. Forward-only: a change is a new numbered migration.
///
/// Register after Inventory's migrations (`Sequences`, `MembershipSchema`, `InventorySchema`, then
/// this): products are Inventory items and orders belong to members.
///
/// Money is integer cents (`_cents`), quantities integer thousandths of the sale unit
/// (`_thousandths`, see `Quantity`), instants UTC ISO-8601 text, local dates `YYYY-MM-DD`.
public enum OrdersSchema {
    /// Adds Orders' migrations to `migrator`.
    public static func register(in migrator: inout Migrator) {
        migrator.register("orders.1", sql: """
            CREATE TABLE orders_producers (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                contact TEXT,
                member_id INTEGER REFERENCES members(id),
                created_at TEXT NOT NULL
            );

            -- A product is an Inventory item that is sold: its name, code and stock (the item's quantity,
            -- counted in grams for kg products) stay in Inventory. Reserved stock is the item's units_out.
            CREATE TABLE orders_products (
                item_id INTEGER PRIMARY KEY REFERENCES inventory_items(id),
                producer_id INTEGER NOT NULL REFERENCES orders_producers(id),
                unit TEXT NOT NULL CHECK (unit IN ('unité', 'kg', 'douzaine', 'panier')),
                price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
                tax TEXT NOT NULL CHECK (tax IN ('zero', 'taxable')),
                on_demand INTEGER NOT NULL DEFAULT 0 CHECK (on_demand IN (0, 1)),
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            CREATE INDEX orders_products_producer ON orders_products(producer_id);

            CREATE TABLE orders_pickup_points (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                address TEXT,
                schedule TEXT,
                active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
                created_at TEXT NOT NULL
            );

            -- all_products / all_pickup_points: the cycle offers every active product (serves every
            -- active pickup point) as they are when a member orders, rather than a list fixed here.
            CREATE TABLE orders_cycles (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                opens_at TEXT NOT NULL,
                closes_at TEXT NOT NULL,
                pickup_date TEXT NOT NULL,
                state TEXT NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'open', 'closed', 'delivered')),
                all_products INTEGER NOT NULL CHECK (all_products IN (0, 1)),
                all_pickup_points INTEGER NOT NULL CHECK (all_pickup_points IN (0, 1)),
                created_at TEXT NOT NULL,
                opened_at TEXT,
                closed_at TEXT,
                delivered_at TEXT,
                CHECK (closes_at > opens_at)
            );
            CREATE TABLE orders_cycle_products (
                cycle_id INTEGER NOT NULL REFERENCES orders_cycles(id),
                item_id INTEGER NOT NULL REFERENCES orders_products(item_id),
                PRIMARY KEY (cycle_id, item_id)
            ) WITHOUT ROWID;
            CREATE TABLE orders_cycle_pickup_points (
                cycle_id INTEGER NOT NULL REFERENCES orders_cycles(id),
                pickup_point_id INTEGER NOT NULL REFERENCES orders_pickup_points(id),
                PRIMARY KEY (cycle_id, pickup_point_id)
            ) WITHOUT ROWID;

            -- One order per member per cycle.
            CREATE TABLE orders_orders (
                id INTEGER PRIMARY KEY,
                cycle_id INTEGER NOT NULL REFERENCES orders_cycles(id),
                member_id INTEGER NOT NULL REFERENCES members(id),
                pickup_point_id INTEGER NOT NULL REFERENCES orders_pickup_points(id),
                status TEXT NOT NULL CHECK (status IN ('open', 'confirmed', 'picked_up', 'cancelled')),
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                confirmed_at TEXT,
                picked_up_at TEXT,
                cancelled_at TEXT,
                UNIQUE (cycle_id, member_id)
            );
            CREATE INDEX orders_orders_member ON orders_orders(member_id);

            -- The unit price and tax class are frozen when the line is added; amount_cents is
            -- unit price x quantity rounded half-up. reserved_units are the Inventory units this line
            -- holds out (0 for on-demand products, and once the order is picked up or cancelled).
            CREATE TABLE orders_order_lines (
                order_id INTEGER NOT NULL REFERENCES orders_orders(id),
                item_id INTEGER NOT NULL REFERENCES orders_products(item_id),
                quantity_thousandths INTEGER NOT NULL CHECK (quantity_thousandths > 0),
                unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
                tax TEXT NOT NULL CHECK (tax IN ('zero', 'taxable')),
                amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
                reserved_units INTEGER NOT NULL CHECK (reserved_units >= 0),
                added_at TEXT NOT NULL,
                PRIMARY KEY (order_id, item_id)
            ) WITHOUT ROWID;
            CREATE INDEX orders_order_lines_item ON orders_order_lines(item_id);

            -- Made at close: one per producer with something ordered, the sums of the confirmed lines.
            CREATE TABLE orders_purchase_orders (
                id INTEGER PRIMARY KEY,
                cycle_id INTEGER NOT NULL REFERENCES orders_cycles(id),
                producer_id INTEGER NOT NULL REFERENCES orders_producers(id),
                created_at TEXT NOT NULL,
                UNIQUE (cycle_id, producer_id)
            );
            CREATE TABLE orders_purchase_order_lines (
                purchase_order_id INTEGER NOT NULL REFERENCES orders_purchase_orders(id),
                item_id INTEGER NOT NULL REFERENCES orders_products(item_id),
                quantity_thousandths INTEGER NOT NULL CHECK (quantity_thousandths > 0),
                order_count INTEGER NOT NULL CHECK (order_count > 0),
                amount_cents INTEGER NOT NULL,
                PRIMARY KEY (purchase_order_id, item_id)
            ) WITHOUT ROWID;

            -- Invoices and credit notes share one gapless series per year: the counter row of the
            -- year is incremented in the same transaction as the documents it numbers, so a rollback
            -- takes the number back with them and the write lock orders concurrent closes.
            CREATE TABLE orders_invoice_counters (
                year INTEGER PRIMARY KEY,
                last_number INTEGER NOT NULL CHECK (last_number >= 0)
            );

            -- Documents are never edited: a correction is a credit note (kind credit_note) referring to
            -- the invoice. Amounts are positive on both kinds; the kind gives the sign in the account.
            CREATE TABLE orders_invoices (
                id INTEGER PRIMARY KEY,
                number TEXT NOT NULL UNIQUE,
                year INTEGER NOT NULL,
                sequence INTEGER NOT NULL CHECK (sequence > 0),
                kind TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
                member_id INTEGER NOT NULL REFERENCES members(id),
                order_id INTEGER NOT NULL REFERENCES orders_orders(id),
                cycle_id INTEGER NOT NULL REFERENCES orders_cycles(id),
                credited_invoice_id INTEGER REFERENCES orders_invoices(id),
                reason TEXT,
                issued_at TEXT NOT NULL,
                issued_on TEXT NOT NULL,
                subtotal_cents INTEGER NOT NULL CHECK (subtotal_cents >= 0),
                taxable_cents INTEGER NOT NULL CHECK (taxable_cents >= 0),
                gst_cents INTEGER NOT NULL CHECK (gst_cents >= 0),
                qst_cents INTEGER NOT NULL CHECK (qst_cents >= 0),
                total_cents INTEGER NOT NULL,
                UNIQUE (year, sequence),
                CHECK ((kind = 'invoice') = (credited_invoice_id IS NULL)),
                CHECK (total_cents = subtotal_cents + gst_cents + qst_cents)
            );
            CREATE UNIQUE INDEX orders_invoices_one_per_order ON orders_invoices(order_id) WHERE kind = 'invoice';
            CREATE INDEX orders_invoices_member ON orders_invoices(member_id, id);
            CREATE INDEX orders_invoices_cycle ON orders_invoices(cycle_id, id);
            CREATE INDEX orders_invoices_credited ON orders_invoices(credited_invoice_id);
            CREATE INDEX orders_invoices_issued_on ON orders_invoices(issued_on);

            -- Code, name and unit are copied: the document shows what was sold, whatever the catalogue
            -- becomes.
            CREATE TABLE orders_invoice_lines (
                invoice_id INTEGER NOT NULL REFERENCES orders_invoices(id),
                position INTEGER NOT NULL,
                item_id INTEGER NOT NULL REFERENCES orders_products(item_id),
                code TEXT NOT NULL,
                name TEXT NOT NULL,
                unit TEXT NOT NULL,
                quantity_thousandths INTEGER NOT NULL CHECK (quantity_thousandths > 0),
                unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
                tax TEXT NOT NULL CHECK (tax IN ('zero', 'taxable')),
                amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
                PRIMARY KEY (invoice_id, position)
            ) WITHOUT ROWID;
            CREATE INDEX orders_invoice_lines_item ON orders_invoice_lines(item_id);

            -- Each tax its own line: the rate (parts per 100,000) and base it was computed on.
            CREATE TABLE orders_invoice_taxes (
                invoice_id INTEGER NOT NULL REFERENCES orders_invoices(id),
                tax TEXT NOT NULL CHECK (tax IN ('gst', 'qst')),
                rate INTEGER NOT NULL CHECK (rate >= 0),
                base_cents INTEGER NOT NULL CHECK (base_cents >= 0),
                amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
                PRIMARY KEY (invoice_id, tax)
            ) WITHOUT ROWID;

            CREATE TRIGGER orders_invoices_no_update BEFORE UPDATE ON orders_invoices
            BEGIN SELECT RAISE(ABORT, 'invoices are never edited: issue a credit note'); END;
            CREATE TRIGGER orders_invoices_no_delete BEFORE DELETE ON orders_invoices
            BEGIN SELECT RAISE(ABORT, 'invoices are never deleted'); END;
            CREATE TRIGGER orders_invoice_lines_no_update BEFORE UPDATE ON orders_invoice_lines
            BEGIN SELECT RAISE(ABORT, 'invoices are never edited: issue a credit note'); END;
            CREATE TRIGGER orders_invoice_lines_no_delete BEFORE DELETE ON orders_invoice_lines
            BEGIN SELECT RAISE(ABORT, 'invoices are never deleted'); END;
            CREATE TRIGGER orders_invoice_taxes_no_update BEFORE UPDATE ON orders_invoice_taxes
            BEGIN SELECT RAISE(ABORT, 'invoices are never edited: issue a credit note'); END;
            CREATE TRIGGER orders_invoice_taxes_no_delete BEFORE DELETE ON orders_invoice_taxes
            BEGIN SELECT RAISE(ABORT, 'invoices are never deleted'); END;
            -- A number once issued is never issued again: the counter only goes up.
            CREATE TRIGGER orders_invoice_counters_only_up BEFORE UPDATE ON orders_invoice_counters
            WHEN NEW.last_number < OLD.last_number
            BEGIN SELECT RAISE(ABORT, 'invoice numbers are never reused'); END;
            CREATE TRIGGER orders_invoice_counters_no_delete BEFORE DELETE ON orders_invoice_counters
            BEGIN SELECT RAISE(ABORT, 'invoice numbers are never reused'); END;
            """)
    }
}
