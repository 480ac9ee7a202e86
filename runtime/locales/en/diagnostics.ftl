# What a student sees when the program has a mistake. Each id is a diagnostic Code of the runtime.
# Written for a 10-year-old: say what went wrong, then give something to try right away.
# .hint is a tip; .suggestion replaces it when we can guess what was meant.

source-too-long = The program is too long: { $bytes }, but at most { $limit } are allowed.
    .hint = Turn repeated code into a function or a loop to make it shorter.
expected-semicolon = A semicolon ; is missing at the end of this line.
    .hint = End each statement with ; like a full stop at the end of a sentence.
expected-close-brace = A closing brace {"}"} is missing.
    .hint = Every {"{"} needs a {"}"} to match it. Count them: are there as many of each?
expected-close-paren = A closing bracket ) is missing.
    .hint = Every ( needs a ) to match it.
expected-close-bracket = A closing square bracket ] is missing.
    .hint = Every [ needs a ] to match it.
extra-close-brace = There is one {"}"} too many here: { $partner ->
        [paired] the {"{"} on line { $open_line } is already paired with the {"}"} on line { $close_line }
       *[none] there is no {"{"} before it for it to close
    }.
    .hint = Delete the extra {"}"}. If you meant this one, look for a {"}"} written too early before it, or a missing {"{"}.
extra-close-paren = There is one ) too many here: { $partner ->
        [paired] the ( on line { $open_line } is already paired with the ) on line { $close_line }
       *[none] there is no ( before it for it to close
    }.
    .hint = Delete the extra ). If you meant this one, look for a missing ( before it.
extra-close-bracket = There is one ] too many here: { $partner ->
        [paired] the [ on line { $open_line } is already paired with the ] on line { $close_line }
       *[none] there is no [ before it for it to close
    }.
    .hint = Delete the extra ]. If you meant this one, look for a missing [ before it.
expected-token = There should be { $token } here.
unexpected-end = The program ends before it is finished.
    .hint = Is a {"}"}, ) or ; missing at the end?
unterminated-string = This text is missing its closing quote "
    .hint = Text goes between two quotes, like "hello".
bad-number = { $text } is not a correct number.
unknown-character = There is a character I cannot read: { $text }
    .hint = Did you type Chinese punctuation? Brackets, quotes and semicolons must be typed in English mode.
unexpected-symbol = { $text } cannot be used here.
not-allowed = { $name } cannot be used in Sprout.
    .hint = Some features are switched off to keep everyone safe. Try another way.
    .suggestion = Try { $suggestion } instead.
nesting-too-deep = Brackets or braces are nested too many levels deep.
    .hint = Split the inner part into variables or functions.
number-too-large = The number { $text } is too large.
duplicate-function = The function { $name } is defined twice.
    .hint = Rename one of them, or delete one.
assign-to-constant = { $name } is a constant: its value cannot change.
    .hint = If it needs to change, use let instead of const.
invalid-assignment = Only a variable can stand on the left of =
    .hint = To check whether two values are equal, use ==
undefined-variable = I don't know a variable called { $name }.
    .hint = Create it with let before you use it, for example: let { $name } = 0;
    .suggestion = Did you mean { $suggestion }?
syntax-error = This is not written the right way. ({ $detail })
unknown-function = There is no function called { $name }.
    .hint = Check the spelling, or define it first with fn.
    .suggestion = Did you mean { $suggestion }?
wrong-argument-count = The function { $name } needs { $expected } argument(s), but you gave { $got }.
wrong-argument-type = The function { $name } cannot work with this kind of value: { $got }.
    .hint = Check the values in the brackets: is text used where a number is needed?
type-mismatch = A { $expected } is needed here, but this is a { $got }.
division-by-zero = You cannot divide by 0.
    .hint = Before dividing, use if to check whether the divisor is 0.
number-overflow = The number became too large to hold.
    .hint = Whole numbers go up to about 9 followed by 18 digits. Are you multiplying too much?
index-out-of-range = Position { $index } is out of range: there are only { $length } items, at positions 0 to { $last }.
    .hint = The first item is at position 0 and the last at the length minus 1.
value-too-large = { $what ->
        [string] This string became
        [map] This object became
        [data] The program's lists, objects and texts together became
       *[array] This list became
    } too large: { $what ->
        [data] the most is about { $limit }
       *[other] the most is { $limit }
    }.
    .hint = Are you adding to it again and again in a loop?
too-many-operations = The program took too many steps (more than { $limit }), so it was stopped.
    .hint = Maybe a loop never ends? Check that the loop's condition can become false.
    .no-sleep = Did you forget sleep? The program keeps lighting LEDs or reading the board, but no time passes at all. Put sleep(100); in the loop so that each picture stays for a moment.
recursion-too-deep = A function called itself too many levels deep (more than { $limit }).
    .hint = A recursive function needs a condition where it stops.
output-too-large = { $what ->
        [events] The program drew, lit LEDs or printed too many times
       *[bytes] The program printed too much text
    } (more than { $limit }), so it was stopped.
    .hint = Are you printing or drawing inside a very long loop?
    .no-sleep = Did you forget sleep? The program keeps lighting LEDs, but no time passes at all. Put sleep(100); in the loop so that each picture stays for a moment.
interrupted = The program was stopped.
    .hint = If you did not press Stop: is the program copying a huge list or object again and again?
no-more-input = The program wants to read one more line with input(), but the Input box has no more lines: it has { $count } in all.
    .hint = Write one value per line in the Input box: as many lines as the program calls input().
not-indexable = A { $got } cannot be indexed with [ ].
not-iterable = for can only go through a list, a text or a range like 0..10.
value-in-use = This value is being used right now, so it cannot be changed at the same time.
    .hint = For example, inside map or for over a list, do not change that same list.
not-a-number = "{ $text }" is not a number.
    .hint = Check what was typed before converting it.
led-out-of-range = The LED position ({ $x }, { $y }) is not on the 5×5 screen.
    .hint = x and y must both be between 0 and 4.
bad-brightness = The brightness { $value } is not right.
    .hint = Brightness goes from 0 to 9.
unknown-color = I don't know the colour "{ $color }".
    .hint = Try a colour like "red" or "#ff0000".
unknown-button = There is no button "{ $button }".
    .hint = The board has only the buttons "A" and "B".
empty-range = There are no numbers from { $low } to { $high }.
    .hint = The first number must not be larger than the second.
empty-list = { $name } needs a list that is not empty.
length-mismatch = The two lists given to { $name } have different lengths: { $first } and { $second }.
bad-duration = The time { $value } given to { $name } is not right.
    .hint = Times are in milliseconds: 1000 milliseconds is 1 second. They go from 0 to { $limit }.
bad-value = { $name } cannot use { $value }.
thrown = The program threw: { $value }
not-a-value = This is not a value that can be written in a lesson: { $detail }
    .hint = Write numbers, strings in double quotes, arrays [ ] or maps #{ "{" } { "}" }.
not-plain-data = The function returned something that is not plain data: { $detail }
    .hint = Return a number, a string, true/false, an array or a map.
internal-error = Something went wrong inside Sprout itself ({ $detail }). It is not your fault: please tell your teacher.
ai-ragged-matrix = Every row of a matrix given to { $name } must be equally long: the first row has { $expected } numbers, but row [{ $row }] has { $length }.
ai-matrix-mismatch = { $name }(A, B) needs each row of A to be as long as B is tall: A's rows have { $columns } numbers, but B has { $rows }.
    .hint = Check the sizes with len(): A[0].len() must equal B.len().
ai-wrong-shape = { $name } needs an input of shape { $expected }, but got one of shape { $given }.
    .hint = A shape [28, 28] means 28 rows of 28 numbers each. Use len() to see how long your arrays are.
ai-not-a-dataset = { $name } needs a dataset: a map with a list labels and a list features (or texts), like the ones dataset("iris") gives.
ai-unknown-dataset = There is no dataset called { $name }. These exist: { $known }.
ai-bad-label = { $name } got the label { $label }, which is not a class: labels are whole numbers from 0, less than the number of classes ({ $classes }).
ai-unknown-model = There is no model called { $name }. These exist: { $known }.
ai-no-embedding = The model { $name } has no embedding: only the digits model gives one.
ai-bad-pixel = { $name } got the pixel value { $value }: pixels of a picture for a model go from 0.0 (background) to 1.0 (ink).
    .hint = Pixels from 0 to 255? Divide each one by 255.0.
ai-no-lab-model = There is no model of yours yet: train one in the model lab first, then run the program again.
ai-too-much-work = Training with { $name } would take too long (beyond { $limit }): use fewer examples, classes or epochs.

model-empty = The model file is empty.
model-not-onnx = This file is not an ONNX model (it may be another kind of file, or damaged): { $detail }
model-not-nnef = This file is not an NNEF model (it may be another kind of file, or damaged): { $detail }
model-unsupported = This model cannot be run here: { $detail }
model-wrong-interface = This model does not fit: expected { $expected }, but it has { $found }.
model-bad-picture = The picture is { $width }×{ $height } pixels, which takes { $expected } bytes, but it has { $found }.
model-failed = The model failed while running: { $detail }
lab-too-few-classes = A classifier needs at least 2 classes; this one has { $count }.
lab-empty-class = The class { $label } has no examples yet: draw some first.
lab-bad-example = Example { $index } is not a 28×28 drawing of one of the classes.
lab-bad-model = This saved model cannot be used (version { $version }): train it again.

# Amounts: $number is the number, $scale says whether it counts millions or billions (other is a
# plain number, one is exactly 1).
quantity-steps = { $scale ->
        [one] { $number } step
        [million] { $number } million steps
        [billion] { $number } billion steps
       *[other] { $number } steps
    }
quantity-bytes = { $scale ->
        [one] { $number } byte
        [million] { $number } million bytes
        [billion] { $number } billion bytes
       *[other] { $number } bytes
    }
quantity-items = { $scale ->
        [one] { $number } item
        [million] { $number } million items
        [billion] { $number } billion items
       *[other] { $number } items
    }
quantity-times = { $scale ->
        [one] { $number } time
        [million] { $number } million times
        [billion] { $number } billion times
       *[other] { $number } times
    }
quantity-lines = { $scale ->
        [one] { $number } line
        [million] { $number } million lines
        [billion] { $number } billion lines
       *[other] { $number } lines
    }
quantity-minutes = { $scale ->
        [one] { $number } minute
        [million] { $number } million minutes
        [billion] { $number } billion minutes
       *[other] { $number } minutes
    }
quantity-seconds = { $scale ->
        [one] { $number } second
        [million] { $number } million seconds
        [billion] { $number } billion seconds
       *[other] { $number } seconds
    }
quantity-milliseconds = { $scale ->
        [one] { $number } millisecond
        [million] { $number } million milliseconds
        [billion] { $number } billion milliseconds
       *[other] { $number } milliseconds
    }

type-int = whole number
type-float = decimal number
type-string = text
type-char = character
type-bool = true/false value
type-array = list
type-map = object
type-function = function
type-nothing = nothing
type-range = range
type-classifier = classifier
type-model = model
type-other = value of another kind
