//! Validating Kubernetes objects against their schemas, the way a strict API server would.
//!
//! Custom resources are checked against the `openAPIV3Schema` of their CRD ([`CrdSchemas`]),
//! core kinds against Kubernetes' own OpenAPI schemas (from `k8s-openapi`). In both, unknown
//! fields are errors wherever the schema lists properties and does not preserve unknown fields,
//! as with `kubectl apply --validate=strict`, and `metadata` is checked as `ObjectMeta` for
//! custom resources too. `null` is accepted for core fields (the API server reads it as "unset")
//! and for CRD fields marked `nullable`. String formats (`date-time`, `int32`, …) are not
//! checked. A [`Validator`] compiles every schema once and is then reused for any number of
//! objects; [`validate_all`] runs one over many objects, each with its own target's CRDs.

mod core_kinds;
mod crd;
mod error;
mod run;
mod structural;
mod type_meta;
mod validator;

pub use crd::{CrdSchemas, load_crd_dir, load_crd_files};
pub use error::SchemaError;
pub use run::{SCHEMA_CODE, Subject, Validation, json_path, validate_all};
pub use type_meta::TypeMeta;
pub use validator::{SchemaSource, Validator, Validity, Violation};
