#!/usr/bin/env bash
# Whole-process speed and memory, the way users run gwlint. Builds the
# corpus of shared/research/perf-anchors.md §2 (the five seeds concatenated
# cyclically, cut at line ends into 1,000 files of 20–40 KB, ~30.7 MB) in a
# temporary directory, then times gwlint with hyperfine (apt-get install
# hyperfine) and measures peak memory with /usr/bin/time.
#
#   bash scripts/bench.sh            # needs ../shared/seeds beside the checkout
#
# Per-rule throughput, in process: cargo bench --bench lint -- DIR
#
# Also times drafts written on one line (a 4 MB and a 16 MB line: the seeds
# with their line breaks removed) in every output format: every pass must
# be linear in the length of a line.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$repo/../shared/seeds" "$work" <<'PY'
import glob, os, random, sys
seeds = [open(p, 'rb').read() for p in sorted(glob.glob(os.path.join(sys.argv[1], '*.txt')))]
out = sys.argv[2]
os.makedirs(f'{out}/files'); os.makedirs(f'{out}/one')
stream, pos, rng = b''.join(seeds), 0, random.Random(20240601)
for i in range(1000):
    n = rng.randint(20000, 40000)
    while len(stream) - pos < n + 2000:
        stream += b''.join(seeds)
    cut = stream.index(b'\n', pos + n) + 1
    chunk, pos = stream[pos:cut], cut
    open(f'{out}/files/doc_{i:04d}.txt', 'wb').write(chunk)
    if i == 0:
        open(f'{out}/one/doc_0000.txt', 'wb').write(chunk)
# One-line drafts: the seeds without line breaks, repeated to 4 MB and 16 MB.
flat = b''.join(seeds).replace(b'\r', b'').replace(b'\n', b'')
for size, name in ((4_000_000, 'line-4mb.txt'), (16_000_000, 'line-16mb.txt')):
    data = (flat * (size // len(flat) + 1))[:size]
    open(f'{out}/{name}', 'wb').write(data.decode('utf-8', 'ignore').encode())
PY
(cd "$repo" && cargo build --release --quiet)
bin="$repo/target/release/gwlint"
echo "corpus: $(du -sb "$work/files" | cut -f1) bytes in $(ls "$work/files" | wc -l) files"
hyperfine -N -i -w 3 -r 30 "$bin check --format json $work/one/doc_0000.txt"
hyperfine -N -i -w 2 -r 15 "$bin check --format json $work/files"
/usr/bin/time -f "peak RSS, 30 MB directory: %M KiB" "$bin" check --format json "$work/files" > /dev/null 2> "$work/time" || true
tail -1 "$work/time"
for f in line-4mb line-16mb; do
  for format in human short json sarif github gitlab junit; do
    /usr/bin/time -f "$f.txt --format $format: %e s, peak RSS %M KiB" \
      "$bin" check --format "$format" "$work/$f.txt" > /dev/null 2> "$work/time" || true
    tail -1 "$work/time"
  done
done
