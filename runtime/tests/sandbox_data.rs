//! Programs that hold a lot of data within the default budgets: the other side of the sandbox
//! suite's hostile programs (`tests/sandbox/`), which the memory budget must stop. Each runs with
//! `Limits::default()`, as in the app's free editor, and must finish with the output given.

use sprout_runtime::{run, Outcome, RunInput};

fn check(program: &str, expected_output: &str) {
    let result = run(program, &RunInput::default());
    assert!(
        matches!(result.outcome, Outcome::Finished { .. }),
        "expected the program to finish, got {:?}:\n{program}",
        result.outcome
    );
    assert_eq!(result.output(), expected_output, "{program}");
}

#[test]
fn a_million_numbers_pushed_one_by_one() {
    check("let a = []; for i in 0..1000000 { a.push(i); } print(a.len()); print(a[999999]);", "1000000\n999999\n");
}

#[test]
fn a_hundred_thousand_numbers_sorted_with_the_built_in_sort() {
    check(
        "let a = []; let x = 1; for i in 0..100000 { x = (x * 48271) % 2147483647; a.push(x % 1000); }
         a.sort(); print(a[0] <= a[50000] && a[50000] <= a[99999]);",
        "true\n",
    );
}

#[test]
fn a_data_set_of_a_thousand_rows_of_64_numbers_built_row_by_row() {
    check(
        "let data = []; for i in 0..1000 { let row = []; for j in 0..64 { row.push(i * j); } data.push(row); }
         let total = 0; for row in data { total += row[63]; } print(total);",
        "31468500\n",
    );
}

#[test]
fn a_padded_list_of_a_million_numbers_and_a_copy_of_it() {
    check("let a = []; a.pad(1000000, 0); let b = a; b[0] = 1; print(a[0] + b[0]);", "1\n");
}

#[test]
fn the_same_string_pushed_a_million_times_is_stored_once() {
    check("let row = []; for i in 0..1000000 { row.push(\".\"); } print(row.len());", "1000000\n");
}

#[test]
fn a_list_passed_down_a_recursion_a_few_levels_deep() {
    check(
        "fn find(a, low, high, x) { if low >= high { return low; } let middle = (low + high) / 2;
             if a[middle] < x { find(a, middle + 1, high, x) } else { find(a, low, middle, x) } }
         let a = []; for i in 0..100000 { a.push(i * 2); } print(find(a, 0, a.len(), 1000));",
        "500\n",
    );
}
