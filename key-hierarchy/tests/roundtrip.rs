//! Property tests: key wrap round trips, tamper detection, the wrapped-key encoding, and the
//! decoder on arbitrary bytes.

use key_hierarchy::keys::Binding;
use key_hierarchy::wrap::{kw_unwrap, kw_wrap, kwp_unwrap, kwp_wrap};
use key_hierarchy::{
    Dek, Error, Kek, KeyAlgorithm, KeyId, KeyKind, WrapMethod, WrappedKey, WrappedKeyParts,
};
use proptest::prelude::*;

fn kek_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 16),
        prop::collection::vec(any::<u8>(), 24),
        prop::collection::vec(any::<u8>(), 32),
    ]
}

fn key_id() -> impl Strategy<Value = KeyId> {
    prop::collection::vec(any::<u8>(), 1..=64).prop_map(|b| KeyId::new(&b).unwrap())
}

fn method() -> impl Strategy<Value = WrapMethod> {
    prop_oneof![
        Just(WrapMethod::NistKeyWrap),
        Just(WrapMethod::AesKeyWrapPadding)
    ]
}

prop_compose! {
    fn parts()(
        kind in prop_oneof![Just(KeyKind::Kek), Just(KeyKind::Dek), Just(KeyKind::Kdk)],
        xts in any::<bool>(),
        method in method(),
        bound in any::<bool>(),
        key_id in key_id(),
        wrapping_key_id in key_id(),
        version in any::<u32>(),
        kdk in proptest::option::of(key_id()),
        filler in prop::collection::vec(any::<u8>(), 72),
    ) -> WrappedKeyParts {
        let dek = kind == KeyKind::Dek;
        let algorithm = if dek && xts { KeyAlgorithm::Aes256Xts } else { KeyAlgorithm::Aes256 };
        let len = method.wrapped_len(algorithm.key_len()).unwrap();
        WrappedKeyParts {
            kind,
            key_id,
            algorithm,
            method,
            context_bound: dek && bound,
            wrapping_key_id,
            wrapping_key_version: version,
            kdk_id: if dek { kdk } else { None },
            wrapped: filler[..len].to_vec(),
        }
    }
}

proptest! {
    #[test]
    fn kw_round_trip(kek in kek_bytes(), semiblocks in 2usize..40, seed in any::<u8>()) {
        let data: Vec<u8> = (0..semiblocks * 8).map(|i| (i as u8).wrapping_mul(31) ^ seed).collect();
        let w = kw_wrap(&kek, &data).unwrap();
        prop_assert_eq!(w.len(), data.len() + 8);
        let back = kw_unwrap(&kek, &w).unwrap();
        prop_assert_eq!(back.as_slice(), data.as_slice());
    }

    #[test]
    fn kwp_round_trip(kek in kek_bytes(), data in prop::collection::vec(any::<u8>(), 1..300)) {
        let w = kwp_wrap(&kek, &data).unwrap();
        prop_assert_eq!(w.len(), data.len().div_ceil(8) * 8 + 8);
        let back = kwp_unwrap(&kek, &w).unwrap();
        prop_assert_eq!(back.as_slice(), data.as_slice());
    }

    #[test]
    fn any_bit_flip_is_detected(
        kek in kek_bytes(),
        m in method(),
        data in prop::collection::vec(any::<u8>(), 16..=64),
        pos in any::<prop::sample::Index>(),
        bit in 0u8..8,
    ) {
        let data = &data[..data.len() / 8 * 8];
        let mut w = m.wrap(&kek, data).unwrap().to_vec();
        let i = pos.index(w.len());
        w[i] ^= 1 << bit;
        prop_assert!(matches!(m.unwrap(&kek, &w), Err(Error::UnwrapFailed)));
    }

    #[test]
    fn wrong_kek_is_detected(kek in kek_bytes(), other in kek_bytes(), m in method(), data in prop::collection::vec(any::<u8>(), 32)) {
        prop_assume!(kek != other);
        let w = m.wrap(&kek, &data).unwrap();
        prop_assert!(matches!(m.unwrap(&other, &w), Err(Error::UnwrapFailed)));
    }

    #[test]
    fn encoding_round_trips(parts in parts()) {
        let w = WrappedKey::from_parts(parts.clone()).unwrap();
        let enc = w.encode();
        prop_assert_eq!(enc.len(), w.encoded_len());
        let back = WrappedKey::decode(&enc).unwrap();
        prop_assert_eq!(back.parts(), &parts);
        prop_assert_eq!(back.encode(), enc);
    }

    #[test]
    fn decoder_never_panics_on_arbitrary_bytes(data in prop::collection::vec(any::<u8>(), 0..200)) {
        key_hierarchy::fuzz_targets::wrapped_key(&data);
    }

    #[test]
    fn decoder_never_panics_on_mutated_encodings(
        parts in parts(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut enc = WrappedKey::from_parts(parts).unwrap().encode();
        for (i, b) in &edits {
            let i = i.index(enc.len());
            enc[i] = *b;
        }
        key_hierarchy::fuzz_targets::wrapped_key(&enc);
        let n = cut.index(enc.len() + 1);
        key_hierarchy::fuzz_targets::wrapped_key(&enc[..n]);
    }

    #[test]
    fn dek_round_trip_and_binding(
        kek in prop::collection::vec(any::<u8>(), 32),
        dek in prop::collection::vec(any::<u8>(), 64),
        xts in any::<bool>(),
        m in method(),
        ctx in prop::collection::vec(any::<u8>(), 0..100),
        other in prop::collection::vec(any::<u8>(), 0..100),
        kek_id in key_id(),
        dek_id in key_id(),
    ) {
        let alg = if xts { KeyAlgorithm::Aes256Xts } else { KeyAlgorithm::Aes256 };
        let kek = Kek::from_bytes(kek_id, &kek).unwrap();
        let dek = match Dek::from_bytes(dek_id, alg, &dek[..alg.key_len()]) {
            Ok(d) => d,
            Err(Error::WeakXtsKey) => return Ok(()),
            Err(e) => panic!("{e}"),
        };
        for binding in [Binding::Plain, Binding::Context(&ctx)] {
            let w = kek.wrap_dek(&dek, m, binding).unwrap();
            let w = WrappedKey::decode(&w.encode()).unwrap();
            let back = kek.unwrap_dek(&w, binding).unwrap();
            prop_assert_eq!(back.expose_secret(), dek.expose_secret());
            if matches!(binding, Binding::Context(_)) && other != ctx {
                prop_assert!(matches!(
                    kek.unwrap_dek(&w, Binding::Context(&other)),
                    Err(Error::UnwrapFailed)
                ));
            }
        }
    }

    #[test]
    fn key_id_round_trip(id in key_id()) {
        let again = KeyId::new(id.as_bytes()).unwrap();
        prop_assert_eq!(again, id);
        if let Some(s) = id.as_str() {
            prop_assert_eq!(s.parse::<KeyId>().unwrap(), id);
        }
    }
}
