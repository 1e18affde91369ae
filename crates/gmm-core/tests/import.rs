//! The data import parser (crates/gmm-core/src/data/import.rs): exact round trips of values written in many styles, errors that
//! name the right line, column choice by name and number, the limits, and arbitrary text never panicking.

#![cfg(not(target_arch = "wasm32"))]

use gmm_core::data::import::{parse_values, ImportError, ParsedData, MAX_INPUT_BYTES};
use gmm_core::data::sample::{validate_data, MAX_ABS_DATA};
use gmm_core::run::config::N_RANGE;
use proptest::prelude::*;

fn ok(text: &str, column: Option<&str>) -> ParsedData {
    parse_values(text, column).unwrap_or_else(|e| panic!("{text:?} refused: {e}"))
}

fn err(text: &str, column: Option<&str>) -> ImportError {
    match parse_values(text, column) {
        Ok(p) => panic!("{text:?} accepted as {p:?}"),
        Err(e) => e,
    }
}

#[test]
fn one_number_per_line_with_blank_lines_crlf_bom_and_spaces() {
    let p = ok("\u{feff}  1.5 \r\n\r\n-2\r\n\t3e2\r\n   \r\n\"4\"\r\n", None);
    assert_eq!(p.values, vec![1.5, -2.0, 300.0, 4.0]);
    assert_eq!(p.column, None);
    assert!(p.columns.is_empty());
    assert_eq!(p.skipped_blank, 3, "two blank lines and the empty end");
}

#[test]
fn a_header_over_one_column_is_the_columns_name() {
    // The page's own data export: a header `x`, then one value per line.
    let p = ok("x\n0.25\n-1\n", None);
    assert_eq!(p.values, vec![0.25, -1.0]);
    assert_eq!(p.column.as_deref(), Some("x"));
    assert_eq!(p.columns, vec!["x"]);
}

#[test]
fn a_column_by_name_or_number_with_each_delimiter() {
    for d in [",", ";", "\t"] {
        let text = format!("id{d}\"height, cm\"{d}w{d}\n1{d}170.5{d}3{d}\n2{d}\"165\"{d}4{d}\n");
        let by_name = ok(&text, Some("height, cm"));
        assert_eq!(by_name.values, vec![170.5, 165.0], "delimiter {d:?}");
        assert_eq!(by_name.column.as_deref(), Some("height, cm"));
        assert_eq!(by_name.columns, vec!["id", "height, cm", "w"]);
        assert_eq!(ok(&text, Some("3")).values, vec![3.0, 4.0]);
    }
    // Without a header only a number chooses; the column is reported by its number.
    let p = ok("1;2\n3;4\n", Some("2"));
    assert_eq!((p.values, p.column), (vec![2.0, 4.0], Some("2".to_string())));
}

#[test]
fn a_header_name_wins_over_a_column_number() {
    let p = ok("2,a\n5,6\n", Some("2"));
    assert_eq!((p.values, p.column), (vec![5.0], Some("2".to_string())));
    assert_eq!(ok("2,a\n5,6\n", Some("1")).values, vec![5.0]);
    assert_eq!(ok("b,a\n5,6\n", Some("2")).values, vec![6.0]);
}

#[test]
fn several_columns_without_a_choice_are_refused_listing_them() {
    let e = err("a,b,c\n1,2,3\n", None);
    assert_eq!(
        e.to_string(),
        "the data has 3 columns; choose one of the header's columns \"a\", \"b\", \"c\" (or a number from 1 to 3)"
    );
    let e = err("1,2\n", None);
    assert_eq!(
        e.to_string(),
        "the data has 2 columns; choose a column number from 1 to 2"
    );
    let e = err("a,b\n1,2\n", Some("z"));
    assert!(e
        .to_string()
        .starts_with("there is no column \"z\"; choose one of the header's columns \"a\", \"b\""));
    assert!(matches!(err("1,2\n", Some("x")), ImportError::UnknownColumn { .. }));
    assert!(matches!(err("1,2\n", Some("3")), ImportError::UnknownColumn { .. }));
}

#[test]
fn bad_lines_are_named_with_the_problem() {
    let cases: [(&str, Option<&str>, &str); 9] = [
        ("1\n2\n\n4\n5\n6\nabc\n", None, "line 7: \"abc\" is not a number"),
        (
            "1\n2,5\n",
            None,
            "line 2: \"2,5\" is not a number (use a dot as the decimal separator)",
        ),
        ("1\nNaN\n", None, "line 2: \"NaN\" is not a finite number"),
        ("1\n-inf\n", None, "line 2: \"-inf\" is not a finite number"),
        (
            "1\n1e101\n",
            None,
            "line 2: 1e+101 is too large; values must lie between -1e+100 and 1e+100",
        ),
        (
            "a,b\n1,2\n3\n",
            Some("b"),
            "line 3: has 1 fields, so column 2 is missing",
        ),
        ("a,b\n1,\"2\n", Some("b"), "line 2: a double quote is not closed"),
        ("a,b,c\n1,,3\n", Some("b"), "line 2: the value is empty"),
        (
            "x\n\n  \n",
            None,
            "no numbers found: give one number per line, or a CSV with a header",
        ),
    ];
    for (text, column, message) in cases {
        assert_eq!(err(text, column).to_string(), message, "for {text:?}");
    }
    assert_eq!(err("", None), ImportError::NoValues);
    // The largest allowed magnitude itself is accepted.
    assert_eq!(ok("1e100\n-1e100", None).values, vec![MAX_ABS_DATA, -MAX_ABS_DATA]);
}

#[test]
fn more_values_than_n_allows_are_refused_stating_the_limit() {
    let limit = *N_RANGE.end();
    let exactly = "1\n".repeat(limit);
    assert_eq!(ok(&exactly, None).values.len(), limit);
    let over = format!("x\n{exactly}2\n");
    let e = err(&over, None);
    assert_eq!(e, ImportError::TooManyValues { line: limit + 2, limit });
    assert_eq!(
        e.to_string(),
        format!(
            "line {}: too many values; at most {limit} values can be fitted",
            limit + 2
        )
    );
}

#[test]
fn a_text_beyond_the_byte_limit_is_refused_before_parsing() {
    let text = " ".repeat(MAX_INPUT_BYTES + 1);
    let e = err(&text, None);
    assert_eq!(
        e,
        ImportError::InputTooLarge {
            bytes: MAX_INPUT_BYTES + 1
        }
    );
    assert_eq!(e.to_string(), "the text is 67.1 MB; at most 67 MB can be imported");
}

/// A finite value within the data limit: ordinary, tiny, huge, integer-valued or zero.
fn finite_value() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1e3..1e3f64,
        (-1e100..1e100f64),
        (-1e-300..1e-300f64),
        (-1_000_000i64..1_000_000).prop_map(|i| i as f64),
        Just(0.0),
        Just(-0.0),
        Just(MAX_ABS_DATA),
        Just(-MAX_ABS_DATA),
    ]
}

/// `v` written in one of several exact styles (Rust's shortest round-trip forms), with spaces and quotes.
fn styled(v: f64, style: u8) -> String {
    let plain = format!("{v}");
    let sci = format!("{v:e}");
    let upper = format!("{v:E}");
    let signed = if v.is_sign_negative() {
        plain.clone()
    } else {
        format!("+{plain}")
    };
    match style % 6 {
        0 => plain,
        1 => sci,
        2 => upper,
        3 => signed,
        4 => format!("  \"{plain}\" "),
        _ => format!(" {sci} "),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn one_column_round_trips_exactly(
        values in prop::collection::vec((finite_value(), any::<u8>(), 0usize..3), 1..60),
        crlf in any::<bool>(),
        bom in any::<bool>(),
        header in any::<bool>(),
        trailing_newline in any::<bool>(),
    ) {
        let end = if crlf { "\r\n" } else { "\n" };
        let mut text = String::from(if bom { "\u{feff}" } else { "" });
        if header {
            text.push_str("value");
            text.push_str(end);
        }
        let mut blanks = 0;
        for (i, (v, style, blank)) in values.iter().enumerate() {
            for _ in 0..*blank {
                text.push_str(if blanks % 2 == 0 { "" } else { "   " });
                text.push_str(end);
                blanks += 1;
            }
            text.push_str(&styled(*v, *style));
            if i + 1 < values.len() || trailing_newline {
                text.push_str(end);
            }
        }
        let parsed = parse_values(&text, None).unwrap();
        let expected: Vec<u64> = values.iter().map(|(v, _, _)| v.to_bits()).collect();
        let got: Vec<u64> = parsed.values.iter().map(|v| v.to_bits()).collect();
        prop_assert_eq!(got, expected);
        prop_assert_eq!(parsed.skipped_blank, blanks + usize::from(trailing_newline));
        prop_assert_eq!(parsed.column, header.then(|| "value".to_string()));
    }

    #[test]
    fn a_column_round_trips_and_permuting_columns_picks_the_same_one(
        rows in prop::collection::vec(prop::collection::vec((finite_value(), any::<u8>()), 4), 1..30),
        delimiter in prop::sample::select(vec![',', ';', '\t']),
        order in Just((0..4usize).collect::<Vec<_>>()).prop_shuffle(),
        trailing in any::<bool>(),
        pick in 0usize..4,
    ) {
        // "10" looks like a number but is a name (no column has that number here).
        let names = ["alpha", "b b", "x;y,z", "10"];
        let write = |order: &[usize]| {
            let join = |cells: Vec<String>| {
                let mut line = cells.join(&delimiter.to_string());
                if trailing { line.push(delimiter); }
                line
            };
            let head = join(order.iter().map(|&c| format!("\"{}\"", names[c])).collect());
            let body = rows.iter().map(|row| join(order.iter().map(|&c| styled(row[c].0, row[c].1)).collect()));
            std::iter::once(head).chain(body).collect::<Vec<_>>().join("\n")
        };
        let natural = parse_values(&write(&[0, 1, 2, 3]), Some(names[pick])).unwrap();
        let permuted = parse_values(&write(&order), Some(names[pick])).unwrap();
        let expected: Vec<u64> = rows.iter().map(|r| r[pick].0.to_bits()).collect();
        prop_assert_eq!(natural.values.iter().map(|v| v.to_bits()).collect::<Vec<_>>(), expected.clone());
        prop_assert_eq!(permuted.values.iter().map(|v| v.to_bits()).collect::<Vec<_>>(), expected);
        prop_assert_eq!(permuted.column.as_deref(), Some(names[pick]));
        let permuted_names: Vec<&str> = order.iter().map(|&c| names[c]).collect();
        prop_assert_eq!(permuted.columns, permuted_names);
        // By number: the column's position in the permuted file.
        let position = order.iter().position(|&c| c == pick).unwrap() + 1;
        let by_number = parse_values(&write(&order), Some(&position.to_string())).unwrap();
        prop_assert_eq!(by_number.values, natural.values);
    }

    #[test]
    fn a_bad_value_is_reported_on_its_own_line(
        values in prop::collection::vec(finite_value(), 1..40),
        at in any::<prop::sample::Index>(),
        bad in prop::sample::select(vec!["abc", "1.2.3", "NaN", "inf", "-infinity", "1e300", "0x10", "--1"]),
    ) {
        // A header first: a first line that is not a number would be taken for one.
        let mut lines: Vec<String> = std::iter::once("x".to_string()).chain(values.iter().map(|v| v.to_string())).collect();
        let i = 1 + at.index(lines.len());
        lines.insert(i, bad.to_string());
        let e = parse_values(&lines.join("\n"), None).unwrap_err();
        prop_assert_eq!(e.line(), Some(i + 1), "{}", e);
        let prefix = format!("line {}: ", i + 1);
        prop_assert!(e.to_string().starts_with(&prefix), "{}", e);
    }

    #[test]
    fn arbitrary_text_never_panics_and_errors_name_existing_lines(
        text in "(?s).{0,200}",
        column in proptest::option::of("[a-z0-9 ]{0,4}"),
    ) {
        check_any(&text, column.as_deref())?;
    }

    #[test]
    fn csv_like_text_never_panics_and_errors_name_existing_lines(
        text in "[0-9a-z.eE+\\-,;\t\" \r\n\u{feff}]{0,300}",
        column in proptest::option::of("[a-c0-9]{1,2}"),
    ) {
        check_any(&text, column.as_deref())?;
    }
}

/// Whatever the text: no panic; an error's line exists; accepted values can always be fitted.
fn check_any(text: &str, column: Option<&str>) -> Result<(), TestCaseError> {
    let line_count = text.split('\n').count();
    match parse_values(text, column) {
        Ok(parsed) => {
            prop_assert!(!parsed.values.is_empty());
            prop_assert!(validate_data(&parsed.values, 1).is_ok());
        }
        Err(e) => {
            if let Some(line) = e.line() {
                prop_assert!(
                    (1..=line_count).contains(&line),
                    "{} for a text of {} lines",
                    e,
                    line_count
                );
            }
            // The message says what is wrong and where: a line-bound error starts with its line; the rest
            // name what to do instead.
            let message = e.to_string();
            match e.line() {
                Some(line) => prop_assert!(message.starts_with(&format!("line {line}: ")), "{}", message),
                None => prop_assert!(
                    message.starts_with("no numbers found: give one number per line")
                        || message.contains("; choose ")
                        || message.contains("can be imported")
                        || message.starts_with("this is binary data, not text"),
                    "{}",
                    message
                ),
            }
            let fits = match &e {
                ImportError::NotANumber { text, .. } | ImportError::NotFinite { text, .. } => {
                    message.contains(&format!("{text:?}")) && text.chars().count() <= 41
                }
                ImportError::OutOfRange { value, .. } => value.abs() > MAX_ABS_DATA && message.contains("too large"),
                _ => true,
            };
            prop_assert!(
                fits,
                "the message quotes the field (at most 40 characters): {}",
                message
            );
        }
    }
    Ok(())
}

#[test]
fn parsed_values_go_straight_into_a_run_as_given_data() {
    use gmm_core::run::config::DataSource;
    use gmm_core::run::options::{config_from_options, OptionValue};
    use gmm_core::FitSession;
    let parsed = ok("x\n-2.1\n-1.9\n-2.0\n\n3.1\n2.9\n3.0\n", None);
    let options = [
        ("data".to_string(), OptionValue::Numbers(parsed.values.clone())),
        ("k".to_string(), OptionValue::Number(2.0)),
    ];
    let config = config_from_options(&options).unwrap();
    assert_eq!(config.data, DataSource::Given(parsed.values));
    let mut session = FitSession::new(config).unwrap();
    assert_eq!(session.truth(), None, "imported data have no ground truth");
    assert_eq!(session.data().len(), 6);
    session.advance(50);
    assert_eq!(session.step(), 50);
    assert!(session.direct_track().current_loss().is_finite() && session.em_track().current_loss().is_finite());
}

#[test]
fn binary_data_are_refused_in_one_sentence_without_quoting_them() {
    // A PNG's first bytes, and a zip (an .xlsx) as a browser's UTF-8 decoder hands them over.
    let png = String::from_utf8_lossy(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0").into_owned();
    let zip = String::from_utf8_lossy(&[0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0xe9, 0xff, 0x81]).into_owned();
    let garbage: String = String::from_utf8_lossy(
        &(0u8..=255)
            .cycle()
            .skip(1)
            .take(3000)
            .filter(|&b| b != 0)
            .collect::<Vec<_>>(),
    )
    .into_owned();
    for text in [png, zip, garbage] {
        let e = err(&text, None);
        assert_eq!(e, ImportError::NotText, "{text:?}");
        let message = e.to_string();
        assert_eq!(
            message,
            "this is binary data, not text: save the numbers as CSV or TXT first"
        );
        assert_eq!(e.line(), None);
    }
}

#[test]
fn a_text_with_a_few_undecodable_letters_is_still_text() {
    // A Latin-1 header ("Höhe") decoded as UTF-8, over plain numbers.
    let text = format!(
        "H\u{fffd}he\n{}",
        (0..50).map(|i| format!("{i}.5\n")).collect::<String>()
    );
    assert!(!gmm_core::data::import::looks_binary(&text));
    assert_eq!(ok(&text, None).values.len(), 50);
    assert!(!gmm_core::data::import::looks_binary("1\t2\r\n3\x0c\n"));
}
