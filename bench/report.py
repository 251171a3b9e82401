"""The benchmark's report: its tables in Markdown, and a « Checks » list that says, target by
target, `ok` or `BELOW TARGET`."""

import json

# Served from the page cache, against the ceiling, at 1× and 10× (100× is reported only).
CACHED_TARGET, CACHED_TARGET_SCALES = 0.7, (1, 10)
STREAM_TARGET = 0.9  # the agenda during the sign-up stream, against its idle throughput
FIRST_VISIT_BUDGET_KB = 45
SILENT_MAIL_P99_MS = 1000  # a sign-up while the mail server accepts and never answers
ENCODINGS = ("gzip", "identity")


def ratio(page, encoding, mode="cached"):
    ceiling = page[encoding]["ceiling"]["rps"]
    run = page[encoding][mode] if mode == "cached" else page[mode]
    return round(run["rps"] / ceiling, 2) if ceiling else 0


def pages_table(results):
    lines = [
        "| scale | page | queries | render ms | KB | gzip: ceiling req/s | gzip: cached req/s "
        "(ratio), p50/p99 ms | identity: ceiling req/s | identity: cached req/s (ratio) "
        "| rendered req/s (ratio) |",
        "|" + "---|" * 10,
    ]
    for scale, pages in results["scales"].items():
        for name, page in pages.items():
            gz, plain, rendered = page["gzip"], page["identity"], page["rendered"]
            lines.append(
                f"| {scale}× | {name} | {page['queries']} | {page['render_ms']} | "
                f"{page['bytes'] / 1024:.1f} | {gz['ceiling']['rps']:.0f} | "
                f"{gz['cached']['rps']:.0f} ({ratio(page, 'gzip')}), "
                f"{gz['cached']['p50']}/{gz['cached']['p99']} | "
                f"{plain['ceiling']['rps']:.0f} | "
                f"{plain['cached']['rps']:.0f} ({ratio(page, 'identity')}) | "
                f"{rendered['rps']:.0f} ({ratio(page, 'identity', 'rendered')}) |"
            )
    return lines


def stream_table(stream, rate):
    if not stream:
        return []

    def row(label, run):
        return f"| {label} | {run['rps']:.0f} | {run['p50']}/{run['p99']} |"

    return [
        "",
        f"## The agenda while sign-ups arrive ({rate:g} per second, 1×)",
        "",
        "| | req/s | p50/p99 ms |",
        "|---|---|---|",
        row("idle (before and after)", stream["idle"]),
        row("during sign-ups", stream["during_signups"]),
        "",
        f"Ratio {stream['ratio']}; {stream['signups']} sign-ups "
        f"({stream['signups_per_second']} per second), statuses {stream['statuses']}.",
    ]


def report(results, settings):
    lines = [
        f"# Benchmark {results['date']} on {results['machine']}",
        "",
        settings,
        "",
        *pages_table(results),
        *stream_table(results.get("stream"), results.get("stream_rate", 0)),
    ]
    if results.get("first_visit"):
        lines += ["", f"First visit to the agenda: {results['first_visit']['kb']} KB on the wire."]
    lines += ["", "## Checks", ""] + [f"- {check}" for check in results["checks"]]
    if results.get("burst"):
        burst = json.dumps(results["burst"], indent=1)
        lines += ["", "## Sign-up burst (PostgreSQL)", "", "```", burst, "```"]
    lines += silent_mail_table(results.get("silent_mail"))
    return "\n".join(lines) + "\n"


def silent_mail_table(silent):
    if not silent:
        return []
    worker = "running beside it" if silent["worker_running"] else "NOT RUNNING"
    return [
        "",
        "## Sign-ups while the mail server is silent (accepts, never answers)",
        "",
        "| sign-ups | p50 ms | p99 ms | max ms | statuses |",
        "|---|---|---|---|---|",
        f"| {silent['signups']} | {silent['p50_ms']} | {silent['p99_ms']} | "
        f"{silent['max_ms']} | {silent['statuses']} |",
        "",
        f"SMTP backend with EMAIL_TIMEOUT 10 s; the email worker {worker}. Emails queued: "
        f"{silent['emails']}, sent: {silent['sent']} (the server never answers).",
    ]


def verdict(ok):
    return "ok" if ok else "BELOW TARGET"


def cached_checks(results):
    found = []
    for scale, pages in results["scales"].items():
        for name, page in pages.items():
            for encoding in ENCODINGS:
                value = ratio(page, encoding)
                target = "no target"
                if scale in CACHED_TARGET_SCALES:
                    target = f"target {CACHED_TARGET}) {verdict(value >= CACHED_TARGET)}"
                found.append(f"{scale}× {name} cached, {encoding}: {value}× the ceiling ({target}")
    return [line if line.endswith(("ok", "TARGET")) else line + ")" for line in found]


def checks(results):
    found = cached_checks(results)
    if results.get("stream"):
        value = results["stream"]["ratio"]
        found.append(
            f"agenda during {results['stream_rate']:g} sign-ups/s: {value}× its idle "
            f"throughput (target {STREAM_TARGET}) {verdict(value >= STREAM_TARGET)}"
        )
    if results.get("first_visit"):
        kb = results["first_visit"]["kb"]
        found.append(
            f"first visit to the agenda: {kb} KB on the wire "
            f"(target under {FIRST_VISIT_BUDGET_KB} KB) {verdict(kb < FIRST_VISIT_BUDGET_KB)}"
        )
    if results.get("silent_mail"):
        silent = results["silent_mail"]
        # A fast answer counts only if it is the sign-up's redirect, not an error page.
        ok = silent["p99_ms"] < SILENT_MAIL_P99_MS and silent["statuses"] == {
            "302": silent["signups"]
        }
        found.append(
            f"sign-up while the mail server is silent: p99 {silent['p99_ms']} ms, statuses "
            f"{silent['statuses']} (target under 1 s, all 302) {verdict(ok)}"
        )
    for name in next(iter(results["scales"].values())):
        counts = {scale: pages[name]["queries"] for scale, pages in results["scales"].items()}
        same = len(set(counts.values())) == 1
        found.append(f"{name}: SQL queries per scale {counts} {'ok' if same else 'DIFFER'}")
    return found
