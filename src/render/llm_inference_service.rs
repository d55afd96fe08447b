//! KServe's LLMInferenceService: the model, the replicas, the router and the vLLM pod template.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    Container, EnvVar, EnvVarSource, HTTPGetAction, LocalObjectReference, PodSpec, Probe,
    ResourceRequirements, SecretKeySelector, Toleration,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use serde::{Deserialize, Serialize};

use crate::model::{self, EnvValue, Pattern};
use crate::spec::{ArgsForm, GatewayBinding, Scheme, TolerationOperator};
use crate::target::{
    ACCELERATOR_TAINT_EFFECT, ACCELERATOR_TAINT_VALUE, EPP_CONTAINER, EndpointPickerConfig,
    SchedulerLowering, VLLM_CONTAINER, VLLM_PORT,
};

/// A `serving.kserve.io` LLMInferenceService, in the API version of the target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LlmInferenceService {
    /// The target's API version, e.g. `serving.kserve.io/v1alpha1`.
    pub api_version: String,
    /// `LLMInferenceService`.
    pub kind: String,
    /// Name, namespace, labels.
    pub metadata: ObjectMeta,
    /// The service.
    pub spec: LlmInferenceServiceSpec,
}

/// The LLMInferenceService spec, as far as Pattern 3 uses it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LlmInferenceServiceSpec {
    /// The model.
    pub model: ModelRef,
    /// vLLM replicas, unless `scaling` sets a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicas: Option<u32>,
    /// WVA autoscaling, in place of `replicas`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scaling: Option<super::scaling::Scaling>,
    /// Route, gateway and scheduler.
    pub router: Router,
    /// The vLLM pod template.
    pub template: PodSpec,
}

/// The model to serve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelRef {
    /// Where to download it from.
    pub uri: String,
    /// The name clients send.
    pub name: String,
}

/// `spec.router`: each field set to `{}` asks KServe to create that part itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Router {
    /// The HTTPRoute; `{}` lets KServe create it.
    pub route: Empty,
    /// The gateway; `{}` binds to KServe's configured gateway.
    pub gateway: GatewayRouting,
    /// The endpoint picker; `{}` runs it with the target's defaults.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduler: Option<SchedulerRouting>,
}

/// An empty object, `{}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Empty {}

/// `spec.router.gateway`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GatewayRouting {
    /// Explicit Gateway references; none means KServe's configured gateway.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refs: Vec<GatewayRef>,
}

/// A Gateway by name and namespace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GatewayRef {
    /// The Gateway name.
    pub name: String,
    /// Its namespace.
    pub namespace: String,
}

/// `spec.router.scheduler`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SchedulerRouting {
    /// The EPP pod template, merged into the well-known one's containers by name: the EPP image,
    /// and on KServe 0.16 / Open Data Hub the complete argument list with the EndpointPickerConfig.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<PodSpec>,
    /// The EPP configuration (KServe 0.17 and later).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config: Option<SchedulerConfig>,
    /// EPP replicas (KServe 0.17 and later).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replicas: Option<u32>,
}

/// `spec.router.scheduler.config`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchedulerConfig {
    /// An EndpointPickerConfig as a YAML mapping.
    pub inline: EndpointPickerConfig,
}

/// Renders the LLMInferenceService.
pub fn render(pattern: &Pattern) -> LlmInferenceService {
    let refs = match pattern.gateway.binding {
        GatewayBinding::Default => Vec::new(),
        GatewayBinding::Explicit => vec![GatewayRef {
            name: pattern.gateway.name.get().clone(),
            namespace: pattern.gateway.namespace.get().clone(),
        }],
    };
    LlmInferenceService {
        api_version: pattern.kserve_profile().llmisvc_api_version.to_owned(),
        kind: "LLMInferenceService".to_owned(),
        metadata: super::metadata(
            pattern.name.get(),
            pattern.namespace.get(),
            &BTreeMap::new(),
        ),
        spec: LlmInferenceServiceSpec {
            model: ModelRef {
                uri: pattern.model_uri.get().clone(),
                name: pattern.model_name.get().clone(),
            },
            replicas: pattern.replicas.as_ref().map(|replicas| *replicas.get()),
            scaling: pattern.autoscaling.as_ref().map(super::scaling::render),
            router: Router {
                route: Empty {},
                gateway: GatewayRouting { refs },
                scheduler: pattern
                    .scheduler
                    .enabled
                    .then(|| scheduler(&pattern.scheduler)),
            },
            template: pod_spec(pattern),
        },
    }
}

/// `spec.router.scheduler`: `{}` for the target's own EPP with its default weights; otherwise the
/// EPP container (`main`) with the image and the argument list, and the inline config, as the
/// weights' lowering and the EPP image ask.
fn scheduler(scheduler: &model::Scheduler) -> SchedulerRouting {
    let (container, args, config) = match &scheduler.lowering {
        SchedulerLowering::Default => (EPP_CONTAINER, scheduler.args_override.clone(), None),
        SchedulerLowering::TemplateArgs { container, args } => {
            (*container, Some(args.clone()), None)
        }
        SchedulerLowering::InlineConfig(config) => (
            EPP_CONTAINER,
            scheduler.args_override.clone(),
            Some(SchedulerConfig {
                inline: config.clone(),
            }),
        ),
    };
    let image = scheduler.image.as_ref().map(|image| image.get().clone());
    let template = (args.is_some() || image.is_some()).then(|| PodSpec {
        containers: vec![Container {
            name: container.to_owned(),
            image,
            args,
            ..Container::default()
        }],
        ..PodSpec::default()
    });
    SchedulerRouting {
        template,
        config,
        replicas: scheduler.replicas.as_ref().map(|r| *r.get()),
    }
}

fn pod_spec(pattern: &Pattern) -> PodSpec {
    let accelerator = &pattern.accelerator;
    let (operator, value) = match accelerator.toleration_operator() {
        TolerationOperator::Equal => ("Equal", Some(ACCELERATOR_TAINT_VALUE.to_owned())),
        TolerationOperator::Exists => ("Exists", None),
    };
    let pull_secrets: Vec<_> = pattern
        .container
        .image_pull_secrets
        .iter()
        .map(|name| LocalObjectReference {
            name: name.get().clone(),
        })
        .collect();
    PodSpec {
        node_selector: Some(accelerator.node_selector()),
        tolerations: Some(vec![Toleration {
            key: Some(accelerator.resource_name().to_owned()),
            operator: Some(operator.to_owned()),
            value,
            effect: Some(ACCELERATOR_TAINT_EFFECT.to_owned()),
            ..Toleration::default()
        }]),
        containers: vec![container(pattern)],
        image_pull_secrets: (!pull_secrets.is_empty()).then_some(pull_secrets),
        ..PodSpec::default()
    }
}

fn container(pattern: &Pattern) -> Container {
    let spec = &pattern.container;
    let accelerator = Quantity(pattern.accelerator.chips().to_string());
    let amounts = |amounts: &BTreeMap<String, crate::spec::Spanned<String>>| {
        let mut out: BTreeMap<String, Quantity> = amounts
            .iter()
            .map(|(name, value)| (name.clone(), Quantity(value.get().clone())))
            .collect();
        out.insert(
            pattern.accelerator.resource_name().to_owned(),
            accelerator.clone(),
        );
        out
    };
    Container {
        name: VLLM_CONTAINER.to_owned(),
        image: Some(spec.image.get().clone()),
        args: Some(args(
            &pattern.vllm,
            pattern.kserve_profile().vllm.evaluates_args(),
        )),
        env: Some(spec.env.iter().map(env_var).collect()),
        resources: Some(ResourceRequirements {
            limits: Some(amounts(&spec.limits)),
            requests: Some(amounts(&spec.requests)),
            ..ResourceRequirements::default()
        }),
        liveness_probe: Some(probe(&pattern.probes.liveness)),
        readiness_probe: Some(probe(&pattern.probes.readiness)),
        startup_probe: pattern.probes.startup.as_ref().map(probe),
        ..Container::default()
    }
}

/// The container arguments: one script string with a flag per line, or one item per flag. Where
/// the template's shell `eval`s the args (`evaluated`), an item with spaces, quotes or other shell
/// characters is quoted so that it reaches vLLM as one argument.
fn args(vllm: &model::Vllm, evaluated: bool) -> Vec<String> {
    match vllm.form.get() {
        ArgsForm::Script => {
            let mut script = vllm.launcher.get().clone();
            for flag in &vllm.flags {
                script.push_str(" \\\n  ");
                script.push_str(flag.get());
            }
            script.push('\n');
            vec![script]
        }
        ArgsForm::Flags => vllm
            .flags
            .iter()
            .map(|flag| {
                let flag = flag.get();
                if evaluated && !flag.chars().all(is_shell_word) {
                    shell_words::quote(flag).into_owned()
                } else {
                    flag.clone()
                }
            })
            .collect(),
    }
}

/// Whether a shell reads the character as part of a word, unquoted.
fn is_shell_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-_./=:,@+%".contains(c)
}

fn env_var(var: &model::EnvVar) -> EnvVar {
    match &var.value {
        EnvValue::Plain(value) => EnvVar {
            name: var.name.get().clone(),
            value: Some(value.get().clone()),
            value_from: None,
        },
        EnvValue::Secret { secret, key } => EnvVar {
            name: var.name.get().clone(),
            value: None,
            value_from: Some(EnvVarSource {
                secret_key_ref: Some(SecretKeySelector {
                    name: secret.get().clone(),
                    key: key.get().clone(),
                    optional: None,
                }),
                ..EnvVarSource::default()
            }),
        },
    }
}

fn probe(probe: &model::Probe) -> Probe {
    Probe {
        http_get: Some(HTTPGetAction {
            path: Some(probe.path.get().clone()),
            port: IntOrString::Int(i32::from(VLLM_PORT)),
            scheme: Some(
                match probe.scheme.get() {
                    Scheme::Https => "HTTPS",
                    Scheme::Http => "HTTP",
                }
                .to_owned(),
            ),
            ..HTTPGetAction::default()
        }),
        initial_delay_seconds: Some(seconds(*probe.initial_delay.get())),
        period_seconds: Some(seconds(*probe.period.get())),
        timeout_seconds: Some(seconds(*probe.timeout.get())),
        failure_threshold: probe.failure_threshold.as_ref().map(|t| seconds(*t.get())),
        ..Probe::default()
    }
}

fn seconds(value: u32) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}
