//! Data placed by hand: a click adds a point, a shift-click a small cluster, a right-click removes the
//! nearest point. Each edit gives new data; the same edit of the same data gives the same points on every
//! platform (a cluster's points are drawn with a seed made from the data's length and the click's x).

use crate::data::sample::{MAX_ABS_DATA, N_RANGE};
use crate::format::short_number;
use crate::rng::{seeded_rng, standard_normal};
use std::fmt;

/// Points a shift-click adds.
pub const CLUSTER_POINTS: usize = 20;

/// One edit of the data.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DataEdit {
    /// A point at `x`.
    Add { x: f64 },
    /// [`CLUSTER_POINTS`] points drawn from a normal of mean `x` and standard deviation `spread`.
    AddCluster { x: f64, spread: f64 },
    /// Removes the point nearest to `x` (the first of equally near ones).
    RemoveNearest { x: f64 },
}

/// Why an edit was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum EditError {
    /// `x` (or the spread) is not a finite number within the data's limits.
    OutOfRange {
        what: &'static str,
        value: f64,
        allowed: String,
    },
    /// Adding would pass the largest data set, or removing would leave none.
    Size { n: usize, adding: bool },
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::OutOfRange { what, value, allowed } => {
                write!(
                    f,
                    "{what} = {} is not allowed: it must be {allowed}",
                    short_number(*value)
                )
            }
            EditError::Size { n, adding: true } => write!(
                f,
                "the data already hold {n} points; at most {} are allowed, so remove some first",
                N_RANGE.end()
            ),
            EditError::Size { adding: false, .. } => {
                write!(f, "the data hold only one point; at least one must stay")
            }
        }
    }
}

impl std::error::Error for EditError {}

fn check(what: &'static str, value: f64, lo: f64, hi: f64) -> Result<f64, EditError> {
    if (lo..=hi).contains(&value) {
        Ok(value)
    } else {
        Err(EditError::OutOfRange {
            what,
            value,
            allowed: format!("between {} and {}", short_number(lo), short_number(hi)),
        })
    }
}

impl DataEdit {
    /// The data after this edit; `data` is not changed. Returns the new data and the points added (or the
    /// one removed).
    ///
    /// # Errors
    /// [`EditError::OutOfRange`] for an `x` beyond `±1e100` or a spread not in `(0, 1e100]` (NaN included);
    /// [`EditError::Size`] when the data would hold more than 1,000,000 points or none.
    pub fn apply(&self, data: &[f64]) -> Result<(Vec<f64>, Vec<f64>), EditError> {
        let room = |adding: usize| {
            if data.len() + adding > *N_RANGE.end() {
                Err(EditError::Size {
                    n: data.len(),
                    adding: true,
                })
            } else {
                Ok(())
            }
        };
        match *self {
            DataEdit::Add { x } => {
                let x = check("x", x, -MAX_ABS_DATA, MAX_ABS_DATA)?;
                room(1)?;
                Ok(([data, &[x]].concat(), vec![x]))
            }
            DataEdit::AddCluster { x, spread } => {
                let x = check("x", x, -MAX_ABS_DATA, MAX_ABS_DATA)?;
                let spread = check("spread", spread, f64::MIN_POSITIVE, MAX_ABS_DATA)?;
                room(CLUSTER_POINTS)?;
                let mut rng = seeded_rng(data.len() as u64 ^ x.to_bits());
                let added: Vec<f64> = (0..CLUSTER_POINTS)
                    .map(|_| (x + spread * standard_normal(&mut rng)).clamp(-MAX_ABS_DATA, MAX_ABS_DATA))
                    .collect();
                Ok(([data, &added].concat(), added))
            }
            DataEdit::RemoveNearest { x } => {
                let x = check("x", x, -MAX_ABS_DATA, MAX_ABS_DATA)?;
                if data.len() <= 1 {
                    return Err(EditError::Size {
                        n: data.len(),
                        adding: false,
                    });
                }
                let nearest = nearest_index(data, x).expect("at least two points");
                let mut kept = data.to_vec();
                let removed = kept.remove(nearest);
                Ok((kept, vec![removed]))
            }
        }
    }
}

/// The index of the point nearest to `x` (the first of equally near ones); none for no data.
pub fn nearest_index(data: &[f64], x: f64) -> Option<usize> {
    data.iter()
        .enumerate()
        .fold(None, |best: Option<(usize, f64)>, (i, &v)| {
            let d = (v - x).abs();
            match best {
                Some((_, bd)) if bd <= d => best,
                _ => Some((i, d)),
            }
        })
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_remove_and_cluster() {
        let data = [0.0, 1.0, 3.0];
        let (added, new) = DataEdit::Add { x: 2.0 }.apply(&data).unwrap();
        assert_eq!((added, new), (vec![0.0, 1.0, 3.0, 2.0], vec![2.0]));
        let (kept, removed) = DataEdit::RemoveNearest { x: 2.2 }.apply(&data).unwrap();
        assert_eq!((kept, removed), (vec![0.0, 1.0], vec![3.0]));
        // Equally near: the first goes.
        let (kept, _) = DataEdit::RemoveNearest { x: 0.5 }.apply(&data).unwrap();
        assert_eq!(kept, vec![1.0, 3.0]);
        let edit = DataEdit::AddCluster { x: 5.0, spread: 0.1 };
        let (a, pts) = edit.apply(&data).unwrap();
        assert_eq!(a.len(), 3 + CLUSTER_POINTS);
        assert_eq!(
            edit.apply(&data).unwrap().1,
            pts,
            "the same edit of the same data draws the same points"
        );
        let mean = pts.iter().sum::<f64>() / pts.len() as f64;
        assert!(
            (mean - 5.0).abs() < 0.1 && pts.iter().all(|p| (p - 5.0).abs() < 1.0),
            "{pts:?}"
        );
        assert_ne!(DataEdit::AddCluster { x: 5.0, spread: 0.1 }.apply(&a).unwrap().1, pts);
    }

    #[test]
    fn refusals_name_the_problem() {
        for edit in [DataEdit::Add { x: f64::NAN }, DataEdit::RemoveNearest { x: 1e101 }] {
            let e = edit.apply(&[1.0, 2.0]).unwrap_err();
            assert!(
                e.to_string().starts_with("x = ") && e.to_string().contains("between -1e+100 and 1e+100"),
                "{e}"
            );
        }
        let e = DataEdit::AddCluster { x: 0.0, spread: 0.0 }.apply(&[1.0]).unwrap_err();
        assert!(e.to_string().starts_with("spread = 0 is not allowed"), "{e}");
        let e = DataEdit::RemoveNearest { x: 0.0 }.apply(&[1.0]).unwrap_err();
        assert_eq!(e.to_string(), "the data hold only one point; at least one must stay");
        let full = vec![0.0; *N_RANGE.end()];
        assert!(matches!(
            DataEdit::Add { x: 0.0 }.apply(&full),
            Err(EditError::Size { adding: true, .. })
        ));
        assert_eq!(nearest_index(&[], 1.0), None);
    }
}
