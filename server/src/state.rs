//! What every request handler shares: the database, the courses classes are given, the grading
//! pool, the live channel the teacher's page listens to, and the sign-in limiter.

use std::collections::HashMap;
use std::ops::Deref;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Serialize;
use sprout_lessons::{read_pack, Pack};
use tokio::sync::broadcast;

use crate::auth::Limiter;
use crate::db::{Database, Place};
use crate::error::{ApiError, ApiResult};
use crate::grader::Grader;

/// The course id of Sprout's own course (the built-in full pack).
pub const BUILTIN_COURSE: &str = "builtin";

/// The full pack of Sprout's own course, built from `lessons/content` by build.rs.
pub(crate) const BUILTIN_PACK: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/course.pack"));

/// How many live events may wait for a slow listener before it is told to catch up.
const LIVE_BACKLOG: usize = 1024;

/// Something a student did, for the teacher's live page of their class.
#[derive(Clone, Debug, Serialize)]
pub struct LiveEvent {
    /// The class.
    #[serde(skip)]
    pub class_id: i64,
    /// The student.
    pub student: i64,
    /// `save`, `check`, `run` or `hint`.
    pub kind: &'static str,
    /// The lesson.
    pub lesson: String,
    /// When (ms since 1970).
    pub at: i64,
}

/// The server's shared state (cheap to clone).
#[derive(Clone, Debug)]
pub struct AppState(Arc<Inner>);

/// The parts of [`AppState`].
#[derive(Debug)]
pub struct Inner {
    /// The database.
    pub db: Database,
    /// Sprout's own course.
    pub builtin: Arc<Pack>,
    /// Uploaded packs already read, by id.
    packs: Mutex<HashMap<i64, Arc<Pack>>>,
    /// The grading pool.
    pub grader: Grader,
    /// Students' actions, for the live pages.
    pub live: broadcast::Sender<LiveEvent>,
    /// Wrong passwords and PINs.
    pub limiter: Limiter,
}

impl Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The database.
    #[error(transparent)]
    Database(#[from] crate::db::OpenError),
    /// The built-in course (a build that went wrong).
    #[error("the built-in course cannot be read: {0:?}")]
    Course(sprout_lessons::Problems),
    /// The grading threads.
    #[error("cannot start the grading threads: {0}")]
    Threads(#[from] std::io::Error),
}

impl AppState {
    /// Opens the database at `place` and starts `graders` grading threads, each check answered
    /// within `check_timeout`.
    pub async fn open(place: &Place, graders: usize, check_timeout: Duration) -> Result<AppState, StartError> {
        let db = crate::db::open(place).await?;
        let builtin = read_pack("builtin.pack", BUILTIN_PACK).map_err(StartError::Course)?;
        let grader = Grader::start(graders, crate::grader::QUEUED_CHECKS, check_timeout)?;
        let (live, _) = broadcast::channel(LIVE_BACKLOG);
        Ok(AppState(Arc::new(Inner {
            db,
            builtin: Arc::new(builtin),
            packs: Mutex::new(HashMap::new()),
            grader,
            live,
            limiter: Limiter::default(),
        })))
    }

    /// The pack of course `course` (`builtin` or an uploaded pack's id).
    pub async fn course(&self, course: &str) -> ApiResult<Arc<Pack>> {
        if course == BUILTIN_COURSE {
            return Ok(self.builtin.clone());
        }
        let id: i64 = course.parse().map_err(|_| ApiError::not_found("unknown-pack"))?;
        if let Some(pack) = self.packs.lock().map_err(ApiError::internal)?.get(&id) {
            return Ok(pack.clone());
        }
        let row: Option<(String,)> =
            sqlx::query_as("SELECT body FROM packs WHERE id = $1").bind(id).fetch_optional(&self.db.pool).await?;
        let (body,) = row.ok_or_else(|| ApiError::not_found("unknown-pack"))?;
        let pack = Arc::new(
            read_pack("stored.pack", body.as_bytes())
                .map_err(|problems| ApiError::internal(format!("stored pack {id} cannot be read: {problems:?}")))?,
        );
        self.packs.lock().map_err(ApiError::internal)?.insert(id, pack.clone());
        Ok(pack)
    }

    /// Tells the live pages of the event's class (nobody listening is fine).
    pub fn announce(&self, event: LiveEvent) {
        let _ = self.live.send(event);
    }
}
