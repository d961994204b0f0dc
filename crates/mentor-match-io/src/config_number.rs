//! Whole numbers in the configuration file, with errors in plain words.
//!
//! Deserialising straight into `u32` or `i64` reports a wrong value with
//! Rust type names ("expected u32", "as i128"), and a range check after
//! deserialising would not see strings or decimals. [`WholeNumber`] accepts
//! only a TOML integer in its range and names that range in every error.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// A TOML integer from `MIN` to `MAX`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WholeNumber<const MIN: i64, const MAX: i64>(pub i64);

impl<'de, const MIN: i64, const MAX: i64> Deserialize<'de> for WholeNumber<MIN, MAX> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(WholeNumberVisitor::<MIN, MAX>(PhantomData))
    }
}

struct WholeNumberVisitor<const MIN: i64, const MAX: i64>(PhantomData<()>);

impl<const MIN: i64, const MAX: i64> WholeNumberVisitor<MIN, MAX> {
    fn invalid<E: de::Error>(value: impl fmt::Display, hint: &str) -> E {
        E::custom(format!("invalid value {value}: use a whole number from {MIN} to {MAX}{hint}"))
    }

    fn in_range<E: de::Error>(value: i128) -> Result<WholeNumber<MIN, MAX>, E> {
        if (i128::from(MIN)..=i128::from(MAX)).contains(&value) {
            // The range check keeps the value within `i64`.
            Ok(WholeNumber(value as i64))
        } else {
            Err(Self::invalid(value, ""))
        }
    }
}

impl<'de, const MIN: i64, const MAX: i64> Visitor<'de> for WholeNumberVisitor<MIN, MAX> {
    type Value = WholeNumber<MIN, MAX>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "a whole number from {MIN} to {MAX}")
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Self::in_range(i128::from(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Self::in_range(i128::from(value))
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Self::Value, E> {
        Self::in_range(value)
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Self::Value, E> {
        match i128::try_from(value) {
            Ok(value) => Self::in_range(value),
            Err(_) => Err(Self::invalid(value, "")),
        }
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        Err(Self::invalid(format!("{value:?}"), ", without a decimal point"))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Err(Self::invalid(format!("{value:?}"), ", without quotes"))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        Err(Self::invalid(value, ""))
    }
}
