//! `sprout serve`: the classroom server (issue #16) on the teacher's PC. The server itself is the
//! `sprout-server` crate; this command only reads its options and hands them over.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::{Arg, ArgMatches, Command};
use sprout_runtime::messages::Language;
use sprout_server::ServeOptions;

use crate::words::tr;

/// The port a teacher's students type when `--port` is not given.
const DEFAULT_PORT: &str = "8080";

/// `sprout serve`'s shape (words: `command-serve` in cli.ftl).
pub(crate) fn command() -> Command {
    Command::new("serve")
        .arg(Arg::new("port").long("port").default_value(DEFAULT_PORT))
        .arg(Arg::new("data").long("data"))
        .arg(Arg::new("database").long("database"))
        .arg(Arg::new("app").long("app"))
}

/// `sprout serve` with what clap found: serves until Ctrl+C.
pub(crate) fn main(arguments: &ArgMatches, language: Language) -> Result<ExitCode> {
    let port_text = arguments.get_one::<String>("port").map_or(DEFAULT_PORT, String::as_str);
    // A port is a whole number from 0 (any free port) to 65535; said as such, not as any number.
    let port: u16 = port_text.parse().ok().with_context(|| tr(language, "serve-bad-port", &[("value", &port_text)]))?;
    let options = ServeOptions {
        port,
        data: arguments.get_one::<String>("data").map(PathBuf::from),
        database: arguments.get_one::<String>("database").cloned(),
        app: arguments.get_one::<String>("app").map(PathBuf::from),
        language,
    };
    match sprout_server::serve(options) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(error) => {
            say_error!("sprout serve: {error:#}");
            Ok(ExitCode::from(1))
        }
    }
}
