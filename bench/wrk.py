"""Run wrk against one URL on 127.0.0.1 and read its figures."""

import re
import subprocess

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def milliseconds(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return round(float(value) * UNITS[unit], 2)


def parse(output):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    percentiles = dict(re.findall(r"^\s+(50|99)\.?0*%\s+(\S+)\s*$", output, re.M))
    if "99" not in percentiles:
        # Not a single answer within the run (pages far too slow at this size): say so.
        return {"rps": rps, "p50": None, "p99": None, "non_2xx": 0}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": rps,
        "p50": milliseconds(percentiles["50"]),
        "p99": milliseconds(percentiles["99"]),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def wrk(url, *, duration="3s", connections="16", threads="2", gzip=False):
    """`gzip`: ask for compressed answers, as every browser does (wrk asks for none)."""
    assert url.startswith("http://127.0.0.1:"), "loads stay on this machine"
    command = ["wrk", "--latency", "-t", threads, "-c", connections, "-d", duration, url]
    if gzip:
        command += ["-H", "Accept-Encoding: gzip, deflate, br"]
    output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=120)
    return parse(output.stdout)
