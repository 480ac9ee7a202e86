//! `sprout run` as teachers, tests and judges use it: exit status, text and JSON output,
//! input and board files, and diagnostics printed with file:line:column in either language.

use std::path::PathBuf;
use std::process::{Command, Output};

struct Case {
    name: &'static str,
    program: &'static [u8],
    extra_files: &'static [(&'static str, &'static str)],
    arguments: &'static [&'static str],
    status: i32,
    stdout_contains: &'static str,
    stderr_contains: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "clean run prints output",
        program: "print(\"你好\"); print(1 + 2);".as_bytes(),
        extra_files: &[],
        arguments: &[],
        status: 0,
        stdout_contains: "你好\n3\n",
        stderr_contains: "",
    },
    Case {
        name: "input file feeds input()",
        program: b"let a = int(input()); let b = int(input()); print(a * b);",
        extra_files: &[("in.txt", "6\n7\n")],
        arguments: &["--input", "in.txt"],
        status: 0,
        stdout_contains: "42\n",
        stderr_contains: "",
    },
    Case {
        name: "board scenario drives events",
        program: b"on_button(\"A\", || print(`A at ${millis()}`)); sleep(2000);",
        extra_files: &[("board.txt", "button A at 1200\n")],
        arguments: &["--board", "board.txt"],
        status: 0,
        stdout_contains: "A at 1200\n",
        stderr_contains: "",
    },
    Case {
        name: "turtle and LED events are listed with their time",
        program: b"forward(10); sleep(5); led_plot(0, 0);",
        extra_files: &[],
        arguments: &[],
        status: 0,
        stdout_contains: "@0ms turtle move (0, 0) -> (10, 0) pen #000000 1\n@5ms led 9.... ..... ..... ..... .....\n",
        stderr_contains: "",
    },
    Case {
        name: "a mistake fails with position, message and hint in Chinese",
        program: b"let total = 1;\nprint(totl);",
        extra_files: &[],
        arguments: &[],
        status: 1,
        stdout_contains: "",
        stderr_contains: "program.rhai:2:7: 我不认识变量 totl。 [undefined-variable]\n  你是不是想写 total？",
    },
    Case {
        name: "messages in English on request",
        program: b"loop { }",
        extra_files: &[],
        arguments: &["--lang", "en"],
        status: 1,
        stdout_contains: "",
        stderr_contains: "Maybe a loop never ends?",
    },
    Case {
        name: "a maker loop that runs until the virtual time is up is a clean run",
        program: b"loop { sleep(1000); }",
        extra_files: &[],
        arguments: &[],
        status: 0,
        stdout_contains: "",
        stderr_contains: "",
    },
    Case {
        name: "binary junk is a diagnostic, not a crash",
        program: &[0xff, 0xfe, 0x00, 0x41, 0x80, 0x3b],
        extra_files: &[],
        arguments: &["--lang", "en"],
        status: 1,
        stdout_contains: "",
        stderr_contains: "[unknown-character]",
    },
    Case {
        name: "JSON output is the whole run",
        program: b"print(1); 1 / 0",
        extra_files: &[],
        arguments: &["--json"],
        status: 1,
        stdout_contains: "\"code\": \"division-by-zero\"",
        stderr_contains: "",
    },
    Case {
        name: "unknown option is a usage error",
        program: b"print(1);",
        extra_files: &[],
        arguments: &["--fast"],
        status: 2,
        stdout_contains: "",
        stderr_contains: "unknown option `--fast`",
    },
    Case {
        name: "a broken board file names the file and the line",
        program: b"print(1);",
        extra_files: &[("board.txt", "button A at 5\nbutton C at 9\n")],
        arguments: &["--board", "board.txt"],
        status: 2,
        stdout_contains: "",
        stderr_contains: "in board.txt: scenario line 2: unknown button `C`",
    },
];

fn run_case(case: &Case, folder: &PathBuf) -> Output {
    std::fs::create_dir_all(folder).unwrap();
    std::fs::write(folder.join("program.rhai"), case.program).unwrap();
    for (name, contents) in case.extra_files {
        std::fs::write(folder.join(name), contents).unwrap();
    }
    Command::new(env!("CARGO_BIN_EXE_sprout"))
        .arg("run")
        .arg("program.rhai")
        .args(case.arguments)
        .current_dir(folder)
        .output()
        .unwrap()
}

#[test]
fn sprout_run_behaves_as_documented() {
    let root = std::env::temp_dir().join(format!("sprout-cli-test-{}", std::process::id()));
    let mut failures = Vec::new();
    for (index, case) in CASES.iter().enumerate() {
        let output = run_case(case, &root.join(index.to_string()));
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        if output.status.code() != Some(case.status)
            || !stdout.contains(case.stdout_contains)
            || !stderr.contains(case.stderr_contains)
        {
            failures.push(format!(
                "{}: status {:?} (want {})\nstdout: {stdout}\nstderr: {stderr}",
                case.name,
                output.status.code(),
                case.status
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&root);
    assert!(failures.is_empty(), "{}", failures.join("\n---\n"));
}

/// `sprout run big.rhai | head -1` closes the pipe early; the command must end quietly, not panic.
#[test]
fn a_closed_output_pipe_is_not_a_crash() {
    use std::io::Read;
    use std::process::Stdio;
    let folder = std::env::temp_dir().join(format!("sprout-pipe-test-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("folder");
    let program = folder.join("many.rhai");
    std::fs::write(&program, "for i in 0..20000 { print(`第 ${i} 行`); }").expect("write");
    let mut child = Command::new(env!("CARGO_BIN_EXE_sprout"))
        .arg("run")
        .arg(&program)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let mut first = [0u8; 16];
    child.stdout.take().expect("stdout").read_exact(&mut first).expect("some output");
    let output = child.wait_with_output().expect("ends");
    let _ = std::fs::remove_dir_all(&folder);
    assert_ne!(output.status.code(), Some(101), "panicked: {}", String::from_utf8_lossy(&output.stderr));
    assert!(!String::from_utf8_lossy(&output.stderr).contains("panicked"));
}
