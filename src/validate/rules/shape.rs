//! Codes of the diagnostics that parsing and lowering give before any rule runs.

use crate::diagnostic::Severity;

use super::super::{Applies, RuleInfo};

/// The spec-shape codes: TOML syntax, types, keys and values; and the plan-input codes of `p3gen plan`.
pub static SHAPE: &[RuleInfo] = &[
    RuleInfo {
        code: "P3001",
        name: "toml-syntax",
        severity: Severity::Error,
        applies: Applies::Spec,
        summary: "the spec is not valid TOML",
        doc: "## What it checks\nThat the spec parses as TOML 1.0.\n\n## Why\nNothing can be read from a file that does not parse.\n\n## Example\n```toml\n[model\nuri = \"hf://Qwen/Qwen2.5-3B-Instruct\"   # the table header is not closed\n```\n",
    },
    RuleInfo {
        code: "P3002",
        name: "wrong-type",
        severity: Severity::Error,
        applies: Applies::Spec,
        summary: "a value has the wrong type",
        doc: "## What it checks\nThat each value has the type the spec format gives it (`p3gen schema`).\n\n## Why\nA string where a number belongs (or the reverse) would render a manifest the API server rejects, or one that means something else: `\"4\"` and `4` differ in Kubernetes.\n\n## Example\n```toml\n[service]\nreplicas = \"three\"   # expected an integer\n```\n",
    },
    RuleInfo {
        code: "P3003",
        name: "unknown-key",
        severity: Severity::Error,
        applies: Applies::Spec,
        summary: "a key that the spec format does not have",
        doc: "## What it checks\nThat every key is one the spec format defines. The diagnostic suggests the closest valid key and lists them all.\n\n## Why\nA misspelt key would otherwise be ignored silently and its default used instead.\n\n## Example\n```toml\n[service]\nreplica = 3   # did you mean `replicas`?\n```\n",
    },
    RuleInfo {
        code: "P3004",
        name: "missing-key",
        severity: Severity::Error,
        applies: Applies::Spec,
        summary: "a required key is missing",
        doc: "## What it checks\nThat every required key is present: `service.name`, `service.namespace`, `service.replicas`, `model.uri`, `model.name`, the accelerator, `container.image`, `gateway.name` and `gateway.namespace`.\n\n## Why\nThese have no sensible default; guessing them would deploy the wrong thing.\n\n## Example\n```toml\n[container]\n# image = \"…\" is missing\n```\n",
    },
    RuleInfo {
        code: "P3005",
        name: "invalid-value",
        severity: Severity::Error,
        applies: Applies::Spec,
        summary: "a value outside the allowed set or range",
        doc: "## What it checks\nThat enumerated values are one of the allowed spellings and numbers are in range (e.g. no negative replica count). Numbers that land in an `int32` field of a Kubernetes object (`service.replicas`, `scheduler.replicas`, probe `initial-delay`, `period`, `timeout`, `failure-threshold`, `disruption-budgets.max-unavailable` and `epp-max-unavailable`) are at most 2147483647.\n\n## Why\nAn unknown TPU generation, dtype or mode would either be rejected by the cluster or mean something else. The API server rejects an `int32` field above 2147483647 (`replicas = 2147483648` would render and then fail at `kubectl apply`).\n\n## Example\n```toml\n[accelerator.tpu]\ngeneration = \"v7\"   # expected one of v5e, v5p, v6e\n```\n",
    },
    RuleInfo {
        code: "P3006",
        name: "lints-allow",
        severity: Severity::Error,
        applies: Applies::Spec,
        summary: "a `[lints] allow` entry names no warning or gives no reason",
        doc: "## What it checks\nThat each key of `[lints] allow` is the code (or name) of a warning, and that its value, the reason, is not empty.\n\n## Why\nAllowing a code silences a finding for every render of the spec, so the reason is the review record of why the warning does not apply. Errors cannot be allowed: they describe manifests that cannot work.\n\n## Example\n```toml\n[lints]\nallow = { P3402 = \"\" }   # error: say why\n```\n",
    },
    RuleInfo {
        code: "P3009",
        name: "serialization",
        severity: Severity::Error,
        applies: Applies::Spec,
        summary: "the bundle could not be serialized",
        doc: "## What it checks\nThat the rendered objects serialize to YAML.\n\n## Why\nThis should never happen; report it as a bug with the spec that caused it.\n\n## Example\nNone.\n",
    },
    RuleInfo {
        code: "P3101",
        name: "tpu-topology",
        severity: Severity::Error,
        applies: Applies::Spec,
        summary: "the TPU topology is malformed or not offered for the generation",
        doc: "## What it checks\nThat `accelerator.tpu.topology` is a GKE topology of the chosen generation: v5e/v6e `1x1`, `2x2`, `2x4` (single host), `4x4` … `16x16` (multi-host); v5p `2x2x1`, `2x2x2`, … `2x2x1` is accepted for v5e/v6e as `2x2`.\n\n## Why\nThe topology decides the node selector, the chip count (and so `google.com/tpu` and `--tensor-parallel-size`) and the machine type. Source: GKE TPU v6e documentation, \"Supported configurations\"; cluster-toolkit tpu-definition.\n\n## Example\n```toml\n[accelerator.tpu]\ngeneration = \"v6e\"\ntopology = \"3x3\"   # not offered\n```\n",
    },
    RuleInfo {
        code: "P3701",
        name: "plan-gpu-machine-type",
        severity: Severity::Error,
        applies: Applies::Spec,
        summary: "p3gen plan needs the GPU machine type",
        doc: "## What it checks\nFor `p3gen plan`, that `[accelerator.gpu]` names its `machine-type`.\n\n## Why\nGPUs are billed by the machine that carries them: the machine type decides the price per node-hour and how many GPUs a node has (an `a3-highgpu-8g` bills 8 GPUs even if a replica uses 2). Rendering does not need it, so it is optional in the spec.\n\n## Example\n```toml\n[accelerator.gpu]\ntype = \"nvidia-l4\"\ncount = 1\nmachine-type = \"g2-standard-4\"   # needed by p3gen plan\n```\n",
    },
    RuleInfo {
        code: "P3702",
        name: "plan-input",
        severity: Severity::Error,
        applies: Applies::Spec,
        summary: "the plan's inputs give no cost: no price for the accelerator, or a value out of range",
        doc: "## What it checks\nFor `p3gen plan`, that a price exists (the built-in table, `[plan] chip-hour-usd` or `node-hour-usd`, or the same flags, but not both bases at once) and that prices, `throughput` and `hours-per-month` are finite and above 0 and `utilisation` is in (0, 1].\n\n## Why\nThe built-in table has only the figures of the domain reference (§9): TPU v6e and v5e per chip-hour, and a few GPU machines per node-hour. A cost from a guessed price, a zero throughput or a utilisation above 1 would be a number without meaning.\n\n## Example\n```toml\n[accelerator.tpu]\ngeneration = \"v5p\"   # no built-in price\ntopology = \"2x2x1\"\n\n[plan]\nchip-hour-usd = 4.20   # fixes it\n```\n",
    },
];
