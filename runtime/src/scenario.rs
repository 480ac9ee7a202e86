//! The maker board's world during a run: when buttons are pressed and what the sensors read.
//!
//! A teacher writes a scenario as plain lines, one event each, so that maker programs can be run,
//! tested and graded without a real board:
//!
//! ```text
//! # lines starting with # are comments
//! button A at 1200            # pressed at 1200 ms, held 100 ms
//! button B at 3000 for 800    # held for 800 ms
//! temperature 31 from 3000    # °C from 3000 ms on (default 20)
//! light 200 from 0            # 0–255 (default 128)
//! sound 80 from 500           # 0–255 (default 0)
//! tilt_x 30 from 1000         # degrees, -90–90 (default 0)
//! tilt_y -20 from 1000
//! stop at 5000                # the board runs for at most 5000 ms
//! ```

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// How long a `button X at T` press is held when no `for` is given.
pub const DEFAULT_PRESS_MS: u64 = 100;

/// A sensor of the simulated board.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sensor {
    /// Temperature in °C.
    Temperature,
    /// Light level, 0–255.
    Light,
    /// Sound level, 0–255.
    Sound,
    /// Left–right tilt in degrees, -90–90.
    TiltX,
    /// Forward–back tilt in degrees, -90–90.
    TiltY,
}

impl Sensor {
    const ALL: [Sensor; 5] = [Sensor::Temperature, Sensor::Light, Sensor::Sound, Sensor::TiltX, Sensor::TiltY];

    /// The keyword used in scenario files.
    pub fn keyword(self) -> &'static str {
        match self {
            Sensor::Temperature => "temperature",
            Sensor::Light => "light",
            Sensor::Sound => "sound",
            Sensor::TiltX => "tilt_x",
            Sensor::TiltY => "tilt_y",
        }
    }

    /// The value a sensor reads before the scenario sets it.
    pub fn default_value(self) -> i64 {
        match self {
            Sensor::Temperature => 20,
            Sensor::Light => 128,
            Sensor::Sound | Sensor::TiltX | Sensor::TiltY => 0,
        }
    }

    fn range(self) -> (i64, i64) {
        match self {
            Sensor::Temperature => (-40, 125),
            Sensor::Light | Sensor::Sound => (0, 255),
            Sensor::TiltX | Sensor::TiltY => (-90, 90),
        }
    }
}

/// A button press: button `button` is down from `at_ms` for `hold_ms`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ButtonPress {
    /// `"A"` or `"B"`.
    pub button: String,
    /// When the button goes down.
    pub at_ms: u64,
    /// How long it stays down.
    pub hold_ms: u64,
}

/// From `from_ms` on, sensor `sensor` reads `value`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SensorReading {
    /// Which sensor.
    pub sensor: Sensor,
    /// The value it reads.
    pub value: i64,
    /// From when.
    pub from_ms: u64,
}

/// Everything that happens to the board during a run.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Scenario {
    /// Button presses, in the order written.
    pub presses: Vec<ButtonPress>,
    /// Sensor readings, in the order written.
    pub readings: Vec<SensorReading>,
    /// `stop at T`: the run ends at this virtual time at the latest.
    pub stop_at_ms: Option<u64>,
}

/// A line of a scenario that could not be understood.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("scenario line {line}: {problem}")]
pub struct ScenarioError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub problem: ScenarioProblem,
}

/// What is wrong with a scenario line.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ScenarioProblem {
    /// The first word is not `button`, a sensor name or `stop`.
    #[error("unknown event `{0}` (expected button, temperature, light, sound, tilt_x, tilt_y or stop)")]
    UnknownEvent(String),
    /// The words do not follow the event's pattern.
    #[error("expected `{0}`")]
    Malformed(&'static str),
    /// A button other than A or B.
    #[error("unknown button `{0}` (the board has A and B)")]
    UnknownButton(String),
    /// A number that does not parse or is out of the sensor's range.
    #[error("`{0}` is not a valid number here")]
    BadNumber(String),
}

impl Scenario {
    /// Parses a scenario from its text form (see the module documentation).
    pub fn parse(text: &str) -> Result<Scenario, ScenarioError> {
        let mut scenario = Scenario::default();
        for (index, raw_line) in text.lines().enumerate() {
            let line = raw_line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let words: Vec<&str> = line.split_whitespace().collect();
            scenario.parse_line(&words).map_err(|problem| ScenarioError { line: index + 1, problem })?;
        }
        Ok(scenario)
    }

    fn parse_line(&mut self, words: &[&str]) -> Result<(), ScenarioProblem> {
        let keyword = words[0].to_ascii_lowercase();
        if keyword == "button" {
            const PATTERN: &str = "button A at <ms> [for <ms>]";
            let (button, at_ms, hold_ms) = match words {
                [_, button, "at", at] => (button, number(at, 0, i64::MAX)?, DEFAULT_PRESS_MS as i64),
                [_, button, "at", at, "for", hold] => (button, number(at, 0, i64::MAX)?, number(hold, 1, i64::MAX)?),
                _ => return Err(ScenarioProblem::Malformed(PATTERN)),
            };
            let button = button.to_ascii_uppercase();
            if button != "A" && button != "B" {
                return Err(ScenarioProblem::UnknownButton(words[1].to_string()));
            }
            self.presses.push(ButtonPress { button, at_ms: at_ms as u64, hold_ms: hold_ms as u64 });
        } else if keyword == "stop" {
            match words {
                [_, "at", at] => self.stop_at_ms = Some(number(at, 0, i64::MAX)? as u64),
                _ => return Err(ScenarioProblem::Malformed("stop at <ms>")),
            }
        } else if let Some(sensor) = Sensor::ALL.into_iter().find(|sensor| sensor.keyword() == keyword) {
            let (low, high) = sensor.range();
            match words {
                [_, value, "from", from] => self.readings.push(SensorReading {
                    sensor,
                    value: number(value, low, high)?,
                    from_ms: number(from, 0, i64::MAX)? as u64,
                }),
                _ => return Err(ScenarioProblem::Malformed("<sensor> <value> from <ms>")),
            }
        } else {
            return Err(ScenarioProblem::UnknownEvent(words[0].to_string()));
        }
        Ok(())
    }

    /// What `sensor` reads at virtual time `time_ms`: the latest reading that has started.
    pub fn sensor_at(&self, sensor: Sensor, time_ms: u64) -> i64 {
        self.readings
            .iter()
            .filter(|reading| reading.sensor == sensor && reading.from_ms <= time_ms)
            .max_by_key(|reading| reading.from_ms)
            .map_or(sensor.default_value(), |reading| reading.value)
    }

    /// Whether `button` is held down at virtual time `time_ms`.
    pub fn is_pressed(&self, button: &str, time_ms: u64) -> bool {
        self.presses.iter().any(|press| {
            press.button == button && press.at_ms <= time_ms && time_ms < press.at_ms.saturating_add(press.hold_ms)
        })
    }
}

fn number(word: &str, low: i64, high: i64) -> Result<i64, ScenarioProblem> {
    let trimmed = word.trim_end_matches("ms");
    match trimmed.parse::<i64>() {
        Ok(value) if (low..=high).contains(&value) => Ok(value),
        _ => Err(ScenarioProblem::BadNumber(word.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_error(text: &str, expected: &str) {
        assert_eq!(Scenario::parse(text).unwrap_err().to_string(), expected);
    }

    #[test]
    fn parses_every_event_kind() {
        let scenario = Scenario::parse(
            "# demo\nbutton A at 1200\nbutton b at 3000 for 800\ntemperature 31 from 3000ms\n\
             tilt_y -20 from 10 # comment\nstop at 5000\n",
        )
        .unwrap();
        assert_eq!(scenario.presses.len(), 2);
        assert_eq!(scenario.presses[1], ButtonPress { button: "B".into(), at_ms: 3000, hold_ms: 800 });
        assert_eq!(scenario.stop_at_ms, Some(5000));
        assert_eq!(scenario.sensor_at(Sensor::Temperature, 2999), 20);
        assert_eq!(scenario.sensor_at(Sensor::Temperature, 3000), 31);
        assert_eq!(scenario.sensor_at(Sensor::TiltY, 11), -20);
        assert!(scenario.is_pressed("A", 1250));
        assert!(!scenario.is_pressed("A", 1300));
        assert!(scenario.is_pressed("B", 3799));
    }

    #[test]
    fn reports_the_line_and_the_problem() {
        check_error("\n\nbutton C at 5", "scenario line 3: unknown button `C` (the board has A and B)");
        check_error("light 300 from 0", "scenario line 1: `300` is not a valid number here");
        check_error("button A 5", "scenario line 1: expected `button A at <ms> [for <ms>]`");
        check_error("wind 5 from 0", "scenario line 1: unknown event `wind` (expected button, temperature, light, sound, tilt_x, tilt_y or stop)");
        check_error("stop 5", "scenario line 1: expected `stop at <ms>`");
    }
}
