//! A throw-away certificate authority for demonstrations and tests (rcgen): a CA, a server
//! certificate (extended key usage serverAuth, names `localhost`, `127.0.0.1`, `::1` and any
//! given) and client certificates (clientAuth), ECDSA P-256, written as PEM files.
//!
//! PyKMIP's client and server insist on the extended key usages, so every certificate carries
//! them. Never use these for anything but tests: the CA key sits next to the certificates.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::path::{Path, PathBuf};

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, SanType,
};

use crate::tls::TlsFiles;

/// Error of certificate generation or of writing the files.
#[derive(Debug, thiserror::Error)]
pub enum PkiError {
    /// rcgen failed.
    #[error("certificate generation: {0}")]
    Generate(#[from] rcgen::Error),
    /// A file could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// A certificate and its private key, PEM.
#[derive(Clone)]
pub struct CertAndKey {
    /// The certificate, PEM.
    pub cert_pem: String,
    /// The private key (PKCS#8), PEM.
    pub key_pem: String,
}

impl std::fmt::Debug for CertAndKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CertAndKey").finish_non_exhaustive()
    }
}

/// A CA with one server and one client certificate.
#[derive(Debug)]
pub struct TestPki {
    /// The CA certificate and key.
    pub ca: CertAndKey,
    /// The server certificate (CN `kms-server`).
    pub server: CertAndKey,
    /// The client certificate (CN `kmip-client`).
    pub client: CertAndKey,
    issuer: Issuer<'static, KeyPair>,
}

fn validity(params: &mut CertificateParams) {
    params.not_before = rcgen::date_time_ymd(2024, 1, 1);
    params.not_after = rcgen::date_time_ymd(2049, 12, 31);
}

impl TestPki {
    /// Generates the CA, a server certificate for `server_names` (plus `localhost` and the
    /// loopback addresses) and a client certificate.
    ///
    /// # Errors
    /// rcgen fails (a name it cannot encode).
    pub fn generate(server_names: &[&str]) -> Result<Self, PkiError> {
        let mut params = CertificateParams::new(Vec::<String>::new())?;
        params
            .distinguished_name
            .push(DnType::OrganizationName, "kmip-examples");
        params
            .distinguished_name
            .push(DnType::CommonName, "kmip-examples test CA");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        validity(&mut params);
        let ca_key = KeyPair::generate()?;
        let ca_cert = params.self_signed(&ca_key)?;
        let ca = CertAndKey {
            cert_pem: ca_cert.pem(),
            key_pem: ca_key.serialize_pem(),
        };
        let issuer = Issuer::new(params, ca_key);

        let mut names: Vec<String> = vec!["localhost".into()];
        names.extend(
            server_names
                .iter()
                .filter(|n| **n != "localhost")
                .map(|n| (*n).to_owned()),
        );
        let mut pki = TestPki {
            ca,
            server: CertAndKey {
                cert_pem: String::new(),
                key_pem: String::new(),
            },
            client: CertAndKey {
                cert_pem: String::new(),
                key_pem: String::new(),
            },
            issuer,
        };
        pki.server = pki.leaf("kms-server", &names, ExtendedKeyUsagePurpose::ServerAuth)?;
        pki.client = pki.client_cert("kmip-client")?;
        Ok(pki)
    }

    fn leaf(
        &self,
        common_name: &str,
        dns_names: &[String],
        usage: ExtendedKeyUsagePurpose,
    ) -> Result<CertAndKey, PkiError> {
        let mut params = CertificateParams::new(dns_names.to_vec())?;
        if usage == ExtendedKeyUsagePurpose::ServerAuth {
            params.subject_alt_names.extend([
                SanType::IpAddress(IpAddr::V4(Ipv4Addr::LOCALHOST)),
                SanType::IpAddress(IpAddr::V6(Ipv6Addr::LOCALHOST)),
            ]);
        }
        params
            .distinguished_name
            .push(DnType::OrganizationName, "kmip-examples");
        params
            .distinguished_name
            .push(DnType::CommonName, common_name);
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::KeyEncipherment,
            KeyUsagePurpose::KeyAgreement,
        ];
        params.extended_key_usages = vec![usage];
        params.use_authority_key_identifier_extension = true;
        validity(&mut params);
        let key = KeyPair::generate()?;
        let cert = params.signed_by(&key, &self.issuer)?;
        Ok(CertAndKey {
            cert_pem: cert.pem(),
            key_pem: key.serialize_pem(),
        })
    }

    /// A certificate revocation list (PEM) signed by the CA, revoking `revoked` (key
    /// compromise), valid from 2024 to 2049 like the certificates.
    ///
    /// # Errors
    /// A certificate that cannot be parsed, or rcgen fails.
    pub fn crl_revoking(&self, revoked: &[&CertAndKey]) -> Result<String, PkiError> {
        let mut revoked_certs = Vec::new();
        for cert in revoked {
            let der = crate::tls::certs_from_pem(cert.cert_pem.as_bytes())
                .map_err(|_| PkiError::Generate(rcgen::Error::CouldNotParseCertificate))?;
            let serial = der
                .first()
                .and_then(|c| crate::tls::certificate_serial(c))
                .ok_or(PkiError::Generate(rcgen::Error::CouldNotParseCertificate))?;
            revoked_certs.push(rcgen::RevokedCertParams {
                serial_number: rcgen::SerialNumber::from_slice(&serial),
                revocation_time: rcgen::date_time_ymd(2024, 6, 1),
                reason_code: Some(rcgen::RevocationReason::KeyCompromise),
                invalidity_date: None,
            });
        }
        let params = rcgen::CertificateRevocationListParams {
            this_update: rcgen::date_time_ymd(2024, 6, 1),
            next_update: rcgen::date_time_ymd(2049, 12, 31),
            crl_number: rcgen::SerialNumber::from(1u64),
            issuing_distribution_point: None,
            revoked_certs,
            key_identifier_method: rcgen::KeyIdMethod::Sha256,
        };
        Ok(params.signed_by(&self.issuer)?.pem()?)
    }

    /// Another client certificate signed by the same CA, with subject
    /// `CN=<common_name>, O=kmip-examples`.
    ///
    /// # Errors
    /// rcgen fails.
    pub fn client_cert(&self, common_name: &str) -> Result<CertAndKey, PkiError> {
        self.leaf(common_name, &[], ExtendedKeyUsagePurpose::ClientAuth)
    }

    /// Writes `ca.pem`, `ca-key.pem`, `server.pem`, `server-key.pem`, `client.pem` and
    /// `client-key.pem` into `dir` (keys owner-only) and returns the paths.
    ///
    /// # Errors
    /// A file cannot be written.
    pub fn write_to(&self, dir: &Path) -> Result<PkiFiles, PkiError> {
        let files = PkiFiles::in_dir(dir);
        write_file(&files.ca, self.ca.cert_pem.as_bytes(), false)?;
        write_file(&dir.join("ca-key.pem"), self.ca.key_pem.as_bytes(), true)?;
        write_file(&files.server.cert, self.server.cert_pem.as_bytes(), false)?;
        write_file(&files.server.key, self.server.key_pem.as_bytes(), true)?;
        write_file(&files.client.cert, self.client.cert_pem.as_bytes(), false)?;
        write_file(&files.client.key, self.client.key_pem.as_bytes(), true)?;
        Ok(files)
    }
}

/// Writes a file, owner-only (0600) when `secret`.
///
/// # Errors
/// The file cannot be created or written.
pub fn write_file(path: &Path, contents: &[u8], secret: bool) -> Result<(), PkiError> {
    let wrap = |source| PkiError::Write {
        path: path.to_owned(),
        source,
    };
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    if secret {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = secret;
    let mut file = options.open(path).map_err(wrap)?;
    std::io::Write::write_all(&mut file, contents).map_err(wrap)?;
    Ok(())
}

/// Where [`TestPki::write_to`] put the files.
#[derive(Clone, Debug)]
pub struct PkiFiles {
    /// The CA certificate.
    pub ca: PathBuf,
    /// The server's certificate and key, with the CA that verifies clients.
    pub server: TlsFiles,
    /// The client's certificate and key, with the CA that verifies the server.
    pub client: TlsFiles,
}

impl PkiFiles {
    /// The file names [`TestPki::write_to`] uses in `dir`.
    pub fn in_dir(dir: &Path) -> Self {
        let ca = dir.join("ca.pem");
        PkiFiles {
            server: TlsFiles {
                cert: dir.join("server.pem"),
                key: dir.join("server-key.pem"),
                ca: ca.clone(),
            },
            client: TlsFiles {
                cert: dir.join("client.pem"),
                key: dir.join("client-key.pem"),
                ca: ca.clone(),
            },
            ca,
        }
    }
}
