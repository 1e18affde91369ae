//! Your own data: text (pasted, or a CSV/TXT file) -> the numbers to fit, with messages that name the line.
//!
//! Accepted: one number per line, or delimited lines (comma, semicolon or tab, detected from the first
//! non-blank line) of which one column is taken. A header is the first non-blank line when one of its fields
//! is not a number; only with a header can a column be chosen by name (otherwise by its 1-based number).
//! Tolerated: blank lines (skipped and counted), CRLF line ends, a UTF-8 byte-order mark, spaces around a
//! field, fields in double quotes (`"1.5"`, `""` for a quote inside), one trailing delimiter.
//! Every accepted value passes [`validate_data`] (finite, within ±[`MAX_ABS_DATA`]) and there are at most
//! `N_RANGE.end()` of them, so imported data can always be fitted.

use crate::data::sample::{validate_data, DataError, MAX_ABS_DATA, N_RANGE};
use crate::format::short_number;
use std::fmt;

/// Largest text accepted, in bytes (a million values take about 25 MB written out in full).
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// The numbers read from a text.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedData {
    /// The values, in the order of their lines.
    pub values: Vec<f64>,
    /// The column taken: its header name, or its 1-based number as text when there is no header; `None`
    /// for one number per line without a header.
    pub column: Option<String>,
    /// The header's names (empty without a header).
    pub columns: Vec<String>,
    /// Blank lines skipped (only spaces, or only delimiters).
    pub skipped_blank: usize,
}

/// Why a text cannot be imported. `line` is 1-based, counting every line of the text.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    /// The text is longer than [`MAX_INPUT_BYTES`].
    InputTooLarge { bytes: usize },
    /// Binary data, not text (see [`looks_binary`]).
    NotText,
    /// No line holds a value.
    NoValues,
    /// More values than N may be (`limit`).
    TooManyValues { line: usize, limit: usize },
    /// A field that is not a number.
    NotANumber { line: usize, text: String },
    /// The chosen field is empty.
    EmptyField { line: usize },
    /// NaN or an infinity.
    NotFinite { line: usize, text: String },
    /// A number beyond ±[`MAX_ABS_DATA`].
    OutOfRange { line: usize, value: f64 },
    /// A line with fewer fields than the chosen column's number.
    MissingColumn { line: usize, column: usize, fields: usize },
    /// A double quote opened and not closed on its line.
    UnclosedQuote { line: usize },
    /// Several columns and none chosen.
    ChooseColumn { columns: Vec<String>, count: usize },
    /// The chosen column is neither a header name nor a column number.
    UnknownColumn {
        column: String,
        columns: Vec<String>,
        count: usize,
    },
}

impl ImportError {
    /// The line the error is about, if any.
    pub fn line(&self) -> Option<usize> {
        use ImportError::*;
        match self {
            TooManyValues { line, .. }
            | NotANumber { line, .. }
            | EmptyField { line }
            | NotFinite { line, .. }
            | OutOfRange { line, .. }
            | MissingColumn { line, .. }
            | UnclosedQuote { line } => Some(*line),
            InputTooLarge { .. } | NotText | NoValues | ChooseColumn { .. } | UnknownColumn { .. } => None,
        }
    }
}

/// "columns a, b, c" with a header, "columns 1 to 3" without.
fn choices(columns: &[String], count: usize) -> String {
    if columns.is_empty() {
        format!("a column number from 1 to {count}")
    } else {
        let names: Vec<String> = columns.iter().map(|c| format!("{c:?}")).collect();
        format!(
            "one of the header's columns {} (or a number from 1 to {count})",
            names.join(", ")
        )
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ImportError::*;
        match self {
            InputTooLarge { bytes } => write!(
                f,
                "the text is {:.1} MB; at most {} MB can be imported",
                *bytes as f64 / 1e6,
                MAX_INPUT_BYTES / 1_000_000
            ),
            NotText => write!(f, "this is binary data, not text: save the numbers as CSV or TXT first"),
            NoValues => write!(f, "no numbers found: give one number per line, or a CSV with a header"),
            TooManyValues { line, limit } => {
                write!(f, "line {line}: too many values; at most {limit} values can be fitted")
            }
            NotANumber { line, text } if text.contains(',') && text.replace(',', ".").parse::<f64>().is_ok() => {
                write!(
                    f,
                    "line {line}: {text:?} is not a number (use a dot as the decimal separator)"
                )
            }
            NotANumber { line, text } => write!(f, "line {line}: {text:?} is not a number"),
            EmptyField { line } => write!(f, "line {line}: the value is empty"),
            NotFinite { line, text } => write!(f, "line {line}: {text:?} is not a finite number"),
            OutOfRange { line, value } => write!(
                f,
                "line {line}: {} is too large; values must lie between {} and {}",
                short_number(*value),
                short_number(-MAX_ABS_DATA),
                short_number(MAX_ABS_DATA)
            ),
            MissingColumn { line, column, fields } => {
                write!(f, "line {line}: has {fields} fields, so column {column} is missing")
            }
            UnclosedQuote { line } => write!(f, "line {line}: a double quote is not closed"),
            ChooseColumn { columns, count } => {
                write!(f, "the data has {count} columns; choose {}", choices(columns, *count))
            }
            UnknownColumn { column, columns, count } => {
                write!(f, "there is no column {column:?}; choose {}", choices(columns, *count))
            }
        }
    }
}

impl std::error::Error for ImportError {}

/// At most this many characters of a bad field are quoted back.
const QUOTE_CHARS: usize = 40;

fn shorten(text: &str) -> String {
    match text.char_indices().nth(QUOTE_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// Splits one line at `delimiter` (outside double quotes), trims and unquotes each field, and drops one
/// trailing empty field. Without a delimiter the whole line is one field.
fn fields(line: &str, delimiter: Option<char>, number: usize) -> Result<Vec<String>, ImportError> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
        } else if c == '"' && field.trim().is_empty() {
            field.clear();
            quoted = true;
        } else if Some(c) == delimiter {
            out.push(field.trim().to_string());
            field.clear();
        } else {
            field.push(c);
        }
    }
    if quoted {
        return Err(ImportError::UnclosedQuote { line: number });
    }
    let last = field.trim().to_string();
    // One trailing delimiter leaves an empty last field: dropped (a line with no delimiter keeps its field).
    if !last.is_empty() || out.is_empty() {
        out.push(last);
    }
    Ok(out)
}

/// The delimiters recognised, in order of preference.
const DELIMITERS: [char; 3] = ['\t', ';', ','];

/// Comma, semicolon or tab: the first of tab, semicolon, comma that occurs in `line` outside double quotes
/// (a semicolon wins over a comma, so "1,5;2,5" is split at the semicolons).
fn detect_delimiter(line: &str) -> Option<char> {
    let mut quoted = false;
    let outside: Vec<char> = line
        .chars()
        .filter(|&c| {
            quoted ^= c == '"';
            !quoted && DELIMITERS.contains(&c)
        })
        .collect();
    DELIMITERS.into_iter().find(|d| outside.contains(d))
}

/// One value, checked by the same rules as [`validate_data`].
fn value(text: &str, line: usize) -> Result<f64, ImportError> {
    if text.is_empty() {
        return Err(ImportError::EmptyField { line });
    }
    let v: f64 = text.parse().map_err(|_| ImportError::NotANumber {
        line,
        text: shorten(text),
    })?;
    match validate_data(&[v], 1) {
        Ok(()) => Ok(v),
        Err(DataError::TooLarge { value, .. }) => Err(ImportError::OutOfRange { line, value }),
        Err(_) => Err(ImportError::NotFinite {
            line,
            text: shorten(text),
        }),
    }
}

/// Which field to take: a header name first, else a 1-based column number.
fn pick_column(chosen: Option<&str>, header: &[String], count: usize) -> Result<usize, ImportError> {
    let Some(chosen) = chosen.map(str::trim) else {
        return if count == 1 {
            Ok(0)
        } else {
            Err(ImportError::ChooseColumn {
                columns: header.to_vec(),
                count,
            })
        };
    };
    if let Some(i) = header.iter().position(|h| h == chosen) {
        return Ok(i);
    }
    match chosen.parse::<usize>() {
        Ok(i) if (1..=count).contains(&i) => Ok(i - 1),
        _ => Err(ImportError::UnknownColumn {
            column: shorten(chosen),
            columns: header.to_vec(),
            count,
        }),
    }
}

/// Characters of the text's start that [`looks_binary`] inspects.
const SNIFF_CHARS: usize = 4096;

/// Whether a text is binary data decoded as text (an image, a spreadsheet, an archive): it holds a NUL, or
/// more than one in 20 of its first [`SNIFF_CHARS`] characters are control characters (other than tab, line
/// feed, carriage return and form feed) or U+FFFD, the decoder's mark for bytes that are not UTF-8. A text
/// in another encoding with a few accented letters in its header stays text.
pub fn looks_binary(text: &str) -> bool {
    if text.contains('\0') {
        return true;
    }
    let (mut seen, mut odd) = (0usize, 0usize);
    for c in text.chars().take(SNIFF_CHARS) {
        seen += 1;
        if c == '\u{fffd}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c')) {
            odd += 1;
        }
    }
    odd * 20 > seen
}

/// Reads the numbers in `text`: one per line, or the column `column` (a header name or a 1-based number) of
/// delimited lines.
///
/// # Errors
/// See [`ImportError`]: every problem with a line names it; the first problem found is returned. Binary
/// data are refused as a whole ([`ImportError::NotText`]), never quoted.
pub fn parse_values(text: &str, column: Option<&str>) -> Result<ParsedData, ImportError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(ImportError::InputTooLarge { bytes: text.len() });
    }
    if looks_binary(text) {
        return Err(ImportError::NotText);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let limit = *N_RANGE.end();
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).zip(1..);
    let mut skipped_blank = 0;
    let is_blank = |line: &str, d: Option<char>| line.chars().all(|c| c.is_whitespace() || Some(c) == d);
    // The first non-blank line fixes the delimiter and the columns, and may be a header.
    let (first, first_number) = loop {
        match lines.next() {
            None => return Err(ImportError::NoValues),
            Some((line, _)) if line.chars().all(|c| c.is_whitespace() || DELIMITERS.contains(&c)) => skipped_blank += 1,
            Some(found) => break found,
        }
    };
    let delimiter = detect_delimiter(first);
    let first_fields = fields(first, delimiter, first_number)?;
    let count = first_fields.len();
    let is_header = first_fields.iter().any(|f| !f.is_empty() && f.parse::<f64>().is_err());
    let header = if is_header { first_fields.clone() } else { Vec::new() };
    let index = pick_column(column, &header, count)?;
    let name = if is_header {
        Some(header[index].clone())
    } else {
        (count > 1).then(|| (index + 1).to_string())
    };
    let mut values = Vec::new();
    let data_lines = std::iter::once((first, first_number))
        .filter(|_| !is_header)
        .chain(lines);
    for (line, number) in data_lines {
        if is_blank(line, delimiter) {
            skipped_blank += 1;
            continue;
        }
        let row = fields(line, delimiter, number)?;
        let field = row.get(index).ok_or(ImportError::MissingColumn {
            line: number,
            column: index + 1,
            fields: row.len(),
        })?;
        if values.len() == limit {
            return Err(ImportError::TooManyValues { line: number, limit });
        }
        values.push(value(field, number)?);
    }
    if values.is_empty() {
        return Err(ImportError::NoValues);
    }
    debug_assert!(validate_data(&values, 1).is_ok());
    Ok(ParsedData {
        values,
        column: name,
        columns: header,
        skipped_blank,
    })
}
