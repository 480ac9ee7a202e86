//! Facts about a program's syntax tree, for lessons' code checks ("define `is_prime`", "use a
//! loop", "do not call `sort`", "at most 10 lines") without running the program.
//!
//! The program is parsed by the same Rhai parser as a run, with constant folding off so that what
//! the student wrote is what the facts describe.

use std::collections::BTreeMap;

use rhai::{ASTFlags, ASTNode, Engine, Expr, Stmt};
use serde::{Deserialize, Serialize};

use crate::diagnostic::{self, Context, Diagnostic, SourcePosition, DISABLED_WORDS};
use crate::Limits;

/// Rhai names its closures `anon$…`.
const CLOSURE_PREFIX: &str = "anon$";

/// What a program contains.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyntaxFacts {
    /// The functions the program defines (closures excluded), with their parameter counts.
    pub functions: BTreeMap<String, Vec<usize>>,
    /// Each construct the program uses, with where it first appears: `for`, `while` (also `loop`),
    /// `do`, `if`, `switch`, `fn`, `closure`, `recursion`, `array`, `map`, `return`, `break`,
    /// `continue`, and `loop` for any loop.
    pub constructs: BTreeMap<String, Option<SourcePosition>>,
    /// Each function or method the program calls by name, with where it is first called.
    pub calls: BTreeMap<String, Option<SourcePosition>>,
    /// Lines that are neither empty nor only a comment.
    pub code_lines: usize,
}

impl SyntaxFacts {
    /// Where `construct` (a construct's name or a called function's name) first appears, when the
    /// program uses it: `Some(None)` means it is used but its position is unknown.
    pub fn find(&self, construct: &str) -> Option<Option<SourcePosition>> {
        self.constructs.get(construct).or_else(|| self.calls.get(construct)).copied()
    }
}

/// The construct names [`SyntaxFacts::constructs`] can hold; any other name in a code check is a
/// function name.
pub const CONSTRUCTS: [&str; 14] = [
    "loop",
    "for",
    "while",
    "do",
    "if",
    "switch",
    "fn",
    "closure",
    "recursion",
    "array",
    "map",
    "return",
    "break",
    "continue",
];

fn position_of(position: rhai::Position) -> Option<SourcePosition> {
    Some(SourcePosition { line: position.line()?, column: position.position()? })
}

fn note(found: &mut BTreeMap<String, Option<SourcePosition>>, name: &str, position: rhai::Position) {
    let position = position_of(position);
    let entry = found.entry(name.to_string()).or_insert(position);
    if entry.is_none() {
        *entry = position;
    }
}

/// Records what one node of the tree is; every call by name also goes to `call_sites`.
fn visit(node: &ASTNode, facts: &mut SyntaxFacts, call_sites: &mut Vec<(String, rhai::Position)>) {
    let constructs = &mut facts.constructs;
    match node {
        ASTNode::Stmt(statement) => {
            let position = statement.position();
            match statement {
                Stmt::If(..) => note(constructs, "if", position),
                Stmt::Switch(..) => note(constructs, "switch", position),
                Stmt::While(..) => {
                    note(constructs, "while", position);
                    note(constructs, "loop", position);
                }
                Stmt::Do(..) => {
                    note(constructs, "do", position);
                    note(constructs, "loop", position);
                }
                Stmt::For(..) => {
                    note(constructs, "for", position);
                    note(constructs, "loop", position);
                }
                Stmt::Return(..) => note(constructs, "return", position),
                Stmt::BreakLoop(_, flags, _) => {
                    let name = if flags.intersects(ASTFlags::BREAK) { "break" } else { "continue" };
                    note(constructs, name, position);
                }
                Stmt::FnCall(call, _) => {
                    note(&mut facts.calls, call.name.as_str(), position);
                    call_sites.push((call.name.to_string(), position));
                }
                _ => {}
            }
        }
        ASTNode::Expr(expression) => {
            let position = expression.position();
            match expression {
                Expr::Array(..) => note(constructs, "array", position),
                Expr::Map(..) => note(constructs, "map", position),
                Expr::FnCall(call, _) | Expr::MethodCall(call, _) if call.op_token.is_none() => {
                    note(&mut facts.calls, call.name.as_str(), position);
                    call_sites.push((call.name.to_string(), position));
                }
                _ => {}
            }
        }
        _ => {}
    }
}

/// Counts lines with code: not empty, not only a `//` comment, not inside a `/* … */` comment.
fn count_code_lines(source: &str) -> usize {
    let mut in_block_comment = false;
    let mut count = 0;
    for line in source.lines() {
        let mut rest = line.trim();
        let mut has_code = false;
        while !rest.is_empty() {
            if in_block_comment {
                match rest.find("*/") {
                    Some(end) => {
                        in_block_comment = false;
                        rest = rest[end + 2..].trim_start();
                    }
                    None => rest = "",
                }
            } else if rest.starts_with("//") {
                rest = "";
            } else if let Some(after) = rest.strip_prefix("/*") {
                in_block_comment = true;
                rest = after;
            } else {
                has_code = true;
                rest = "";
            }
        }
        count += usize::from(has_code);
    }
    count
}

/// Reads the facts of `source`; a program that does not parse gives the same diagnostic a run
/// would.
pub fn facts(source: &str, limits: &Limits) -> Result<SyntaxFacts, Diagnostic> {
    let mut engine = Engine::new_raw();
    for word in DISABLED_WORDS {
        engine.disable_symbol(word);
    }
    // The same parse settings as a run, so that a program gets the same compile error here as when
    // it runs (strict variables make an undefined variable a compile error).
    engine
        .set_strict_variables(true)
        .set_max_expr_depths(limits.max_expression_depth, limits.max_function_expression_depth);
    let variable_names = crate::engine::identifiers(source);
    let functions: BTreeMap<String, Vec<usize>> =
        crate::api::API.iter().map(|function| (function.name.to_string(), function.arities.to_vec())).collect();
    let context = Context { source, variable_names: &variable_names, functions: &functions, limits };
    if source.len() > limits.max_source_bytes {
        return Err(Diagnostic::new(crate::Code::SourceTooLong)
            .with("bytes", source.len())
            .with("limit", limits.max_source_bytes));
    }
    let ast = engine
        .compile(source)
        .map_err(|error| diagnostic::from_parse_error(error.err_type(), error.position(), &context))?;

    let mut facts = SyntaxFacts { code_lines: count_code_lines(source), ..SyntaxFacts::default() };
    let mut call_sites = Vec::new();
    ast.walk(&mut |path: &[ASTNode]| {
        if let Some(node) = path.last() {
            visit(node, &mut facts, &mut call_sites);
        }
        true
    });
    let place = |position: rhai::Position| (position.line().unwrap_or(0), position.position().unwrap_or(0));
    let mut recursive: Option<rhai::Position> = None;
    for function in ast.iter_fn_def() {
        let name = function.name.as_str();
        if name.starts_with(CLOSURE_PREFIX) {
            note(&mut facts.constructs, "closure", rhai::Position::NONE);
            continue;
        }
        note(&mut facts.constructs, "fn", rhai::Position::NONE);
        facts.functions.entry(name.to_string()).or_default().push(function.params.len());
        // The syntax tree does not say which function a call is in, but the body's span does.
        let body = place(function.body.start_position())..=place(function.body.end_position());
        let own_call = call_sites.iter().find(|(callee, position)| callee == name && body.contains(&place(*position)));
        if let Some((_, position)) = own_call {
            if recursive.is_none_or(|first| place(*position) < place(first)) {
                recursive = Some(*position);
            }
        }
    }
    if let Some(position) = recursive {
        note(&mut facts.constructs, "recursion", position);
    }
    Ok(facts)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks that `source` uses exactly the constructs listed (calls excluded).
    fn check(source: &str, expected: &[&str]) {
        let facts = facts(source, &Limits::default()).unwrap_or_else(|error| panic!("{source}: {error:?}"));
        let found: Vec<&str> = facts.constructs.keys().map(String::as_str).collect();
        let mut expected = expected.to_vec();
        expected.sort();
        assert_eq!(found, expected, "{source}");
    }

    #[test]
    fn constructs_are_found() {
        check("let a = 1;", &[]);
        check("for i in 0..3 { print(i); }", &["for", "loop"]);
        check("let i = 0; while i < 3 { i += 1; }", &["while", "loop"]);
        check("loop { break; }", &["while", "loop", "break"]);
        check("let i = 0; do { i += 1; } while i < 3;", &["do", "loop"]);
        check("if true { 1 } else { 2 }", &["if"]);
        check("switch 1 { 1 => 2, _ => 3 }", &["switch"]);
        check("fn f(n) { if n < 1 { return 0; } f(n - 1) }", &["fn", "if", "return", "recursion"]);
        check("fn f(n) { g(n) } fn g(n) { n }", &["fn"]);
        check("let add = |a, b| a + b;", &["closure"]);
        check("let a = [1, 2]; let m = #{a: 1};", &["array", "map"]);
        check("for i in 0..3 { if i == 1 { continue; } }", &["for", "loop", "if", "continue"]);
    }

    #[test]
    fn calls_functions_lines_and_positions() {
        let source = "// 排序\nfn biggest(list) {\n    /* 先排序\n       再取最后一个 */\n    list.sort();\n    list[-1]\n}\n\nprint(biggest([3, 1, 2]));\n";
        let facts = facts(source, &Limits::default()).expect("parses");
        assert_eq!(facts.functions, BTreeMap::from([("biggest".to_string(), vec![1])]));
        assert_eq!(facts.find("sort"), Some(Some(SourcePosition { line: 5, column: 10 })));
        assert_eq!(facts.find("print"), Some(Some(SourcePosition { line: 9, column: 1 })));
        assert_eq!(facts.find("while"), None);
        assert!(facts.find("+").is_none(), "operators are not calls");
        assert_eq!(facts.code_lines, 5);
    }

    #[test]
    fn a_compile_error_is_the_runs_diagnostic() {
        for source in ["let a = ;", "let total = 1;\nprint(totl);", "fn f() { outside }\nlet outside = 1;"] {
            let error = facts(source, &Limits::default()).expect_err(source);
            let run = crate::run(source, &crate::RunInput::default());
            assert_eq!(Some(&error), run.diagnostic(), "{source}");
        }
    }
}
