"""Schema version 1 (``V1``) and what later versions add (``V4`` … ``V9``); the steps that
apply them are in ``migrations.py``.  Never edit a version once it is released.

Records that will leave the machine (in a submission package) carry a stable
``uuid``; integer ids are local only. Money is integer fen, dates ISO text.
Text columns default to '' so that readers need no None checks.

Status words come from ``core.vocab``: they are the stored values, so the text
built here is the same as the day version 1 was written (a test compares a
stored version-1 file with a new one, statement by statement).
"""

from govcredit_desktop.core.vocab import (
    MeasureStatus,
    ProblemStatus,
    RepairDecision,
    VocabKind,
    sql_list,
    sql_literal,
)

_CLOSED = sql_literal(ProblemStatus.CLOSED)
_AWAITING = sql_literal(ProblemStatus.AWAITING_CLOSURE)
_MEASURE_STATUS = (f"DEFAULT {sql_literal(MeasureStatus.NOT_STARTED)}"
                   f" CHECK (status IN {sql_list(MeasureStatus)})")

V1 = [
    """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE department (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        uuid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        uscc TEXT NOT NULL,
        first_responsible TEXT NOT NULL DEFAULT '',
        contact_person TEXT NOT NULL DEFAULT '',
        contact_phone TEXT NOT NULL DEFAULT '',
        preparer TEXT NOT NULL DEFAULT '',
        reviewer TEXT NOT NULL DEFAULT '',
        signatory TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL)""",
    """CREATE TABLE campaign (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        doc_number TEXT NOT NULL DEFAULT '',
        number_prefix TEXT NOT NULL,
        start_date TEXT,
        self_inspection_deadline TEXT,
        plan_deadline TEXT,
        rectification_deadline TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL)""",
    """CREATE TABLE person (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        post TEXT NOT NULL DEFAULT '',
        unit TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL)""",
    f"""CREATE TABLE vocabulary (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN {sql_list(VocabKind)}),
        value TEXT NOT NULL CHECK (length(trim(value)) > 0),
        UNIQUE (kind, value))""",
    f"""CREATE TABLE problem (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        campaign_id INTEGER NOT NULL REFERENCES campaign(id),
        seq INTEGER NOT NULL,
        number TEXT NOT NULL,
        area TEXT NOT NULL,
        category TEXT NOT NULL,
        source TEXT NOT NULL,
        title TEXT NOT NULL CHECK (length(trim(title)) > 0),
        description TEXT NOT NULL DEFAULT '',
        counterparty TEXT NOT NULL DEFAULT '',
        counterparty_uscc TEXT NOT NULL DEFAULT '',
        amount_involved INTEGER CHECK (amount_involved >= 0),
        amount_repaid INTEGER CHECK (amount_repaid >= 0),
        discovered_date TEXT,
        target TEXT NOT NULL DEFAULT '',
        lead_unit TEXT NOT NULL DEFAULT '',
        responsible_unit TEXT NOT NULL DEFAULT '',
        responsible_leader_id INTEGER REFERENCES person(id),
        responsible_person_id INTEGER REFERENCES person(id),
        deadline TEXT,
        status TEXT NOT NULL DEFAULT {sql_literal(ProblemStatus.OPEN)}
            CHECK (status IN {sql_list(ProblemStatus)}),
        dishonesty_record INTEGER NOT NULL DEFAULT 0 CHECK (dishonesty_record IN (0, 1)),
        closed_by TEXT NOT NULL DEFAULT '',
        closed_date TEXT,
        closure_remark TEXT NOT NULL DEFAULT '',
        -- Kept by the store on every measure write, so that the ledger can
        -- show and sort by progress without a subquery per row (343 ms at
        -- 100k rows); `check` verifies them against the measure table.
        measures_total INTEGER NOT NULL DEFAULT 0,
        measures_done INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (campaign_id, number),
        CHECK (amount_repaid IS NULL OR amount_repaid <= coalesce(amount_involved, 0)),
        CHECK (deadline IS NULL OR discovered_date IS NULL OR deadline >= discovered_date))""",
    # Covering indexes: the status bar's counts and the light filters read only
    # these columns, so 100k-row scans never touch the wide rows.
    "CREATE INDEX problem_campaign_deadline ON problem (campaign_id, deadline, status)",
    "CREATE INDEX problem_campaign_status ON problem (campaign_id, status, deadline)",
    "CREATE INDEX problem_campaign_seq ON problem (campaign_id, seq)",
    "CREATE INDEX problem_campaign_person ON problem (campaign_id, responsible_person_id)",
    # One per sortable column, led by the sort key so that a sorted first page
    # is an index walk with or without a campaign filter.
    "CREATE INDEX problem_title ON problem (title, campaign_id)",
    "CREATE INDEX problem_involved ON problem (amount_involved, campaign_id)",
    "CREATE INDEX problem_repaid ON problem (amount_repaid, campaign_id)",
    """CREATE INDEX problem_progress ON problem
        ((measures_done * 1.0 / max(measures_total, 1)), campaign_id)""",
    f"""CREATE INDEX problem_light ON problem
        ((status = {_CLOSED} OR deadline IS NULL), deadline, campaign_id)""",
    "CREATE INDEX problem_deadline ON problem (deadline)",
    "CREATE INDEX problem_status ON problem (status)",
    "CREATE INDEX problem_area ON problem (area)",
    "CREATE INDEX problem_category ON problem (category)",
    "CREATE INDEX problem_unit ON problem (responsible_unit)",
    "CREATE INDEX problem_person ON problem (responsible_person_id)",
    "CREATE INDEX problem_leader ON problem (responsible_leader_id)",
    f"""CREATE TABLE measure (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        problem_id INTEGER NOT NULL REFERENCES problem(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        content TEXT NOT NULL CHECK (length(trim(content)) > 0),
        owner_id INTEGER REFERENCES person(id),
        deadline TEXT,
        status TEXT NOT NULL {_MEASURE_STATUS},
        completed_date TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL)""",
    "CREATE INDEX measure_problem ON measure (problem_id, seq)",
    "CREATE INDEX measure_owner ON measure (owner_id)",
    """CREATE TABLE progress (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        problem_id INTEGER NOT NULL REFERENCES problem(id) ON DELETE CASCADE,
        entry_date TEXT NOT NULL,
        note TEXT NOT NULL,
        amount_repaid INTEGER NOT NULL DEFAULT 0 CHECK (amount_repaid >= 0),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL)""",
    "CREATE INDEX progress_problem ON progress (problem_id, entry_date)",
    """CREATE TABLE evidence_blob (sha256 TEXT PRIMARY KEY, data BLOB NOT NULL)""",
    """CREATE TABLE evidence (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        problem_id INTEGER NOT NULL REFERENCES problem(id) ON DELETE CASCADE,
        measure_id INTEGER REFERENCES measure(id) ON DELETE SET NULL,
        sha256 TEXT NOT NULL REFERENCES evidence_blob(sha256),
        original_name TEXT NOT NULL,
        size INTEGER NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL)""",
    "CREATE INDEX evidence_problem ON evidence (problem_id)",
    "CREATE INDEX evidence_sha ON evidence (sha256)",
    # Hash-chained: hash = sha256 over the row's fields and the previous hash,
    # so a rewritten or deleted row breaks the chain (see audit.py).
    """CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        ts TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        table_name TEXT NOT NULL,
        record_uuid TEXT NOT NULL,
        before_json TEXT,
        after_json TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL)""",
    "CREATE INDEX audit_record ON audit_log (record_uuid)",
    # One column per searched field, fed one character per token: unicode61
    # then finds 1- and 2-character Chinese terms as phrases (see search.py).
    """CREATE VIRTUAL TABLE problem_fts USING fts5(title, description, counterparty)""",
]


# Schema version 4: the department's signing key and the packages it signed (issue 15).
# Both are audited record tables (store/replay.py), with AUTOINCREMENT ids from the start.
V4 = [
    # The private key is encrypted PKCS#8 (package/signing.py); it lives in the database
    # so that it moves with backups and to a new PC.  A replaced key stays as a row
    # (its certificate is named in later manifests) but can no longer sign (store/keys.py).
    """CREATE TABLE signing_key (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid TEXT NOT NULL UNIQUE,
        fingerprint TEXT NOT NULL UNIQUE,
        certificate_pem TEXT NOT NULL,
        private_key_pem TEXT NOT NULL,
        created_at TEXT NOT NULL,
        replaced_at TEXT,
        replaced_by TEXT NOT NULL DEFAULT '',
        replace_reason TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL)""",
    # At most one active key: every active row has the same indexed value (1), so a
    # second one is a constraint error whatever path wrote it.
    """CREATE UNIQUE INDEX signing_key_active ON signing_key ((replaced_at IS NULL))
        WHERE replaced_at IS NULL""",
    """CREATE TABLE submission (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid TEXT NOT NULL UNIQUE,
        campaign_id INTEGER REFERENCES campaign(id),
        created_at TEXT NOT NULL,
        file_name TEXT NOT NULL,
        folder TEXT NOT NULL DEFAULT '',
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size >= 0),
        key_fingerprint TEXT NOT NULL,
        counts_json TEXT NOT NULL,
        totals_json TEXT NOT NULL,
        audit_rows INTEGER NOT NULL CHECK (audit_rows >= 0),
        audit_head TEXT NOT NULL,
        warnings INTEGER NOT NULL DEFAULT 0 CHECK (warnings >= 0),
        updated_at TEXT NOT NULL)""",
    "CREATE INDEX submission_campaign ON submission (campaign_id, created_at)",
]

# Schema version 5: the county office's tables (issue 16, docs/county-mode.md).  A
# department file has them empty; the added columns are NULL there.
PACKAGE_STATUSES = ("accepted", "refused", "duplicate", "superseded")

V5 = [
    """CREATE TABLE county_office (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        uuid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL)""",
    # Keyed by USCC: a department that rebuilt its database has a new department uuid but
    # is the same department.
    """CREATE TABLE county_department (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid TEXT NOT NULL UNIQUE,
        uscc TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        department_uuid TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL)""",
    """CREATE TABLE department_certificate (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid TEXT NOT NULL UNIQUE,
        department_id INTEGER NOT NULL REFERENCES county_department(id),
        fingerprint TEXT NOT NULL UNIQUE,
        certificate_pem TEXT NOT NULL,
        name TEXT NOT NULL,
        uscc TEXT NOT NULL,
        registration_created_at TEXT NOT NULL DEFAULT '',
        replaces_json TEXT NOT NULL DEFAULT '[]',
        registered_at TEXT NOT NULL,
        replaced_at TEXT,
        replaced_by TEXT NOT NULL DEFAULT '',
        replace_reason TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL)""",
    """CREATE UNIQUE INDEX department_certificate_active ON department_certificate
        (department_id) WHERE replaced_at IS NULL""",
    """CREATE TABLE county_campaign (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
        doc_number TEXT NOT NULL DEFAULT '',
        deadline TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL)""",
    f"""CREATE TABLE received_package (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid TEXT NOT NULL UNIQUE,
        received_at TEXT NOT NULL,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size >= 0),
        department_id INTEGER REFERENCES county_department(id),
        claimed_department TEXT NOT NULL DEFAULT '',
        claimed_uscc TEXT NOT NULL DEFAULT '',
        campaign_uuid TEXT NOT NULL DEFAULT '',
        campaign_name TEXT NOT NULL DEFAULT '',
        campaign_id INTEGER REFERENCES campaign(id),
        package_created_at TEXT NOT NULL DEFAULT '',
        key_fingerprint TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN {PACKAGE_STATUSES!r}),
        failed_check TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT '',
        checks_json TEXT NOT NULL DEFAULT '[]',
        warnings_json TEXT NOT NULL DEFAULT '[]',
        counts_json TEXT NOT NULL DEFAULT '{{}}',
        totals_json TEXT NOT NULL DEFAULT '{{}}',
        audit_rows INTEGER,
        audit_head TEXT NOT NULL DEFAULT '',
        superseded_by INTEGER REFERENCES received_package(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL)""",
    "CREATE INDEX received_package_sha ON received_package (sha256)",
    """CREATE INDEX received_package_department ON received_package
        (department_id, campaign_uuid, package_created_at)""",
    # The identity is kept in plain text (docs/county-mode.md says why); the audit log
    # holds only its hash (audit.HASHED_COLUMNS).
    """CREATE TABLE county_key (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid TEXT NOT NULL UNIQUE,
        recipient TEXT NOT NULL UNIQUE,
        identity TEXT NOT NULL,
        replaced_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL)""",
    """CREATE UNIQUE INDEX county_key_active ON county_key ((replaced_at IS NULL))
        WHERE replaced_at IS NULL""",
    "ALTER TABLE campaign ADD COLUMN department_id INTEGER REFERENCES county_department(id)",
    """ALTER TABLE campaign ADD COLUMN county_campaign_id INTEGER
        REFERENCES county_campaign(id)""",
    "ALTER TABLE person ADD COLUMN department_id INTEGER REFERENCES county_department(id)",
    "CREATE INDEX campaign_department ON campaign (department_id)",
    "CREATE INDEX campaign_county ON campaign (county_campaign_id)",
    "CREATE INDEX person_department ON person (department_id)",
]


# Schema version 6: the ledger's sorts under a filter (issue 21).  Expressions must match
# store/queries/ledger.py's SORT_KEYS to the letter; version 1's are repeated here because
# a released version is never edited.
_PROGRESS = "(measures_done * 1.0 / max(measures_total, 1))"
_LIGHT_KEY = f"(status = {_CLOSED} OR deadline IS NULL), deadline"
#: The status sort, rank order of core.vocab (ledger.py builds the same text).
STATUS_RANK = ("CASE status " + " ".join(f"WHEN {sql_literal(s)} THEN {s.rank}"
                                          for s in ProblemStatus) + " END")

V6 = [
    # Version 1's sort indexes ended in campaign_id, which sits between the key and the
    # rowid: ORDER BY key, id then sorted every run of equal keys (30,000 problems at
    # progress 0), and a filter walking the index paid for it.  Led by the key alone,
    # the index gives the ledger's order (key, id) outright.
    "DROP INDEX problem_title",
    "CREATE INDEX problem_title ON problem (title)",
    "DROP INDEX problem_involved",
    "CREATE INDEX problem_involved ON problem (amount_involved)",
    "DROP INDEX problem_repaid",
    "CREATE INDEX problem_repaid ON problem (amount_repaid)",
    "DROP INDEX problem_progress",
    f"CREATE INDEX problem_progress ON problem ({_PROGRESS})",
    "DROP INDEX problem_light",
    f"CREATE INDEX problem_light ON problem ({_LIGHT_KEY})",
    # A status filter with the sorts whose keys go with the status (closed problems are
    # fully repaid, done and last by light): walking the key's index, a filter on 已销号
    # read 75,000 other problems first.  Led by the status, each is a seek; they also
    # serve status = ? alone, which the plain status index did.  (status, amount_involved)
    # did not pay: the amount does not go with the status, the walk stays short.
    "DROP INDEX problem_status",
    "CREATE INDEX problem_status_repaid ON problem (status, amount_repaid)",
    f"CREATE INDEX problem_status_progress ON problem (status, {_PROGRESS})",
    f"CREATE INDEX problem_status_light ON problem (status, {_LIGHT_KEY})",
    # The light order of the problems not closed (未销号, and the red, yellow, green and
    # undated filters), where every closed one has the flag set: a walk from that end
    # read past all 25,000 of them.
    f"""CREATE INDEX problem_open_light ON problem ((deadline IS NULL), deadline)
        WHERE status != {_CLOSED}""",
    # The status sort without sorting every row, and the 责任人 sort in name order: the
    # ledger walks person by name, each one's problems by problem_person.
    f"CREATE INDEX problem_status_rank ON problem (({STATUS_RANK}))",
    "CREATE INDEX person_name ON person (name)",
    # The status line's counts of a search: its hits' ids looked up in this narrow index
    # instead of the table's wide rows (拖欠, 30,000 hits at 100k: 62 ms -> 35 ms).
    "CREATE INDEX problem_summary ON problem (id, campaign_id, status, deadline)",
]

V7 = [
    # The status line's whole-ledger counts (store/queries/ledger.py ``summary``) as
    # index range counts, one per status and deadline range: a 已整改待销号 problem is
    # overdue only while money is owed (core.rules), so its amounts sit in the index
    # beside its deadline.  Without them the 5,000 past-deadline ones were read from the
    # table's wide rows (9-13 ms of the 16 at 100k; the old per-row sum took 26 ms).
    f"""CREATE INDEX problem_awaiting_money ON problem
        (campaign_id, deadline, amount_involved, amount_repaid)
        WHERE status = {_AWAITING}""",
]


# Schema version 8: complaints, dishonesty records, sanctions and credit repairs (issue 19).
# New tables only, audited record tables with AUTOINCREMENT ids and uuids from the start.
# Foreign keys to a problem take no ON DELETE action for the complaint: deleting a problem
# unlinks its complaints as audited edits (store/problems.py), never silently.  Records and
# their sanctions and repairs go with their problem, each delete audited by the store; the
# CASCADE is only the last word if something else deletes.  The SQL checks repeat what
# core/validation.py refuses with a message, so no other path can store it either.
V8 = [
    """CREATE TABLE complaint (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid TEXT NOT NULL UNIQUE,
        channel TEXT NOT NULL CHECK (length(trim(channel)) > 0),
        received_date TEXT NOT NULL,
        complainant TEXT NOT NULL DEFAULT '',
        contact TEXT NOT NULL DEFAULT '',
        content TEXT NOT NULL CHECK (length(trim(content)) > 0),
        handling_unit TEXT NOT NULL DEFAULT '',
        reply TEXT NOT NULL DEFAULT '',
        reply_date TEXT,
        result TEXT NOT NULL DEFAULT '',
        problem_id INTEGER REFERENCES problem(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (reply_date IS NULL OR reply_date >= received_date))""",
    # The reminders' "awaiting a reply" list and the register's unreplied filter.
    "CREATE INDEX complaint_awaiting ON complaint (received_date) WHERE reply_date IS NULL",
    "CREATE INDEX complaint_received ON complaint (received_date)",
    "CREATE INDEX complaint_problem ON complaint (problem_id)",
    """CREATE TABLE dishonesty_record (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid TEXT NOT NULL UNIQUE,
        problem_id INTEGER NOT NULL REFERENCES problem(id) ON DELETE CASCADE,
        person_id INTEGER REFERENCES person(id),
        record_type TEXT NOT NULL CHECK (length(trim(record_type)) > 0),
        source_document TEXT NOT NULL DEFAULT '',
        document_number TEXT NOT NULL DEFAULT '',
        record_date TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL)""",
    "CREATE INDEX dishonesty_record_problem ON dishonesty_record (problem_id, record_date)",
    "CREATE INDEX dishonesty_record_person ON dishonesty_record (person_id)",
    """CREATE TABLE sanction (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid TEXT NOT NULL UNIQUE,
        record_id INTEGER NOT NULL REFERENCES dishonesty_record(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (length(trim(kind)) > 0),
        decided_by TEXT NOT NULL DEFAULT '',
        sanction_date TEXT NOT NULL,
        publicity_until TEXT,
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (publicity_until IS NULL OR publicity_until >= sanction_date))""",
    "CREATE INDEX sanction_record ON sanction (record_id, sanction_date)",
    f"""CREATE TABLE credit_repair (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid TEXT NOT NULL UNIQUE,
        record_id INTEGER NOT NULL REFERENCES dishonesty_record(id) ON DELETE CASCADE,
        steps TEXT NOT NULL CHECK (length(trim(steps)) > 0),
        evidence TEXT NOT NULL DEFAULT '',
        decision TEXT NOT NULL DEFAULT ''
            CHECK (decision = '' OR decision IN {sql_list(RepairDecision)}),
        decision_date TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK ((decision = '') = (decision_date IS NULL)))""",
    "CREATE INDEX credit_repair_record ON credit_repair (record_id, decision_date)",
]


# Schema version 9: the title of the county notice a campaign was set up by (issue 17), cited
# 《title》（文号） by the documents; '' in every existing row, where the documents read it
# from the campaign's name as before (core/notice.py).
V9 = [
    "ALTER TABLE campaign ADD COLUMN notice_title TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE county_campaign ADD COLUMN notice_title TEXT NOT NULL DEFAULT ''",
]


# Schema version 10: the reminders' measures due (store/queries/reminders.py).  Without it
# every measure of a 100k ledger was read (0.8 s CPU, holding the connection's lock while
# the window waited); a partial covering index of the open ones by deadline lists the
# first 50 in 2 ms and counts the due ones from the index alone (0.1 s for 120k due).
# The reminders' SQL names the status as this literal, or the planner could not use it.
MEASURE_OPEN = f"status != {sql_literal(MeasureStatus.DONE)}"
V10 = [
    f"CREATE INDEX measure_open_deadline ON measure (deadline, problem_id) WHERE {MEASURE_OPEN}",
]


# Schema version 11: a 领域 filter sorted by 问题类型 and a 问题类型 filter sorted by 领域
# (issue 21).  The two go together (most types belong to a few areas), so a walk of the
# sort key's index passed thousands of rows of other areas before its page (a 问题类型
# filter by 领域 at 100k: 15-17 ms CPU, 51 ms in the ui bench); led by the filter column,
# each is one seek that gives the page in order (filter value, key, id).
V11 = [
    "CREATE INDEX problem_area_category ON problem (area, category)",
    "CREATE INDEX problem_category_area ON problem (category, area)",
]

def column_defaults(conn, table: str) -> dict[str, object]:
    """Each column's default value from the live schema (primary key excluded), so
    writers may leave columns out and readers know what an absent column held."""
    out = {}
    for _cid, name, _type, _notnull, default, pk in conn.execute(
            f"PRAGMA table_info({table})"):
        if pk:
            continue
        if default is None or default.upper() == "NULL":
            out[name] = None
        elif default.startswith("'"):
            out[name] = default[1:-1].replace("''", "'")
        else:
            out[name] = int(default)
    return out
