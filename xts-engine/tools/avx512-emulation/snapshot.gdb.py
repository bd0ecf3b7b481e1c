"""gdb script: run the harness to its first AVX-512 instruction (SIGILL on this CPU) and dump
every readable mapping and the registers into $SNAP_DIR."""
import gdb, json, os
SNAP = os.environ["SNAP_DIR"]
gdb.execute("set pagination off")
gdb.execute("set confirm off")
gdb.execute("set language c")
gdb.execute("run")
inf = gdb.selected_inferior()
pid = inf.pid
regions = []
for line in open(f"/proc/{pid}/maps"):
    parts = line.split()
    lo, hi = [int(x, 16) for x in parts[0].split('-')]
    perms = parts[1]
    name = parts[5] if len(parts) > 5 else ""
    if 'r' not in perms or name in ("[vvar]", "[vsyscall]", "[vvar_vclock]"):
        continue
    try:
        mem = inf.read_memory(lo, hi - lo).tobytes()
    except Exception as e:
        print("skip", hex(lo), name, e)
        continue
    fn = f"{SNAP}/{lo:x}.bin"
    open(fn, 'wb').write(mem)
    regions.append([lo, hi, perms, fn, name])
regs = {}
for r in ['rax','rbx','rcx','rdx','rsi','rdi','rbp','rsp','r8','r9','r10','r11','r12','r13','r14','r15','rip','eflags','fs_base','gs_base','mxcsr']:
    v = gdb.parse_and_eval(f"${r}")
    try:
        regs[r] = int(v) & 0xffffffffffffffff
    except Exception:
        regs[r] = int(v.cast(gdb.lookup_type('long'))) & 0xffffffffffffffff
ymm = []
for i in range(16):
    v = gdb.parse_and_eval(f"$ymm{i}")['v32_int8']
    ymm.append(bytes(int(v[j]) & 0xff for j in range(32)).hex())
regs['ymm'] = ymm
json.dump({'regions': regions, 'regs': regs}, open(f'{SNAP}/state.json', 'w'))
print("SNAPSHOT rip", hex(regs['rip']), "regions", len(regions))
gdb.execute("x/2i $pc")
gdb.execute("kill")
