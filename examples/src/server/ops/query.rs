//! Discover Versions and Query: what this server speaks and stores.

use kmip_types::{
    DiscoverVersionsRequest, DiscoverVersionsResponse, ObjectType, Operation, ProtocolVersion,
    QueryFunction, QueryRequest, QueryResponse,
};

use super::Done;

/// Vendor Identification returned by Query.
pub const VENDOR_IDENTIFICATION: &str =
    concat!("kmip-examples kms-server ", env!("CARGO_PKG_VERSION"));

/// Protocol versions this server implements, preferred (newest) first: requests of these
/// versions are answered in their own version, others with Operation Not Supported, and
/// Discover Versions without a version lists them all (KMIP 1.1 §4.26).
pub const SUPPORTED_VERSIONS: [ProtocolVersion; 5] = [
    ProtocolVersion::V1_4,
    ProtocolVersion::V1_3,
    ProtocolVersion::V1_2,
    ProtocolVersion::V1_1,
    ProtocolVersion::V1_0,
];

/// Operations this server implements (Query Operations answers with these).
pub const OPERATIONS: [Operation; 15] = [
    Operation::DISCOVER_VERSIONS,
    Operation::QUERY,
    Operation::CREATE,
    Operation::REGISTER,
    Operation::GET,
    Operation::GET_ATTRIBUTES,
    Operation::GET_ATTRIBUTE_LIST,
    Operation::ADD_ATTRIBUTE,
    Operation::MODIFY_ATTRIBUTE,
    Operation::DELETE_ATTRIBUTE,
    Operation::LOCATE,
    Operation::ACTIVATE,
    Operation::REVOKE,
    Operation::DESTROY,
    Operation::RE_KEY,
];

/// Object types this server stores.
pub const OBJECT_TYPES: [ObjectType; 4] = [
    ObjectType::SYMMETRIC_KEY,
    ObjectType::SECRET_DATA,
    ObjectType::OPAQUE_OBJECT,
    ObjectType::TEMPLATE,
];

/// Discover Versions: the versions both sides speak, in the client's order.
pub fn discover_versions(r: &DiscoverVersionsRequest) -> Done {
    let protocol_versions = if r.protocol_versions.is_empty() {
        SUPPORTED_VERSIONS.to_vec()
    } else {
        r.protocol_versions
            .iter()
            .filter(|v| SUPPORTED_VERSIONS.contains(v))
            .copied()
            .collect()
    };
    Done {
        payload: DiscoverVersionsResponse {
            protocol_versions,
            unknown: Vec::new(),
        }
        .into(),
        object: None,
    }
}

/// Query: operations, object types, server information.
pub fn query(r: &QueryRequest) -> Done {
    let mut response = QueryResponse::default();
    for f in &r.query_functions {
        match *f {
            QueryFunction::QUERY_OPERATIONS => response.operations = OPERATIONS.to_vec(),
            QueryFunction::QUERY_OBJECTS => response.object_types = OBJECT_TYPES.to_vec(),
            QueryFunction::QUERY_SERVER_INFORMATION => {
                response.vendor_identification = Some(VENDOR_IDENTIFICATION.into());
            }
            // No application namespaces, no extensions: empty lists.
            _ => {}
        }
    }
    Done {
        payload: response.into(),
        object: None,
    }
}
