//! Parsing of individual cell values.

use mentor_match_model::comparison_key;

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

/// Returns the name nearest to `value` among those close enough to be a
/// likely misspelling, or `None` when no name is.
///
/// Names are compared ignoring case and repeated whitespace, by the number
/// of single-character insertions, deletions and substitutions apart
/// (Levenshtein distance). A name is close when that distance is at most a
/// third of the longer length, or when both start with the same character
/// and contain the same digits (`G7` and `Grade 7`). A name whose digits
/// differ from those of `value` is never close, so `Grade 5` does not
/// suggest `Grade 7`. A tie goes to the earlier name.
pub(crate) fn nearest_name<'a>(value: &str, names: &'a [String]) -> Option<&'a str> {
    let wanted: Vec<char> = comparison_key(value).chars().collect();
    let wanted_digits = digits(&wanted);
    names
        .iter()
        .enumerate()
        .filter_map(|(index, name)| {
            let candidate: Vec<char> = comparison_key(name).chars().collect();
            let candidate_digits = digits(&candidate);
            let both_numbered = !wanted_digits.is_empty() && !candidate_digits.is_empty();
            if both_numbered && wanted_digits != candidate_digits {
                return None;
            }
            let distance = edit_distance(&wanted, &candidate);
            let longer = wanted.len().max(candidate.len());
            let same_initial = wanted.first() == candidate.first();
            let close = distance * 3 <= longer || (both_numbered && same_initial);
            close.then_some((distance, index, name.as_str()))
        })
        .min_by_key(|(distance, index, _)| (*distance, *index))
        .map(|(_, _, name)| name)
}

fn digits(text: &[char]) -> String {
    text.iter().filter(|c| c.is_ascii_digit()).collect()
}

/// Returns the Levenshtein distance between two strings of characters.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    // One row of the dynamic programme: previous[j] is the distance between
    // the first i characters of `a` and the first j characters of `b`.
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, &a_char) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, &b_char) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(a_char != b_char);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distances() {
        let chars = |text: &str| text.chars().collect::<Vec<_>>();
        assert_eq!(edit_distance(&chars("kitten"), &chars("sitting")), 3);
        assert_eq!(edit_distance(&chars(""), &chars("abc")), 3);
        assert_eq!(edit_distance(&chars("grade 7"), &chars("grade 7")), 0);
    }

    #[test]
    fn nearest_grade_names() {
        let ladder: Vec<String> = mentor_match_model::GradeLadder::default().names().to_vec();
        assert_eq!(nearest_name("Grade 8", &ladder), None);
        assert_eq!(nearest_name("grade7", &ladder), Some("Grade 7"));
        assert_eq!(nearest_name("HE0", &ladder), Some("HEO"));
        assert_eq!(nearest_name("SCS 2", &ladder), Some("SCS2"));
        assert_eq!(nearest_name("x", &[]), None);
    }

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

    #[test]
    fn nearest_name_only_when_close() {
        let ladder: Vec<String> = ["AA", "AO", "EO", "HEO", "SEO", "Grade 7", "Grade 6", "SCS1"]
            .iter()
            .map(|name| (*name).to_owned())
            .collect();
        let cases = [
            ("HE0", Some("HEO")),
            ("Grade7", Some("Grade 7")),
            ("grade  6", Some("Grade 6")),
            ("G7", Some("Grade 7")),
            ("SCS 1", Some("SCS1")),
            ("7", None),
            ("Fast Stream", None),
            ("Band A", None),
            ("Grade 5", None),
            ("Grade 8", None),
        ];
        for (value, expected) in cases {
            assert_eq!(nearest_name(value, &ladder), expected, "{value}");
        }
    }
}
