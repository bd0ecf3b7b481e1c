//! Property: any typed message the model can hold encodes to bytes that decode and re-encode
//! to the same bytes (with vendor items at arbitrary places, values outside the tables, and
//! every protocol version from 1.0 to 1.4).

use kmip_ttlv::Tag;
use kmip_types::*;
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 _.-]{0,20}"
}

fn enum_value(known: &'static [u32]) -> impl Strategy<Value = u32> {
    prop_oneof![
        4 => proptest::sample::select(known),
        1 => any::<u32>(),
    ]
}

fn unknown_items() -> impl Strategy<Value = Vec<UnknownItem>> {
    proptest::collection::vec(
        (0usize..4, 0u32..0x10, text()).prop_map(|(pos, t, s)| {
            UnknownItem::new(pos, RawItem::text_string(Tag::new(0x540000 + t), &s))
        }),
        0..3,
    )
    .prop_map(|mut v| {
        v.sort_by_key(|u| u.position);
        v
    })
}

fn attribute() -> impl Strategy<Value = Attribute> {
    prop_oneof![
        text().prop_map(Attribute::name),
        enum_value(&[1, 2, 3, 4, 0x19])
            .prop_map(|v| Attribute::cryptographic_algorithm(CryptographicAlgorithm(v))),
        any::<i32>().prop_map(Attribute::cryptographic_length),
        any::<u32>().prop_map(|m| Attribute::cryptographic_usage_mask(CryptographicUsageMask(m))),
        (text(), text()).prop_map(|(n, v)| Attribute::custom_text(format!("x-{n}"), &v)),
        (any::<i64>(), 0i32..3)
            .prop_map(
                |(d, i)| Attribute::new(AttributeValue::ActivationDate(DateTime(d))).with_index(i)
            ),
        (enum_value(&[0x101, 0x102, 0x103]), text())
            .prop_map(|(t, id)| Attribute::link(LinkType(t), id)),
        any::<bool>().prop_map(|b| Attribute::new(AttributeValue::Fresh(b))),
    ]
}

fn template() -> impl Strategy<Value = TemplateAttribute> {
    (
        proptest::collection::vec(attribute(), 0..4),
        unknown_items(),
    )
        .prop_map(|(attributes, unknown)| TemplateAttribute {
            names: Vec::new(),
            attributes,
            unknown,
        })
}

fn key_block() -> impl Strategy<Value = KeyBlock> {
    (
        proptest::collection::vec(any::<u8>(), 0..48),
        any::<bool>(),
        text(),
        unknown_items(),
    )
        .prop_map(|(key, wrapped, kek, unknown)| {
            let mut block = if wrapped {
                KeyBlock::wrapped(
                    KeyFormatType::RAW,
                    CryptographicAlgorithm::AES,
                    256,
                    key,
                    KeyWrappingData::encrypted(kek, BlockCipherMode::NIST_KEY_WRAP),
                )
            } else {
                KeyBlock::raw_symmetric(CryptographicAlgorithm::AES, key)
            };
            block.unknown = unknown;
            block
        })
}

/// Cryptographic Parameters with fields of KMIP 1.0, 1.2 and 1.4 (encoding for an older peer
/// leaves the later ones out).
fn cryptographic_parameters() -> impl Strategy<Value = CryptographicParameters> {
    (
        proptest::option::of(enum_value(&[1, 2, 9])),
        proptest::option::of(enum_value(&[3, 0x1A])),
        proptest::option::of(any::<bool>()),
        proptest::option::of(0i32..200),
        proptest::option::of(enum_value(&[1, 2])),
        proptest::option::of(enum_value(&[4, 6])),
        proptest::option::of(proptest::collection::vec(any::<u8>(), 0..8)),
    )
        .prop_map(|(mode, alg, random_iv, tag_length, mgf, mgf_hash, p)| {
            CryptographicParameters {
                block_cipher_mode: mode.map(BlockCipherMode),
                cryptographic_algorithm: alg.map(CryptographicAlgorithm),
                random_iv,
                tag_length,
                mask_generator: mgf.map(MaskGenerator),
                mask_generator_hashing_algorithm: mgf_hash.map(HashingAlgorithm),
                p_source: p.map(ByteString),
                ..Default::default()
            }
        })
}

fn request_payload() -> impl Strategy<Value = RequestPayload> {
    prop_oneof![
        (
            proptest::option::of(text()),
            proptest::option::of(cryptographic_parameters()),
            proptest::option::of(proptest::collection::vec(any::<u8>(), 0..40)),
            proptest::option::of(any::<bool>()),
            proptest::option::of(proptest::collection::vec(any::<u8>(), 0..16)),
        )
            .prop_map(|(id, cp, data, init, aad)| EncryptRequest {
                unique_identifier: id,
                cryptographic_parameters: cp,
                data: data.map(SecretBytes::new),
                init_indicator: init,
                authenticated_encryption_additional_data: aad.map(ByteString),
                ..Default::default()
            }
            .into()),
        (text(), proptest::collection::vec(any::<u8>(), 0..40)).prop_map(|(id, data)| {
            MacRequest {
                unique_identifier: Some(id),
                data: Some(SecretBytes::new(data)),
                ..Default::default()
            }
            .into()
        }),
        (enum_value(&[2, 7]), template(), unknown_items()).prop_map(|(t, ta, unknown)| {
            CreateRequest {
                object_type: ObjectType(t),
                template_attribute: ta,
                unknown,
            }
            .into()
        }),
        (
            proptest::option::of(text()),
            proptest::option::of(enum_value(&[1, 2]))
        )
            .prop_map(|(id, f)| GetRequest {
                unique_identifier: id,
                key_format_type: f.map(KeyFormatType),
                ..Default::default()
            }
            .into()),
        (
            proptest::collection::vec(attribute(), 0..4),
            proptest::option::of(any::<i32>())
        )
            .prop_map(|(a, m)| LocateRequest {
                maximum_items: m,
                object_group_member: Some(ObjectGroupMember::GROUP_MEMBER_DEFAULT),
                attributes: a,
                ..Default::default()
            }
            .into()),
        (key_block(), proptest::collection::vec(attribute(), 0..3))
            .prop_map(|(b, a)| { RegisterRequest::new(ManagedObject::symmetric_key(b), a).into() }),
        text().prop_map(|id| ActivateRequest::new(id).into()),
        (text(), enum_value(&[1, 2, 5])).prop_map(|(id, c)| RevokeRequest::new(
            id,
            RevocationReasonCode(c)
        )
        .into()),
        proptest::collection::vec((1i32..3, 0i32..5), 0..3).prop_map(|v| DiscoverVersionsRequest {
            protocol_versions: v
                .into_iter()
                .map(|(a, b)| ProtocolVersion::new(a, b))
                .collect(),
            ..Default::default()
        }
        .into()),
        proptest::collection::vec(enum_value(&[1, 2, 3, 4, 5, 6]), 0..4).prop_map(|q| {
            QueryRequest {
                query_functions: q.into_iter().map(QueryFunction).collect(),
                ..Default::default()
            }
            .into()
        }),
    ]
}

fn request() -> impl Strategy<Value = RequestMessage> {
    (
        0i32..5,
        proptest::option::of(any::<i32>()),
        proptest::option::of(any::<bool>()),
        proptest::option::of(any::<i64>()),
        proptest::option::of((text(), proptest::option::of(text()))),
        proptest::collection::vec((request_payload(), unknown_items()), 1..4),
        unknown_items(),
    )
        .prop_map(|(minor, size, order, time, auth, items, unknown)| {
            let items = items
                .into_iter()
                .map(|(p, u)| {
                    let mut item = RequestBatchItem::new(p);
                    item.unknown = u;
                    item
                })
                .collect();
            let mut m = RequestMessage::new(ProtocolVersion::new(1, minor), items);
            m.header.maximum_response_size = size;
            m.header.batch_order_option = order;
            m.header.time_stamp = time.map(DateTime);
            m.header.authentication = auth.map(|(u, p)| {
                Authentication::new(Credential::username_and_password(u, p.as_deref()))
            });
            m.header.unknown = unknown;
            m
        })
}

fn response() -> impl Strategy<Value = ResponseMessage> {
    (
        0i32..5,
        any::<i64>(),
        proptest::collection::vec(
            prop_oneof![
                (text(), key_block()).prop_map(|(id, b)| ResponseBatchItem::success(
                    GetResponse::new(id, ManagedObject::symmetric_key(b))
                )),
                (text(), proptest::collection::vec(any::<u8>(), 0..40)).prop_map(|(id, d)| {
                    ResponseBatchItem::success(DecryptResponse {
                        unique_identifier: id,
                        data: Some(SecretBytes::new(d)),
                        ..Default::default()
                    })
                }),
                (
                    text(),
                    proptest::option::of(proptest::collection::vec(any::<u8>(), 0..16))
                )
                    .prop_map(|(id, t)| {
                        ResponseBatchItem::success(EncryptResponse {
                            unique_identifier: id,
                            authenticated_encryption_tag: t.map(ByteString),
                            ..Default::default()
                        })
                    }),
                proptest::collection::vec(text(), 0..4).prop_map(|ids| {
                    ResponseBatchItem::success(LocateResponse {
                        unique_identifiers: ids,
                        ..Default::default()
                    })
                }),
                (text(), proptest::collection::vec(attribute(), 0..4)).prop_map(|(id, a)| {
                    ResponseBatchItem::success(GetAttributesResponse {
                        unique_identifier: id,
                        attributes: a,
                        ..Default::default()
                    })
                }),
                (enum_value(&[1, 4, 5, 0x100]), proptest::option::of(text())).prop_map(|(r, m)| {
                    ResponseBatchItem::failure(Some(Operation::GET), ResultReason(r), m)
                }),
            ],
            1..4,
        ),
    )
        .prop_map(|(minor, time, items)| {
            ResponseMessage::new(ProtocolVersion::new(1, minor), DateTime(time), items)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn requests_round_trip(m in request()) {
        let bytes = m.encode();
        let back = RequestMessage::decode(&bytes).unwrap();
        prop_assert_eq!(back.encode(), bytes);
        prop_assert_eq!(back.batch_items.len(), m.batch_items.len());
    }

    #[test]
    fn responses_round_trip(m in response()) {
        let bytes = m.encode();
        let back = ResponseMessage::decode(&bytes).unwrap();
        prop_assert_eq!(back.encode(), bytes);
        prop_assert_eq!(back.batch_items.len(), m.batch_items.len());
    }
}

/// An item to splice into a message at the TTLV level: into the `structure`-th structure (in
/// pre-order, modulo their number), before its `position`-th child (modulo its children + 1).
#[derive(Debug, Clone)]
struct Splice {
    structure: usize,
    position: usize,
    tag: u32,
    kind: u8,
    data: Vec<u8>,
}

/// Tags the typed model cannot hold for a message of `version`: vendor tags (0x54xxxx), and
/// tags of a later version than the message's (those of KMIP 1.1 for a 1.0 message, ..., of
/// KMIP 2.0, 0x420125 up, for any 1.x message).
fn splice_tag(selector: u32, version: ProtocolVersion) -> Tag {
    let vendor = Tag::new(0x540000 + selector % 0x100);
    if selector.is_multiple_of(3) {
        return vendor;
    }
    let later = Tag::new(0x4200A2 + selector % (0x420150 - 0x4200A2));
    if version.defines(later) {
        vendor
    } else {
        later
    }
}

fn splice() -> impl Strategy<Value = Splice> {
    (
        any::<usize>(),
        any::<usize>(),
        any::<u32>(),
        0u8..4,
        proptest::collection::vec(any::<u8>(), 0..20),
    )
        .prop_map(|(structure, position, tag, kind, data)| Splice {
            structure,
            position,
            tag,
            kind,
            data,
        })
}

fn write_splice(w: &mut kmip_ttlv::Writer<'_, Vec<u8>>, s: &Splice, version: ProtocolVersion) {
    let tag = splice_tag(s.tag, version);
    match s.kind {
        0 => w.byte_string(tag, &s.data),
        1 => w.integer(tag, i32::from(s.data.first().copied().unwrap_or(7))),
        2 => w.text_string(tag, &String::from_utf8_lossy(&s.data)),
        _ => w.structure(tag, |w| {
            w.byte_string(splice_tag(s.tag.rotate_left(7), version), &s.data);
        }),
    };
}

fn count_structures(item: &kmip_ttlv::Item<'_>) -> usize {
    if item.item_type() != kmip_ttlv::ItemType::Structure {
        return 0;
    }
    1 + item.children().map(|c| count_structures(&c)).sum::<usize>()
}

/// Rewrites `item` with the splices placed; Protocol Version, which admits no extension,
/// receives none.
fn rebuild(
    item: &kmip_ttlv::Item<'_>,
    w: &mut kmip_ttlv::Writer<'_, Vec<u8>>,
    index: &mut usize,
    total: usize,
    splices: &[Splice],
    version: ProtocolVersion,
) {
    if item.item_type() != kmip_ttlv::ItemType::Structure {
        w.item(item);
        return;
    }
    let me = *index;
    *index += 1;
    let open = item.tag() != tag::PROTOCOL_VERSION;
    let children: Vec<_> = item.children().collect();
    let mine: Vec<&Splice> = splices
        .iter()
        .filter(|s| open && s.structure % total == me)
        .collect();
    w.structure(item.tag(), |w| {
        for at in 0..=children.len() {
            for s in mine
                .iter()
                .filter(|s| s.position % (children.len() + 1) == at)
            {
                write_splice(w, s, version);
            }
            if let Some(child) = children.get(at) {
                rebuild(child, w, index, total, splices, version);
            }
        }
    });
}

/// The newest version whose rules any part of a message follows: its header's, or an
/// operation's whose payload is read by its own version's rules (Encrypt, KMIP 1.2, in a 1.0
/// message). Splices use tags later than that.
fn newest(header: ProtocolVersion, ops: impl Iterator<Item = Operation>) -> ProtocolVersion {
    ops.filter_map(Operation::since)
        .fold(header, ProtocolVersion::max)
}

fn spliced(bytes: &[u8], splices: &[Splice], version: ProtocolVersion) -> Vec<u8> {
    let item = kmip_ttlv::decode(bytes).unwrap();
    let total = count_structures(&item);
    let mut out = Vec::new();
    let mut w = kmip_ttlv::Writer::new(&mut out);
    rebuild(&item, &mut w, &mut 0, total, splices, version);
    w.finish().unwrap();
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Issue 10: items the model does not type for the message's version (unknown tags, and
    /// later versions' items inside known structures) come back out exactly as they came in.
    #[test]
    fn spliced_requests_round_trip(
        m in request(),
        splices in proptest::collection::vec(splice(), 1..6),
    ) {
        let version = newest(m.header.protocol_version, m.batch_items.iter().map(|i| i.operation));
        let bytes = spliced(&m.encode(), &splices, version);
        let back = RequestMessage::decode(&bytes)
            .map_err(|e| TestCaseError::fail(format!("{e}")))?;
        prop_assert_eq!(back.encode(), bytes);
    }

    #[test]
    fn spliced_responses_round_trip(
        m in response(),
        splices in proptest::collection::vec(splice(), 1..6),
    ) {
        let version = newest(
            m.header.protocol_version,
            m.batch_items.iter().filter_map(|i| i.operation),
        );
        let bytes = spliced(&m.encode(), &splices, version);
        let back = ResponseMessage::decode(&bytes)
            .map_err(|e| TestCaseError::fail(format!("{e}")))?;
        prop_assert_eq!(back.encode(), bytes);
    }
}
