//! The classroom server as the state sees it (issue #16): whether the page came from a Sprout
//! server, who is signed in there, and whether the work is saved on the teacher's PC. The talking
//! is done by `crate::sync`; these are the values the header and the home page show.

use std::rc::Rc;

/// Who the server says is signed in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    /// The class's id.
    pub class_id: i64,
    /// The class's name.
    pub class_name: String,
    /// The student's id.
    pub student_id: i64,
    /// The student's name.
    pub name: String,
}

impl Account {
    /// What names this student's own storage in this browser (their progress and outbox), so that
    /// two students who use one PC never mix their work.
    pub fn storage_suffix(&self) -> String {
        format!("class-{}.student-{}", self.class_id, self.student_id)
    }
}

/// Whether the page is in server mode, and who is signed in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Connection {
    /// Not from a Sprout server (a static host, file://, the USB page): everything as without one.
    #[default]
    Local,
    /// From a Sprout server, nobody signed in: the home page offers joining the class.
    SignedOut,
    /// Signed in.
    SignedIn(Rc<Account>),
}

/// Whether the work is on the teacher's PC.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Saving {
    /// Everything acknowledged.
    #[default]
    Saved,
    /// Something is on its way.
    Saving,
    /// The server does not answer: the work waits in this browser and goes when it is back.
    Away,
}

/// The server's part of the state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServerState {
    /// Server mode and who is signed in.
    pub connection: Connection,
    /// Whether the work is saved there.
    pub saving: Saving,
    /// How many times a sign-in asked for the student's work (`GET /api/me`): the sync hook reads
    /// it again at each.
    pub joins: u32,
}

impl ServerState {
    /// The student signed in, if anyone is.
    pub fn account(&self) -> Option<&Rc<Account>> {
        match &self.connection {
            Connection::SignedIn(account) => Some(account),
            _ => None,
        }
    }
}
