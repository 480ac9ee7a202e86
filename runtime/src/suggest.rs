//! "Did you mean …?": the closest known name to a misspelt one.

/// The candidate closest to `name`, when one is close enough to be a likely typo.
///
/// Closeness is the Damerau–Levenshtein distance (a swapped pair of letters counts once), allowing
/// one edit for short names and about one per three characters for longer ones; a candidate that
/// differs only in upper/lower case always qualifies. Ties go to the first candidate in order.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let allowed = (name.chars().count() / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate == name {
            continue;
        }
        let distance = if candidate.to_lowercase() == name.to_lowercase() {
            0
        } else {
            strsim::damerau_levenshtein(name, candidate)
        };
        if distance <= allowed && best.is_none_or(|(best_distance, _)| distance < best_distance) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate.to_string())
}

#[cfg(test)]
mod tests {
    use super::closest;

    fn check(name: &str, candidates: &[&str], expected: Option<&str>) {
        assert_eq!(closest(name, candidates.iter().copied()).as_deref(), expected, "for {name}");
    }

    #[test]
    fn suggests_likely_typos_only() {
        check("fowrard", &["forward", "back"], Some("forward"));
        check("Print", &["print", "input"], Some("print"));
        check("totl", &["total", "count"], Some("total"));
        check("分数", &["分数们", "总分"], Some("分数们"));
        check("x", &["y"], Some("y"));
        check("banana", &["forward", "back"], None);
        check("forward", &["forward"], None);
    }
}
