//! The code editor students write their programs in.
//!
//! A `<textarea>` does the editing, so the caret, selection, Chinese input methods, screen
//! readers and the browser's undo and redo all work as anywhere else. It lies exactly over a
//! `<pre>` that shows the same text highlighted ([`crate::components::highlight`]): the textarea's text is
//! transparent, its caret is not. Both layers use the same font, size and line height and never
//! wrap, so every character is at the same place in both; a gutter beside them numbers the lines,
//! and both follow the textarea's scrolling.
//!
//! Some keys edit code: Tab and Shift+Tab indent and outdent, Enter keeps the line's indentation
//! (one level more after `{`, `[` or `(`), an opening bracket or quote brings its partner, typing
//! over a partner the editor inserted steps over it (Backspace between the two deletes both), so
//! does typing it on the blank line just above a partner that Enter moved down, a closing bracket
//! alone on its line goes one level back, and Ctrl+Enter runs the program: a program typed key by
//! key as a lesson shows it comes out as shown, without a bracket too many. The edits go through `document.execCommand("insertText")`, which puts them on the
//! browser's undo history; a browser that refuses gets the value set directly. Because Tab
//! indents, Escape then Tab leaves the editor (as in CodeMirror). Keys pressed while an input
//! method composes belong to the input method.
//!
//! The last run's mistake is underlined where it is, its line number is marked, and its message
//! (translated by the caller) is shown under the editor and linked to the textarea with
//! `aria-describedby`. Once the program is edited the mark goes, as its place may have moved.

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlDocument, HtmlTextAreaElement, KeyboardEvent};
use yew::prelude::*;

use crate::components::highlight::{tokenize, Token, TokenClass};

/// One level of indentation.
const INDENT: &str = "    ";

/// A mistake to show in the editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditorDiagnostic {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters (Unicode scalar values), as the runtime counts.
    pub column: usize,
    /// What is wrong, already in the student's language.
    pub message: AttrValue,
}

/// Props of [`CodeEditor`].
#[derive(Properties, PartialEq)]
pub struct CodeEditorProps {
    /// The textarea's id (for a `<label for=…>`); the message's id is derived from it.
    pub id: AttrValue,
    /// The program.
    pub value: AttrValue,
    /// Called with the whole program after every change.
    pub on_change: Callback<String>,
    /// Called when the student presses Ctrl+Enter (or Cmd+Enter).
    #[prop_or_default]
    pub on_run: Callback<()>,
    /// The editor's accessible name, such as "程序".
    pub label: AttrValue,
    /// Shown under the editor and given to screen readers as the textarea's description
    /// (`aria-describedby`): how to leave with the keyboard (Escape, then Tab).
    pub description: AttrValue,
    /// The mistake to show, if any. It shows until the program is edited; a caller that clears it
    /// while a new run goes on (as the app does) gets the same mistake found again shown again.
    #[prop_or_default]
    pub diagnostic: Option<EditorDiagnostic>,
    /// Whether the program can only be read.
    #[prop_or_default]
    pub readonly: bool,
}

/// What the editor remembers between keys.
#[derive(Default)]
struct Session {
    /// The text as last seen, to tell where the next change happens.
    text: String,
    /// Where closing characters are that the editor inserted and the student has not typed over
    /// (byte offsets in `text`).
    closers: Vec<usize>,
    /// Whether the last key was Escape, after which Tab leaves the editor.
    escaped: bool,
}

impl Session {
    /// Notes that the text changed to `text`: closers after the change move with it, closers in
    /// the changed part are forgotten.
    fn changed(&mut self, text: &str) {
        let old = &self.text;
        let prefix = old
            .char_indices()
            .zip(text.chars())
            .find(|&((_, before), after)| before != after)
            .map_or(old.len().min(text.len()), |((index, _), _)| index);
        let suffix: usize = old[prefix..]
            .chars()
            .rev()
            .zip(text[prefix..].chars().rev())
            .take_while(|(before, after)| before == after)
            .map(|(character, _)| character.len_utf8())
            .sum();
        let changed_end = old.len() - suffix;
        self.closers.retain_mut(|closer| {
            if *closer >= changed_end {
                *closer = *closer + text.len() - old.len();
                true
            } else {
                *closer < prefix
            }
        });
        self.text = text.to_string();
    }
}

/// The program editor: highlighting, line numbers, the mistake underlined, editing keys.
#[component]
pub fn CodeEditor(props: &CodeEditorProps) -> Html {
    let textarea = use_node_ref();
    let highlight = use_node_ref();
    let gutter = use_node_ref();
    let session = use_mut_ref(Session::default);
    let tokens = use_memo(props.value.clone(), |value| tokenize(value));
    // The program the diagnostic was made for: the mark shows only while the program is unchanged.
    let diagnosed = {
        let value = props.value.clone();
        use_memo(props.diagnostic.clone(), move |_| value)
    };
    let diagnostic = props.diagnostic.as_ref().filter(|_| *diagnosed == props.value);

    {
        // The textarea may have scrolled before the highlighted text had grown to match.
        let layers = (textarea.clone(), highlight.clone(), gutter.clone());
        use_effect(move || follow_scroll(&layers.0, &layers.1, &layers.2));
    }
    let onscroll = {
        let layers = (textarea.clone(), highlight.clone(), gutter.clone());
        Callback::from(move |_: Event| follow_scroll(&layers.0, &layers.1, &layers.2))
    };
    let oninput = {
        let (session, on_change) = (session.clone(), props.on_change.clone());
        Callback::from(move |event: InputEvent| {
            let textarea: HtmlTextAreaElement = event.target_unchecked_into();
            report_change(&session, &on_change, textarea.value());
        })
    };
    let onblur = {
        let session = session.clone();
        Callback::from(move |_: FocusEvent| {
            let mut session = session.borrow_mut();
            session.escaped = false;
            session.closers.clear();
        })
    };
    let onkeydown = {
        let (session, on_change, on_run) = (session.clone(), props.on_change.clone(), props.on_run.clone());
        let readonly = props.readonly;
        Callback::from(move |event: KeyboardEvent| on_key(&event, &session, &on_change, &on_run, readonly))
    };

    let source = &*props.value;
    let mistake = diagnostic.map(|diagnostic| mistake_range(source, &tokens, diagnostic.line, diagnostic.column));
    let mistake_line = mistake.as_ref().map(|range| source[..range.start].matches('\n').count() + 1);
    let line_count = source.matches('\n').count() + 1;
    let message_id = format!("{}-message", props.id);
    let help_id = format!("{}-help", props.id);
    let described_by = match diagnostic {
        Some(_) => format!("{message_id} {help_id}"),
        None => help_id.clone(),
    };
    html! {
        <div class="code-editor" data-readonly={props.readonly.then_some("true")}>
            <div class="code-editor-frame">
                <div class="code-editor-gutter" aria-hidden="true" ref={gutter}>
                    <div class="code-editor-line-numbers">
                        { for (1..=line_count).map(|line| html! {
                            <div class="code-editor-line-number" data-mistake={(Some(line) == mistake_line).then_some("true")}>
                                { line }
                            </div>
                        }) }
                    </div>
                    // The widest number, invisible, gives the gutter its width.
                    <div class="code-editor-line-number code-editor-gutter-sizer">{ line_count }</div>
                </div>
                <div class="code-editor-body">
                    <pre class="code-editor-highlight" aria-hidden="true" ref={highlight}>
                        <code>{ highlighted(source, &tokens, mistake) }{ "\n" }</code>
                    </pre>
                    <textarea ref={textarea} id={props.id.clone()} class="code-editor-input" value={props.value.clone()}
                        spellcheck="false" autocomplete="off" autocapitalize="off" autocorrect="off" wrap="off"
                        aria-label={props.label.clone()} aria-describedby={described_by}
                        aria-invalid={diagnostic.map(|_| "true")} readonly={props.readonly}
                        {oninput} {onkeydown} {onscroll} {onblur} />
                </div>
            </div>
            if let Some(diagnostic) = diagnostic {
                <p id={message_id} class="code-editor-message">{ diagnostic.message.clone() }</p>
            }
            <p id={help_id} class="code-editor-help">{ props.description.clone() }</p>
        </div>
    }
}

/// Tells the session and the caller that the text is now `text`.
fn report_change(session: &RefCell<Session>, on_change: &Callback<String>, text: String) {
    session.borrow_mut().changed(&text);
    on_change.emit(text);
}

fn on_key(
    event: &KeyboardEvent,
    session: &Rc<RefCell<Session>>,
    on_change: &Callback<String>,
    on_run: &Callback<()>,
    readonly: bool,
) {
    // During a composition the keys are the input method's (keyCode 229 in older browsers).
    if event.is_composing() || event.key_code() == 229 {
        return;
    }
    let key = event.key();
    if matches!(key.as_str(), "Shift" | "Control" | "Alt" | "Meta") {
        return;
    }
    if key == "Enter" && (event.ctrl_key() || event.meta_key()) {
        event.prevent_default();
        on_run.emit(());
        return;
    }
    let escaped = std::mem::replace(&mut session.borrow_mut().escaped, key == "Escape");
    if readonly || event.ctrl_key() || event.meta_key() || event.alt_key() || (key == "Tab" && escaped) {
        return;
    }
    let textarea: HtmlTextAreaElement = event.target_unchecked_into();
    let text = textarea.value();
    let start = byte_offset(&text, textarea.selection_start().ok().flatten().unwrap_or(0));
    let end = byte_offset(&text, textarea.selection_end().ok().flatten().unwrap_or(0));
    let action = {
        let mut session = session.borrow_mut();
        if session.text != text {
            // The program was replaced from outside (a language switch, a new lesson).
            session.text.clone_from(&text);
            session.closers.clear();
        }
        key_action(&key, event.shift_key(), &text, start.min(end)..end.max(start), &session.closers)
    };
    if let Some(action) = action {
        event.prevent_default();
        apply(&textarea, &text, action, session, on_change);
    }
}

/// Carries out `action` on `textarea`, whose text is `text`.
fn apply(
    textarea: &HtmlTextAreaElement,
    text: &str,
    action: KeyAction,
    session: &RefCell<Session>,
    on_change: &Callback<String>,
) {
    let KeyAction::Replace { range, text: insert, selection, closer } = action else {
        if let KeyAction::Select(selection) = action {
            select(textarea, text, selection);
        }
        return;
    };
    let expected = format!("{}{insert}{}", &text[..range.start], &text[range.end..]);
    select(textarea, text, range);
    // `execCommand` edits as if typed: the change is on the undo history and fires `input`.
    let command = if insert.is_empty() { "delete" } else { "insertText" };
    let inserted = web_sys::window()
        .and_then(|window| window.document())
        .map(|document| document.unchecked_into::<HtmlDocument>())
        .and_then(|document| document.exec_command_with_show_ui_and_value(command, false, &insert).ok())
        .unwrap_or(false);
    if !inserted || textarea.value() != expected {
        textarea.set_value(&expected);
        report_change(session, on_change, expected.clone());
    }
    select(textarea, &expected, selection);
    if let Some(closer) = closer {
        session.borrow_mut().closers.push(closer);
    }
}

fn select(textarea: &HtmlTextAreaElement, text: &str, selection: Range<usize>) {
    let _ = textarea.set_selection_range(utf16_offset(text, selection.start), utf16_offset(text, selection.end));
}

/// Scrolls the highlighted text and the line numbers to where the textarea is scrolled.
fn follow_scroll(textarea: &NodeRef, highlight: &NodeRef, gutter: &NodeRef) {
    let Some(textarea) = textarea.cast::<Element>() else { return };
    let (top, left) = (textarea.scroll_top(), textarea.scroll_left());
    if let Some(highlight) = highlight.cast::<Element>() {
        highlight.set_scroll_top(top);
        highlight.set_scroll_left(left);
    }
    if let Some(gutter) = gutter.cast::<Element>() {
        gutter.set_scroll_top(top);
    }
}

/// The byte offset in `text` of a position the textarea gives in UTF-16 code units.
fn byte_offset(text: &str, utf16: u32) -> usize {
    let mut units = 0;
    for (index, character) in text.char_indices() {
        if units >= utf16 as usize {
            return index;
        }
        units += character.len_utf16();
    }
    text.len()
}

/// The position in UTF-16 code units (as the textarea counts) of byte `offset` in `text`.
fn utf16_offset(text: &str, offset: usize) -> u32 {
    let units: usize = text.get(..offset).unwrap_or(text).encode_utf16().count();
    u32::try_from(units).unwrap_or(u32::MAX)
}

/// The highlighted program, with the `mistake` part wrapped in an underlined span.
fn highlighted(source: &str, tokens: &[Token], mistake: Option<Range<usize>>) -> Html {
    let Some(mistake) = mistake else { return spans(source, tokens, 0..source.len()) };
    html! {
        <>
            { spans(source, tokens, 0..mistake.start) }
            <span class="code-editor-mistake">
                if mistake.is_empty() {
                    // The mistake is at the end of a line: underline a space after it.
                    { " " }
                } else {
                    { spans(source, tokens, mistake.clone()) }
                }
            </span>
            { spans(source, tokens, mistake.end..source.len()) }
        </>
    }
}

/// The tokens' text within `part` of the source, each in a span of its class.
fn spans(source: &str, tokens: &[Token], part: Range<usize>) -> Html {
    tokens
        .iter()
        .filter_map(|token| {
            let range = token.range.start.max(part.start)..token.range.end.min(part.end);
            let text = source.get(range).filter(|text| !text.is_empty())?.to_string();
            // One literal class per arm: a computed `class` would go through Yew's `Classes`, a
            // hash set the page has no other use for.
            Some(match token.class {
                TokenClass::Keyword => html! { <span class="syntax-keyword">{ text }</span> },
                TokenClass::Function => html! { <span class="syntax-function">{ text }</span> },
                TokenClass::Number => html! { <span class="syntax-number">{ text }</span> },
                TokenClass::String | TokenClass::Char => html! { <span class="syntax-string">{ text }</span> },
                TokenClass::Comment => html! { <span class="syntax-comment">{ text }</span> },
                TokenClass::Operator => html! { <span class="syntax-operator">{ text }</span> },
                TokenClass::Error => html! { <span class="syntax-error">{ text }</span> },
                TokenClass::Identifier | TokenClass::Whitespace => html! { { text } },
            })
        })
        .collect()
}

/// The bytes to underline for a mistake at `line` and `column`: the token there (only the part
/// on that line), a single character if it is whitespace, or nothing at the end of a line.
fn mistake_range(source: &str, tokens: &[Token], line: usize, column: usize) -> Range<usize> {
    let offset = offset_of(source, line, column);
    let line_start = source[..offset].rfind('\n').map_or(0, |index| index + 1);
    let line_end = source[offset..].find('\n').map_or(source.len(), |index| offset + index);
    if offset == line_end {
        return offset..offset;
    }
    match tokens.iter().find(|token| token.range.contains(&offset)) {
        Some(token) if token.class != TokenClass::Whitespace => {
            token.range.start.max(line_start)..token.range.end.min(line_end)
        }
        _ => offset..offset + source[offset..].chars().next().map_or(0, char::len_utf8),
    }
}

/// The byte offset of 1-based `line` and `column` (in characters) in `source`, kept within the
/// line and the source.
fn offset_of(source: &str, line: usize, column: usize) -> usize {
    let line_start = match line {
        0 | 1 => 0,
        _ => source.match_indices('\n').nth(line - 2).map_or(source.len(), |(index, _)| index + 1),
    };
    let line_end = source[line_start..].find('\n').map_or(source.len(), |index| line_start + index);
    source[line_start..line_end]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line_end, |(index, _)| line_start + index)
}

/// What the editor does for a key, in byte offsets.
#[derive(Debug, PartialEq, Eq)]
enum KeyAction {
    /// Replace `range` by `text`, then select `selection` (in the new text); `closer` is where
    /// a closing character the editor inserted now is.
    Replace { range: Range<usize>, text: String, selection: Range<usize>, closer: Option<usize> },
    /// Only select `selection` (possibly the same: the key does nothing).
    Select(Range<usize>),
}

/// What `key` does to `text` when `selection` is selected, given the `closers` the editor
/// inserted; `None` leaves the key to the browser.
fn key_action(key: &str, shift: bool, text: &str, selection: Range<usize>, closers: &[usize]) -> Option<KeyAction> {
    let caret = selection.is_empty().then_some(selection.start);
    let next = text[selection.end..].chars().next();
    let before = &text[line_start(text, selection.start)..selection.start];
    // Only a closing bracket can step over a partner below.
    let below =
        caret.filter(|_| matches!(key, ")" | "]" | "}")).and_then(|caret| partner_below(text, caret, key, closers));
    match key {
        "Tab" if shift => Some(outdent(text, selection)),
        "Tab" if text[selection.clone()].contains('\n') => Some(indent(text, selection)),
        "Tab" => Some(replace(selection, INDENT, INDENT.len(), None)),
        "Enter" => Some(new_line(text, selection)),
        ")" | "]" | "}" | "\"" | "`"
            if caret.is_some_and(|caret| closers.contains(&caret)) && text[selection.end..].starts_with(key) =>
        {
            Some(KeyAction::Select(selection.end + 1..selection.end + 1))
        }
        ")" | "]" | "}" if below.is_some() => below,
        ")" | "]" | "}"
            if caret.is_some() && !before.is_empty() && before.trim_start_matches([' ', '\t']).is_empty() =>
        {
            // A closing bracket alone on its line goes one level back.
            let removed = if before.ends_with('\t') {
                1
            } else {
                (before.len() - before.trim_end_matches(' ').len()).min(INDENT.len())
            };
            Some(replace(selection.start - removed..selection.end, key, key.len(), None))
        }
        "(" | "[" | "{" | "\"" | "`"
            if caret.is_some() && next.is_none_or(|next| next.is_whitespace() || ")]};,".contains(next)) =>
        {
            let partner = match key {
                "(" => ")",
                "[" => "]",
                "{" => "}",
                quote => quote,
            };
            if partner == key {
                // A quote closes a string rather than opening one inside a string or after a word.
                let inside_text = before.matches(key.chars().next()?).count() % 2 == 1;
                let after_word = before.chars().next_back().is_some_and(|last| last.is_alphanumeric() || last == '_');
                if inside_text || after_word {
                    return None;
                }
            }
            Some(replace(selection.clone(), &format!("{key}{partner}"), 1, Some(selection.start + 1)))
        }
        "Backspace" if caret.is_some_and(|caret| closers.contains(&caret)) => {
            let opener = before.chars().next_back()?;
            let pair = matches!((opener, next?), ('(', ')') | ('[', ']') | ('{', '}') | ('"', '"') | ('`', '`'));
            pair.then(|| replace(selection.start - 1..selection.end + 1, "", 0, None))
        }
        _ => None,
    }
}

/// A closing bracket typed on a line of nothing but spaces, just above the partner the editor put on
/// the next line (Enter between `{` and `}`): the student is closing the block the editor already
/// closed, as a lesson's code shows it (`{`, Enter, the body, Enter, `}`). The blank line goes and
/// the caret steps over that partner, so the program has the brackets the student typed, no more.
fn partner_below(text: &str, caret: usize, key: &str, closers: &[usize]) -> Option<KeyAction> {
    let start = line_start(text, caret);
    let end = caret + text[caret..].find('\n')?;
    if !text[start..end].chars().all(|character| character == ' ' || character == '\t') {
        return None;
    }
    let below = end + 1;
    let partner = below + (text[below..].len() - text[below..].trim_start_matches([' ', '\t']).len());
    if !closers.contains(&partner) || !text[partner..].starts_with(key) {
        return None;
    }
    // The blank line goes with the line break before it (after it, on the first line).
    let removed = if start > 0 { start - 1..end } else { start..below };
    let after = partner - removed.len() + key.len();
    Some(KeyAction::Replace { range: removed, text: String::new(), selection: after..after, closer: None })
}

/// Replaces `range` by `text` and puts the caret `caret` bytes into it.
fn replace(range: Range<usize>, text: &str, caret: usize, closer: Option<usize>) -> KeyAction {
    let caret = range.start + caret;
    KeyAction::Replace { range, text: text.to_string(), selection: caret..caret, closer }
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |index| index + 1)
}

/// The lines `selection` touches, from the start of the first to the end of the last; a
/// selection that ends at the start of a line does not touch that line.
fn touched_lines(text: &str, selection: &Range<usize>) -> Range<usize> {
    let start = line_start(text, selection.start);
    let end = if selection.end > start && text[..selection.end].ends_with('\n') {
        selection.end - 1
    } else {
        text[selection.end..].find('\n').map_or(text.len(), |index| selection.end + index)
    };
    start..end.max(start)
}

/// Tab with several lines selected: every non-empty line one level in, all of them selected.
fn indent(text: &str, selection: Range<usize>) -> KeyAction {
    let lines = touched_lines(text, &selection);
    let indented: Vec<String> = text[lines.clone()]
        .split('\n')
        .map(|line| if line.is_empty() { String::new() } else { format!("{INDENT}{line}") })
        .collect();
    let indented = indented.join("\n");
    let selection = lines.start..lines.start + indented.len();
    KeyAction::Replace { range: lines, text: indented, selection, closer: None }
}

/// Shift+Tab: every touched line one level out (a tab or up to four spaces).
fn outdent(text: &str, selection: Range<usize>) -> KeyAction {
    let lines = touched_lines(text, &selection);
    let mut first_removed = None;
    let outdented: Vec<&str> = text[lines.clone()]
        .split('\n')
        .map(|line| {
            let kept = match line.strip_prefix('\t') {
                Some(rest) => rest,
                None => {
                    let spaces = line.len() - line.trim_start_matches(' ').len();
                    &line[spaces.min(INDENT.len())..]
                }
            };
            first_removed.get_or_insert(line.len() - kept.len());
            kept
        })
        .collect();
    let outdented = outdented.join("\n");
    if outdented.len() == lines.len() {
        return KeyAction::Select(selection);
    }
    let selection = if selection.is_empty() {
        let caret = lines.start + (selection.start - lines.start).saturating_sub(first_removed.unwrap_or(0));
        caret..caret
    } else {
        lines.start..lines.start + outdented.len()
    };
    KeyAction::Replace { range: lines, text: outdented, selection, closer: None }
}

/// Enter: a new line with the current line's indentation, one level more after an opening
/// bracket; between a pair of brackets, the closing one goes on a line of its own.
fn new_line(text: &str, selection: Range<usize>) -> KeyAction {
    let before = &text[line_start(text, selection.start)..selection.start];
    let indentation = &before[..before.len() - before.trim_start_matches([' ', '\t']).len()];
    let opener = before.trim_end().chars().next_back().filter(|last| matches!(last, '{' | '[' | '('));
    let Some(opener) = opener else {
        return replace(selection, &format!("\n{indentation}"), 1 + indentation.len(), None);
    };
    let inner = format!("\n{indentation}{INDENT}");
    let partner = match opener {
        '{' => '}',
        '[' => ']',
        _ => ')',
    };
    if text[selection.end..].starts_with(partner) {
        replace(selection, &format!("{inner}\n{indentation}"), inner.len(), None)
    } else {
        replace(selection, &inner, inner.len(), None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Presses `key` in `before` (`|` marks the caret, `«…»` a selection) and checks the text
    /// and selection after, written the same way. `^` marks closers the editor inserted earlier.
    fn check(before: &str, key: &str, shift: bool, after: &str) {
        let (text, selection, closers) = parse(before);
        let (text, selection) = match key_action(key, shift, &text, selection.clone(), &closers) {
            None => (text, selection),
            Some(KeyAction::Select(selection)) => (text, selection),
            Some(KeyAction::Replace { range, text: insert, selection, .. }) => {
                (format!("{}{insert}{}", &text[..range.start], &text[range.end..]), selection)
            }
        };
        let shown = if selection.is_empty() {
            format!("{}|{}", &text[..selection.start], &text[selection.start..])
        } else {
            format!("{}«{}»{}", &text[..selection.start], &text[selection.clone()], &text[selection.end..])
        };
        assert_eq!(shown, after, "{key} in {before:?}");
    }

    fn parse(marked: &str) -> (String, Range<usize>, Vec<usize>) {
        let (mut text, mut selection, mut closers) = (String::new(), 0..0, Vec::new());
        for character in marked.chars() {
            match character {
                '|' => selection = text.len()..text.len(),
                '«' => selection.start = text.len(),
                '»' => selection.end = text.len(),
                '^' => closers.push(text.len()),
                _ => text.push(character),
            }
        }
        (text, selection, closers)
    }

    #[test]
    fn tab_indents_and_shift_tab_outdents() {
        check("x|", "Tab", false, "x    |");
        check("«ab»", "Tab", false, "    |");
        check("«a\nb»\n", "Tab", false, "«    a\n    b»\n");
        check("a\n«b\n\nc\n»d", "Tab", false, "a\n«    b\n\n    c»\nd");
        check("    a|", "Tab", true, "a|");
        check("  a|", "Tab", true, "a|");
        check("\ta|", "Tab", true, "a|");
        check("a|", "Tab", true, "a|");
        check("«    a\n      b»", "Tab", true, "«a\n  b»");
    }

    #[test]
    fn enter_keeps_the_indentation() {
        check("    a;|", "Enter", false, "    a;\n    |");
        check("if x {|", "Enter", false, "if x {\n    |");
        check("    if x {|}", "Enter", false, "    if x {\n        |\n    }");
        check("f(|)", "Enter", false, "f(\n    |\n)");
        check("let a = [ |", "Enter", false, "let a = [ \n    |");
        check("a«b»c", "Enter", false, "a\n|c");
    }

    #[test]
    fn brackets_and_quotes_come_in_pairs() {
        check("f|", "(", false, "f(|)");
        check("|x", "(", false, "|x");
        check("f(|)", "\"", false, "f(\"|\")");
        check("print(\"hi|", "\"", false, "print(\"hi|");
        check("a|", "\"", false, "a|");
        check("let a = |;", "[", false, "let a = [|];");
        check("(|^)", ")", false, "()|");
        check("(|)", ")", false, "(|)");
        check("\"hi|^\"", "\"", false, "\"hi\"|");
        check("(|^)", "Backspace", false, "|");
        check("(|)", "Backspace", false, "(|)");
    }

    #[test]
    fn a_closing_bracket_alone_on_its_line_goes_back_one_level() {
        check("{\n    x\n    |", "}", false, "{\n    x\n}|");
        check("{\n      |", "}", false, "{\n  }|");
        check("{\n\t|", "}", false, "{\n}|");
        check("    x|", "}", false, "    x|");
    }

    #[test]
    fn a_closing_bracket_above_the_partner_enter_moved_down_steps_over_it() {
        check("if x {\n    a;\n    |\n^}", "}", false, "if x {\n    a;\n}|");
        check("    f(\n        a\n        |\n    ^)", ")", false, "    f(\n        a\n    )|");
        check("|\n^]", "]", false, "]|");
        // Not the editor's partner, another bracket, or a line with something on it: typed as usual.
        check("if x {\n    a;\n    |\n}", "}", false, "if x {\n    a;\n}|\n}");
        check("f(\n    |\n^)", "}", false, "f(\n}|\n)");
        check("{\n    a;|\n^}", "}", false, "{\n    a;|\n}");
    }

    /// A student who types `program` key by key as a lesson shows it: each line's text after its
    /// indentation, Enter between lines, and the indentation set by hand (spaces, Backspace) where
    /// the editor's differs from the lesson's, except before a closing bracket, which the editor
    /// places. Keys the editor leaves to the browser insert themselves (or delete, for Backspace).
    fn typed_key_by_key(program: &str) -> String {
        let mut session = Session::default();
        let mut caret = 0;
        for (number, line) in program.lines().enumerate() {
            if number > 0 {
                press("Enter", &mut session, &mut caret);
            }
            let content = line.trim_start_matches([' ', '\t']);
            if content.is_empty() {
                continue;
            }
            if !content.starts_with([')', ']', '}']) {
                let wanted = line.len() - content.len();
                while caret - line_start(&session.text, caret) > wanted {
                    press("Backspace", &mut session, &mut caret);
                }
                while caret - line_start(&session.text, caret) < wanted {
                    press(" ", &mut session, &mut caret);
                }
            }
            for character in content.chars() {
                press(character.encode_utf8(&mut [0; 4]), &mut session, &mut caret);
            }
        }
        session.text
    }

    /// Presses `key` with the caret at `caret`, as the page does: the editor's action, or the
    /// browser's own (the key's character inserted, or one deleted for Backspace).
    fn press(key: &str, session: &mut Session, caret: &mut usize) {
        let text = session.text.clone();
        let (new_text, selection, closer) = match key_action(key, false, &text, *caret..*caret, &session.closers) {
            Some(KeyAction::Select(selection)) => (text.clone(), selection, None),
            Some(KeyAction::Replace { range, text: insert, selection, closer }) => {
                (format!("{}{insert}{}", &text[..range.start], &text[range.end..]), selection, closer)
            }
            None if key == "Backspace" => {
                let start = *caret - text[..*caret].chars().next_back().map_or(0, char::len_utf8);
                (format!("{}{}", &text[..start], &text[*caret..]), start..start, None)
            }
            None => {
                (format!("{}{key}{}", &text[..*caret], &text[*caret..]), *caret + key.len()..*caret + key.len(), None)
            }
        };
        session.changed(&new_text);
        session.closers.extend(closer);
        *caret = selection.start;
    }

    /// `program` without trailing spaces on its lines or empty lines at its end.
    fn trimmed(program: &str) -> String {
        program.lines().map(str::trim_end).collect::<Vec<_>>().join("\n").trim_end().to_string()
    }

    #[test]
    fn every_program_of_the_curriculum_typed_key_by_key_comes_out_as_shown() {
        let content = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../lessons/content"));
        let loaded = sprout_lessons::files::load(&[content]);
        let mut programs = Vec::new();
        for lesson in loaded.courses.into_iter().flat_map(|course| course.lessons).map(|loaded| loaded.lesson) {
            let mut block: Option<String> = None;
            for line in lesson.text.lines() {
                match (&mut block, line.trim_start()) {
                    (None, fence) if fence.starts_with("```rhai") => block = Some(String::new()),
                    (Some(_), "```") => {
                        programs.push((format!("{}: an example", lesson.id), block.take().unwrap_or_default()))
                    }
                    (Some(code), _) => code.push_str(&format!("{line}\n")),
                    (None, _) => {}
                }
            }
            programs.push((format!("{}: the starter", lesson.id), lesson.starter.clone()));
            programs.extend(lesson.solution.clone().map(|solution| (format!("{}: the solution", lesson.id), solution)));
        }
        assert!(programs.len() > 100, "the curriculum's programs were not found: {}", programs.len());
        let wrong: Vec<String> = programs
            .iter()
            .filter(|(_, program)| trimmed(&typed_key_by_key(program)) != trimmed(program))
            .map(|(name, program)| format!("{name}:\n{program}\n-- typed, it became --\n{}", typed_key_by_key(program)))
            .collect();
        assert!(
            wrong.is_empty(),
            "{} of {} programs came out otherwise:\n\n{}",
            wrong.len(),
            programs.len(),
            wrong.join("\n\n")
        );
    }

    #[test]
    fn the_session_follows_closers_through_edits() {
        let mut session = Session { text: "f()".into(), closers: vec![2], escaped: false };
        session.changed("f(中)");
        assert_eq!(session.closers, [5]);
        session.changed("x f(中)");
        assert_eq!(session.closers, [7]);
        session.changed("x f(中");
        assert!(session.closers.is_empty());
    }

    #[test]
    fn positions_count_characters_and_stay_in_range() {
        let source = "let 总 = 1;\nprint(总a);\n";
        assert_eq!(offset_of(source, 2, 7), source.find("总a").unwrap());
        assert_eq!(offset_of(source, 2, 99), source.len() - 1);
        assert_eq!(offset_of(source, 9, 1), source.len());
        let tokens = tokenize(source);
        let underlined = |line, column| {
            let range = mistake_range(source, &tokens, line, column);
            source[range].to_string()
        };
        assert_eq!(underlined(2, 7), "总a");
        assert_eq!(underlined(1, 4), " ");
        assert_eq!(underlined(1, 99), "");
        assert_eq!(byte_offset("a中😀b", 4), "a中😀".len());
        assert_eq!(utf16_offset("a中😀b", "a中😀".len()), 4);
    }
}
