//! Answering requests as a server: one response item per request item, Unique Batch Item IDs
//! echoed, the request's protocol version, failures as Result Status/Reason/Message.

use kmip_types::*;

#[test]
fn respond_answers_every_item_in_the_requests_version() {
    let request = RequestMessage::new(
        ProtocolVersion::V1_0,
        vec![
            RequestBatchItem::new(GetRequest::new("a")),
            RequestBatchItem::new(DestroyRequest::new("b")),
            RequestBatchItem::new(DiscoverVersionsRequest::default()),
        ],
    );
    // Several items get 1-based IDs.
    let ids: Vec<_> = request
        .batch_items
        .iter()
        .map(|i| i.unique_batch_item_id.clone().unwrap().0)
        .collect();
    assert_eq!(ids, [vec![0, 0, 0, 1], vec![0, 0, 0, 2], vec![0, 0, 0, 3]]);
    let decoded = RequestMessage::decode(&request.encode()).unwrap();
    let mut seen = Vec::new();
    let response = decoded.respond_at(DateTime(1_000), |item| {
        seen.push(item.operation);
        match &item.payload {
            RequestPayload::Get(g) => Ok(GetResponse::new(
                g.unique_identifier.clone().unwrap(),
                ManagedObject::symmetric_key(KeyBlock::raw_symmetric(
                    CryptographicAlgorithm::AES,
                    vec![3; 32],
                )),
            )
            .into()),
            RequestPayload::Destroy(_) => {
                Err(Failure::new(ResultReason::PERMISSION_DENIED, "not yours"))
            }
            _ => Err(Failure::from(item.typed_payload().map(|_| ()).map_or_else(
                |e| e,
                |()| {
                    Error::new(
                        ErrorKind::UnsupportedOperation {
                            operation: item.operation,
                        },
                        0,
                    )
                },
            ))),
        }
    });
    assert_eq!(
        seen,
        [
            Operation::GET,
            Operation::DESTROY,
            Operation::DISCOVER_VERSIONS
        ]
    );
    let bytes = response.encode();
    let back = ResponseMessage::decode(&bytes).unwrap();
    assert_eq!(back.header.protocol_version, ProtocolVersion::V1_0);
    assert_eq!(back.header.time_stamp, DateTime(1_000));
    assert_eq!(back.batch_items.len(), 3);
    for (req, resp) in request.batch_items.iter().zip(&back.batch_items) {
        assert_eq!(resp.unique_batch_item_id, req.unique_batch_item_id);
        assert_eq!(resp.operation, Some(req.operation));
    }
    let [get, destroy, discover] = &back.batch_items[..] else {
        panic!("three items")
    };
    assert!(get.is_success());
    let Some(ResponsePayload::Get(g)) = &get.payload else {
        panic!("not Get")
    };
    assert_eq!(g.object.key_block().unwrap().key_bytes().unwrap().len(), 32);
    assert_eq!(destroy.result_status, ResultStatus::OPERATION_FAILED);
    assert_eq!(destroy.result_reason, Some(ResultReason::PERMISSION_DENIED));
    assert_eq!(destroy.result_message.as_deref(), Some("not yours"));
    assert!(destroy.payload.is_none());
    assert_eq!(
        discover.result_reason,
        Some(ResultReason::OPERATION_NOT_SUPPORTED)
    );
}

#[test]
fn an_undecodable_request_gets_a_failure_in_its_own_version() {
    let mut bytes =
        RequestMessage::single(ProtocolVersion::V1_0, ActivateRequest::new("x")).encode();
    let len = bytes.len();
    bytes.truncate(len - 8); // cut the payload short: the lengths no longer add up
    let error = RequestMessage::decode(&bytes).unwrap_err();
    assert_eq!(peek_protocol_version(&bytes), None);
    // The version is readable when only the payload is wrong.
    let mut wrong = RequestMessage::single(ProtocolVersion::V1_0, ActivateRequest::new("x"));
    wrong.batch_items[0].operation = Operation::CREATE;
    let wrong = wrong.encode();
    let error2 = RequestMessage::decode(&wrong).unwrap_err();
    assert_eq!(error2.result_reason(), ResultReason::MISSING_DATA);
    let version = peek_protocol_version(&wrong).unwrap();
    assert_eq!(version, ProtocolVersion::V1_0);
    for e in [error, error2] {
        let answer = ResponseMessage::for_error(&e, version);
        let back = ResponseMessage::decode(&answer.encode()).unwrap();
        assert_eq!(back.header.protocol_version, ProtocolVersion::V1_0);
        let item = &back.batch_items[0];
        assert_eq!(item.result_status, ResultStatus::OPERATION_FAILED);
        assert_eq!(item.result_reason, Some(e.result_reason()));
        assert_eq!(item.result_message.as_deref(), Some(e.to_string().as_str()));
    }
}

#[test]
fn client_builders_make_the_requests_a_backup_tool_needs() {
    let auth = Credential::username_and_password("backup", Some("pw"));
    let items = vec![
        RequestBatchItem::new(CreateRequest::symmetric_key(
            CryptographicAlgorithm::AES,
            256,
            CryptographicUsageMask::WRAP_KEY | CryptographicUsageMask::UNWRAP_KEY,
        )),
        RequestBatchItem::new(LocateRequest::by_name("volume-7-kek")),
        RequestBatchItem::new(GetAttributesRequest::new("k", &["State"])),
        RequestBatchItem::new(AddAttributeRequest {
            unique_identifier: Some("k".into()),
            attribute: Attribute::custom_text("x-volume", "7"),
            ..Default::default()
        }),
        RequestBatchItem::new(ModifyAttributeRequest {
            unique_identifier: Some("k".into()),
            attribute: Attribute::object_group("kek").with_index(0),
            ..Default::default()
        }),
        RequestBatchItem::new(ActivateRequest::new("k")),
        RequestBatchItem::new(RevokeRequest::new("k", RevocationReasonCode::SUPERSEDED)),
        RequestBatchItem::new(DestroyRequest::new("k")),
        RequestBatchItem::new(QueryRequest::new(&[QueryFunction::QUERY_OPERATIONS])),
        RequestBatchItem::new(RegisterRequest::new(
            ManagedObject::symmetric_key(KeyBlock::wrapped(
                KeyFormatType::RAW,
                CryptographicAlgorithm::AES,
                512,
                vec![9; 72],
                KeyWrappingData::encrypted("kek", BlockCipherMode::NIST_KEY_WRAP),
            )),
            vec![Attribute::name("dek-1")],
        )),
    ];
    let request = RequestMessage::new(ProtocolVersion::V1_1, items).with_authentication(auth);
    let bytes = request.encode();
    let back = RequestMessage::decode(&bytes).unwrap();
    assert_eq!(back.encode(), bytes);
    assert_eq!(back.batch_items.len(), 10);
    let debug = format!("{back:?}");
    assert!(
        debug.contains("backup") && !debug.contains("\"pw\""),
        "{debug}"
    );
    assert!(debug.contains("Wrap Key | Unwrap Key"));
    assert!(debug.contains("x-volume"));
}
