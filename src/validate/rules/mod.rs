//! The rule catalogue: one rule per file.

mod served_model_id;
mod shape;
mod tensor_parallel;

pub use shape::SHAPE;

use super::Rule;

/// Every rule over the model, in the order they run.
pub static ALL: &[&dyn Rule] = &[
    &tensor_parallel::TensorParallelMatchesChips,
    &served_model_id::ServedModelId,
];
