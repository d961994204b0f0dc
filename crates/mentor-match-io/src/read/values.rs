//! Parsing of individual cell values.

/// Parses a yes/no cell: `yes`, `y`, `true`, `1` and `no`, `n`, `false`,
/// `0` in any case, with blank meaning no. Returns `None` for anything else.
pub(crate) fn parse_yes_no(value: &str) -> Option<bool> {
    match value.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" => Some(true),
        "no" | "n" | "false" | "0" | "" => Some(false),
        _ => None,
    }
}

/// Splits a list cell on commas and semicolons, trimming each item and
/// dropping empty ones.
pub(crate) fn split_list(value: &str) -> Vec<String> {
    value
        .split([',', ';'])
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_no_spellings() {
        for yes in ["yes", "Yes", " YES ", "y", "Y", "true", "TRUE", "True", "1"] {
            assert_eq!(parse_yes_no(yes), Some(true), "{yes:?}");
        }
        for no in ["no", "No", "NO", "n", "N", "false", "FALSE", "0", "", "   "] {
            assert_eq!(parse_yes_no(no), Some(false), "{no:?}");
        }
        for invalid in ["maybe", "yess", "2", "-", "ja", "oui"] {
            assert_eq!(parse_yes_no(invalid), None, "{invalid:?}");
        }
    }

    #[test]
    fn list_split_on_commas_and_semicolons() {
        assert_eq!(
            split_list(" Gay, Non-binary ;Asexual,, ; "),
            vec!["Gay", "Non-binary", "Asexual"]
        );
        assert_eq!(split_list(""), Vec::<String>::new());
        assert_eq!(split_list("Bisexual or pansexual"), vec!["Bisexual or pansexual"]);
    }
}
