//! Opening the database: SQLite in the data folder (the teacher's PC) or PostgreSQL at a URL (a
//! school's server), both through `sqlx::Any`, so every query has one code path (placeholders
//! `$1…`, times as i64 milliseconds, booleans as 0/1). The tables come from versioned migrations,
//! one folder per dialect with the same tables (`server/migrations/`), embedded in the binary and
//! run at every start.
//!
//! SQLite runs in WAL mode with `synchronous=FULL`, so that a write the server has acknowledged
//! survives a crash or a power cut; foreign keys are on, and a busy database is waited for rather
//! than failing a request.

use std::borrow::Cow;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::time::Duration;

use sqlx::any::AnyPoolOptions;
use sqlx::error::BoxDynError;
use sqlx::migrate::{Migration, MigrationSource, MigrationType, Migrator};
use sqlx::{AnyPool, Executor};

/// Which database the server stores in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// An SQLite file in the data folder.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// Where the server stores: a data folder (SQLite) or a database URL (PostgreSQL).
#[derive(Clone, Debug)]
pub enum Place {
    /// The data folder, created if missing; the database is `sprout.db` in it.
    Folder(PathBuf),
    /// A `postgres://` URL.
    Url(String),
}

/// The database's file name in the data folder.
pub const DATABASE_FILE: &str = "sprout.db";

/// An open, migrated database.
#[derive(Clone, Debug)]
pub struct Database {
    /// The connections.
    pub pool: AnyPool,
    /// SQLite or PostgreSQL.
    pub dialect: Dialect,
    /// The SQLite file, when it is one (for backups).
    pub file: Option<PathBuf>,
}

impl Database {
    /// A transaction that reads and then writes. SQLite's takes the write lock at once (`BEGIN
    /// IMMEDIATE`), waiting for it under the busy timeout: a deferred one that read first and
    /// then writes after another connection's commit fails at once with `SQLITE_BUSY_SNAPSHOT`,
    /// which no timeout waits out: a refused save when two students save at the same moment.
    pub async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        match self.dialect {
            Dialect::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Dialect::Postgres => self.pool.begin().await,
        }
    }
}

/// Why the database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The data folder could not be made.
    #[error("cannot create the data folder {folder}: {source}")]
    Folder {
        /// The folder.
        folder: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The URL is not a PostgreSQL URL.
    #[error("the database URL must start with postgres:// or postgresql://")]
    NotPostgres,
    /// Connecting failed.
    #[error("cannot open the database: {0}")]
    Connect(#[from] sqlx::Error),
    /// A migration failed.
    #[error("cannot bring the database's tables up to date: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// The migrations of one dialect, embedded at build time (sqlx's `migrate!` would need its
/// macros, which compile the drivers a second time).
#[derive(Debug)]
struct Embedded(&'static [(i64, &'static str, &'static str)]);

const SQLITE_MIGRATIONS: Embedded =
    Embedded(&[(1, "classroom", include_str!("../migrations/sqlite/0001_classroom.sql"))]);
const POSTGRES_MIGRATIONS: Embedded =
    Embedded(&[(1, "classroom", include_str!("../migrations/postgres/0001_classroom.sql"))]);

type Resolved<'s> = Pin<Box<dyn Future<Output = Result<Vec<Migration>, BoxDynError>> + Send + 's>>;

impl<'s> MigrationSource<'s> for Embedded {
    fn resolve(self) -> Resolved<'s> {
        let migrations = self
            .0
            .iter()
            .map(|(version, description, sql)| {
                Migration::new(*version, Cow::Borrowed(*description), MigrationType::Simple, Cow::Borrowed(*sql), false)
            })
            .collect();
        Box::pin(async move { Ok(migrations) })
    }
}

/// Opens (creating and migrating) the database at `place`.
pub async fn open(place: &Place) -> Result<Database, OpenError> {
    sqlx::any::install_default_drivers();
    let (pool, dialect, file, migrations) = match place {
        Place::Folder(folder) => {
            create_private_folder(folder).map_err(|source| OpenError::Folder { folder: folder.clone(), source })?;
            let file = folder.join(DATABASE_FILE);
            let url = format!("sqlite://{}?mode=rwc", file.display());
            let pool = AnyPoolOptions::new()
                .max_connections(4)
                .acquire_timeout(ACQUIRE_TIMEOUT)
                .after_connect(|connection, _| {
                    Box::pin(async move {
                        connection
                            .execute(
                                "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                                 PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;",
                            )
                            .await?;
                        Ok(())
                    })
                })
                .connect(&url)
                .await?;
            (pool, Dialect::Sqlite, Some(file), SQLITE_MIGRATIONS)
        }
        Place::Url(url) => {
            if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
                return Err(OpenError::NotPostgres);
            }
            let pool = AnyPoolOptions::new().max_connections(8).acquire_timeout(ACQUIRE_TIMEOUT).connect(url).await?;
            (pool, Dialect::Postgres, None, POSTGRES_MIGRATIONS)
        }
    };
    Migrator::new(migrations).await?.run(&pool).await?;
    Ok(Database { pool, dialect, file })
}

/// Creates `folder` (and its parents) readable by its owner only: the students' work and the
/// sessions are in it.
fn create_private_folder(folder: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(folder)
}

/// How long a pool waits for a connection before a request fails (a stuck database must not hang
/// every request).
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(30);
