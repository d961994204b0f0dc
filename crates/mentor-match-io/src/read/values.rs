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

/// Returns the name nearest to `value`: the fewest single-character
/// insertions, deletions and substitutions apart (Levenshtein distance),
/// compared ignoring case and repeated whitespace. A tie goes to the
/// earlier name, and `None` means `names` is empty.
pub(crate) fn nearest_name<'a>(value: &str, names: &'a [String]) -> Option<&'a str> {
    let wanted: Vec<char> = comparison_key(value).chars().collect();
    names
        .iter()
        .enumerate()
        .min_by_key(|(index, name)| {
            let candidate: Vec<char> = comparison_key(name).chars().collect();
            (edit_distance(&wanted, &candidate), *index)
        })
        .map(|(_, name)| name.as_str())
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
        assert_eq!(nearest_name("Grade 8", &ladder), Some("Grade 7"));
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
}
