//! Access control of kms-server (issue 11): every object belongs to the client certificate
//! that created it; only that client and the admins configured on the server may see or act
//! on it; to anyone else it does not exist, in exactly the words used for an absent one.
//!
//! Three identities from one CA: `alice` (the default client certificate), `bob` and `carol`
//! (other clients), and `admin` (configured as admin). Every operation the server supports is
//! tried by each.

mod common;

use std::net::SocketAddr;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use common::{Setup, connect_as, state_of};
use key_hierarchy::KeyState;
use kmip_examples::client::{ClientError, KmipClient};
use kmip_examples::pki::{CertAndKey, PkiFiles, TestPki};
use kmip_examples::server::kms::{AUDIT_FAILED_MESSAGE, Kms};
use kmip_examples::server::ops::INTERNAL_ERROR_MESSAGE;
use kmip_examples::server::transport::Peer;
use kmip_examples::server::{AuditLog, Server, ServerConfig, TlsSource, TransportLimits};
use kmip_examples::store::{Caller, NewObject, Store};
use kmip_examples::tls::{ClientId, certs_from_pem};
use kmip_examples::util::TempDir;
use kmip_types::{
    Attribute, AttributeValue, BlockCipherMode, CreateRequest, CryptographicAlgorithm,
    CryptographicUsageMask, EncodingOption, GetAttributesRequest, GetRequest, KeyFormatType,
    LinkType, LocateRequest, ObjectType, OpaqueDataType, ProtocolVersion, RegisterRequest,
    RequestBatchItem, RequestMessage, ResponseMessage, ResponsePayload, ResultReason, ResultStatus,
    RevocationReasonCode, SecretDataType, State,
};

/// A server with three client identities and one admin.
struct Acl {
    _dir: TempDir,
    files: PkiFiles,
    server: Server,
    alice: CertAndKey,
    bob: CertAndKey,
    carol: CertAndKey,
    admin: CertAndKey,
    audit: Arc<Mutex<Vec<u8>>>,
}

fn fingerprint(who: &CertAndKey) -> ClientId {
    let certs = certs_from_pem(who.cert_pem.as_bytes()).unwrap();
    ClientId::of_certificate(&certs[0])
}

impl Acl {
    fn start() -> Self {
        let dir = TempDir::new("kmip-examples-acl").unwrap();
        let pki = TestPki::generate(&["localhost"]).unwrap();
        let files = pki.write_to(dir.path()).unwrap();
        let bob = pki.client_cert("bob").unwrap();
        let carol = pki.client_cert("carol").unwrap();
        let admin = pki.client_cert("kms-admin").unwrap();
        let (audit_log, audit) = AuditLog::memory();
        let config = ServerConfig {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            tls: TlsSource::Config(kmip_examples::tls::server_config(&files.server).unwrap()),
            data_dir: dir.path().join("kms-data"),
            database: kmip_examples::store::Database::default(),
            root_key_file: None,
            allow_root_key_in_data_dir: false,
            limits: TransportLimits::default(),
            audit: audit_log,
            admins: vec![fingerprint(&admin)],
            crls: Vec::new(),
        };
        let server = Server::start(config).unwrap();
        Acl {
            _dir: dir,
            files,
            server,
            alice: pki.client,
            bob,
            carol,
            admin,
            audit,
        }
    }

    fn connect(&self, who: &CertAndKey) -> KmipClient {
        connect_as(&self.files.ca, self.server.local_addr(), who)
    }

    /// Alice, Bob and the admin, connected.
    fn clients(&self) -> (KmipClient, KmipClient, KmipClient) {
        (
            self.connect(&self.alice),
            self.connect(&self.bob),
            self.connect(&self.admin),
        )
    }

    fn audit_lines(&self) -> Vec<String> {
        let buf = self.audit.lock().unwrap_or_else(PoisonError::into_inner);
        String::from_utf8_lossy(&buf)
            .lines()
            .map(str::to_owned)
            .collect()
    }
}

const ABSENT: &str = "7d0c1b5e-0000-4000-8000-00000000abcd";

/// `op` on `id` fails for `c` exactly as on an identifier that does not exist: Item Not
/// Found, and the same Result Message but for the identifier itself.
fn assert_hidden<T: std::fmt::Debug>(
    c: &mut KmipClient,
    id: &str,
    mut op: impl FnMut(&mut KmipClient, &str) -> Result<T, ClientError>,
) {
    let hidden = op(c, id).unwrap_err();
    let absent = op(c, ABSENT).unwrap_err();
    let (
        ClientError::Failed {
            operation: op_h,
            reason: reason_h,
            message: message_h,
        },
        ClientError::Failed {
            operation: op_a,
            reason: reason_a,
            message: message_a,
        },
    ) = (&hidden, &absent)
    else {
        panic!("{hidden:?} / {absent:?}");
    };
    assert_eq!(*reason_h, ResultReason::ITEM_NOT_FOUND, "{hidden}");
    assert_eq!((op_h, reason_h), (op_a, reason_a));
    let message_h = message_h.as_deref().unwrap_or_default().replace(id, "ID");
    let message_a = message_a
        .as_deref()
        .unwrap_or_default()
        .replace(ABSENT, "ID");
    assert_eq!(message_h, message_a);
}

fn names_of(c: &mut KmipClient, id: &str) -> Vec<String> {
    c.get_attribute_list(id).unwrap()
}

#[test]
fn create_and_register_belong_to_their_creator() {
    let acl = Acl::start();
    let (mut alice, mut bob, mut admin) = acl.clients();
    let key = alice.create_aes(256, Some("alice-key")).unwrap();
    let sym = alice
        .register_symmetric_key(CryptographicAlgorithm::AES, &[0x11; 32], vec![])
        .unwrap();
    let secret = alice
        .register_secret_data(SecretDataType::PASSWORD, b"alice's secret", vec![])
        .unwrap();
    let opaque = alice
        .register_opaque(OpaqueDataType(0x8000_0001), b"alice's blob", vec![])
        .unwrap();
    for id in [&key, &sym, &secret, &opaque] {
        assert!(!alice.get_key_bytes(id).unwrap().is_empty());
        assert_hidden(&mut bob, id, |c, id| c.get_key_bytes(id));
        // The admin sees everything.
        assert_eq!(
            admin.get_key_bytes(id).unwrap(),
            alice.get_key_bytes(id).unwrap()
        );
    }
    // Bob's objects are his: Alice cannot see them.
    let bobs = bob.create_aes(128, None).unwrap();
    let bobs_secret = bob
        .register_secret_data(SecretDataType::PASSWORD, b"bob's", vec![])
        .unwrap();
    for id in [&bobs, &bobs_secret] {
        assert!(!bob.get_key_bytes(id).unwrap().is_empty());
        assert_hidden(&mut alice, id, |c, id| c.get_key_bytes(id));
        admin.get_key_bytes(id).unwrap();
    }
    // Objects the admin creates are the admin's.
    let admins = admin.create_aes(256, None).unwrap();
    assert_hidden(&mut alice, &admins, |c, id| c.get_key_bytes(id));
}

#[test]
fn get_attributes_and_attribute_list_are_owner_or_admin() {
    let acl = Acl::start();
    let (mut alice, mut bob, mut admin) = acl.clients();
    let id = alice.create_aes(256, Some("alice-key")).unwrap();
    alice
        .add_attribute(&id, Attribute::custom_text("x-Owner", "alice"))
        .unwrap();
    assert_hidden(&mut bob, &id, |c, id| c.get_attributes(id, &[]));
    assert_hidden(&mut bob, &id, |c, id| c.get_attributes(id, &["x-Owner"]));
    assert_hidden(&mut bob, &id, |c, id| c.get_attribute_list(id));
    assert_eq!(
        admin.get_attributes(&id, &["x-Owner"]).unwrap(),
        alice.get_attributes(&id, &["x-Owner"]).unwrap()
    );
    assert_eq!(names_of(&mut admin, &id), names_of(&mut alice, &id));
}

#[test]
fn add_modify_delete_attribute_are_owner_or_admin() {
    let acl = Acl::start();
    let (mut alice, mut bob, mut admin) = acl.clients();
    let id = alice.create_aes(256, None).unwrap();
    alice
        .add_attribute(&id, Attribute::custom_text("x-Tag", "one"))
        .unwrap();
    let before = alice.get_attributes(&id, &[]).unwrap();
    assert_hidden(&mut bob, &id, |c, id| {
        c.add_attribute(id, Attribute::custom_text("x-Tag", "bob"))
    });
    assert_hidden(&mut bob, &id, |c, id| {
        c.modify_attribute(id, Attribute::custom_text("x-Tag", "bob"))
    });
    assert_hidden(&mut bob, &id, |c, id| c.delete_attribute(id, "x-Tag", None));
    // Nothing Bob tried changed anything.
    assert_eq!(alice.get_attributes(&id, &[]).unwrap(), before);
    // The admin may.
    admin
        .add_attribute(&id, Attribute::custom_text("x-Tag", "two"))
        .unwrap();
    admin
        .modify_attribute(&id, Attribute::custom_text("x-Tag", "first"))
        .unwrap();
    admin.delete_attribute(&id, "x-Tag", Some(1)).unwrap();
    let tags = alice.get_attributes(&id, &["x-Tag"]).unwrap();
    assert_eq!(tags, vec![Attribute::custom_text("x-Tag", "first")]);
}

fn locate_named(c: &mut KmipClient, name: &str) -> Vec<String> {
    c.locate(LocateRequest::matching(vec![Attribute::name(name)]))
        .unwrap()
}

fn locate_all(c: &mut KmipClient) -> Vec<String> {
    c.locate(LocateRequest::matching(vec![])).unwrap()
}

#[test]
fn locate_returns_only_what_the_caller_may_see() {
    let acl = Acl::start();
    let (mut alice, mut bob, mut admin) = acl.clients();
    let mut carol = acl.connect(&acl.carol);
    let a1 = alice.create_aes(256, Some("vm-kek")).unwrap();
    let a2 = alice.create_aes(128, Some("vm-kek")).unwrap();
    let b1 = bob.create_aes(256, Some("vm-kek")).unwrap();
    let c1 = carol.create_aes(256, Some("carol-only")).unwrap();
    assert_eq!(
        locate_named(&mut alice, "vm-kek"),
        vec![a2.clone(), a1.clone()]
    );
    assert_eq!(locate_named(&mut bob, "vm-kek"), vec![b1.clone()]);
    assert!(locate_named(&mut carol, "vm-kek").is_empty());
    assert_eq!(
        locate_named(&mut admin, "vm-kek"),
        vec![b1.clone(), a2.clone(), a1.clone()]
    );
    assert_eq!(locate_all(&mut alice), vec![a2.clone(), a1.clone()]);
    assert_eq!(locate_all(&mut bob), vec![b1.clone()]);
    assert_eq!(locate_all(&mut carol), vec![c1.clone()]);
    assert_eq!(locate_all(&mut admin), vec![c1, b1, a2, a1]);
    // Maximum Items counts only the caller's objects.
    let mut one = LocateRequest::matching(vec![]);
    one.maximum_items = Some(1);
    assert_eq!(bob.locate(one).unwrap().len(), 1);
    // By state and type too.
    let by_type = LocateRequest::matching(vec![Attribute::object_type(ObjectType::SYMMETRIC_KEY)]);
    assert_eq!(carol.locate(by_type).unwrap().len(), 1);
    // A Locate that finds nothing of another's leaves no ID Placeholder to act on.
    let responses = bob
        .batch(vec![
            RequestBatchItem::new(LocateRequest::matching(vec![Attribute::name("carol-only")])),
            RequestBatchItem::new(GetRequest::default()),
        ])
        .unwrap();
    assert!(responses[0].is_success());
    assert_eq!(
        responses[1].result_reason,
        Some(ResultReason::MISSING_DATA),
        "{responses:?}"
    );
}

#[test]
fn activate_revoke_destroy_are_owner_or_admin() {
    let acl = Acl::start();
    let (mut alice, mut bob, mut admin) = acl.clients();
    let id = alice.create_aes(256, None).unwrap();
    assert_hidden(&mut bob, &id, |c, id| c.activate(id));
    assert_eq!(state_of(&mut alice, &id), Some(State::PRE_ACTIVE));
    alice.activate(&id).unwrap();
    assert_hidden(&mut bob, &id, |c, id| {
        c.revoke(id, RevocationReasonCode::KEY_COMPROMISE, None, None)
    });
    assert_hidden(&mut bob, &id, |c, id| {
        c.revoke(id, RevocationReasonCode::CESSATION_OF_OPERATION, None, None)
    });
    assert_eq!(state_of(&mut alice, &id), Some(State::ACTIVE));
    let other = alice.create_aes(256, None).unwrap();
    assert_hidden(&mut bob, &other, |c, id| c.destroy(id));
    assert_eq!(alice.get_key_bytes(&other).unwrap().len(), 32);

    // The admin may do all of it to Alice's keys.
    admin.activate(&other).unwrap();
    admin
        .revoke(
            &other,
            RevocationReasonCode::CESSATION_OF_OPERATION,
            None,
            None,
        )
        .unwrap();
    assert_eq!(state_of(&mut alice, &other), Some(State::DEACTIVATED));
    admin.destroy(&other).unwrap();
    assert_eq!(state_of(&mut alice, &other), Some(State::DESTROYED));
    // Bob cannot tell a destroyed object of Alice's from an absent one either.
    assert_hidden(&mut bob, &other, |c, id| c.get_attributes(id, &[]));
}

#[test]
fn rekey_is_owner_or_admin_and_the_replacement_keeps_the_owner() {
    let acl = Acl::start();
    let (mut alice, mut bob, mut admin) = acl.clients();
    let id = alice.create_aes(256, Some("disk-kek")).unwrap();
    alice.activate(&id).unwrap();
    assert_hidden(&mut bob, &id, |c, id| c.rekey(id, None));
    // Bob's attempt left no replacement behind.
    assert_eq!(locate_named(&mut admin, "disk-kek"), vec![id.clone()]);
    let mine = alice.rekey(&id, None).unwrap();
    assert_eq!(locate_named(&mut alice, "disk-kek"), vec![mine.clone()]);
    // An admin re-keys Alice's key: the replacement is Alice's, not the admin's.
    let by_admin = admin.rekey(&mine, None).unwrap();
    assert_eq!(alice.get_key_bytes(&by_admin).unwrap().len(), 32);
    assert_eq!(locate_named(&mut alice, "disk-kek"), vec![by_admin.clone()]);
    assert_hidden(&mut bob, &by_admin, |c, id| c.get_key_bytes(id));
    assert!(!locate_all(&mut admin).is_empty());
}

#[test]
fn a_wrapping_key_of_another_client_is_not_found() {
    let acl = Acl::start();
    let (mut alice, mut bob, mut admin) = acl.clients();
    let alices_kek = alice.create_wrapping_key(256, None).unwrap();
    alice.activate(&alices_kek).unwrap();
    let bobs_key = bob.create_aes(256, None).unwrap();
    let wrapped = |c: &mut KmipClient, kek: &str| {
        c.get_wrapped(
            &bobs_key,
            kek,
            BlockCipherMode::NIST_KEY_WRAP,
            Some(EncodingOption::NO_ENCODING),
        )
    };
    // Bob's key under Alice's KEK: the KEK does not exist for Bob.
    assert_hidden(&mut bob, &alices_kek, wrapped);
    let err = wrapped(&mut bob, &alices_kek).unwrap_err();
    assert!(err.to_string().contains("wrapping key"), "{err}");
    // Alice cannot use her KEK on Bob's key either: the key does not exist for her.
    assert_hidden(&mut alice, &bobs_key, |c, id| {
        c.get_wrapped(
            id,
            &alices_kek,
            BlockCipherMode::NIST_KEY_WRAP,
            Some(EncodingOption::NO_ENCODING),
        )
    });
    // The admin may wrap anyone's key under anyone's KEK.
    let block = wrapped(&mut admin, &alices_kek).unwrap();
    assert!(block.is_wrapped());
    // Bob's own KEK works for Bob.
    let bobs_kek = bob.create_wrapping_key(256, None).unwrap();
    bob.activate(&bobs_kek).unwrap();
    assert!(wrapped(&mut bob, &bobs_kek).unwrap().is_wrapped());
}

#[test]
fn links_may_name_only_visible_objects() {
    let acl = Acl::start();
    let (mut alice, mut bob, mut admin) = acl.clients();
    let alices = alice.create_aes(256, None).unwrap();
    let bobs = bob.create_aes(256, None).unwrap();
    let link = |id: &str| Attribute::link(LinkType::DERIVATION_BASE_OBJECT_LINK, id);
    // Add Attribute, Modify Attribute: a Link to Alice's object is a Link to nothing.
    assert_hidden(&mut bob, &alices, |c, target| {
        c.add_attribute(&bobs, link(target))
    });
    bob.add_attribute(&bobs, link(&bobs)).unwrap();
    assert_hidden(&mut bob, &alices, |c, target| {
        c.modify_attribute(&bobs, link(target))
    });
    // Create and Register with a Link in the template: refused, nothing created.
    assert_hidden(&mut bob, &alices, |c, target| {
        c.create(
            CreateRequest::symmetric_key(
                CryptographicAlgorithm::AES,
                256,
                CryptographicUsageMask::ENCRYPT,
            )
            .with_attribute(link(target)),
        )
    });
    assert_hidden(&mut bob, &alices, |c, target| {
        c.register_secret_data(SecretDataType::PASSWORD, b"x", vec![link(target)])
    });
    assert_eq!(locate_all(&mut bob), vec![bobs.clone()]);
    // The admin may link anything to anything.
    admin.add_attribute(&bobs, link(&alices)).unwrap();
    let links = bob.get_attributes(&bobs, &["Link"]).unwrap();
    assert_eq!(links.len(), 2, "{links:?}");
}

#[test]
fn objects_of_a_subject_owner_reach_only_admins() {
    let acl = Acl::start();
    // An object stored before identities were fingerprints: its owner is a subject.
    acl.server
        .store()
        .transaction(|tx| {
            tx.insert_object(
                &NewObject {
                    id: "legacy-object",
                    object_type: ObjectType::SYMMETRIC_KEY,
                    state: KeyState::PreActive,
                    algorithm: Some(CryptographicAlgorithm::AES),
                    length: Some(128),
                    key_format: Some(KeyFormatType::RAW),
                    data_type: None,
                    owner: "CN=kmip-client, O=kmip-examples",
                    created: 1,
                    material: &[0x5A; 16],
                },
                &[],
            )
        })
        .unwrap();
    let (mut alice, _bob, mut admin) = acl.clients();
    // Alice's certificate has that very subject, but the subject is not the identity.
    assert_hidden(&mut alice, "legacy-object", |c, id| c.get_key_bytes(id));
    assert!(locate_all(&mut alice).is_empty());
    assert_eq!(
        admin.get_key_bytes("legacy-object").unwrap().as_slice(),
        &[0x5A; 16]
    );
    assert_eq!(locate_all(&mut admin), vec!["legacy-object".to_owned()]);
}

#[test]
fn the_audit_log_names_the_fingerprint() {
    let acl = Acl::start();
    let (mut alice, mut bob, _admin) = acl.clients();
    let id = alice.create_aes(256, None).unwrap();
    bob.get_key_bytes(&id).unwrap_err();
    let lines = acl.audit_lines();
    let alice_fp = format!("fingerprint={}", fingerprint(&acl.alice));
    let bob_fp = format!("fingerprint={}", fingerprint(&acl.bob));
    assert!(
        lines.iter().any(|l| l.contains(&alice_fp)
            && l.contains("op=Create")
            && l.ends_with("result=Success")),
        "{lines:#?}"
    );
    assert!(
        lines.iter().any(|l| l.contains(&bob_fp)
            && l.contains("op=Get")
            && l.contains(&id)
            && l.ends_with("result=\"Operation Failed/Item Not Found\"")),
        "{lines:#?}"
    );
}

#[test]
fn kms_server_admin_flag_is_repeatable_and_checked() {
    let s = Setup::new();
    let admin = s.pki.client_cert("kms-admin").unwrap();
    let auditor = s.pki.client_cert("auditor").unwrap();
    let stranger = s.pki.client_cert("stranger").unwrap();
    // One fingerprint as the audit log prints it, one in upper case with colons.
    let colons = kmip_examples::util::hex(&fingerprint(&auditor).0)
        .to_uppercase()
        .as_bytes()
        .chunks(2)
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect::<Vec<_>>()
        .join(":");
    let server = s.spawn_server_with(
        "127.0.0.1:0",
        &s.data(),
        &[
            "--admin",
            &fingerprint(&admin).to_string(),
            "--admin",
            &colons,
        ],
    );
    let addr = server.addr;
    let mut owner = s.client(addr);
    let id = owner.create_aes(256, None).unwrap();
    let key = owner.get_key_bytes(&id).unwrap();
    for who in [&admin, &auditor] {
        let mut c = s.client_as(addr, who);
        assert_eq!(c.get_key_bytes(&id).unwrap(), key);
        assert_eq!(locate_all(&mut c), vec![id.clone()]);
    }
    let mut c = s.client_as(addr, &stranger);
    assert_hidden(&mut c, &id, |c, id| c.get_key_bytes(id));
    assert!(locate_all(&mut c).is_empty());
    drop(server);

    let out = Command::new(env!("CARGO_BIN_EXE_kms-server"))
        .args(["--admin", "CN=kms-admin", "--data"])
        .arg(s.data())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--admin \"CN=kms-admin\" is not a SHA-256 fingerprint"),
        "{stderr}"
    );
}

// --- The KMIP layer directly: audit failures and internal errors -----------------------------

/// A writer that fails while `broken` is set.
struct Switchable {
    broken: Arc<AtomicBool>,
    lines: Arc<Mutex<Vec<u8>>>,
}

impl std::io::Write for Switchable {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.broken.load(Ordering::SeqCst) {
            return Err(std::io::Error::other("disk full"));
        }
        self.lines
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

struct Direct {
    dir: TempDir,
    store: Arc<Store>,
    kms: Kms,
    peer: Peer,
    broken: Arc<AtomicBool>,
    lines: Arc<Mutex<Vec<u8>>>,
}

impl Direct {
    fn new() -> Self {
        let dir = TempDir::new("kmip-examples-acl-direct").unwrap();
        let store = Arc::new(Store::open(&dir.path().join("data"), None).unwrap());
        let broken = Arc::new(AtomicBool::new(false));
        let lines = Arc::new(Mutex::new(Vec::new()));
        let audit = AuditLog::new(Box::new(Switchable {
            broken: broken.clone(),
            lines: lines.clone(),
        }));
        let kms = Kms::new(store.clone(), audit, kmip_ttlv::Limits::DEFAULT);
        let peer = Peer {
            id: ClientId([7; 32]),
            subject: "CN=direct".into(),
            addr: SocketAddr::from(([127, 0, 0, 1], 1)),
        };
        Direct {
            dir,
            store,
            kms,
            peer,
            broken,
            lines,
        }
    }

    fn send(&self, items: Vec<RequestBatchItem>) -> ResponseMessage {
        let request = RequestMessage::new(ProtocolVersion::V1_1, items);
        ResponseMessage::decode(&self.kms.process(&request.encode(), &self.peer)).unwrap()
    }

    fn create(&self) -> String {
        let r = self.send(vec![RequestBatchItem::new(CreateRequest::symmetric_key(
            CryptographicAlgorithm::AES,
            256,
            CryptographicUsageMask::ENCRYPT,
        ))]);
        match &r.batch_items[0].payload {
            Some(ResponsePayload::Create(c)) => c.unique_identifier.clone(),
            other => panic!("{other:?}"),
        }
    }

    fn audit_text(&self) -> String {
        String::from_utf8_lossy(&self.lines.lock().unwrap_or_else(PoisonError::into_inner))
            .into_owned()
    }
}

#[test]
fn an_unwritable_audit_log_refuses_the_request_and_commits_nothing() {
    let d = Direct::new();
    let id = d.create();
    assert_eq!(d.store.count().unwrap(), 1);
    d.broken.store(true, Ordering::SeqCst);
    // Two Creates and a Get in one batch: every item refused, nothing created, no key out.
    let r = d.send(vec![
        RequestBatchItem::new(CreateRequest::symmetric_key(
            CryptographicAlgorithm::AES,
            256,
            CryptographicUsageMask::ENCRYPT,
        )),
        RequestBatchItem::new(RegisterRequest::new(
            kmip_types::ManagedObject::OpaqueObject(kmip_types::OpaqueObject {
                opaque_data_type: OpaqueDataType(0x8000_0001),
                opaque_data_value: kmip_types::SecretBytes::from_slice(b"blob"),
                unknown: Vec::new(),
            }),
            vec![],
        )),
        RequestBatchItem::new(GetRequest::new(id.as_str())),
    ]);
    assert_eq!(r.batch_items.len(), 3);
    for item in &r.batch_items {
        assert_eq!(
            item.result_status,
            ResultStatus::OPERATION_FAILED,
            "{item:?}"
        );
        assert_eq!(item.result_reason, Some(ResultReason::GENERAL_FAILURE));
        assert_eq!(item.result_message.as_deref(), Some(AUDIT_FAILED_MESSAGE));
        assert!(item.payload.is_none());
    }
    assert_eq!(d.store.count().unwrap(), 1);
    // A change to an existing object is undone too.
    let r = d.send(vec![RequestBatchItem::new(
        kmip_types::ActivateRequest::new(id.as_str()),
    )]);
    assert_eq!(
        r.batch_items[0].result_message.as_deref(),
        Some(AUDIT_FAILED_MESSAGE)
    );
    d.broken.store(false, Ordering::SeqCst);
    let r = d.send(vec![RequestBatchItem::new(GetAttributesRequest::new(
        id.as_str(),
        &["State"],
    ))]);
    let Some(ResponsePayload::GetAttributes(attrs)) = &r.batch_items[0].payload else {
        panic!("{r:?}")
    };
    assert_eq!(
        attrs.attributes[0].value,
        Some(AttributeValue::State(State::PRE_ACTIVE))
    );
    // Once the log works again, so does the server.
    d.create();
    assert_eq!(d.store.count().unwrap(), 2);
}

#[test]
fn database_and_root_key_errors_are_not_told_to_the_client() {
    let d = Direct::new();
    let id = d.create();
    // Corrupt the stored (wrapped) key material behind the server's back.
    let db = rusqlite::Connection::open(d.dir.path().join("data").join("kms.sqlite3")).unwrap();
    db.busy_timeout(std::time::Duration::from_secs(5)).unwrap();
    db.execute(
        "UPDATE objects SET material=zeroblob(40) WHERE id=?1",
        rusqlite::params![id],
    )
    .unwrap();
    drop(db);
    let r = d.send(vec![RequestBatchItem::new(GetRequest::new(id.as_str()))]);
    let item = &r.batch_items[0];
    assert_eq!(
        item.result_reason,
        Some(ResultReason::GENERAL_FAILURE),
        "{item:?}"
    );
    assert_eq!(item.result_message.as_deref(), Some(INTERNAL_ERROR_MESSAGE));
    // The details are in the audit line.
    let text = d.audit_text();
    let line = text
        .lines()
        .find(|l| l.contains("op=Get"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(line.contains(&format!("id={id}")), "{line}");
    assert!(line.contains("detail=\"root key:"), "{line}");
    // The object is still there for its owner, and a Get of it by the owner says why not.
    let owner = Caller::client(d.peer.id);
    let rec = d.store.transaction(|tx| tx.object(&owner, &id)).unwrap();
    assert_eq!(rec.state, KeyState::PreActive);
}
