//! Comparison of two manifest sets into a [`DiffReport`].

use std::collections::BTreeMap;

use similar::TextDiff;

use super::Manifest;
use super::error::{DiffError, Side};
use super::key::{ObjectKey, index};
use super::normalize::normalize;
use super::report::{DiffReport, ObjectDiff, Status};
use super::yaml::to_yaml;

/// Lines of unchanged context around each change.
const CONTEXT_LINES: usize = 3;

/// What to leave out of the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiffOptions {
    /// Ignore fields the API server adds to live objects: `status`, `metadata.managedFields`,
    /// `metadata.resourceVersion`, `metadata.uid`, `metadata.generation`, `metadata.creationTimestamp`
    /// and the `kubectl.kubernetes.io/last-applied-configuration` annotation. On by default.
    pub ignore_server_fields: bool,
}

impl Default for DiffOptions {
    fn default() -> Self {
        DiffOptions {
            ignore_server_fields: true,
        }
    }
}

/// Compares two manifest sets with the default [`DiffOptions`].
pub fn diff(old: &[Manifest], new: &[Manifest]) -> Result<DiffReport, DiffError> {
    diff_with_options(old, new, &DiffOptions::default())
}

/// Compares two manifest sets: objects matched by identity, each pair compared as normalized YAML.
///
/// Fails when a document is not an identifiable object or when one set holds the same object twice.
pub fn diff_with_options(
    old: &[Manifest],
    new: &[Manifest],
    options: &DiffOptions,
) -> Result<DiffReport, DiffError> {
    let old_by_key = index(old, Side::Old)?;
    let new_by_key = index(new, Side::New)?;

    let mut pairs: BTreeMap<&ObjectKey, (Option<&Manifest>, Option<&Manifest>)> = BTreeMap::new();
    for (key, manifest) in &old_by_key {
        pairs.entry(key).or_default().0 = Some(manifest);
    }
    for (key, manifest) in &new_by_key {
        pairs.entry(key).or_default().1 = Some(manifest);
    }

    let mut objects = Vec::with_capacity(pairs.len());
    for (key, (old_manifest, new_manifest)) in pairs {
        objects.push(compare_object(key, old_manifest, new_manifest, options)?);
    }
    Ok(DiffReport { objects })
}

/// Compares the two copies of one object (either may be absent, not both).
fn compare_object(
    key: &ObjectKey,
    old: Option<&Manifest>,
    new: Option<&Manifest>,
    options: &DiffOptions,
) -> Result<ObjectDiff, DiffError> {
    let yaml_of = |manifest: Option<&Manifest>| -> Result<String, DiffError> {
        match manifest {
            Some(manifest) => to_yaml(
                &normalize(&manifest.value, options.ignore_server_fields),
                &key.to_string(),
            ),
            None => Ok(String::new()),
        }
    };
    let old_yaml = yaml_of(old)?;
    let new_yaml = yaml_of(new)?;

    let status = match (old, new) {
        (None, _) => Status::Added,
        (_, None) => Status::Removed,
        _ if old_yaml == new_yaml => Status::Unchanged,
        _ => Status::Changed,
    };
    let unified_diff = (status != Status::Unchanged).then(|| {
        let path = key.path();
        let old_header = match old {
            Some(_) => format!("a/{path}"),
            None => "/dev/null".to_owned(),
        };
        let new_header = match new {
            Some(_) => format!("b/{path}"),
            None => "/dev/null".to_owned(),
        };
        TextDiff::from_lines(&old_yaml, &new_yaml)
            .unified_diff()
            .context_radius(CONTEXT_LINES)
            .header(&old_header, &new_header)
            .to_string()
    });

    Ok(ObjectDiff {
        key: key.clone(),
        status,
        old_source: old.map(|manifest| manifest.source.clone()),
        new_source: new.map(|manifest| manifest.source.clone()),
        unified_diff,
    })
}
