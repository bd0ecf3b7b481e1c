//! TLS for KMIP (KMIP 1.1 profiles: TLS with mutual authentication on port 5696): loading PEM
//! files with clear errors, rustls server and client configurations (TLS 1.2 and 1.3, ring),
//! and the client identity a server derives from a verified certificate ([`ClientId`], its
//! SHA-256 fingerprint; the subject for display).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, CertificateRevocationListDer, PrivateKeyDer};
use rustls::server::WebPkiClientVerifier;
use rustls::{ClientConfig, RootCertStore, ServerConfig};

/// Why a TLS configuration could not be built. Every variant names the file involved.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    /// A file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A file is not PEM of the expected kind, or holds none.
    #[error("{}: {what}", path.display())]
    Pem {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        what: String,
    },
    /// rustls refused the certificates or key.
    #[error("TLS configuration: {0}")]
    Config(String),
}

/// Installs nothing process-wide: every configuration names the ring provider explicitly.
fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

fn read(path: &Path) -> Result<Vec<u8>, TlsError> {
    std::fs::read(path).map_err(|source| TlsError::Read {
        path: path.to_owned(),
        source,
    })
}

/// Reads every certificate of a PEM file (a leaf first, then its chain).
///
/// # Errors
/// The file cannot be read, is not PEM, or holds no certificate.
pub fn load_certs(path: &Path) -> Result<Vec<CertificateDer<'static>>, TlsError> {
    let pem = read(path)?;
    certs_from_pem(&pem).map_err(|what| TlsError::Pem {
        path: path.to_owned(),
        what,
    })
}

/// Parses every certificate of PEM text.
///
/// # Errors
/// Malformed PEM, or no certificate at all.
pub fn certs_from_pem(pem: &[u8]) -> Result<Vec<CertificateDer<'static>>, String> {
    let certs = CertificateDer::pem_slice_iter(pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("not a PEM certificate file ({e})"))?;
    if certs.is_empty() {
        return Err("no CERTIFICATE block found".into());
    }
    Ok(certs)
}

/// Reads a private key (PKCS#8, PKCS#1 or SEC1) from a PEM file.
///
/// # Errors
/// The file cannot be read or holds no private key.
pub fn load_key(path: &Path) -> Result<PrivateKeyDer<'static>, TlsError> {
    let pem = read(path)?;
    PrivateKeyDer::from_pem_slice(&pem).map_err(|e| TlsError::Pem {
        path: path.to_owned(),
        what: format!("no usable private key ({e})"),
    })
}

/// A root store holding every certificate of a PEM file (the CA that signs the peers).
///
/// # Errors
/// The file cannot be read, holds no certificate, or one is not a usable trust anchor.
pub fn load_roots(path: &Path) -> Result<RootCertStore, TlsError> {
    let mut roots = RootCertStore::empty();
    for cert in load_certs(path)? {
        roots.add(cert).map_err(|e| TlsError::Pem {
            path: path.to_owned(),
            what: format!("not a usable CA certificate ({e})"),
        })?;
    }
    Ok(roots)
}

/// The paths of a TLS identity and the CA that signs the peer.
#[derive(Clone, Debug)]
pub struct TlsFiles {
    /// Own certificate chain (PEM).
    pub cert: PathBuf,
    /// Own private key (PEM).
    pub key: PathBuf,
    /// CA certificate(s) the peer's certificate must chain to (PEM).
    pub ca: PathBuf,
}

/// A server configuration: TLS 1.2 and 1.3, client certificates required and verified
/// against the CA of `files`.
///
/// # Errors
/// Unreadable or unusable files, or a key that does not match the certificate.
pub fn server_config(files: &TlsFiles) -> Result<Arc<ServerConfig>, TlsError> {
    server_config_with_crls(files, &[])
}

/// As [`server_config`], and client certificates are also checked against the certificate
/// revocation lists (PEM `X509 CRL`) in `crls`: a revoked certificate is refused during the
/// handshake. With CRLs given, the check fails closed: a client certificate whose issuer has
/// no CRL among them, or whose CRL has expired, is refused too.
///
/// # Errors
/// Unreadable or unusable files, or a key that does not match the certificate.
pub fn server_config_with_crls(
    files: &TlsFiles,
    crls: &[PathBuf],
) -> Result<Arc<ServerConfig>, TlsError> {
    let roots = load_roots(&files.ca)?;
    let certs = load_certs(&files.cert)?;
    let key = load_key(&files.key)?;
    let mut revocations = Vec::new();
    for path in crls {
        revocations.extend(load_crls(path)?);
    }
    server_config_from_with_crls(roots, certs, key, revocations)
}

/// Reads every certificate revocation list of a PEM file.
///
/// # Errors
/// The file cannot be read, is not PEM, or holds no CRL.
pub fn load_crls(path: &Path) -> Result<Vec<CertificateRevocationListDer<'static>>, TlsError> {
    let pem = read(path)?;
    let crls = CertificateRevocationListDer::pem_slice_iter(&pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| TlsError::Pem {
            path: path.to_owned(),
            what: format!("not a PEM CRL file ({e})"),
        })?;
    if crls.is_empty() {
        return Err(TlsError::Pem {
            path: path.to_owned(),
            what: "no X509 CRL block found".into(),
        });
    }
    Ok(crls)
}

/// As [`server_config`], from parsed values.
///
/// # Errors
/// rustls refuses the values (e.g. a key that does not match the certificate).
pub fn server_config_from(
    roots: RootCertStore,
    certs: Vec<CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
) -> Result<Arc<ServerConfig>, TlsError> {
    server_config_from_with_crls(roots, certs, key, Vec::new())
}

/// As [`server_config_with_crls`], from parsed values.
///
/// # Errors
/// rustls refuses the values (a key that does not match the certificate, a malformed CRL).
pub fn server_config_from_with_crls(
    roots: RootCertStore,
    certs: Vec<CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
    crls: Vec<CertificateRevocationListDer<'static>>,
) -> Result<Arc<ServerConfig>, TlsError> {
    let provider = provider();
    let mut builder =
        WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider.clone());
    if !crls.is_empty() {
        builder = builder
            .with_crls(crls)
            .only_check_end_entity_revocation()
            .enforce_revocation_expiration();
    }
    let verifier = builder
        .build()
        .map_err(|e| TlsError::Config(e.to_string()))?;
    let config = ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])
        .map_err(|e| TlsError::Config(e.to_string()))?
        .with_client_cert_verifier(verifier)
        .with_single_cert(certs, key)
        .map_err(|e| TlsError::Config(format!("server certificate and key: {e}")))?;
    Ok(Arc::new(config))
}

/// A client configuration: TLS 1.2 and 1.3, the server verified against the CA of `files`,
/// and `files.cert`/`files.key` presented as the client certificate.
///
/// # Errors
/// Unreadable or unusable files.
pub fn client_config(files: &TlsFiles) -> Result<Arc<ClientConfig>, TlsError> {
    let roots = load_roots(&files.ca)?;
    let certs = load_certs(&files.cert)?;
    let key = load_key(&files.key)?;
    client_config_from(roots, certs, key)
}

/// As [`client_config`], from parsed values.
///
/// # Errors
/// rustls refuses the values.
pub fn client_config_from(
    roots: RootCertStore,
    certs: Vec<CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
) -> Result<Arc<ClientConfig>, TlsError> {
    let config = ClientConfig::builder_with_provider(provider())
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])
        .map_err(|e| TlsError::Config(e.to_string()))?
        .with_root_certificates(roots)
        .with_client_auth_cert(certs, key)
        .map_err(|e| TlsError::Config(format!("client certificate and key: {e}")))?;
    Ok(Arc::new(config))
}

// ---------------------------------------------------------------------------------------------
// The client's identity: its certificate's fingerprint; the subject, for display.

/// A client's identity: the SHA-256 fingerprint of its (verified) end-entity certificate, DER.
///
/// Unlike the subject, it cannot be lost to an unparseable certificate or shared by two
/// certificates that a CA issued with the same name. `Display` and [`ClientId::parse`] use
/// lower-case hex (64 digits), the form `kms-server` stores and takes on its command line.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClientId(pub [u8; 32]);

impl ClientId {
    /// The identity of the client presenting `certificate` (DER).
    pub fn of_certificate(certificate: &[u8]) -> Self {
        use sha2::Digest as _;
        Self(sha2::Sha256::digest(certificate).into())
    }

    /// Parses 64 hex digits (either case; `:` separators allowed, as `openssl x509
    /// -fingerprint -sha256` prints them).
    pub fn parse(text: &str) -> Option<Self> {
        let digits: String = text.chars().filter(|c| *c != ':').collect();
        let mut out = [0u8; 32];
        crate::util::unhex_into(&digits, &mut out).then_some(Self(out))
    }
}

impl std::fmt::Display for ClientId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::util::hex(&self.0))
    }
}

impl std::fmt::Debug for ClientId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ClientId({self})")
    }
}

/// One DER element: its tag, contents, and what follows it.
fn der_element(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let n = usize::from(first & 0x7F);
        if n == 0 || n > 4 {
            return None;
        }
        let (bytes, rest) = rest.split_at_checked(n)?;
        let len = bytes
            .iter()
            .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
        (len, rest)
    };
    let (contents, rest) = rest.split_at_checked(len)?;
    Some((tag, contents, rest))
}

const SEQUENCE: u8 = 0x30;
const SET: u8 = 0x31;
const OID: u8 = 0x06;

/// Short names of the attribute types certificates commonly carry (RFC 4514 §3 and friends).
fn attribute_name(oid: &[u8]) -> Option<&'static str> {
    Some(match oid {
        [0x55, 0x04, 0x03] => "CN",
        [0x55, 0x04, 0x06] => "C",
        [0x55, 0x04, 0x07] => "L",
        [0x55, 0x04, 0x08] => "ST",
        [0x55, 0x04, 0x0A] => "O",
        [0x55, 0x04, 0x0B] => "OU",
        [0x55, 0x04, 0x05] => "serialNumber",
        [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x01] => "emailAddress",
        [0x09, 0x92, 0x26, 0x89, 0x93, 0xF2, 0x2C, 0x64, 0x01, 0x19] => "DC",
        [0x09, 0x92, 0x26, 0x89, 0x93, 0xF2, 0x2C, 0x64, 0x01, 0x01] => "UID",
        _ => return None,
    })
}

fn dotted_oid(oid: &[u8]) -> String {
    let mut out = String::new();
    let mut value: u64 = 0;
    let mut first = true;
    for &b in oid {
        value = (value << 7) | u64::from(b & 0x7F);
        if b & 0x80 == 0 {
            if first {
                let (a, b) = if value < 80 {
                    (value / 40, value % 40)
                } else {
                    (2, value - 80)
                };
                let _ = write!(out, "{a}.{b}");
                first = false;
            } else {
                let _ = write!(out, ".{value}");
            }
            value = 0;
        }
    }
    out
}

/// The fields of a DER certificate's TBSCertificate after its optional version: serial number,
/// signature algorithm, issuer, validity, subject, ... `None` if the certificate cannot be
/// parsed.
fn tbs_fields(cert: &[u8]) -> Option<&[u8]> {
    let (tag, certificate, _) = der_element(cert)?;
    if tag != SEQUENCE {
        return None;
    }
    let (tag, tbs, _) = der_element(certificate)?;
    if tag != SEQUENCE {
        return None;
    }
    // Optional [0] EXPLICIT version.
    if tbs.first() == Some(&0xA0) {
        return Some(der_element(tbs)?.2);
    }
    Some(tbs)
}

/// The serial number of a DER certificate (its content octets, as the certificate holds
/// them). `None` if the certificate cannot be parsed.
pub fn certificate_serial(cert: &[u8]) -> Option<Vec<u8>> {
    let (tag, serial, _) = der_element(tbs_fields(cert)?)?;
    (tag == 0x02).then(|| serial.to_vec())
}

/// The subject of a DER certificate as an RFC 4514-style string, most significant RDN first as
/// written in the certificate (`CN=vcenter, O=Example`). Unknown attribute types print
/// as dotted OIDs, non-text values as `#hex`. `None` if the certificate cannot be parsed.
pub fn certificate_subject(cert: &[u8]) -> Option<String> {
    let mut rest = tbs_fields(cert)?;
    // serialNumber, signature, issuer, validity: skip four elements.
    for _ in 0..4 {
        rest = der_element(rest)?.2;
    }
    let (tag, name, _) = der_element(rest)?;
    if tag != SEQUENCE {
        return None;
    }
    let mut parts = Vec::new();
    let mut rdns = name;
    while !rdns.is_empty() {
        let (tag, set, next) = der_element(rdns)?;
        rdns = next;
        if tag != SET {
            return None;
        }
        let mut atvs = set;
        while !atvs.is_empty() {
            let (tag, atv, next) = der_element(atvs)?;
            atvs = next;
            if tag != SEQUENCE {
                return None;
            }
            let (tag, oid, value) = der_element(atv)?;
            if tag != OID {
                return None;
            }
            let (vtag, value, _) = der_element(value)?;
            let name = attribute_name(oid).map_or_else(|| dotted_oid(oid), str::to_owned);
            // UTF8String, PrintableString, IA5String, TeletexString (treated as Latin-1 subset).
            let text = match vtag {
                0x0C | 0x13 | 0x16 | 0x14 => String::from_utf8_lossy(value).into_owned(),
                _ => format!("#{}", kmip_ttlv::Hex(value)),
            };
            parts.push(format!("{name}={}", escape_rdn_value(&text)));
        }
    }
    Some(parts.join(", "))
}

fn escape_rdn_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for (i, c) in value.chars().enumerate() {
        if matches!(c, ',' | '+' | '"' | '\\' | '<' | '>' | ';')
            || (i == 0 && matches!(c, '#' | ' '))
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subject_of_a_generated_certificate() {
        let pki = crate::pki::TestPki::generate(&["localhost"]).unwrap();
        let cert = certs_from_pem(pki.client.cert_pem.as_bytes()).unwrap();
        let subject = certificate_subject(&cert[0]).unwrap();
        assert_eq!(subject, "CN=kmip-client, O=kmip-examples");
    }

    #[test]
    fn garbage_is_not_a_subject() {
        assert_eq!(certificate_subject(&[]), None);
        assert_eq!(
            certificate_subject(&[0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF]),
            None
        );
        assert_eq!(certificate_subject(&[0x30, 0x03, 0x30, 0x01]), None);
    }

    #[test]
    fn oids_and_escapes() {
        assert_eq!(
            dotted_oid(&[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D]),
            "1.2.840.113549"
        );
        assert_eq!(escape_rdn_value("a,b"), "a\\,b");
        assert_eq!(escape_rdn_value("#x"), "\\#x");
    }

    #[test]
    fn missing_files_say_which() {
        let err = load_certs(Path::new("/nonexistent/server.pem")).unwrap_err();
        assert!(err.to_string().contains("/nonexistent/server.pem"), "{err}");
    }
}
