//! Plain-text explanations of a resolved pattern, for `p3gen explain-routing` and
//! `p3gen explain-scaling`.

mod routing;
mod scaling;

pub use routing::routing;
pub use scaling::scaling;
