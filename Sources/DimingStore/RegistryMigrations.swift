import GRDB

/// The schema, as migrations. A shipped migration is never edited: add a new one instead.
public enum RegistryMigrations {
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-foundation") { db in
            try db.execute(sql: """
                CREATE TABLE setting (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                );

                -- Permanent ids: one counter per county and kind that only grows.
                CREATE TABLE id_counter (
                    county TEXT NOT NULL CHECK (length(county) = 6),
                    kind TEXT NOT NULL,
                    last_serial INTEGER NOT NULL,
                    PRIMARY KEY (county, kind)
                ) WITHOUT ROWID;

                -- Append-only audit trail.
                CREATE TABLE audit_event (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    entity_kind TEXT NOT NULL,
                    entity_id TEXT NOT NULL,
                    before TEXT,
                    after TEXT,
                    document TEXT
                );
                CREATE INDEX audit_event_entity ON audit_event(entity_kind, entity_id);
                CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
                    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
                CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
                    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

                CREATE TABLE division (
                    code TEXT PRIMARY KEY NOT NULL CHECK (length(code) = 12),
                    name TEXT NOT NULL,
                    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
                    parent_code TEXT REFERENCES division(code) DEFERRABLE INITIALLY DEFERRED,
                    ur_code TEXT,
                    lon REAL,
                    lat REAL,
                    source TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );
                CREATE INDEX division_parent ON division(parent_code);
                CREATE INDEX division_level ON division(level);
                CREATE INDEX division_name ON division(name);

                -- Division boundaries (county, city, province), WGS-84 as WKB.
                CREATE TABLE boundary (
                    id INTEGER PRIMARY KEY,
                    code TEXT NOT NULL UNIQUE CHECK (length(code) = 12),
                    name TEXT NOT NULL,
                    level INTEGER NOT NULL,
                    geometry BLOB NOT NULL,
                    source TEXT NOT NULL
                );
                CREATE VIRTUAL TABLE boundary_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat);

                -- Road segments as imported; stitched into roads by the survey.
                CREATE TABLE road_segment (
                    rid INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    source TEXT NOT NULL,
                    source_ref TEXT NOT NULL,
                    road_class TEXT NOT NULL,
                    name TEXT,
                    ref TEXT,
                    confirmed_unnamed INTEGER NOT NULL DEFAULT 0,
                    geometry BLOB NOT NULL,
                    length REAL NOT NULL
                );
                CREATE INDEX road_segment_source ON road_segment(source, source_ref);
                CREATE VIRTUAL TABLE segment_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat);
                """)
        }
        migrator.registerMigration("v2-roads") { db in
            try db.execute(sql: """
                -- Whole roads stitched by the survey. Retired roads keep their row (ids are never reused).
                CREATE TABLE road (
                    rid INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    county_code TEXT NOT NULL,
                    town_code TEXT,
                    status TEXT NOT NULL CHECK (status IN ('active', 'retired')),
                    road_class TEXT NOT NULL,
                    name TEXT,
                    working_name TEXT,
                    direction TEXT NOT NULL,
                    length REAL NOT NULL,
                    start_desc TEXT NOT NULL,
                    end_desc TEXT NOT NULL,
                    villages TEXT NOT NULL,
                    geometry BLOB NOT NULL,
                    segment_count INTEGER NOT NULL,
                    updated_at TEXT NOT NULL
                );
                CREATE INDEX road_county ON road(county_code, status);
                CREATE INDEX road_town ON road(town_code, status);
                CREATE VIRTUAL TABLE road_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat);

                -- Which segments make up each active road, in order: a segment is in at most one road.
                CREATE TABLE road_member (
                    segment_id TEXT PRIMARY KEY NOT NULL,
                    road_id TEXT NOT NULL REFERENCES road(id),
                    seq INTEGER NOT NULL,
                    reversed INTEGER NOT NULL
                );
                CREATE INDEX road_member_road ON road_member(road_id, seq);
                """)
        }
        migrator.registerMigration("v3-names") { db in
            try db.execute(sql: """
                -- Names (地名): standard, proposed, in procedure, former, retired. A road is not its name.
                CREATE TABLE place_name (
                    rid INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    text TEXT NOT NULL,
                    specific TEXT NOT NULL,
                    modifiers TEXT NOT NULL,
                    generic TEXT NOT NULL,
                    toned TEXT NOT NULL,
                    sign TEXT NOT NULL,
                    toneless TEXT NOT NULL,
                    specific_toneless TEXT NOT NULL,
                    status TEXT NOT NULL,
                    county_code TEXT NOT NULL,
                    town_code TEXT,
                    road_id TEXT,
                    lon REAL,
                    lat REAL,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );
                CREATE INDEX place_name_county ON place_name(county_code, status);
                CREATE INDEX place_name_town ON place_name(town_code, status);
                CREATE INDEX place_name_text ON place_name(county_code, text);
                CREATE INDEX place_name_road ON place_name(road_id);
                -- Search terms: characters, bigrams, toneless syllables, the joined syllables, initials.
                CREATE VIRTUAL TABLE name_search USING fts5(name_id UNINDEXED, terms);

                -- Readings staff confirmed: for one name, for the names of a place, or everywhere.
                CREATE TABLE confirmed_reading (
                    scope TEXT NOT NULL,
                    phrase TEXT NOT NULL,
                    pinyin TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    at TEXT NOT NULL,
                    PRIMARY KEY (scope, phrase)
                ) WITHOUT ROWID;

                -- Accepted warnings: who accepted which finding for which name, and why.
                CREATE TABLE waiver (
                    id INTEGER PRIMARY KEY,
                    county_code TEXT NOT NULL,
                    name TEXT NOT NULL,
                    code TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    at TEXT NOT NULL,
                    UNIQUE (county_code, name, code)
                );

                -- Levels of the 通用规范汉字表 (1–3), when a county imports the table.
                CREATE TABLE character_level (
                    character TEXT PRIMARY KEY NOT NULL,
                    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v4-procedure") { db in
            try db.execute(sql: """
                -- Naming cases: indexed columns plus the whole record (evidence of every step) as JSON.
                CREATE TABLE naming_case (
                    rid INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    state TEXT NOT NULL,
                    county_code TEXT NOT NULL,
                    town_code TEXT,
                    road_id TEXT,
                    batch_id TEXT,
                    data TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );
                CREATE INDEX naming_case_state ON naming_case(county_code, state);
                CREATE INDEX naming_case_batch ON naming_case(batch_id);
                CREATE INDEX naming_case_road ON naming_case(road_id);

                -- Approval batches: many cases under one approval document.
                CREATE TABLE batch (
                    rid INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    county_code TEXT NOT NULL,
                    title TEXT NOT NULL,
                    data TEXT NOT NULL,
                    created_at TEXT NOT NULL
                );

                -- A name's validity: from approval to the approval of its successor.
                ALTER TABLE place_name ADD COLUMN valid_from TEXT;
                ALTER TABLE place_name ADD COLUMN valid_to TEXT;
                """)
        }
        migrator.registerMigration("v5-signs") { db in
            try db.execute(sql: """
                -- Place-name signs (地名标志): indexed columns plus the whole record as JSON.
                CREATE TABLE sign (
                    rid INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    code TEXT NOT NULL UNIQUE,
                    road_id TEXT NOT NULL,
                    county_code TEXT NOT NULL,
                    status TEXT NOT NULL,
                    data TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );
                CREATE INDEX sign_road ON sign(road_id, status);
                CREATE INDEX sign_county ON sign(county_code, status);
                """)
        }
        migrator.registerMigration("v6-pois-deliveries") { db in
            try db.execute(sql: """
                -- Points of interest: collected ones wait in review (pending) until accepted, merged or rejected.
                CREATE TABLE poi (
                    rid INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    county_code TEXT NOT NULL,
                    status TEXT NOT NULL,
                    category TEXT NOT NULL,
                    name TEXT NOT NULL,
                    lon REAL NOT NULL,
                    lat REAL NOT NULL,
                    data TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );
                CREATE INDEX poi_county ON poi(county_code, status);

                -- Deliveries to map providers, and what each delivered (for change sets).
                CREATE TABLE delivery (
                    rid INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    profile TEXT NOT NULL,
                    county_code TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    folder TEXT NOT NULL,
                    manifest TEXT NOT NULL,
                    ack_by TEXT,
                    ack_at TEXT,
                    ack_note TEXT
                );
                CREATE INDEX delivery_profile ON delivery(profile, county_code, rid);
                CREATE TABLE delivery_record (
                    delivery_id TEXT NOT NULL REFERENCES delivery(id),
                    ref TEXT NOT NULL,
                    fingerprint TEXT NOT NULL,
                    osm_id INTEGER NOT NULL,
                    PRIMARY KEY (delivery_id, ref)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v7-accounts") { db in
            try db.execute(sql: """
                -- People who use the web registry, with their role and scope.
                CREATE TABLE user (
                    username TEXT PRIMARY KEY NOT NULL,
                    display_name TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('clerk', 'reviewer', 'admin')),
                    county_code TEXT,
                    town_code TEXT,
                    password_hash TEXT NOT NULL,
                    created_at TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE session (
                    token TEXT PRIMARY KEY NOT NULL,
                    username TEXT NOT NULL REFERENCES user(username),
                    csrf TEXT NOT NULL,
                    expires_at TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        // Session tokens are kept hashed (SHA-256); the plain ones stored before are dropped, which
        // signs everyone out once.
        migrator.registerMigration("v8-hashed-sessions") { db in
            try db.execute(sql: "DELETE FROM session; ALTER TABLE session RENAME COLUMN token TO token_sha256")
        }
        // The place-name heritage list (地名文化遗产保护名录), issue 14.
        migrator.registerMigration("v9-heritage-list") { db in
            try db.execute(sql: """
                CREATE TABLE heritage_name (
                    county_code TEXT NOT NULL,
                    name TEXT NOT NULL,
                    place TEXT NOT NULL,
                    level TEXT NOT NULL CHECK (level IN ('national', 'provincial', 'city', 'county')),
                    reason TEXT NOT NULL,
                    listed_on TEXT NOT NULL,
                    PRIMARY KEY (county_code, name)
                ) WITHOUT ROWID;
                """)
        }
        // The audit trail's hash chain: existing events are linked once, oldest first, with the
        // append-only triggers lifted for that and put back.
        migrator.registerMigration("v10-audit-chain") { db in
            try db.execute(sql: "DROP TRIGGER audit_event_no_update; ALTER TABLE audit_event ADD COLUMN hash TEXT")
            try AuditLog.chainExisting(db)
            try db.execute(sql: """
                CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
                    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
                """)
        }
        // Accounts an administrator disabled (停用) keep their history but cannot sign in.
        migrator.registerMigration("v11-account-disabled") { db in
            try db.execute(sql: "ALTER TABLE user ADD COLUMN disabled_at TEXT")
        }
        // The OSM way a segment came from (#15: osmChange modifies or deletes that way): id, version,
        // and node ids as little-endian 64-bit integers.
        migrator.registerMigration("v12-segment-osm-identity") { db in
            try db.execute(sql: """
                ALTER TABLE road_segment ADD COLUMN osm_way INTEGER;
                ALTER TABLE road_segment ADD COLUMN osm_version INTEGER;
                ALTER TABLE road_segment ADD COLUMN osm_nodes BLOB;
                """)
        }
        // The rest of the way an osmChange modifies in place (#15): its tags (JSON) and its nodes'
        // versions (little-endian 32-bit integers); and the OSM ways each delivered record was sent
        // as ("id@version;…"), which a later change set modifies or deletes.
        migrator.registerMigration("v13-osm-tags-and-delivered-ways") { db in
            try db.execute(sql: """
                ALTER TABLE road_segment ADD COLUMN osm_tags TEXT;
                ALTER TABLE road_segment ADD COLUMN osm_node_versions BLOB;
                ALTER TABLE delivery_record ADD COLUMN osm_ways TEXT;
                -- Identities kept before without the way's tags (a modify would wipe them) or cut to
                -- the nodes an extract held: none until the OSM source is imported again.
                UPDATE road_segment SET osm_way = NULL, osm_version = NULL, osm_nodes = NULL WHERE osm_way IS NOT NULL;
                """)
        }
        migrator.registerMigration("v14-segment-width-and-surface") { db in
            try db.execute(sql: """
                ALTER TABLE road_segment ADD COLUMN width REAL;
                ALTER TABLE road_segment ADD COLUMN surface TEXT;
                """)
        }
        // Segments and roads are found by place through their boxes and a `SpatialCell` key under a
        // B-tree index instead of R*Trees (#16: an R*Tree entry cost ten times as much to write).
        migrator.registerMigration("v15-spatial-cells") { db in
            for table in ["road_segment", "road"] {
                try db.execute(sql: """
                    ALTER TABLE \(table) ADD COLUMN min_lon REAL;
                    ALTER TABLE \(table) ADD COLUMN min_lat REAL;
                    ALTER TABLE \(table) ADD COLUMN max_lon REAL;
                    ALTER TABLE \(table) ADD COLUMN max_lat REAL;
                    ALTER TABLE \(table) ADD COLUMN cell INTEGER;
                    """)
                try SpatialIndex.fill(db, table: table)
            }
            try db.execute(sql: """
                CREATE INDEX road_segment_cell ON road_segment(cell);
                CREATE INDEX road_cell ON road(cell);
                DROP TABLE segment_rtree;
                DROP TABLE road_rtree;
                """)
        }
        return migrator
    }
}
