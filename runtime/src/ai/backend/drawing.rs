//! MNIST-style preprocessing of a drawing into the 28×28 image the digits model takes, for the
//! app's drawing pad and model lab.
//!
//! It must agree exactly with the Python in `models/common.py` that prepared the digits model's
//! training data; `runtime/tests/models.rs` checks it against the cases recorded in
//! `models/digits/preprocess.json`.

use crate::ai::DIGIT_SIDE;

/// Side of the box a digit's longer side is scaled to inside the image.
const DIGIT_BOX: usize = 20;

/// Ink above this counts as part of the drawing when finding its bounding box.
const INK_THRESHOLD: f64 = 0.05;

/// MNIST-style preprocessing of a drawing (`ink`: `height` rows of `width` values, 0 = background,
/// 1 = ink) into the 28×28 image the digits model takes, row by row:
/// the bounding box of the ink above 0.05 is scaled (averaging areas) so that its longer side is
/// 20 pixels, keeping the aspect ratio (the shorter side is `round(shorter × 20 / longer)`, at
/// least 1), then placed so that its centre of mass lands on (14, 14), rounded half away from zero;
/// pixels falling outside are clipped, values are clamped to 0..1. An empty drawing, or `ink` not
/// `width × height` long, gives all zeros.
pub fn digit_image(ink: &[f32], width: usize, height: usize) -> Vec<f32> {
    let mut image = vec![0.0f32; DIGIT_SIDE * DIGIT_SIDE];
    if width.checked_mul(height) != Some(ink.len()) {
        return image;
    }
    let inked = |x: usize, y: usize| f64::from(ink[y * width + x]) > INK_THRESHOLD;
    let rows: Vec<usize> = (0..height).filter(|&y| (0..width).any(|x| inked(x, y))).collect();
    let columns: Vec<usize> = (0..width).filter(|&x| (0..height).any(|y| inked(x, y))).collect();
    let (Some(&top), Some(&bottom), Some(&left), Some(&right)) =
        (rows.first(), rows.last(), columns.first(), columns.last())
    else {
        return image;
    };
    let (box_height, box_width) = (bottom - top + 1, right - left + 1);
    let longer = box_height.max(box_width) as f64;
    let target_height = (round_half_away(box_height as f64 * DIGIT_BOX as f64 / longer) as usize).max(1);
    let target_width = (round_half_away(box_width as f64 * DIGIT_BOX as f64 / longer) as usize).max(1);
    let vertical = area_matrix(box_height, target_height);
    let horizontal = area_matrix(box_width, target_width);
    // small = vertical · box · horizontalᵀ, in that order (as numpy's `@` in models/common.py).
    let mut partial = vec![0.0f64; target_height * box_width];
    for y in 0..target_height {
        for x in 0..box_width {
            partial[y * box_width + x] = (0..box_height)
                .map(|row| vertical[y * box_height + row] * f64::from(ink[(top + row) * width + left + x]))
                .sum();
        }
    }
    let mut small = vec![0.0f64; target_height * target_width];
    for y in 0..target_height {
        for x in 0..target_width {
            small[y * target_width + x] =
                (0..box_width).map(|column| partial[y * box_width + column] * horizontal[x * box_width + column]).sum();
        }
    }
    let total: f64 = small.iter().sum();
    if total <= 0.0 {
        return image;
    }
    let row_mass = (0..target_height).map(|y| small[y * target_width..(y + 1) * target_width].iter().sum::<f64>());
    let centre_y = row_mass.enumerate().map(|(y, mass)| mass * (y as f64 + 0.5)).sum::<f64>() / total;
    let column_mass = (0..target_width).map(|x| (0..target_height).map(|y| small[y * target_width + x]).sum::<f64>());
    let centre_x = column_mass.enumerate().map(|(x, mass)| mass * (x as f64 + 0.5)).sum::<f64>() / total;
    let centre = (DIGIT_SIDE / 2) as f64;
    let (offset_y, offset_x) = (round_half_away(centre - centre_y), round_half_away(centre - centre_x));
    for y in 0..target_height {
        for x in 0..target_width {
            let (to_y, to_x) = (offset_y + y as i64, offset_x + x as i64);
            if (0..DIGIT_SIDE as i64).contains(&to_y) && (0..DIGIT_SIDE as i64).contains(&to_x) {
                image[to_y as usize * DIGIT_SIDE + to_x as usize] = small[y * target_width + x].clamp(0.0, 1.0) as f32;
            }
        }
    }
    image
}

/// Rounds halves away from zero (`f64::round`), as `round_half_away` in models/common.py.
fn round_half_away(value: f64) -> i64 {
    value.round() as i64
}

/// A `target × source` matrix (row by row) whose row `i` averages the part of `0..source` that
/// target pixel `i` covers when `source` pixels are squeezed or stretched onto `target`.
fn area_matrix(source: usize, target: usize) -> Vec<f64> {
    let mut matrix = vec![0.0f64; target * source];
    let step = source as f64 / target as f64;
    for i in 0..target {
        let (start, end) = (i as f64 * step, (i + 1) as f64 * step);
        let mut j = start.floor() as usize;
        while j < source && (j as f64) < end {
            let overlap = end.min(j as f64 + 1.0) - start.max(j as f64);
            if overlap > 0.0 {
                matrix[i * source + j] = overlap / step;
            }
            j += 1;
        }
    }
    matrix
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dot_in_a_corner_is_scaled_and_centred() {
        let mut ink = vec![0.0f32; 10 * 10];
        ink[0] = 1.0;
        let image = digit_image(&ink, 10, 10);
        // One pixel becomes a 20×20 box of full ink whose centre of mass (10, 10) moves to (14, 14).
        let inked: Vec<usize> = (0..image.len()).filter(|&index| image[index] > 0.0).collect();
        assert_eq!(inked.len(), 400);
        assert_eq!(inked[0], 4 * DIGIT_SIDE + 4);
        assert!(image.iter().all(|value| *value == 0.0 || (value - 1.0).abs() < 1e-6));
    }

    #[test]
    fn empty_or_misshapen_drawings_give_a_blank_image() {
        assert!(digit_image(&[0.01; 16], 4, 4).iter().all(|value| *value == 0.0));
        assert!(digit_image(&[1.0; 15], 4, 4).iter().all(|value| *value == 0.0));
        assert_eq!(digit_image(&[], 0, 0).len(), 784);
    }
}
