//! Reading and writing CSV the way spreadsheet programs do: `;`, `,` or tab separated, quoted fields with `""` escapes and line breaks, CRLF or LF.

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
/// tab, otherwise `,`; a first line `sep=X` (an Excel convention) names it explicitly.
fn detect_separator(text: &str) -> (char, &str) {
    if let Some(rest) = text.strip_prefix("sep=").or_else(|| text.strip_prefix("SEP="))
        && let Some(separator) = rest.chars().next()
        && let after = &rest[separator.len_utf8()..]
        && (after.is_empty() || after.starts_with(['\r', '\n']))
    {
        let after = after.strip_prefix("\r\n").or_else(|| after.strip_prefix('\n')).unwrap_or(after);
        let after = after.strip_prefix('\r').unwrap_or(after);
        return (separator, after);
    }
    let (mut semicolons, mut tabs, mut commas, mut quoted) = (0, 0, 0, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ';' if !quoted => semicolons += 1,
            '\t' if !quoted => tabs += 1,
            ',' if !quoted => commas += 1,
            _ => {}
        }
    }
    let separator = if semicolons > 0 {
        ';'
    } else if tabs > 0 {
        '\t'
    } else if commas > 0 {
        ','
    } else {
        ';'
    };
    (separator, text)
}

/// Splits text into records. A line break inside quotes belongs to the field; a quote inside
/// an unquoted field, or text after a closing quote, is kept as it is, as spreadsheets do.
/// A trailing line break does not make an extra record.
pub(super) fn parse(text: &str) -> Parsed {
    let (separator, text) = detect_separator(text);
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
    Parsed { records, unterminated_quote }
}

/// Writes one record, ending in CRLF, quoting a field only when it has to be quoted.
pub(super) fn write_record(out: &mut String, cells: &[String], separator: char) {
    for (index, cell) in cells.iter().enumerate() {
        if index > 0 {
            out.push(separator);
        }
        let needs_quotes = cell.contains([separator, '"', '\n', '\r'])
            || cell.starts_with(char::is_whitespace)
            || cell.ends_with(char::is_whitespace);
        if needs_quotes {
            out.push('"');
            for c in cell.chars() {
                if c == '"' {
                    out.push('"');
                }
                out.push(c);
            }
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, separator: char, expected: &[(usize, &[&str])]) {
        let parsed = parse(text);
        assert_eq!(detect_separator(text).0, separator, "{text:?}");
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
    fn an_unterminated_quote_is_reported_with_its_row() {
        let parsed = parse("a;b\n1;2\n3;\"open\n4;5\n");
        assert_eq!(parsed.unterminated_quote, Some(3));
    }

    #[test]
    fn written_records_read_back() {
        let cells: Vec<String> =
            ["plain", "with;semi", "with \"quotes\"", "multi\nline", " lead", "", "1,5"].map(String::from).into();
        let mut out = String::new();
        write_record(&mut out, &cells, ';');
        assert_eq!(out, "plain;\"with;semi\";\"with \"\"quotes\"\"\";\"multi\nline\";\" lead\";;1,5\r\n");
        assert_eq!(parse(&out).records, vec![Record { row: 1, cells }]);
    }
}
