# Problems with lesson files, packs and result files (shown to teachers by sprout check / pack / grade).
problem-file-unreadable = Cannot read this file: { $detail }
problem-file-too-large = The file is too large: { $bytes } bytes, at most { $limit }.
problem-not-utf8 = The file is not UTF-8 text. Save it again with the UTF-8 encoding.
problem-binary-file = The file contains binary data, not text. Is this really a lesson file?
problem-missing-front-matter = The file must start with a line +++, then the lesson settings (id, title, …), then another line +++.
problem-unclosed-front-matter = The lesson settings never end: the second +++ line is missing.
problem-bad-front-matter = The lesson settings are wrong: { $detail }
problem-bad-id = The id "{ $id }" is not valid: use lowercase letters, digits and -, at most 64 characters.
problem-empty-title = The Chinese title (title.zh) is empty.
problem-bad-level = level = { $level } is wrong: it must be from 1 to 5.
problem-bad-points = points = { $points } is wrong: it must be from 1 to 10000.
problem-bad-max-operations = max_operations = { $value } is wrong: it must be from 1 to { $limit }.
problem-unknown-tool = tool = "{ $tool }" is not a tool the app has: use one of { $known }.
problem-raw-html = HTML is not allowed in the lesson text: { $html }
problem-external-image = Images must be embedded in the lesson (data:image/…), not loaded from a file or an address (students may be offline): { $url }
problem-missing-solution = The reference solution is missing: add a ```rhai solution block.
problem-duplicate-block = "{ $block }" is given more than once.
problem-unknown-block = Unknown block "{ $block }": use rhai starter, rhai solution, hint or tests.
problem-missing-hint = At least one hint is needed: add a ```hint block that is not empty.
problem-missing-tests = The tests are missing: add a ```tests block.
problem-bad-tests = The tests are not valid TOML: { $detail }
problem-no-tests = The tests block has no test: each test starts with a line [[test]].
problem-unknown-test-kind = Test { $test } has kind "{ $kind }": use call, output, turtle, leds, chart, code or checker.
problem-missing-field = Test { $test } needs { $field }.
problem-field-not-allowed = Test { $test }: { $field } is not used by { $kind } tests (a typo?).
problem-bad-field = Test { $test }: { $field } is wrong: { $detail }
problem-bad-value = Test { $test }: { $field } is not a valid Rhai value: { $detail }
problem-bad-generator = Test { $test }: the random arguments are wrong: { $detail }
problem-bad-board = Test { $test }: the maker-board scenario is wrong: { $detail }
problem-duplicate-test-id = The test id "{ $test }" is used twice.
problem-bad-test-id = The test id "{ $test }" is not valid: use letters, digits, - and _.
problem-unknown-construct = Test { $test }: "{ $construct }" is neither a known construct nor a function name.
problem-bad-step = Test { $test } belongs to step { $step }, but the lesson has { $steps } steps (## headings).
problem-solution-fails = The reference solution fails test { $test }: { $verdict } ({ $detail }).
problem-starter-passes = The starter code already passes every test: the student has nothing to do.
problem-checker-broken = The checker of test { $test } fails on the reference solution: { $detail }
problem-duplicate-lesson = The lesson id "{ $id }" is used twice (see also { $other }).
problem-bad-course = course.toml is wrong: { $detail }
problem-unknown-lesson = course.toml lists the lesson "{ $id }", but no file defines it.
problem-lesson-not-in-course = The lesson "{ $id }" is not listed in course.toml.
problem-duplicate-unit = The unit id "{ $unit }" is used twice.
problem-unknown-unit = Unit "{ $unit }" requires "{ $requires }", which is not an earlier unit.
problem-unknown-requirement = Lesson "{ $id }" requires "{ $requires }", which is not in this course.
problem-requirement-cycle = Lessons require each other in a cycle, so none of them can be opened: { $cycle }.
problem-no-lessons = No lesson file was found here.
problem-contest-without-duration = This contest does not say how long it lasts: set duration_minutes (at least 1) in course.toml.
problem-contest-points-mismatch = The tests of contest problem "{ $id }" add up to { $tests } points, but the problem is worth { $points }: in a contest each test's points are what it is worth, so they must add up to the problem's points.
problem-bad-pack = This is not a valid lesson pack: { $detail }
problem-unknown-version = This version of Sprout does not know format version { $version }. Please update Sprout.
problem-bad-result = This is not a valid result file: { $detail }
problem-other-pack = This result file was made with another pack ({ $id } { $version }, { $content_hash }), not this one: its code was written against other tests, so it is not graded.

# Verdicts
verdict-passed = Passed
verdict-wrong-answer = Wrong answer
verdict-runtime-error = Runtime error
verdict-compile-error = Syntax error
verdict-limit-exceeded = Limit exceeded

# Feedback for students
feedback-wrong-value = { $call } should give { $expected }, your program gives { $got }.
feedback-wrong-output = The output is different. Line { $line } should be "{ $expected_line }", your program printed "{ $got_line }".
feedback-wrong-drawing = The drawing is different: { $missing } stroke(s) missing, { $extra } extra. For example: { $shape }
feedback-wrong-leds = The LEDs at { $time } ms are wrong: expected { $expected }, got { $got }.
feedback-wrong-chart = The chart is different: expected { $expected }, your program drew { $got }.
feedback-missing-function = Write a function called { $name }.
feedback-missing-construct = The program must use { $construct }.
feedback-forbidden-construct = This lesson does not allow { $construct } (line { $line }).
feedback-too-many-lines = The program has { $lines } lines; this lesson allows at most { $limit }.
feedback-checker-message = { $message }
feedback-checker-failed = The checker of this test failed ({ $detail }). It is not your fault: please tell your teacher.
feedback-program-failed = The program failed.
feedback-never-ended = The program never ended. Is there a loop that cannot stop?
feedback-not-resolved = This test has no expected answer (the lesson pack is broken). Please tell your teacher.
