//! The starter spec that `p3gen init` writes: a commented spec for one accelerator and target that
//! renders with no warning, so `--deny warnings` holds from the first commit.

use crate::target::{IstioVersion, KserveTarget};

/// The accelerator a starter spec serves on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Accelerator {
    /// A Cloud TPU slice (v6e 2x2: 4 chips, one host).
    #[default]
    Tpu,
    /// One NVIDIA L4 GPU on a g2-standard-8 node.
    Gpu,
}

/// The starter spec for `accelerator` on `kserve`, with `istio` or else the oldest Istio version
/// that routes to the InferencePool API this KServe version creates.
pub fn starter_spec(
    accelerator: Accelerator,
    kserve: KserveTarget,
    istio: Option<IstioVersion>,
) -> String {
    let pool = kserve.profile().inference_pool;
    let istio = istio.unwrap_or_else(|| {
        IstioVersion::ALL
            .iter()
            .copied()
            .find(|version| version.profile().watches_pool(pool))
            .unwrap_or(IstioVersion::V1_28)
    });
    let (accelerator, image) = match accelerator {
        Accelerator::Tpu => (
            "[accelerator.tpu]\n\
             generation = \"v6e\"\n\
             topology = \"2x2\"            # 4 chips per replica, one ct6e-standard-4t host\n",
            "registry.redhat.io/rhaiis/vllm-tpu-rhel9:3.2.5",
        ),
        Accelerator::Gpu => (
            "[accelerator.gpu]\n\
             type = \"nvidia-l4\"\n\
             count = 1                    # GPUs per replica; the machine type must hold them\n\
             machine-type = \"g2-standard-8\"\n",
            "docker.io/vllm/vllm-openai:v0.10.2",
        ),
    };
    format!(
        r#"#:schema ../schemas/p3gen.schema.json
# A Pattern 3 deployment: KServe LLMInferenceService with the llm-d endpoint picker (prefix-aware
# routing) behind an Istio gateway, fenced by NetworkPolicies. Written by `p3gen init`; it renders
# with no warning (`p3gen render THIS.toml --deny warnings`). `p3gen schema` describes every key
# (`p3gen schema > schemas/p3gen.schema.json` for the editor line above), `p3gen explain CODE` every
# warning.

[service]
name = "my-model"            # the LLMInferenceService; KServe names its pods after it
namespace = "llm"
replicas = 1

[model]
uri = "hf://Qwen/Qwen2.5-3B-Instruct"
name = "Qwen/Qwen2.5-3B-Instruct"   # the model name clients send

[target]
kserve = "{kserve}"
istio = "{istio}"            # routes to the InferencePool API this KServe version creates

{accelerator}
[container]
image = "{image}"
# hf-token = {{ secret = "hf-token", key = "HF_TOKEN" }}   # for gated models

[vllm]
served-model-name = "Qwen/Qwen2.5-3B-Instruct"   # vLLM answers to the name clients send (P3201)

[gateway]
name = "inference-gateway"
namespace = "istio-system"

[network-policies]
default-deny = true          # isolate the namespace; the allow policies open what is needed (P3405)

[network-policies.api-server]
mode = "ip-block"
cidrs = ["10.0.0.2/32"]      # set this to your cluster's control-plane endpoint
port = 443

[network-policies.vllm-egress]
mode = "restricted"          # DNS, HTTPS 443 and the API server, not every destination (P3406)
"#,
        kserve = kserve.as_str(),
        istio = istio.as_str(),
    )
}
