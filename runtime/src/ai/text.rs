//! The text featurizer `char-ngram-hash-v1`, which turns a text into the numbers the sentiment
//! model and text classifiers read.
//!
//! It runs on the script side of the seam (see [`super::protocol`]): a classifier's training
//! charges the run's budget by the texts' non-zero features before the backend trains, so the
//! script side needs them first, and the backend then receives features rather than texts.
//!
//! It must agree exactly with the Python in `models/common.py` that prepared the sentiment model's
//! training data; `runtime/tests/models.rs` checks it against the vectors recorded there.

/// Length of a `char-ngram-hash-v1` feature vector.
pub const TEXT_FEATURES: usize = 2048;

/// FNV-1a, 32 bit.
fn fnv1a32(bytes: &[u8]) -> u32 {
    bytes.iter().fold(2_166_136_261u32, |hash, byte| (hash ^ u32::from(*byte)).wrapping_mul(16_777_619))
}

/// The featurizer `char-ngram-hash-v1`: every whitespace character removed, each character and
/// each pair of consecutive characters counted into bucket `FNV-1a-32(UTF-8) % 2048`, then the
/// vector divided by its length (L2 norm; an empty text stays all zeros).
pub fn text_features(text: &str) -> Vec<f32> {
    let characters: Vec<char> = text.chars().filter(|character| !character.is_whitespace()).collect();
    let mut counts = vec![0.0f64; TEXT_FEATURES];
    let mut buffer = [0u8; 8];
    for (index, character) in characters.iter().enumerate() {
        let first = character.encode_utf8(&mut buffer).len();
        counts[fnv1a32(&buffer[..first]) as usize % TEXT_FEATURES] += 1.0;
        if let Some(next) = characters.get(index + 1) {
            let second = next.encode_utf8(&mut buffer[first..]).len();
            counts[fnv1a32(&buffer[..first + second]) as usize % TEXT_FEATURES] += 1.0;
        }
    }
    let norm = libm::sqrt(counts.iter().map(|count| count * count).sum());
    counts.iter().map(|count| if norm > 0.0 { (count / norm) as f32 } else { 0.0 }).collect()
}

/// A text's features as a classifier reads them: the non-zero ones (a few dozen of 2048) as
/// `(index, value)` pairs in increasing index order, which keeps text training fast.
pub(crate) fn sparse_text_features(text: &str) -> Vec<(usize, f64)> {
    text_features(text)
        .iter()
        .enumerate()
        .filter(|(_, value)| **value != 0.0)
        .map(|(index, value)| (index, f64::from(*value)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_features_ignore_whitespace_and_have_unit_length() {
        let spaced = text_features("很 好\t吃\n");
        assert_eq!(spaced, text_features("很好吃"));
        let length: f64 = spaced.iter().map(|value| f64::from(*value) * f64::from(*value)).sum();
        assert!((length - 1.0).abs() < 1e-6);
        // Three characters and two pairs, each its own bucket or sharing one: 5 counts in all.
        assert!(spaced.iter().filter(|value| **value > 0.0).count() <= 5);
        assert!(text_features(" \n").iter().all(|value| *value == 0.0));
    }

    #[test]
    fn sparse_features_are_the_non_zero_ones_in_order() {
        let dense = text_features("物流很快");
        let sparse = sparse_text_features("物流很快");
        assert!(sparse.windows(2).all(|pair| pair[0].0 < pair[1].0));
        for (index, value) in dense.iter().enumerate() {
            let found = sparse.iter().find(|(at, _)| *at == index).map_or(0.0, |(_, value)| *value);
            assert_eq!(found, f64::from(*value));
        }
    }

    #[test]
    fn fnv1a_matches_the_reference_values() {
        assert_eq!(fnv1a32(b""), 2_166_136_261);
        assert_eq!(fnv1a32(b"a"), 0xe40c_292c);
        assert_eq!(fnv1a32(b"foobar"), 0xbf9c_f968);
    }
}
