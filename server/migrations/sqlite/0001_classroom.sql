-- The classroom's tables (issue #16). Times are milliseconds since 1970 (UTC), as BIGINT in both
-- databases; nothing is ever deleted: a removed student is marked, their work kept. A check event
-- keeps the server's grade over every test (score, passed, verdicts) and the part the student is
-- shown, over the visible tests (visible_score, visible_passed), as result files claim it.
CREATE TABLE teacher (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE TABLE packs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    file_name TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    body TEXT NOT NULL,
    uploaded_at BIGINT NOT NULL
);
CREATE TABLE classes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    course TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE TABLE students (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    class_id BIGINT NOT NULL REFERENCES classes (id),
    name TEXT NOT NULL,
    number TEXT NOT NULL,
    pin TEXT NOT NULL,
    removed_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX students_class ON students (class_id);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    student_id BIGINT REFERENCES students (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE TABLE versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    student_id BIGINT NOT NULL REFERENCES students (id),
    lesson_id TEXT NOT NULL,
    code TEXT NOT NULL,
    based_on BIGINT,
    saved_at BIGINT NOT NULL
);
CREATE INDEX versions_student_lesson ON versions (student_id, lesson_id);
CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    student_id BIGINT NOT NULL REFERENCES students (id),
    lesson_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    at BIGINT NOT NULL,
    version_id BIGINT REFERENCES versions (id),
    score BIGINT,
    max_score BIGINT,
    passed BIGINT,
    visible_score BIGINT,
    visible_passed BIGINT,
    verdicts TEXT NOT NULL,
    codes TEXT NOT NULL
);
CREATE INDEX events_student ON events (student_id);
