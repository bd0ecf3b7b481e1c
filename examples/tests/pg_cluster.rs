//! Issue 13: several `kms-server` processes (the real binary) on one PostgreSQL database act
//! as one KMS. Needs `KMIP_PG_URL` (`eval "$(.ci/pg-cluster start)"`); each test gets a new
//! database. Without it every test prints "skipped", unless `CI` or `KMIP_REQUIRE_PG` is set:
//! then they fail.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{ServerProcess, Setup, state_of as state};
use kmip_examples::client::KmipClient;
use kmip_types::{Attribute, AttributeValue, LocateRequest, RevocationReasonCode, State};

/// Servers of one cluster: one database, one root key file (the same path: servers on one
/// machine), each with its own data directory.
struct Cluster {
    setup: Setup,
    url: String,
    root_key: PathBuf,
}

impl Cluster {
    /// `None` (skipped) without `KMIP_PG_URL`.
    fn new(test: &str) -> Option<Self> {
        let url = kmip_examples::store::pg::test_database(test).unwrap()?;
        let setup = Setup::new();
        let root_key = setup.dir.path().join("cluster-root.key");
        Some(Cluster {
            setup,
            url,
            root_key,
        })
    }

    /// Starts node `n` with the cluster's root key file.
    fn node(&self, n: usize) -> ServerProcess {
        let root = self.root_key.to_str().unwrap().to_owned();
        self.node_with_root(n, &root)
    }

    /// Starts node `n` with root key file `root`.
    fn node_with_root(&self, n: usize, root: &str) -> ServerProcess {
        let data = self.setup.dir.path().join(format!("node{n}"));
        self.setup.spawn_server_with(
            "127.0.0.1:0",
            &data,
            &["--database-url", &self.url, "--root-key-file", root],
        )
    }

    fn client(&self, node: &ServerProcess) -> KmipClient {
        self.setup.client(node.addr)
    }
}

/// The text of a custom Text String attribute.
fn text(a: &Attribute) -> Option<String> {
    match &a.value {
        Some(AttributeValue::Custom(raw)) => raw
            .item()
            .and_then(|i| i.as_text_string().map(str::to_owned)),
        _ => None,
    }
}

fn located(c: &mut KmipClient, name: &str) -> BTreeSet<String> {
    c.locate(LocateRequest::by_name(name))
        .unwrap()
        .into_iter()
        .collect()
}

/// An object created on one node is located, fetched, changed, revoked and destroyed
/// through another, and every node sees every change at once.
#[test]
fn nodes_on_one_database_serve_the_same_objects() {
    let Some(cluster) = Cluster::new("nodes_on_one_database_serve_the_same_objects") else {
        return;
    };
    let a = cluster.node(0);
    let b = cluster.node(1);
    let mut ca = cluster.client(&a);
    let mut cb = cluster.client(&b);

    let id = ca.create_aes(256, Some("shared-kek")).unwrap();
    let key = ca.get_key_bytes(&id).unwrap();
    ca.activate(&id).unwrap();
    assert_eq!(located(&mut cb, "shared-kek"), BTreeSet::from([id.clone()]));
    assert_eq!(cb.get_key_bytes(&id).unwrap().as_slice(), key.as_slice());
    assert_eq!(state(&mut cb, &id), Some(State::ACTIVE));

    cb.add_attribute(&id, Attribute::custom_text("x-Cluster", "from-b"))
        .unwrap();
    let seen: Vec<String> = ca
        .get_attributes(&id, &["x-Cluster"])
        .unwrap()
        .iter()
        .filter_map(text)
        .collect();
    assert_eq!(seen, ["from-b"]);

    cb.revoke(
        &id,
        RevocationReasonCode::CESSATION_OF_OPERATION,
        None,
        None,
    )
    .unwrap();
    assert_eq!(state(&mut ca, &id), Some(State::DEACTIVATED));
    ca.destroy(&id).unwrap();
    assert_eq!(state(&mut cb, &id), Some(State::DESTROYED));
    let err = cb.get_key_bytes(&id).unwrap_err();
    assert!(err.to_string().contains("destroyed"), "{err}");

    // A third node started later sees the same objects.
    let c = cluster.node(2);
    let mut cc = cluster.client(&c);
    assert_eq!(state(&mut cc, &id), Some(State::DESTROYED));
    // Destroyed: found by a Locate that asks for that State only.
    assert!(located(&mut cc, "shared-kek").is_empty());
    let destroyed = LocateRequest::matching(vec![
        Attribute::name("shared-kek"),
        Attribute::state(State::DESTROYED),
    ]);
    assert_eq!(cc.locate(destroyed).unwrap(), vec![id.clone()]);
}

/// Creates, Add Attributes and Revokes racing on two nodes lose nothing: every Attribute
/// Index is assigned exactly once, every created object is located by every node, and a
/// Revoke and an Add Attribute on the same object both land.
#[test]
fn concurrent_changes_through_two_nodes_are_never_lost() {
    const THREADS: usize = 8;
    const ADDS: usize = 20;
    const CREATES: usize = 10;
    let Some(cluster) = Cluster::new("concurrent_changes_through_two_nodes_are_never_lost") else {
        return;
    };
    let nodes = [cluster.node(0), cluster.node(1)];
    let target = cluster.client(&nodes[0]).create_aes(256, None).unwrap();

    // Add Attribute on one object, and Create, from THREADS clients spread over both nodes.
    let created: Arc<Mutex<Vec<String>>> = Arc::default();
    std::thread::scope(|scope| {
        for t in 0..THREADS {
            let mut c = cluster.client(&nodes[t % 2]);
            let target = &target;
            let created = created.clone();
            scope.spawn(move || {
                for i in 0..ADDS {
                    c.add_attribute(
                        target,
                        Attribute::custom_text("x-Counter", &format!("{t}-{i}")),
                    )
                    .unwrap();
                    if i < CREATES {
                        let id = c.create_aes(128, Some("burst")).unwrap();
                        created.lock().unwrap().push(id);
                    }
                }
            });
        }
    });
    for node in &nodes {
        let attrs = cluster
            .client(node)
            .get_attributes(&target, &["x-Counter"])
            .unwrap();
        let mut by_index: BTreeMap<i32, String> = BTreeMap::new();
        for a in &attrs {
            let index = a.index.unwrap_or(0);
            let previous = by_index.insert(index, text(a).unwrap());
            assert!(previous.is_none(), "Attribute Index {index} assigned twice");
        }
        let total = i32::try_from(THREADS * ADDS).unwrap();
        assert_eq!(
            by_index.keys().copied().collect::<Vec<_>>(),
            (0..total).collect::<Vec<_>>(),
            "every index present exactly once"
        );
        let values: BTreeSet<String> = by_index.into_values().collect();
        let expected: BTreeSet<String> = (0..THREADS)
            .flat_map(|t| (0..ADDS).map(move |i| format!("{t}-{i}")))
            .collect();
        assert_eq!(values, expected, "every added value present");
    }
    let created: BTreeSet<String> = created.lock().unwrap().iter().cloned().collect();
    assert_eq!(created.len(), THREADS * CREATES);
    for node in &nodes {
        assert_eq!(located(&mut cluster.client(node), "burst"), created);
    }

    // Revoke on node 0 racing Add Attribute on node 1, object by object.
    let victims: Vec<String> = {
        let mut c = cluster.client(&nodes[0]);
        (0..12)
            .map(|_| {
                let id = c.create_aes(256, None).unwrap();
                c.activate(&id).unwrap();
                id
            })
            .collect()
    };
    std::thread::scope(|scope| {
        let mut revoker = cluster.client(&nodes[0]);
        let mut tagger = cluster.client(&nodes[1]);
        let victims = &victims;
        scope.spawn(move || {
            for id in victims {
                revoker
                    .revoke(id, RevocationReasonCode::CESSATION_OF_OPERATION, None, None)
                    .unwrap();
            }
        });
        scope.spawn(move || {
            for id in victims.iter().rev() {
                tagger
                    .add_attribute(id, Attribute::custom_text("x-Tag", "racing"))
                    .unwrap();
            }
        });
    });
    for node in &nodes {
        let mut c = cluster.client(node);
        for id in &victims {
            let attrs = c.get_attributes(id, &["State", "x-Tag"]).unwrap();
            assert!(
                attrs
                    .iter()
                    .any(|a| matches!(a.value, Some(AttributeValue::State(State::DEACTIVATED)))),
                "{id}: revocation lost"
            );
            assert!(
                attrs.iter().any(|a| text(a).as_deref() == Some("racing")),
                "{id}: attribute lost"
            );
        }
    }
}

/// An acknowledged key: identifier and material.
type Acked = (String, Vec<u8>);

/// A client given both nodes keeps working when one is killed (SIGKILL) mid-load, and every
/// object whose creation was acknowledged is there afterwards, fetched through the survivor.
#[test]
fn failover_to_the_other_node_loses_nothing_acknowledged() {
    const WRITERS: usize = 4;
    let Some(cluster) = Cluster::new("failover_to_the_other_node_loses_nothing_acknowledged")
    else {
        return;
    };
    let first = cluster.node(0);
    let second = cluster.node(1);
    let addrs: [SocketAddr; 2] = [first.addr, second.addr];
    let acked: Arc<Mutex<Vec<Acked>>> = Arc::default();
    let failovers = Arc::new(Mutex::new(0usize));
    let stop = Arc::new(AtomicBool::new(false));
    let mut first = Some(first);
    std::thread::scope(|scope| {
        for t in 0..WRITERS {
            let (acked, failovers, stop) = (acked.clone(), failovers.clone(), stop.clone());
            let setup = &cluster.setup;
            scope.spawn(move || {
                // Every client prefers the first node while it lives.
                let mut c = setup.client_any(&addrs);
                let mut i = 0usize;
                while !stop.load(Ordering::SeqCst) {
                    let done = c
                        .create_aes(256, Some(&format!("f{t}-{i}")))
                        .and_then(|id| c.get_key_bytes(&id).map(|k| (id, k.to_vec())));
                    match done {
                        Ok(pair) => acked.lock().unwrap().push(pair),
                        Err(_) => {
                            // Not acknowledged; the connection is gone: fail over.
                            *failovers.lock().unwrap() += 1;
                            c = setup.client_any(&addrs);
                        }
                    }
                    i += 1;
                }
            });
        }
        let wait_for = |n: usize| wait_until_len(&acked, n, Duration::from_secs(120));
        wait_for(40);
        drop(first.take()); // SIGKILL
        let at_kill = acked.lock().unwrap().len();
        wait_for(at_kill + 80);
        stop.store(true, Ordering::SeqCst);
    });
    let acked = acked.lock().unwrap().clone();
    let failovers = *failovers.lock().unwrap();
    assert!(failovers >= 1, "no client noticed the kill");
    let mut c = cluster.client(&second);
    for (id, key) in &acked {
        assert_eq!(
            c.get_key_bytes(id).unwrap().as_slice(),
            key.as_slice(),
            "{id}"
        );
    }
    println!(
        "{} acknowledged keys all present after SIGKILL of one node; {failovers} failovers",
        acked.len()
    );
}

/// Nodes on different machines each have a copy of the root key file. After an offline
/// rotation elsewhere re-wrapped the database under a new version and the new file was
/// copied to each node, the running nodes meet the unknown version, re-read their file,
/// and serve every key; new keys are wrapped under the new version from then on.
#[test]
fn a_node_rereads_its_root_key_file_on_an_unknown_version() {
    let Some(cluster) = Cluster::new("a_node_rereads_its_root_key_file_on_an_unknown_version")
    else {
        return;
    };
    let dir = cluster.setup.dir.path();
    // The first node creates the root key; the others get copies.
    let a = cluster.node(0);
    let copy = |to: &str| {
        let path = dir.join(to);
        std::fs::copy(&cluster.root_key, &path).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let b_root = copy("b-root.key");
    let b = cluster.node_with_root(1, &b_root);
    let mut ca = cluster.client(&a);
    let mut cb = cluster.client(&b);
    let ids: Vec<(String, Vec<u8>)> = (0..5)
        .map(|i| {
            let id = ca.create_aes(256, Some(&format!("r{i}"))).unwrap();
            let key = ca.get_key_bytes(&id).unwrap().to_vec();
            (id, key)
        })
        .collect();

    // The rotation runs with a third copy (another machine), while the nodes serve.
    let rotation_root = copy("rotation-root.key");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kms-server"))
        .arg("--data")
        .arg(dir.join("rotation"))
        .args([
            "--database-url",
            &cluster.url,
            "--root-key-file",
            &rotation_root,
        ])
        .arg("--rotate-root")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains("5 objects re-wrapped under version 2"),
        "{said}"
    );
    let rotated = std::fs::read_to_string(&rotation_root).unwrap();
    assert!(rotated.contains("version 2 ") && !rotated.contains("version 1 "));

    // Until a node has the rotated file it wraps nothing (it would wrap under the retired
    // version), and a node cannot start with an old copy.
    let err = cb.create_aes(256, Some("too-early")).unwrap_err();
    assert!(err.to_string().contains("General Failure"), "{err}");
    assert!(located(&mut cb, "too-early").is_empty());
    let stale = copy("stale-root.key");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kms-server"))
        .args(["--listen", "127.0.0.1:0", "--cert"])
        .arg(&cluster.setup.files.server.cert)
        .arg("--key")
        .arg(&cluster.setup.files.server.key)
        .arg("--ca")
        .arg(&cluster.setup.files.ca)
        .arg("--data")
        .arg(dir.join("stale-node"))
        .args(["--database-url", &cluster.url, "--root-key-file", &stale])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(said.contains("lacks version 2"), "{said}");

    // The new file is put in place on each node (atomically, as an operator's copy would).
    for target in [cluster.root_key.clone(), PathBuf::from(&b_root)] {
        let tmp = target.with_extension("new");
        std::fs::copy(&rotation_root, &tmp).unwrap();
        std::fs::rename(&tmp, &target).unwrap();
    }
    for (id, key) in &ids {
        assert_eq!(
            cb.get_key_bytes(id).unwrap().as_slice(),
            key.as_slice(),
            "{id} via b"
        );
        assert_eq!(
            ca.get_key_bytes(id).unwrap().as_slice(),
            key.as_slice(),
            "{id} via a"
        );
    }
    // Having re-read the file, node a wraps new keys under version 2, which b unwraps.
    let new = ca.create_aes(256, Some("after-rotation")).unwrap();
    let new_key = ca.get_key_bytes(&new).unwrap();
    assert_eq!(
        cb.get_key_bytes(&new).unwrap().as_slice(),
        new_key.as_slice()
    );
    let version: i64 = postgres::Client::connect(&cluster.url, postgres::NoTls)
        .unwrap()
        .query_one(
            "SELECT k.root_version FROM objects o JOIN object_keys k ON k.id = o.key_id
             WHERE o.id=$1",
            &[&new],
        )
        .unwrap()
        .get(0);
    assert_eq!(version, 2);
}

/// Sets the flag when dropped: writer threads stop even when the test fails.
struct StopOnDrop(Arc<AtomicBool>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// Runs `kms-server --rotate-root` for the cluster, killing it after a minute.
fn rotate(cluster: &Cluster) -> String {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kms-server"))
        .arg("--data")
        .arg(cluster.setup.dir.path().join("rotation"))
        .args(["--database-url", &cluster.url, "--root-key-file"])
        .arg(&cluster.root_key)
        .arg("--rotate-root")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "rotation failed ({:?}): {said}{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    said
}

/// Root rotation from one process while two nodes serve a write load: no request fails,
/// every acknowledged key is served by both nodes afterwards, nothing is left under the old
/// version, and the key file holds only the new one.
#[test]
fn root_rotation_while_the_cluster_serves() {
    const WRITERS: usize = 4;
    let Some(cluster) = Cluster::new("root_rotation_while_the_cluster_serves") else {
        return;
    };
    let nodes = [cluster.node(0), cluster.node(1)];
    let acked: Arc<Mutex<Vec<Acked>>> = Arc::default();
    let errors: Arc<Mutex<Vec<String>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    std::thread::scope(|scope| {
        let _stop = StopOnDrop(stop.clone());
        for t in 0..WRITERS {
            let (acked, errors, stop) = (acked.clone(), errors.clone(), stop.clone());
            let mut c = cluster.client(&nodes[t % 2]);
            scope.spawn(move || {
                let mut i = 0usize;
                while !stop.load(Ordering::SeqCst) {
                    match c
                        .create_aes(256, Some(&format!("rot{t}-{i}")))
                        .and_then(|id| c.get_key_bytes(&id).map(|k| (id, k.to_vec())))
                    {
                        Ok(pair) => acked.lock().unwrap().push(pair),
                        Err(e) => errors.lock().unwrap().push(e.to_string()),
                    }
                    i += 1;
                }
            });
        }
        let wait_for = |n: usize| wait_until_len(&acked, n, Duration::from_secs(60));
        wait_for(40);
        let said = rotate(&cluster);
        assert!(
            said.contains("under version 2, 1 old version(s) destroyed"),
            "{said}"
        );
        let at_rotation = acked.lock().unwrap().len();
        wait_for(at_rotation + 40);
    });
    let errors = errors.lock().unwrap().clone();
    if !errors.is_empty() {
        let audit = std::fs::read_to_string(cluster.setup.dir.path().join("audit.log")).unwrap();
        let failed: Vec<&str> = audit.lines().filter(|l| !l.contains("success")).collect();
        panic!("requests failed during the rotation: {errors:?}\naudit: {failed:#?}");
    }
    let file = std::fs::read_to_string(&cluster.root_key).unwrap();
    assert!(
        file.contains("version 2 ") && !file.contains("version 1 "),
        "old version kept"
    );
    let mut db = postgres::Client::connect(&cluster.url, postgres::NoTls).unwrap();
    let left: i64 = db
        .query_one(
            "SELECT COUNT(*) FROM object_keys WHERE root_version <> 2 OR pending IS NOT NULL",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(left, 0, "object keys left under the retired version");
    let acked = acked.lock().unwrap().clone();
    for node in &nodes {
        let mut c = cluster.client(node);
        for (id, key) in &acked {
            assert_eq!(
                c.get_key_bytes(id).unwrap().as_slice(),
                key.as_slice(),
                "{id}"
            );
        }
    }
    println!(
        "{} keys acknowledged around a live root rotation, all served by both nodes",
        acked.len()
    );
}

/// One load run: `clients` clients spread over `nodes`, each sending `requests` requests
/// (Create, Get, Get Attributes, Locate, Add Attribute in turn). Returns requests/s and the
/// 50th and 99th percentile latencies; every request must succeed.
fn load(
    setup: &Setup,
    nodes: &[&ServerProcess],
    clients: usize,
    requests: usize,
) -> (f64, Duration, Duration) {
    let seeds: Vec<String> = nodes
        .iter()
        .map(|n| {
            setup
                .client(n.addr)
                .create_aes(256, Some("load-seed"))
                .unwrap()
        })
        .collect();
    let start = Instant::now();
    let mut latencies: Vec<Duration> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..clients)
            .map(|t| {
                let mut c = setup.client(nodes[t % nodes.len()].addr);
                let seed = &seeds[t % nodes.len()];
                scope.spawn(move || {
                    let mut own = c.create_aes(256, None).unwrap();
                    (0..requests)
                        .map(|i| {
                            let began = Instant::now();
                            match i % 5 {
                                0 => own = c.create_aes(128, None).unwrap(),
                                1 => assert_eq!(c.get_key_bytes(&own).unwrap().len(), 16),
                                2 => drop(c.get_attributes(seed, &["State", "Name"]).unwrap()),
                                3 => assert!(
                                    !c.locate(LocateRequest::by_name("load-seed"))
                                        .unwrap()
                                        .is_empty()
                                ),
                                _ => drop(
                                    c.add_attribute(&own, Attribute::custom_text("x-Load", "v"))
                                        .unwrap(),
                                ),
                            }
                            began.elapsed()
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        threads
            .into_iter()
            .flat_map(|t| t.join().unwrap())
            .collect()
    });
    let elapsed = start.elapsed();
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
    (
        latencies.len() as f64 / elapsed.as_secs_f64(),
        at(0.50),
        at(0.99),
    )
}

/// Load figures (printed, not asserted): requests/s and latency percentiles of 8 clients on
/// SQLite (one server) and on PostgreSQL with one and with two servers. Every request must
/// succeed.
#[test]
fn load_figures_sqlite_and_postgres() {
    const CLIENTS: usize = 8;
    const REQUESTS: usize = 200;
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    let mut rows = Vec::new();
    let sqlite = Setup::new();
    let server = sqlite.spawn_server("127.0.0.1:0");
    rows.push(("SQLite", 1, load(&sqlite, &[&server], CLIENTS, REQUESTS)));
    drop(server);
    if let Some(cluster) = Cluster::new("load_figures_sqlite_and_postgres") {
        let a = cluster.node(0);
        rows.push((
            "PostgreSQL",
            1,
            load(&cluster.setup, &[&a], CLIENTS, REQUESTS),
        ));
        let b = cluster.node(1);
        rows.push((
            "PostgreSQL",
            2,
            load(&cluster.setup, &[&a, &b], CLIENTS, REQUESTS),
        ));
    }
    println!(
        "load ({profile} build): {CLIENTS} clients × {REQUESTS} requests (Create, Get, Get Attributes, Locate, Add Attribute)"
    );
    println!(
        "{:<11} {:>7} {:>10} {:>9} {:>9}",
        "store", "servers", "requests/s", "p50 ms", "p99 ms"
    );
    for (store, servers, (rate, p50, p99)) in rows {
        println!(
            "{store:<11} {servers:>7} {rate:>10.0} {:>9.2} {:>9.2}",
            p50.as_secs_f64() * 1e3,
            p99.as_secs_f64() * 1e3
        );
    }
}

/// Waits until the writers have recorded `n` acknowledged requests in `acked`, failing the
/// test after `limit` ("writers stalled").
fn wait_until_len<T>(acked: &Mutex<Vec<T>>, n: usize, limit: Duration) {
    let deadline = Instant::now() + limit;
    while acked.lock().unwrap().len() < n {
        assert!(Instant::now() < deadline, "writers stalled");
        std::thread::sleep(Duration::from_millis(5));
    }
}
