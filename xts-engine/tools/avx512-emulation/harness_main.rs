//! Emulation harness: everything is prepared natively (portable expectations, buffers), then the
//! AVX-512 backend runs; the first EVEX instruction raises SIGILL on this CPU, gdb snapshots the
//! process there and Bochs (with AVX-512/VAES/VPCLMULQDQ) continues until `marker`'s int3.
use xts_engine::{Backend, Xts256};

struct Case {
    unit: usize,          // 0: one data unit with raw tweak
    tweak: [u8; 16],
    first: u64,
    data: Vec<u8>,
    enc_expect: Vec<u8>,
    dec_expect: Vec<u8>,
    work_enc: Vec<u8>,
    work_dec: Vec<u8>,
}

fn data(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9e3779b97f4a7c15) | 1;
    (0..len).map(|_| { x ^= x << 13; x ^= x >> 7; x ^= x << 17; (x >> 32) as u8 }).collect()
}

#[inline(never)]
fn marker(bad: usize, n: usize, first_bad: usize) -> ! {
    // SAFETY: only ever reached inside the emulator, which stops at this int3.
    unsafe { std::arch::asm!("int3", in("rdi") bad, in("rsi") n, in("rdx") first_bad, options(noreturn)) }
}

fn main() {
    let mut key = [0u8; 64];
    for (i, b) in key.iter_mut().enumerate() { *b = (i as u8).wrapping_mul(73).wrapping_add(5); }
    let portable = Xts256::with_backend(&key, Backend::Portable).unwrap();
    let avx = Xts256::with_backend(&key, Backend::VaesAvx512).unwrap();
    let mut cases = Vec::new();
    let mut push = |unit: usize, tweak: [u8; 16], first: u64, d: Vec<u8>| {
        let mut e = d.clone();
        let mut dd = d.clone();
        if unit == 0 {
            portable.encrypt_data_unit(&mut e, &tweak).unwrap();
            portable.decrypt_data_unit(&mut dd, &tweak).unwrap();
        } else {
            portable.encrypt_sectors(&mut e, unit, first).unwrap();
            portable.decrypt_sectors(&mut dd, unit, first).unwrap();
        }
        cases.push(Case { unit, tweak, first, work_enc: d.clone(), work_dec: d.clone(), data: d, enc_expect: e, dec_expect: dd });
    };
    for len in 16..=1100usize {
        let mut t = [0u8; 16];
        t.copy_from_slice(&data(16, len as u64 + 1000));
        push(0, t, 0, data(len, len as u64));
    }
    for len in [2048usize, 2063, 4096, 4111, 8192 + 7, 65536 + 13, 16 * 1024 + 512 + 16 * 3 + 5] {
        push(0, [0xff; 16], 0, data(len, len as u64));
    }
    for (unit, count, first) in [(512usize, 40usize, u64::MAX - 17), (4096, 5, 7), (520, 9, 3), (528, 7, 1 << 40), (16, 50, 9), (33, 20, 11), (1040, 17, 5), (512, 3, 0)] {
        push(unit, [0; 16], first, data(unit * count, unit as u64 * 31 + count as u64));
    }
    let n = cases.len();
    // ---- from here on, AVX-512 runs (emulated) ----
    let mut bad = 0usize;
    let mut first_bad = usize::MAX;
    for (i, c) in cases.iter_mut().enumerate() {
        if c.unit == 0 {
            avx.encrypt_data_unit(&mut c.work_enc, &c.tweak).unwrap();
            avx.decrypt_data_unit(&mut c.work_dec, &c.tweak).unwrap();
        } else {
            avx.encrypt_sectors(&mut c.work_enc, c.unit, c.first).unwrap();
            avx.decrypt_sectors(&mut c.work_dec, c.unit, c.first).unwrap();
        }
        let ok_e = c.work_enc == c.enc_expect;
        let ok_d = c.work_dec == c.dec_expect;
        // Round trip back to the plaintext as well.
        if c.unit == 0 {
            avx.decrypt_data_unit(&mut c.work_enc, &c.tweak).unwrap();
        } else {
            avx.decrypt_sectors(&mut c.work_enc, c.unit, c.first).unwrap();
        }
        let ok_r = c.work_enc == c.data;
        if !(ok_e && ok_d && ok_r) {
            bad += 1;
            if first_bad == usize::MAX { first_bad = i; }
        }
    }
    marker(bad, n, first_bad);
}
