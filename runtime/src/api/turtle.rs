//! Turtle graphics in the manner of Python's `turtle`: the origin is in the middle, y points up,
//! heading 0 is east and `left` turns counter-clockwise.
//!
//! Positions are rounded to 1e-6 after each move so that `forward(100)` after `left(90)` lands on
//! `[0.0, 100.0]` rather than `[6.1e-15, 100.0]`: the numbers students print stay readable and the
//! trace stays identical on every platform.

use rhai::{Array, Dynamic, Engine, FLOAT, INT};

use super::{integer, mistake, number, text_argument, ApiResult, SharedHost};
use crate::diagnostic::{Code, Diagnostic};
use crate::trace::{Event, Pen, Point, TurtleEvent};

/// The turtle's state during a run.
#[derive(Clone, Debug)]
pub(crate) struct Turtle {
    position: Point,
    heading: FLOAT,
    pen_down: bool,
    pen: Pen,
    fill_color: String,
    fill_points: Option<Vec<Point>>,
}

impl Default for Turtle {
    fn default() -> Self {
        Turtle {
            position: Point { x: 0.0, y: 0.0 },
            heading: 0.0,
            pen_down: true,
            pen: Pen { color: "#000000".into(), width: 1.0 },
            fill_color: "#000000".into(),
            fill_points: None,
        }
    }
}

fn tidy(value: FLOAT) -> FLOAT {
    let rounded = (value * 1e6).round() / 1e6;
    if rounded == 0.0 {
        0.0
    } else {
        rounded
    }
}

fn normalise_heading(degrees: FLOAT) -> FLOAT {
    let heading = tidy(degrees.rem_euclid(360.0));
    if heading >= 360.0 {
        0.0
    } else {
        heading
    }
}

impl Turtle {
    /// Moves to `to`, drawing when the pen is down, and returns the event to record.
    fn move_to(&mut self, to: Point) -> Event {
        let to = Point { x: tidy(to.x), y: tidy(to.y) };
        let from = self.position;
        self.position = to;
        if let Some(points) = &mut self.fill_points {
            points.push(to);
        }
        let pen = self.pen_down.then(|| self.pen.clone());
        Event::Turtle { turtle: TurtleEvent::Move { from, to, pen } }
    }

    fn ahead(&self, distance: FLOAT) -> Point {
        let radians = self.heading.to_radians();
        Point { x: self.position.x + distance * libm::cos(radians), y: self.position.y + distance * libm::sin(radians) }
    }

    fn turn_event(&self) -> Event {
        Event::Turtle { turtle: TurtleEvent::Turn { heading: self.heading } }
    }
}

/// Parses a colour: an English or Chinese name, `#rgb` or `#rrggbb`; returns `#rrggbb`.
pub(crate) fn parse_color(text: &str) -> Option<String> {
    const NAMES: &[(&str, &str, &str)] = &[
        ("black", "黑", "#000000"),
        ("white", "白", "#ffffff"),
        ("red", "红", "#e53935"),
        ("green", "绿", "#43a047"),
        ("blue", "蓝", "#1e88e5"),
        ("yellow", "黄", "#fdd835"),
        ("orange", "橙", "#fb8c00"),
        ("purple", "紫", "#8e24aa"),
        ("pink", "粉", "#ec407a"),
        ("brown", "棕", "#6d4c41"),
        ("gray", "灰", "#757575"),
        ("grey", "灰", "#757575"),
        ("cyan", "青", "#00acc1"),
        ("gold", "金", "#ffb300"),
    ];
    let trimmed = text.trim();
    let lower = trimmed.to_ascii_lowercase();
    let chinese = trimmed.trim_end_matches('色');
    if let Some((_, _, hex)) = NAMES.iter().find(|(english, zh, _)| *english == lower || *zh == chinese) {
        return Some((*hex).to_string());
    }
    let digits = lower.strip_prefix('#')?;
    if !digits.chars().all(|digit| digit.is_ascii_hexdigit()) {
        return None;
    }
    match digits.len() {
        6 => Some(format!("#{digits}")),
        3 => Some(digits.chars().fold(String::from("#"), |mut hex, digit| {
            hex.push(digit);
            hex.push(digit);
            hex
        })),
        _ => None,
    }
}

fn color_argument(name: &str, value: &Dynamic) -> ApiResult<String> {
    let text = text_argument(name, value)?;
    parse_color(&text).ok_or_else(|| mistake(Diagnostic::new(Code::UnknownColor).with("color", text)))
}

fn positive(name: &str, value: FLOAT) -> ApiResult<FLOAT> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(mistake(Diagnostic::new(Code::BadValue).with("name", name).with("value", value)))
    }
}

fn finite(name: &str, value: &Dynamic) -> ApiResult<FLOAT> {
    let number = number(name, value)?;
    if number.is_finite() {
        Ok(number)
    } else {
        Err(mistake(Diagnostic::new(Code::BadValue).with("name", name).with("value", number)))
    }
}

pub(super) fn register(engine: &mut Engine, host: &SharedHost) {
    for (name, sign) in [("forward", 1.0), ("back", -1.0)] {
        let state = host.clone();
        engine.register_fn(name, move |distance: Dynamic| -> ApiResult<()> {
            let distance = finite(name, &distance)? * sign;
            let mut host = state.borrow_mut();
            let target = host.turtle.ahead(distance);
            let event = host.turtle.move_to(target);
            host.record(event);
            Ok(())
        });
    }
    for (name, sign) in [("left", 1.0), ("right", -1.0)] {
        let state = host.clone();
        engine.register_fn(name, move |degrees: Dynamic| -> ApiResult<()> {
            let degrees = finite(name, &degrees)? * sign;
            let mut host = state.borrow_mut();
            host.turtle.heading = normalise_heading(host.turtle.heading + degrees);
            let event = host.turtle.turn_event();
            host.record(event);
            Ok(())
        });
    }
    let state = host.clone();
    engine.register_fn("set_heading", move |degrees: Dynamic| -> ApiResult<()> {
        let degrees = finite("set_heading", &degrees)?;
        let mut host = state.borrow_mut();
        host.turtle.heading = normalise_heading(degrees);
        let event = host.turtle.turn_event();
        host.record(event);
        Ok(())
    });
    let state = host.clone();
    engine.register_fn("pen_up", move || state.borrow_mut().turtle.pen_down = false);
    let state = host.clone();
    engine.register_fn("pen_down", move || state.borrow_mut().turtle.pen_down = true);
    let state = host.clone();
    engine.register_fn("pen_color", move |color: Dynamic| -> ApiResult<()> {
        state.borrow_mut().turtle.pen.color = color_argument("pen_color", &color)?;
        Ok(())
    });
    let state = host.clone();
    engine.register_fn("fill_color", move |color: Dynamic| -> ApiResult<()> {
        state.borrow_mut().turtle.fill_color = color_argument("fill_color", &color)?;
        Ok(())
    });
    let state = host.clone();
    engine.register_fn("pen_width", move |width: Dynamic| -> ApiResult<()> {
        state.borrow_mut().turtle.pen.width = positive("pen_width", number("pen_width", &width)?)?;
        Ok(())
    });
    let state = host.clone();
    engine.register_fn("begin_fill", move || {
        let mut host = state.borrow_mut();
        host.turtle.fill_points = Some(vec![host.turtle.position]);
    });
    let state = host.clone();
    engine.register_fn("end_fill", move || {
        let mut host = state.borrow_mut();
        if let Some(points) = host.turtle.fill_points.take() {
            if points.len() >= 3 {
                let color = host.turtle.fill_color.clone();
                host.record(Event::Turtle { turtle: TurtleEvent::Fill { points, color } });
            }
        }
    });
    let state = host.clone();
    engine.register_fn("go_to", move |x: Dynamic, y: Dynamic| -> ApiResult<()> {
        let target = Point { x: finite("go_to", &x)?, y: finite("go_to", &y)? };
        let mut host = state.borrow_mut();
        let event = host.turtle.move_to(target);
        host.record(event);
        Ok(())
    });
    let state = host.clone();
    engine.register_fn("home", move || {
        let mut host = state.borrow_mut();
        let event = host.turtle.move_to(Point { x: 0.0, y: 0.0 });
        host.record(event);
        host.turtle.heading = 0.0;
        let event = host.turtle.turn_event();
        host.record(event);
    });
    let state = host.clone();
    engine.register_fn("circle", move |radius: Dynamic| -> ApiResult<()> {
        draw_circle(&state, finite("circle", &radius)?, 360.0)
    });
    let state = host.clone();
    engine.register_fn("circle", move |radius: Dynamic, extent: Dynamic| -> ApiResult<()> {
        draw_circle(&state, finite("circle", &radius)?, finite("circle", &extent)?)
    });
    let state = host.clone();
    engine.register_fn("dot", move || {
        let width = state.borrow().turtle.pen.width;
        draw_dot(&state, (width + 4.0).max(width * 2.0), None);
    });
    let state = host.clone();
    engine.register_fn("dot", move |size: Dynamic| -> ApiResult<()> {
        draw_dot(&state, positive("dot", number("dot", &size)?)?, None);
        Ok(())
    });
    let state = host.clone();
    engine.register_fn("dot", move |size: Dynamic, color: Dynamic| -> ApiResult<()> {
        let color = color_argument("dot", &color)?;
        draw_dot(&state, positive("dot", number("dot", &size)?)?, Some(color));
        Ok(())
    });
    let state = host.clone();
    engine.register_fn("heading", move || state.borrow().turtle.heading);
    let state = host.clone();
    engine.register_fn("position", move || -> Array {
        let position = state.borrow().turtle.position;
        vec![Dynamic::from_float(position.x), Dynamic::from_float(position.y)]
    });
    let state = host.clone();
    engine.register_fn("xcor", move || state.borrow().turtle.position.x);
    let state = host.clone();
    engine.register_fn("ycor", move || state.borrow().turtle.position.y);
    for (name, visible) in [("hide_turtle", false), ("show_turtle", true)] {
        let state = host.clone();
        engine.register_fn(name, move || {
            state.borrow_mut().record(Event::Turtle { turtle: TurtleEvent::Visible { visible } });
        });
    }
    engine.register_fn("rgb", |red: Dynamic, green: Dynamic, blue: Dynamic| -> ApiResult<String> {
        let channel = |value: &Dynamic| -> ApiResult<INT> { Ok(integer("rgb", value)?.clamp(0, 255)) };
        Ok(format!("#{:02x}{:02x}{:02x}", channel(&red)?, channel(&green)?, channel(&blue)?))
    });
}

/// Draws a circle (or an arc of `extent` degrees) as a polygon, the way Python's turtle does: the
/// centre is `radius` to the left of the turtle, and more steps are used for larger circles.
fn draw_circle(host: &SharedHost, radius: FLOAT, extent: FLOAT) -> ApiResult<()> {
    let fraction = extent.abs() / 360.0;
    let steps = 1 + ((11.0 + radius.abs() / 6.0).min(59.0) * fraction) as usize;
    let mut step_angle = extent / steps as FLOAT;
    let mut half_step = step_angle / 2.0;
    let mut chord = 2.0 * radius * libm::sin(half_step.to_radians());
    if radius < 0.0 {
        chord = -chord;
        step_angle = -step_angle;
        half_step = -half_step;
    }
    let mut host = host.borrow_mut();
    host.turtle.heading = normalise_heading(host.turtle.heading + half_step);
    for _ in 0..steps {
        let target = host.turtle.ahead(chord);
        let event = host.turtle.move_to(target);
        host.record(event);
        host.turtle.heading = normalise_heading(host.turtle.heading + step_angle);
    }
    host.turtle.heading = normalise_heading(host.turtle.heading - half_step);
    let event = host.turtle.turn_event();
    host.record(event);
    Ok(())
}

fn draw_dot(host: &SharedHost, size: FLOAT, color: Option<String>) {
    let mut host = host.borrow_mut();
    let color = color.unwrap_or_else(|| host.turtle.pen.color.clone());
    let at = host.turtle.position;
    host.record(Event::Turtle { turtle: TurtleEvent::Dot { at, size, color } });
}

#[cfg(test)]
mod tests {
    use super::parse_color;

    #[test]
    fn colours_by_name_and_code() {
        assert_eq!(parse_color("Red").as_deref(), Some("#e53935"));
        assert_eq!(parse_color("红色").as_deref(), Some("#e53935"));
        assert_eq!(parse_color("#0F0").as_deref(), Some("#00ff00"));
        assert_eq!(parse_color("#123456").as_deref(), Some("#123456"));
        assert_eq!(parse_color("#12345").as_deref(), None);
        assert_eq!(parse_color("rainbow").as_deref(), None);
    }
}
