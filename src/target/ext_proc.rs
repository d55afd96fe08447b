//! Envoy ext_proc processing modes, and the modes p3gen sets on InferencePool routes by default.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::version::{IstioVersion, KserveTarget};

/// An ext_proc header or trailer mode (`envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.HeaderSendMode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum HeaderMode {
    /// Use the filter's default (SEND for headers, SKIP for trailers).
    #[serde(rename = "DEFAULT")]
    Default,
    /// Send to the external processor.
    #[serde(rename = "SEND")]
    Send,
    /// Do not send.
    #[serde(rename = "SKIP")]
    Skip,
}

/// An ext_proc body mode (`ProcessingMode.BodySendMode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum BodyMode {
    /// Do not send the body (the default).
    #[serde(rename = "NONE")]
    None,
    /// Stream body chunks as they arrive.
    #[serde(rename = "STREAMED")]
    Streamed,
    /// Buffer the whole body; fails when it exceeds the buffer limit.
    #[serde(rename = "BUFFERED")]
    Buffered,
    /// Buffer up to the limit and truncate the rest.
    #[serde(rename = "BUFFERED_PARTIAL")]
    BufferedPartial,
    /// Stream both ways; needs the trailer mode of the same direction to be `SEND`.
    #[serde(rename = "FULL_DUPLEX_STREAMED")]
    FullDuplexStreamed,
}

/// An ext_proc `processing_mode`, with the proto's snake_case field names. Unset fields take Envoy's
/// defaults (headers SEND, bodies NONE, trailers SKIP) and are not serialized.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessingMode {
    /// `request_header_mode`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_header_mode: Option<HeaderMode>,
    /// `response_header_mode`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_header_mode: Option<HeaderMode>,
    /// `request_body_mode`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_body_mode: Option<BodyMode>,
    /// `response_body_mode`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_body_mode: Option<BodyMode>,
    /// `request_trailer_mode`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_trailer_mode: Option<HeaderMode>,
    /// `response_trailer_mode`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_trailer_mode: Option<HeaderMode>,
}

/// A direction whose body mode Envoy rejects because of its trailer mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// The request (`request_body_mode` / `request_trailer_mode`).
    Request,
    /// The response (`response_body_mode` / `response_trailer_mode`).
    Response,
}

impl ProcessingMode {
    /// The directions that use `FULL_DUPLEX_STREAMED` without the trailer mode `SEND`, which Envoy
    /// requires (`processing_mode.proto`).
    pub fn full_duplex_without_trailers(&self) -> Vec<Direction> {
        let mut wrong = Vec::new();
        let pairs = [
            (
                Direction::Request,
                self.request_body_mode,
                self.request_trailer_mode,
            ),
            (
                Direction::Response,
                self.response_body_mode,
                self.response_trailer_mode,
            ),
        ];
        for (direction, body, trailer) in pairs {
            if body == Some(BodyMode::FullDuplexStreamed) && trailer != Some(HeaderMode::Send) {
                wrong.push(direction);
            }
        }
        wrong
    }
}

/// The processing mode p3gen puts on InferencePool routes: headers `SEND`, both bodies
/// `FULL_DUPLEX_STREAMED` and both trailers `SEND`.
///
/// This is what Istio ≥1.28 itself writes per InferencePool route. `BUFFERED` made the EPP hang
/// (domain.md D8) and fails bodies above the buffer limit, and `FULL_DUPLEX_STREAMED` needs trailer
/// mode `SEND` in the same direction. The answer is the same for every supported KServe and Istio
/// version; the parameters keep callers independent of that.
pub fn default_body_modes(_kserve: KserveTarget, _istio: IstioVersion) -> ProcessingMode {
    ProcessingMode {
        request_header_mode: Some(HeaderMode::Send),
        response_header_mode: Some(HeaderMode::Send),
        request_body_mode: Some(BodyMode::FullDuplexStreamed),
        response_body_mode: Some(BodyMode::FullDuplexStreamed),
        request_trailer_mode: Some(HeaderMode::Send),
        response_trailer_mode: Some(HeaderMode::Send),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_modes_are_full_duplex_with_trailers_for_every_pair() {
        for kserve in KserveTarget::ALL {
            for istio in IstioVersion::ALL {
                let mode = default_body_modes(*kserve, *istio);
                assert_eq!(mode.request_body_mode, Some(BodyMode::FullDuplexStreamed));
                assert_eq!(mode.response_body_mode, Some(BodyMode::FullDuplexStreamed));
                assert_eq!(mode.request_header_mode, Some(HeaderMode::Send));
                assert_eq!(mode.response_header_mode, Some(HeaderMode::Send));
                assert!(mode.full_duplex_without_trailers().is_empty());
            }
        }
    }

    #[test]
    fn serializes_with_envoy_field_names_and_enum_spellings() {
        let mode = default_body_modes(KserveTarget::Odh015, IstioVersion::V1_27);
        let json = serde_json::to_value(mode).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "request_header_mode": "SEND",
                "response_header_mode": "SEND",
                "request_body_mode": "FULL_DUPLEX_STREAMED",
                "response_body_mode": "FULL_DUPLEX_STREAMED",
                "request_trailer_mode": "SEND",
                "response_trailer_mode": "SEND",
            })
        );
    }

    #[test]
    fn full_duplex_without_send_trailers_is_detected() {
        let mode = ProcessingMode {
            request_body_mode: Some(BodyMode::FullDuplexStreamed),
            response_body_mode: Some(BodyMode::FullDuplexStreamed),
            response_trailer_mode: Some(HeaderMode::Send),
            ..ProcessingMode::default()
        };
        assert_eq!(
            mode.full_duplex_without_trailers(),
            vec![Direction::Request]
        );
        let reference = ProcessingMode {
            request_header_mode: Some(HeaderMode::Send),
            response_header_mode: Some(HeaderMode::Send),
            request_body_mode: Some(BodyMode::Buffered),
            response_body_mode: Some(BodyMode::None),
            ..ProcessingMode::default()
        };
        assert!(reference.full_duplex_without_trailers().is_empty());
    }
}
