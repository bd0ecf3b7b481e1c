#!/bin/bash
# Runs the AVX-512 backend of xts-engine under Bochs on a CPU without AVX-512. See README.md.
# Needs: gdb, python3, bochscpu-python 0.4.0 (pip), gcc. Everything is built under $WORK.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
CRATE=$(cd "$HERE/../.." && pwd)
WORK=${WORK:-/tmp/xts-avx512-emulation}
mkdir -p "$WORK/snap" "$WORK/harness/src"

# 1. A copy of the crate whose AVX-512 detection answers yes (the code then runs under Bochs).
rm -rf "$WORK/xts-engine" && mkdir -p "$WORK/xts-engine"
cp -r "$CRATE/src" "$CRATE/README.md" "$WORK/xts-engine/"
cat > "$WORK/xts-engine/Cargo.toml" <<'TOML'
[package]
name = "xts-engine"
version = "0.1.0"
edition = "2024"
[dependencies]
aes = { version = "0.9", features = ["zeroize"] }
subtle = "2.6"
thiserror = "2"
zeroize = { version = "1.9", features = ["zeroize_derive"] }
TOML
python3 - "$WORK/xts-engine/src/backend/vaes_avx512.rs" <<'PY'
import sys
p = sys.argv[1]; s = open(p).read()
i = s.index("pub(crate) fn is_available() -> bool {"); j = s.index("}\n", i)
open(p, "w").write(s[:i] + "pub(crate) fn is_available() -> bool {\n    true\n" + s[j:])
PY

# 2. The harness: expectations from the portable backend natively, then the AVX-512 backend.
cp "$HERE/harness_main.rs" "$WORK/harness/src/main.rs"
cat > "$WORK/harness/Cargo.toml" <<'TOML'
[package]
name = "harness"
version = "0.1.0"
edition = "2024"
[dependencies]
xts-engine = { path = "../xts-engine" }
[profile.release]
debug = "line-tables-only"
[workspace]
TOML
(cd "$WORK/harness" && CARGO_TARGET_DIR="$WORK/target" cargo build --release -q)
BIN="$WORK/target/release/harness"

# 3. bochscpu-python 0.4.0 wants glibc 2.38 symbols; its Bochs CPU model index is off by three
#    (it selects Skylake-X, which has AVX-512 but no VAES/VPCLMULQDQ). Patch a private copy to
#    model index 29 (Tiger Lake: AVX-512F/BW/VL, VAES, VPCLMULQDQ), enum length 32.
SITE=$(python3 -c 'import importlib.util,os;print(os.path.dirname(importlib.util.find_spec("bochscpu").origin))')
rm -rf "$WORK/py" && mkdir -p "$WORK/py" && cp -r "$SITE" "$WORK/py/"
python3 - "$WORK/py/bochscpu/_bochscpu.cpython-311-x86_64-linux-gnu.so" <<'PY'
import sys
p = sys.argv[1]; d = bytearray(open(p, "rb").read())
assert d[0x44a6fc:0x44a708] == bytes.fromhex("41b81c00000041b91b000000"), "unexpected bochscpu build"
d[0x44a6fe] = 0x20; d[0x44a704] = 29
open(p, "wb").write(d)
PY
cat > "$WORK/isoc23.c" <<'C'
#include <stdlib.h>
#include <stdio.h>
#include <stdarg.h>
unsigned long long __isoc23_strtoull(const char *s, char **e, int b) { return strtoull(s, e, b); }
int __isoc23_sscanf(const char *s, const char *f, ...) { va_list a; va_start(a, f); int r = vsscanf(s, f, a); va_end(a); return r; }
C
gcc -shared -fPIC -O2 "$WORK/isoc23.c" -o "$WORK/libisoc23.so"

# 4. Snapshot at the first AVX-512 instruction (SIGILL here), then emulate to the int3 in `marker`.
rm -f "$WORK"/snap/*.bin
(cd "$WORK/snap" && SNAP_DIR="$WORK/snap" gdb -q -batch -x "$HERE/snapshot.gdb.py" "$BIN" | grep SNAPSHOT)
python3 - "$BIN" "$WORK/snap/marker" <<'PY'
import re, subprocess, sys
out = subprocess.check_output(["objdump", "-d", "--no-show-raw-insn", "-C", sys.argv[1]]).decode()
i = out.index("<harness::marker>:")
m = re.search(r"\n\s+([0-9a-f]+):\s+int3", out[i:i + 2000])
open(sys.argv[2], "w").write(hex(0x555555554000 + int(m.group(1), 16)))
PY
SNAP_DIR="$WORK/snap" PYTHONPATH="$WORK/py" LD_PRELOAD="$WORK/libisoc23.so" python3 "$HERE/emulate.py" 2>&1 \
  | grep -v -e leaked -e nanobind -e 'skipped remainder'
