//! Key states and their transitions, exactly as KMIP 1.1 §3.22 (after NIST SP 800-57 Part 1).
//!
//! | # | from | operation | to |
//! |---|---|---|---|
//! | 1 | (none) | Create / Register | Pre-Active |
//! | 2 | Pre-Active | Destroy | Destroyed |
//! | 3 | Pre-Active | Revoke (key or CA compromise) | Compromised |
//! | 4 | Pre-Active | Activate (or Activation Date reached) | Active |
//! | 5 | Active | Revoke (key or CA compromise) | Compromised |
//! | 6 | Active | Revoke (any other reason), or Deactivation Date reached | Deactivated |
//! | 7 | Deactivated | Revoke (key or CA compromise) | Compromised |
//! | 8 | Deactivated | Destroy | Destroyed |
//! | 9 | Compromised | Destroy | Destroyed Compromised |
//! | 10 | Destroyed | Revoke (key or CA compromise) | Destroyed Compromised |
//!
//! Everything else is refused with [`Error::InvalidTransition`], notably Active → Destroyed
//! (revoke or deactivate first). Every transition records its date (a caller-supplied
//! [`Timestamp`], so that tests are deterministic and servers use their own clock).
//!
//! What a state allows: only Active wraps; Active and Deactivated unwrap; Compromised unwraps
//! only when the caller asks for it explicitly; Pre-Active, Destroyed and Destroyed Compromised
//! do nothing.

use core::fmt;

use crate::Error;

/// Seconds since the Unix epoch, supplied by the caller (KMIP Date-Time is the same quantity).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(pub u64);

/// KMIP 1.1 §9.1.3.2.17 State.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyState {
    /// Pre-Active (1): exists, not yet usable.
    PreActive,
    /// Active (2): wraps and unwraps.
    Active,
    /// Deactivated (3): unwraps existing keys, wraps nothing new.
    Deactivated,
    /// Compromised (4): unwraps only when the caller explicitly accepts a compromised key.
    Compromised,
    /// Destroyed (5): key material gone.
    Destroyed,
    /// Destroyed Compromised (6): key material gone, and known compromised.
    DestroyedCompromised,
}

impl KeyState {
    /// Every state, in KMIP value order.
    pub const ALL: [KeyState; 6] = [
        KeyState::PreActive,
        KeyState::Active,
        KeyState::Deactivated,
        KeyState::Compromised,
        KeyState::Destroyed,
        KeyState::DestroyedCompromised,
    ];

    /// The KMIP enumeration value.
    pub const fn kmip_value(self) -> u32 {
        match self {
            KeyState::PreActive => 1,
            KeyState::Active => 2,
            KeyState::Deactivated => 3,
            KeyState::Compromised => 4,
            KeyState::Destroyed => 5,
            KeyState::DestroyedCompromised => 6,
        }
    }

    /// The state for a KMIP enumeration value.
    pub const fn from_kmip_value(value: u32) -> Option<Self> {
        match value {
            1 => Some(KeyState::PreActive),
            2 => Some(KeyState::Active),
            3 => Some(KeyState::Deactivated),
            4 => Some(KeyState::Compromised),
            5 => Some(KeyState::Destroyed),
            6 => Some(KeyState::DestroyedCompromised),
            _ => None,
        }
    }

    /// Whether a key in this state may wrap (protect) new keys: Active only.
    pub const fn can_wrap(self) -> bool {
        matches!(self, KeyState::Active)
    }

    /// Whether a key in this state may unwrap: Active and Deactivated, and Compromised when
    /// `allow_compromised` is set.
    pub const fn can_unwrap(self, allow_compromised: bool) -> bool {
        match self {
            KeyState::Active | KeyState::Deactivated => true,
            KeyState::Compromised => allow_compromised,
            KeyState::PreActive | KeyState::Destroyed | KeyState::DestroyedCompromised => false,
        }
    }

    /// Whether the key material is gone.
    pub const fn is_destroyed(self) -> bool {
        matches!(self, KeyState::Destroyed | KeyState::DestroyedCompromised)
    }

    /// Where `operation` takes a key in this state, or `None` if KMIP 1.1 §3.22 has no such
    /// transition. This table is the single source of truth for every transition.
    pub const fn after(self, operation: Operation) -> Option<KeyState> {
        use KeyState::*;
        match (self, operation) {
            (PreActive, Operation::Activate) => Some(Active),
            (PreActive, Operation::Destroy) => Some(Destroyed),
            (Active, Operation::Deactivate) => Some(Deactivated),
            (Deactivated, Operation::Destroy) => Some(Destroyed),
            (Compromised, Operation::Destroy) => Some(DestroyedCompromised),
            (PreActive | Active | Deactivated, Operation::Revoke(r)) if r.is_compromise() => {
                Some(Compromised)
            }
            (Destroyed, Operation::Revoke(r)) if r.is_compromise() => Some(DestroyedCompromised),
            (Active, Operation::Revoke(_)) => Some(Deactivated),
            _ => None,
        }
    }
}

impl fmt::Display for KeyState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KeyState::PreActive => "Pre-Active",
            KeyState::Active => "Active",
            KeyState::Deactivated => "Deactivated",
            KeyState::Compromised => "Compromised",
            KeyState::Destroyed => "Destroyed",
            KeyState::DestroyedCompromised => "Destroyed Compromised",
        })
    }
}

/// KMIP 1.1 §9.1.3.2.19 Revocation Reason Code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RevocationReason {
    /// Unspecified (1).
    Unspecified,
    /// Key Compromise (2).
    KeyCompromise,
    /// CA Compromise (3).
    CaCompromise,
    /// Affiliation Changed (4).
    AffiliationChanged,
    /// Superseded (5).
    Superseded,
    /// Cessation of Operation (6).
    CessationOfOperation,
    /// Privilege Withdrawn (7).
    PrivilegeWithdrawn,
}

impl RevocationReason {
    /// Every reason, in KMIP value order.
    pub const ALL: [RevocationReason; 7] = [
        RevocationReason::Unspecified,
        RevocationReason::KeyCompromise,
        RevocationReason::CaCompromise,
        RevocationReason::AffiliationChanged,
        RevocationReason::Superseded,
        RevocationReason::CessationOfOperation,
        RevocationReason::PrivilegeWithdrawn,
    ];

    /// The KMIP enumeration value.
    pub const fn kmip_value(self) -> u32 {
        match self {
            RevocationReason::Unspecified => 1,
            RevocationReason::KeyCompromise => 2,
            RevocationReason::CaCompromise => 3,
            RevocationReason::AffiliationChanged => 4,
            RevocationReason::Superseded => 5,
            RevocationReason::CessationOfOperation => 6,
            RevocationReason::PrivilegeWithdrawn => 7,
        }
    }

    /// The reason for a KMIP enumeration value.
    pub const fn from_kmip_value(value: u32) -> Option<Self> {
        match value {
            1 => Some(RevocationReason::Unspecified),
            2 => Some(RevocationReason::KeyCompromise),
            3 => Some(RevocationReason::CaCompromise),
            4 => Some(RevocationReason::AffiliationChanged),
            5 => Some(RevocationReason::Superseded),
            6 => Some(RevocationReason::CessationOfOperation),
            7 => Some(RevocationReason::PrivilegeWithdrawn),
            _ => None,
        }
    }

    /// Key Compromise and CA Compromise move a key to a compromised state; the others do not.
    pub const fn is_compromise(self) -> bool {
        matches!(
            self,
            RevocationReason::KeyCompromise | RevocationReason::CaCompromise
        )
    }
}

/// What is done to a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    /// KMIP Activate, or the Activation Date being reached.
    Activate,
    /// The Deactivation Date being reached.
    Deactivate,
    /// KMIP Revoke with a reason.
    Revoke(RevocationReason),
    /// KMIP Destroy.
    Destroy,
}

impl Operation {
    /// Name used in errors.
    pub const fn name(self) -> &'static str {
        match self {
            Operation::Activate => "Activate",
            Operation::Deactivate => "Deactivate",
            Operation::Revoke(r) if r.is_compromise() => "Revoke (compromise)",
            Operation::Revoke(_) => "Revoke",
            Operation::Destroy => "Destroy",
        }
    }
}

/// A key's state with the dates of its transitions (KMIP 1.1 §3.23 to §3.29).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lifecycle {
    state: KeyState,
    initial_date: Timestamp,
    activation_date: Option<Timestamp>,
    deactivation_date: Option<Timestamp>,
    compromise_date: Option<Timestamp>,
    destroy_date: Option<Timestamp>,
    revocation_reason: Option<RevocationReason>,
}

/// Every field of a [`Lifecycle`], to store it and load it back ([`Lifecycle::parts`],
/// [`Lifecycle::from_parts`]): a server keeps a key's state and dates in its database and
/// rebuilds the lifecycle to apply the next operation with [`Lifecycle::apply`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LifecycleParts {
    /// Current state.
    pub state: KeyState,
    /// Initial Date.
    pub initial_date: Timestamp,
    /// Activation Date.
    pub activation_date: Option<Timestamp>,
    /// Deactivation Date.
    pub deactivation_date: Option<Timestamp>,
    /// Compromise Date.
    pub compromise_date: Option<Timestamp>,
    /// Destroy Date.
    pub destroy_date: Option<Timestamp>,
    /// The reason given to the last Revoke.
    pub revocation_reason: Option<RevocationReason>,
}

impl Lifecycle {
    /// A key created or registered at `now` (transition 1): Pre-Active.
    pub const fn pre_active(now: Timestamp) -> Self {
        Lifecycle {
            state: KeyState::PreActive,
            initial_date: now,
            activation_date: None,
            deactivation_date: None,
            compromise_date: None,
            destroy_date: None,
            revocation_reason: None,
        }
    }

    /// A key created at `now` with an Activation Date of `now` (transitions 1 and 4 at once).
    pub const fn active(now: Timestamp) -> Self {
        let mut l = Lifecycle::pre_active(now);
        l.state = KeyState::Active;
        l.activation_date = Some(now);
        l
    }

    /// A lifecycle as stored ([`Lifecycle::parts`]). The parts are taken as recorded: the
    /// transitions that led there were checked when they were applied.
    pub const fn from_parts(parts: LifecycleParts) -> Self {
        Lifecycle {
            state: parts.state,
            initial_date: parts.initial_date,
            activation_date: parts.activation_date,
            deactivation_date: parts.deactivation_date,
            compromise_date: parts.compromise_date,
            destroy_date: parts.destroy_date,
            revocation_reason: parts.revocation_reason,
        }
    }

    /// Every field, to store.
    pub const fn parts(&self) -> LifecycleParts {
        LifecycleParts {
            state: self.state,
            initial_date: self.initial_date,
            activation_date: self.activation_date,
            deactivation_date: self.deactivation_date,
            compromise_date: self.compromise_date,
            destroy_date: self.destroy_date,
            revocation_reason: self.revocation_reason,
        }
    }

    /// Current state.
    pub const fn state(&self) -> KeyState {
        self.state
    }

    /// When the key was created (Initial Date).
    pub const fn initial_date(&self) -> Timestamp {
        self.initial_date
    }

    /// Activation Date.
    pub const fn activation_date(&self) -> Option<Timestamp> {
        self.activation_date
    }

    /// Deactivation Date.
    pub const fn deactivation_date(&self) -> Option<Timestamp> {
        self.deactivation_date
    }

    /// Compromise Date.
    pub const fn compromise_date(&self) -> Option<Timestamp> {
        self.compromise_date
    }

    /// Destroy Date.
    pub const fn destroy_date(&self) -> Option<Timestamp> {
        self.destroy_date
    }

    /// The reason given to the last Revoke.
    pub const fn revocation_reason(&self) -> Option<RevocationReason> {
        self.revocation_reason
    }

    /// Apply `operation` at `now`. On error nothing changes.
    pub fn apply(&mut self, operation: Operation, now: Timestamp) -> Result<KeyState, Error> {
        let to = self
            .state
            .after(operation)
            .ok_or(Error::InvalidTransition {
                from: self.state,
                operation: operation.name(),
            })?;
        match operation {
            Operation::Activate => self.activation_date = Some(now),
            Operation::Deactivate => self.deactivation_date = Some(now),
            Operation::Revoke(reason) => {
                self.revocation_reason = Some(reason);
                if reason.is_compromise() {
                    self.compromise_date = Some(now);
                } else {
                    self.deactivation_date = Some(now);
                }
            }
            Operation::Destroy => self.destroy_date = Some(now),
        }
        self.state = to;
        Ok(to)
    }

    /// Make the transitions that happen by date rather than by an operation (KMIP 1.1 §3.22):
    /// Pre-Active → Active (transition 4) once the Activation Date is at or before `now`, then
    /// Active → Deactivated (transition 6) once the Deactivation Date is. A date recorded for
    /// a transition not yet made is the date the key was given in advance (a KMIP Activation
    /// or Deactivation Date attribute set at creation, [`Lifecycle::from_parts`]); each
    /// transition keeps its own date. Returns the state.
    pub fn advance(&mut self, now: Timestamp) -> KeyState {
        if self.state == KeyState::PreActive
            && let Some(date) = self.activation_date
            && date <= now
        {
            // Pre-Active → Active always exists.
            let _ = self.apply(Operation::Activate, date);
        }
        if self.state == KeyState::Active
            && let Some(date) = self.deactivation_date
            && date <= now
        {
            // Active → Deactivated always exists.
            let _ = self.apply(Operation::Deactivate, date);
        }
        self.state
    }

    /// Activate (transition 4).
    pub fn activate(&mut self, now: Timestamp) -> Result<KeyState, Error> {
        self.apply(Operation::Activate, now)
    }

    /// Deactivation Date reached (transition 6).
    pub fn deactivate(&mut self, now: Timestamp) -> Result<KeyState, Error> {
        self.apply(Operation::Deactivate, now)
    }

    /// Revoke (transitions 3, 5, 6, 7, 10).
    pub fn revoke(&mut self, reason: RevocationReason, now: Timestamp) -> Result<KeyState, Error> {
        self.apply(Operation::Revoke(reason), now)
    }

    /// Destroy (transitions 2, 8, 9).
    pub fn destroy(&mut self, now: Timestamp) -> Result<KeyState, Error> {
        self.apply(Operation::Destroy, now)
    }
}
