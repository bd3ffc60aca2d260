//! Reading and writing CSV the way spreadsheet programs do: `;`, `,` or tab separated, quoted fields with `""` escapes and line breaks, CRLF, LF or CR.
//!
//! The `csv` crate splits and quotes; this file adds what a spreadsheet user expects on top: the
//! separator chosen from the header line (or Excel's `sep=` line), rows numbered as the
//! spreadsheet shows them (blank lines count, a line break inside a cell does not), and an
//! unterminated quote reported rather than silently closed at the end of the file. It is
//! compiled only with the feature `sheets`, which the residents' widget leaves off, so that the
//! crate is not even in their bundle's build (ARCHITECTURE.md: "Why is the spreadsheet exchange
//! a feature of its own?").

use ::csv::{QuoteStyle, ReaderBuilder, StringRecord, Terminator, WriterBuilder};

/// A record of the file with its row number as a spreadsheet shows it: the header is row 1, and
/// a cell with a line break does not start a new row.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Record {
    pub(super) row: usize,
    pub(super) cells: Vec<String>,
}

/// A parsed file: its records and the row of an unterminated quote.
#[derive(Debug)]
pub(super) struct Parsed {
    pub(super) records: Vec<Record>,
    pub(super) unterminated_quote: Option<usize>,
}

/// Chooses the separator from the header line: `;` when it has one (Dutch Excel), otherwise
/// tab, otherwise `,`; a first line `sep=X` (an Excel convention) names it explicitly. Such a
/// line counts only when `X` is one ASCII character other than a quote or a line break, which
/// is all a separator can be.
fn detect_separator(text: &str) -> (u8, &str) {
    if let Some(rest) = text.strip_prefix("sep=").or_else(|| text.strip_prefix("SEP="))
        && let Some(&separator) = rest.as_bytes().first()
        && separator.is_ascii()
        && !matches!(separator, b'"' | b'\r' | b'\n')
        && let after = &rest[1..]
        && (after.is_empty() || after.starts_with(['\r', '\n']))
    {
        let after = after.strip_prefix("\r\n").or_else(|| after.strip_prefix('\n')).unwrap_or(after);
        let after = after.strip_prefix('\r').unwrap_or(after);
        return (separator, after);
    }
    let (mut semicolons, mut tabs, mut commas, mut quoted) = (0, 0, 0, false);
    for c in text.bytes() {
        match c {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b';' if !quoted => semicolons += 1,
            b'\t' if !quoted => tabs += 1,
            b',' if !quoted => commas += 1,
            _ => {}
        }
    }
    let separator = if semicolons > 0 {
        b';'
    } else if tabs > 0 {
        b'\t'
    } else if commas > 0 {
        b','
    } else {
        b';'
    };
    (separator, text)
}

/// Splits text into records. A line break inside quotes belongs to the field; a quote inside
/// an unquoted field, or text after a closing quote, is kept as it is, as spreadsheets do.
/// A blank line is a record of one empty cell (it has a row number); a trailing line break
/// does not make an extra record.
pub(super) fn parse(text: &str) -> Parsed {
    let (separator, text) = detect_separator(text);
    let bytes = text.as_bytes();
    let mut reader = ReaderBuilder::new().has_headers(false).flexible(true).delimiter(separator).from_reader(bytes);
    let mut records = Vec::new();
    let mut record = StringRecord::new();
    // Where the last record read starts.
    let mut last_start = None;
    // Reading from memory, with records of any length, the crate reports no error: there is no
    // I/O, and the text is UTF-8 with an ASCII separator, so every field is too.
    while let Ok(true) = reader.read_record(&mut record) {
        // The crate's position is where it started reading, before the line breaks it skips.
        let read_from = record.position().map_or(0, |position| position.byte() as usize);
        let start = read_from + line_break_run(bytes.get(read_from..).unwrap_or_default());
        push_blank_rows(&mut records, bytes.get(..start).unwrap_or_default(), last_start.is_some());
        records.push(Record { row: records.len() + 1, cells: record.iter().map(str::to_owned).collect() });
        last_start = Some(start);
    }
    let last = last_start.and_then(|start| bytes.get(start..));
    let unterminated_quote = last.filter(|last| ends_in_quotes(last, separator)).map(|_| records.len());
    if unterminated_quote.is_none() {
        push_blank_rows(&mut records, bytes, last_start.is_some());
    }
    Parsed { records, unterminated_quote }
}

/// Adds a record of one empty cell for each blank line at the end of `before`: every line break
/// there, less the one that ends the record before them, if any.
fn push_blank_rows(records: &mut Vec<Record>, before: &[u8], after_a_record: bool) {
    let run = &before[before.len() - line_break_run_back(before)..];
    let breaks = run.iter().enumerate().filter(|&(at, &b)| b == b'\n' || run.get(at + 1) != Some(&b'\n')).count();
    for _ in 0..breaks.saturating_sub(usize::from(after_a_record)) {
        records.push(Record { row: records.len() + 1, cells: vec![String::new()] });
    }
}

/// How many bytes at the start of `bytes` are CR or LF.
fn line_break_run(bytes: &[u8]) -> usize {
    bytes.iter().take_while(|&&b| matches!(b, b'\r' | b'\n')).count()
}

/// How many bytes at the end of `bytes` are CR or LF. A record never ends in one (a line break
/// in a cell is inside quotes, and the closing quote follows it), so these are line breaks.
fn line_break_run_back(bytes: &[u8]) -> usize {
    bytes.iter().rev().take_while(|&&b| matches!(b, b'\r' | b'\n')).count()
}

/// Whether the last record's text ends inside a quoted cell. The crate closes such a cell at the
/// end of the file without a word, but a spreadsheet user must hear that a `"` is missing: the
/// cell swallowed every row after it. The states are the crate's own (a quote opens a cell only
/// at its start; `""` inside quotes is a quote).
fn ends_in_quotes(record: &[u8], separator: u8) -> bool {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        CellStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::CellStart;
    for &b in record {
        state = match (state, b) {
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, _) => State::Quoted,
            (State::CellStart | State::QuoteInQuoted, b'"') => State::Quoted,
            (_, b'\r' | b'\n') => State::CellStart,
            (_, b) if b == separator => State::CellStart,
            _ => State::Unquoted,
        };
    }
    state == State::Quoted
}

/// Writes one record, ending in CRLF.
pub(super) fn write_record(out: &mut Vec<u8>, cells: &[String], separator: u8) {
    for (index, cell) in cells.iter().enumerate() {
        if index > 0 {
            out.push(separator);
        }
        // The crate writes a record of one empty cell as `""`; an empty cell is written as nothing.
        if !cell.is_empty() {
            write_cell(out, cell, separator);
        }
    }
    out.extend_from_slice(b"\r\n");
}

/// Writes one cell, quoted and escaped by the crate: quoted when it has to be (a separator, a
/// quote or a line break in it), and also when it has white space at either end, which the
/// crate would not quote, so that a program that trims unquoted cells keeps it.
fn write_cell(out: &mut Vec<u8>, cell: &str, separator: u8) {
    let bordered = cell.starts_with(char::is_whitespace) || cell.ends_with(char::is_whitespace);
    let mut writer = WriterBuilder::new()
        .delimiter(separator)
        .quote_style(if bordered { QuoteStyle::Always } else { QuoteStyle::Necessary })
        .terminator(Terminator::CRLF)
        .buffer_capacity(cell.len() + 8)
        .from_writer(&mut *out);
    // The crate closes a quoted cell only when the record ends: the cell is written as a record
    // of its own, and its CRLF taken off again. Writing to a `Vec` cannot fail.
    let _ = writer.write_record([cell]);
    let _ = writer.flush();
    drop(writer);
    out.truncate(out.len().saturating_sub(2));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, separator: char, expected: &[(usize, &[&str])]) {
        let parsed = parse(text);
        assert_eq!(char::from(detect_separator(text).0), separator, "{text:?}");
        let got: Vec<(usize, Vec<&str>)> =
            parsed.records.iter().map(|r| (r.row, r.cells.iter().map(String::as_str).collect())).collect();
        let expected: Vec<(usize, Vec<&str>)> = expected.iter().map(|(row, cells)| (*row, cells.to_vec())).collect();
        assert_eq!(got, expected, "{text:?}");
    }

    #[test]
    fn records() {
        check("a;b\r\n1;2\r\n", ';', &[(1, &["a", "b"]), (2, &["1", "2"])]);
        check("a;b\n1;2", ';', &[(1, &["a", "b"]), (2, &["1", "2"])]);
        check("a,b\n1,2\n", ',', &[(1, &["a", "b"]), (2, &["1", "2"])]);
        check("a\tb\n1,5\t2\n", '\t', &[(1, &["a", "b"]), (2, &["1,5", "2"])]);
        check("a;b,c\n1;2,3\n", ';', &[(1, &["a", "b,c"]), (2, &["1", "2,3"])]);
        check("a\n\n\n", ';', &[(1, &["a"]), (2, &[""]), (3, &[""])]);
        check("", ';', &[]);
        check("a;\"x\"\"y\"\"\"\n", ';', &[(1, &["a", "x\"y\""])]);
        check("a;\"1;2\"\n", ';', &[(1, &["a", "1;2"])]);
        check(
            "a;b\n\"line\r\nbreak\";2\nnext;3\n",
            ';',
            &[(1, &["a", "b"]), (2, &["line\r\nbreak", "2"]), (3, &["next", "3"])],
        );
        check("a;b\rc;d\r", ';', &[(1, &["a", "b"]), (2, &["c", "d"])]);
        check("x\"y;\"z\"w\n", ';', &[(1, &["x\"y", "zw"])]);
        check("sep=,\na,b\n", ',', &[(1, &["a", "b"])]);
        check("\"a;b\",c\n", ',', &[(1, &["a;b", "c"])]);
    }

    #[test]
    fn blank_lines_have_rows() {
        check("\n\na;b\n", ';', &[(1, &[""]), (2, &[""]), (3, &["a", "b"])]);
        check("\r\n\r\na\r\n\r\nb\r\n", ';', &[(1, &[""]), (2, &[""]), (3, &["a"]), (4, &[""]), (5, &["b"])]);
        check("a\r\rb\n\r", ';', &[(1, &["a"]), (2, &[""]), (3, &["b"]), (4, &[""])]);
        check("\"x\n\ny\"\n\nz\n", ';', &[(1, &["x\n\ny"]), (2, &[""]), (3, &["z"])]);
        check("\n\n", ';', &[(1, &[""]), (2, &[""])]);
    }

    #[test]
    fn a_separator_line_names_one_ascii_character() {
        check("sep=\t\na\tb\n", '\t', &[(1, &["a", "b"])]);
        check("sep=é\na;b\n", ';', &[(1, &["sep=é"]), (2, &["a", "b"])]);
        check("sep=\"\na;b\n", ';', &[(1, &["sep=\""]), (2, &["a", "b"])]);
    }

    #[test]
    fn an_unterminated_quote_is_reported_with_its_row() {
        let parsed = parse("a;b\n1;2\n3;\"open\n4;5\n");
        assert_eq!(parsed.unterminated_quote, Some(3));
        assert_eq!(parsed.records.len(), 3);
        assert_eq!(parsed.records[2].cells, ["3", "open\n4;5\n"]);
        assert_eq!(parse("\n\"a\"\"\n").unterminated_quote, Some(2));
        for closed in ["a;\"b\"\n", "a;\"b\"\"c\"", "x\"y\n", "\"a\"b\"", "a;\"\"", ""] {
            assert_eq!(parse(closed).unterminated_quote, None, "{closed:?}");
        }
    }

    /// The hand-written parser this file had before it used the `csv` crate: the oracle that
    /// the crate with the layer on top splits and numbers rows exactly as before.
    fn oracle(text: &str) -> (Vec<Record>, Option<usize>) {
        let separator = char::from(detect_separator(text).0);
        let mut records = Vec::new();
        let mut cells = Vec::new();
        let mut cell = String::new();
        let mut chars = text.chars().peekable();
        let mut unterminated_quote = None;
        let mut at_cell_start = true;
        let mut pending = !text.is_empty();
        while let Some(c) = chars.next() {
            pending = true;
            if c == '"' && at_cell_start {
                at_cell_start = false;
                let quote_row = records.len() + 1;
                let mut closed = false;
                while let Some(q) = chars.next() {
                    if q == '"' {
                        if chars.peek() == Some(&'"') {
                            chars.next();
                            cell.push('"');
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        cell.push(q);
                    }
                }
                if !closed {
                    unterminated_quote.get_or_insert(quote_row);
                }
                continue;
            }
            if c == separator {
                cells.push(std::mem::take(&mut cell));
                at_cell_start = true;
                continue;
            }
            if c == '\r' || c == '\n' {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                cells.push(std::mem::take(&mut cell));
                records.push(Record { row: records.len() + 1, cells: std::mem::take(&mut cells) });
                at_cell_start = true;
                pending = false;
                continue;
            }
            at_cell_start = false;
            cell.push(c);
        }
        if pending {
            cells.push(cell);
            records.push(Record { row: records.len() + 1, cells });
        }
        (records, unterminated_quote)
    }

    proptest::proptest! {
        #[test]
        fn splits_and_numbers_rows_as_the_hand_written_parser_did(text in "[a;,\t\"\r\n é]{0,40}") {
            let parsed = parse(&text);
            proptest::prop_assert_eq!((parsed.records, parsed.unterminated_quote), oracle(&text));
        }

        #[test]
        fn written_cells_read_back(cells in proptest::collection::vec("[a;\"\r\n é\t]{0,6}", 1..5)) {
            let mut out = Vec::new();
            write_record(&mut out, &cells, b';');
            let text = String::from_utf8(out).unwrap();
            let parsed = parse(&format!("sep=;\n{text}"));
            let read: Vec<Vec<String>> = parsed.records.into_iter().map(|r| r.cells).collect();
            // A record of one empty cell is a blank line, which reads back as such.
            proptest::prop_assert_eq!(read, vec![cells]);
        }
    }

    #[test]
    fn written_records_read_back() {
        let cells: Vec<String> =
            ["plain", "with;semi", "with \"quotes\"", "multi\nline", " lead", "", "1,5"].map(String::from).into();
        let mut out = Vec::new();
        write_record(&mut out, &cells, b';');
        let out = String::from_utf8(out).unwrap();
        assert_eq!(out, "plain;\"with;semi\";\"with \"\"quotes\"\"\";\"multi\nline\";\" lead\";;1,5\r\n");
        assert_eq!(parse(&out).records, vec![Record { row: 1, cells }]);
    }
}
