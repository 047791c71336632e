"""Prints the benchmark table: each peer's figures and vnsearch's ratio to them."""
import json
import sys

rows = {}
for line in open(sys.argv[1]):
    entry = json.loads(line)
    rows.setdefault(entry.pop("peer"), {}).update(entry)

def mbps(r):
    return r["bytes"] / r["index_s"] / 1e6 if "index_s" in r else None

def fmt(value, unit=""):
    return "–" if value is None else f"{value:.2f}{unit}"

ours = rows.get("vnsearch", {})
print()
print(f"{'engine':<10} {'index MB/s':>11} {'size MB':>8} {'compact MB':>10} {'peak RSS MB':>11} {'p50 ms':>7} {'p90 ms':>7} {'p99 ms':>7}")
for name, r in rows.items():
    print(f"{name:<10} {fmt(mbps(r)):>11} {r.get('size_mb', '–'):>8} {r.get('compact_mb', '–'):>10} "
          f"{fmt(r['rss_kb'] / 1024 if 'rss_kb' in r else None):>11} {fmt(r.get('p50')):>7} {fmt(r.get('p90')):>7} {fmt(r.get('p99')):>7}")
if "cold_cli_ms" in ours:
    print(f"\nvnsearch cold CLI search (open + search + print), median of 9: {ours['cold_cli_ms']:.1f} ms")
if "http_rps" in ours:
    print(f"\nvnsearch HTTP GET /search, wrk 32 connections: {ours['http_rps']:.0f} req/s, p50 {fmt(ours['http_p50_ms'])} ms, "
          f"p99 {fmt(ours['http_p99_ms'])} ms, errors {ours['http_errors']}, server alive after: {ours['http_alive_after']}")
    print(f"  in-process search --batch (one thread) in the same run: {ours['batch_qps']:.0f} queries/s; "
          f"HTTP / in-process = {ours['http_rps'] / ours['batch_qps']:.2f}x")
print("\nratios, vnsearch / peer (index speed: higher is better; size and latency: lower is better)")
for name, r in rows.items():
    if name == "vnsearch":
        continue
    def ratio(a, b):
        return f"{a / b:.2f}x" if a is not None and b else "–"
    size = ours.get("compact_mb", ours.get("size_mb"))
    print(f"  vs {name:<8} index speed {ratio(mbps(ours), mbps(r))}  size {ratio(size, r.get('size_mb'))}  "
          f"p50 {ratio(ours.get('p50'), r.get('p50'))}  p99 {ratio(ours.get('p99'), r.get('p99'))}")
