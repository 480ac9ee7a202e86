//! The pieces pages are made of: the code editor and its highlighting, the workbench around it, the
//! stage (console, turtle canvas, charts, maker board), a check's results, lesson text and the app's own icons.

pub mod back_home;
pub mod board;
pub mod chart;
pub mod console;
pub mod editor;
pub mod grading;
pub mod highlight;
pub mod icons;
pub mod markdown;
pub mod stage;
pub mod turtle_diff;
pub mod workbench;
