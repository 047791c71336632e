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
scale = rows.pop("vnsearch-scale", {})
questions = rows.pop("questions", {}).get("questions_latency")
print()
print(f"{'engine':<10} {'index MB/s':>11} {'size MB':>8} {'compact MB':>10} {'peak RSS MB':>11} {'p50 ms':>7} {'p90 ms':>7} {'p99 ms':>7}")
for name, r in rows.items():
    print(f"{name:<10} {fmt(mbps(r)):>11} {r.get('size_mb', '–'):>8} {r.get('compact_mb', '–'):>10} "
          f"{fmt(r['rss_kb'] / 1024 if 'rss_kb' in r else None):>11} {fmt(r.get('p50')):>7} {fmt(r.get('p90')):>7} {fmt(r.get('p99')):>7}")
if "query_rounds" in ours:
    print(f"(latency: the median of {ours['query_rounds']} rounds of the queries, the engines queried in turn)")
if "cold_cli_ms" in ours:
    print(f"\nvnsearch cold CLI search (open + search + print), median of 9: {ours['cold_cli_ms']:.1f} ms")
if "http_rps" in ours:
    print(f"\nvnsearch HTTP GET /search, wrk 32 connections: {ours['http_rps']:.0f} req/s, p50 {fmt(ours['http_p50_ms'])} ms, "
          f"p99 {fmt(ours['http_p99_ms'])} ms, errors {ours['http_errors']}, server alive after: {ours['http_alive_after']}")
    print(f"  in-process search --batch (one search at a time) in the same run: {ours['batch_qps']:.0f} queries/s; "
          f"HTTP / in-process = {ours['http_rps'] / ours['batch_qps']:.2f}x")
    if "one_core_qps" in ours:
        print(f"  the same held to one core (taskset): {ours['one_core_qps']:.0f} queries/s; "
              f"HTTP / in-process on one core = {ours['http_rps'] / ours['one_core_qps']:.2f}x (the HTTP issue's target: 1.2x)")
print("\nratios, vnsearch / peer (index speed: higher is better; size and latency: lower is better)")
for name, r in rows.items():
    if name == "vnsearch":
        continue
    def ratio(a, b):
        return f"{a / b:.2f}x" if a is not None and b else "–"
    size = ours.get("compact_mb", ours.get("size_mb"))
    compacted = f" ({ratio(size, r['compact_mb'])} of its compacted)" if "compact_mb" in r else ""
    print(f"  vs {name:<8} index speed {ratio(mbps(ours), mbps(r))}  size {ratio(size, r.get('size_mb'))}{compacted}  "
          f"p50 {ratio(ours.get('p50'), r.get('p50'))}  p99 {ratio(ours.get('p99'), r.get('p99'))}")

if "shards_index_s" in ours:
    q = ours["shards_queries"]
    print(f"\nvnsearch --shards {ours['shards']} (shards written in parallel) on the same corpus: "
          f"index {ours['bytes'] / ours['shards_index_s'] / 1e6:.2f} MB/s ({ours['index_s'] / ours['shards_index_s']:.2f}x one database), "
          f"{ours['shards_size_mb']} MB, peak RSS {ours['shards_rss_kb'] / 1024:.0f} MB, p50 {q['p50']:.2f} ms, p99 {q['p99']:.2f} ms")
if "lean_index_s" in ours:
    q = ours["lean_queries"]
    xapian = rows.get("xapian", {})
    versus = (f"; vs xapian: index speed {ours['bytes'] / ours['lean_index_s'] / 1e6 / mbps(xapian):.2f}x, "
              f"size {ours['lean_size_mb'] / xapian['size_mb']:.2f}x"
              + (f" ({ours['lean_size_mb'] / xapian['compact_mb']:.2f}x of its compacted)" if "compact_mb" in xapian else "")
              ) if "index_s" in xapian else ""
    print(f"\nvnsearch --lean (no termlist) on the same corpus: "
          f"index {ours['bytes'] / ours['lean_index_s'] / 1e6:.2f} MB/s ({ours['index_s'] / ours['lean_index_s']:.2f}x the default), "
          f"{ours['lean_size_mb']} MB, peak RSS {ours['lean_rss_kb'] / 1024:.0f} MB, p50 {q['p50']:.2f} ms, p99 {q['p99']:.2f} ms{versus}")
if scale:
    print("\ngrowth: the corpus k times over (new ids), vnsearch from scratch")
    print(f"{'scale':<6} {'MB':>6} {'index s':>8} {'MB/s':>6} {'size MB':>8} {'RSS MB':>7} {'p50 ms':>7} {'p99 ms':>7}")
    points = [("1x", ours)] + [(f"{k.split('_')[1]}x", v) for k, v in sorted(scale.items(), key=lambda kv: int(kv[0].split("_")[1]))]
    for name, r in points:
        if "index_s" not in r:
            continue
        q = r["queries"] if isinstance(r.get("queries"), dict) else r
        print(f"{name:<6} {r['bytes'] / 1e6:>6.0f} {r['index_s']:>8.1f} {r['bytes'] / r['index_s'] / 1e6:>6.2f} {r['size_mb']:>8} "
              f"{r['rss_kb'] / 1024:>7.0f} {q['p50']:>7.2f} {q['p99']:>7.2f}")
if questions:
    v, x = questions["vnsearch"], questions["xapian_or"]
    print(f"\nquestions of 8-15 syllables ({questions['questions']}): vnsearch p50 {v['p50']:.2f} / p99 {v['p99']:.2f} ms, "
          f"Xapian OR with snippets p50 {x['p50']:.2f} / p99 {x['p99']:.2f} ms (p99 ratio {v['p99'] / x['p99']:.2f}x)")
