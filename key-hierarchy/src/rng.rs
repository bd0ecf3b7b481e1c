//! Where key material comes from: the OS CSPRNG, or an injected generator in tests.

use crate::Error;

/// A source of cryptographically secure random bytes.
///
/// Every key this crate generates comes through this trait, so tests can inject a deterministic
/// generator. Production code uses [`OsRng`] (the operating system's CSPRNG via `getrandom`).
/// An implementation must be unpredictable to an attacker; anything else produces guessable keys.
pub trait SecureRandom {
    /// Fill `dest` with random bytes.
    fn fill(&mut self, dest: &mut [u8]) -> Result<(), Error>;
}

impl<R: SecureRandom + ?Sized> SecureRandom for &mut R {
    fn fill(&mut self, dest: &mut [u8]) -> Result<(), Error> {
        (**self).fill(dest)
    }
}

/// The operating system's CSPRNG (`getrandom::fill`).
#[derive(Debug, Clone, Copy, Default)]
pub struct OsRng;

impl SecureRandom for OsRng {
    fn fill(&mut self, dest: &mut [u8]) -> Result<(), Error> {
        getrandom::fill(dest).map_err(|e| Error::RandomFailed {
            os_error: e.raw_os_error(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_rng_fills() {
        let mut a = [0u8; 32];
        let mut b = [0u8; 32];
        OsRng.fill(&mut a).unwrap();
        OsRng.fill(&mut b).unwrap();
        assert_ne!(a, b, "two 256-bit draws from the OS CSPRNG coincided");
        OsRng.fill(&mut []).unwrap();
    }
}
