#!/usr/bin/env python3
"""Prints the benchmark table of scripts/bench from Google Benchmark JSON files:
each figure, the floor measured in the same run, the ratio and the target."""
import json
import sys

# name prefix -> (what, ratio counter, target text, check(ratio, ns_per_op, benchmark's JSON))
TARGETS = {
    "BM_SignS3GetRange_CachedKey": ("sign S3 GET + Range, cached key", "x_floor",
                                    "<= 1.5 x", lambda r, ns, b=None: r is not None and r <= 1.5),
    "BM_SignS3GetRange_DeriveKey": ("sign S3 GET + Range, derive key", "x_floor", "", None),
    "BM_SignDynamoDbPost200": ("sign DynamoDB POST, 200 B JSON", "x_floor", "<= 1.8 x",
                               lambda r, ns, b=None: r is not None and r <= 1.8),
    "BM_SignS3Put1MiB": ("sign S3 PUT 1 MiB incl. body hash", "x_hash_floor",
                         "<= 1.1 x hash floor", lambda r, ns, b=None: r <= 1.1),
    "BM_HashQFile": ("hash QFile body (AwsRequestBody)", "pct_evp",
                     ">= 90 % of EVP", lambda r, ns, b=None: r >= 90),
    "BM_HashQFileReadSize": ("hash QFile, read size", "pct_evp", "", None),
    "BM_CryptoSha256_1MiB_OpenSsl": ("crypto openssl: SHA-256, 1 MiB", None, "", None),
    "BM_CryptoSha256_1MiB_Qt": ("crypto qt: SHA-256, 1 MiB", "x_openssl", "", None),
    "BM_CryptoSignChain_OpenSsl": ("crypto openssl: signature, key derived", None, "", None),
    "BM_CryptoSignChain_Qt": ("crypto qt: signature, key derived", "x_openssl", "", None),
    "BM_CryptoSignChainCachedKey_OpenSsl": ("crypto openssl: signature, cached key", None, "", None),
    "BM_CryptoSignChainCachedKey_Qt": ("crypto qt: signature, cached key", "x_openssl", "", None),
    "BM_Floor_EvpSha256": ("floor: OpenSSL EVP SHA-256, 1 MiB", None, "", None),
    "BM_Floor_HmacChain": ("floor: HMAC chain with derivation", None, "", None),
    "BM_Floor_HmacChainCachedKey": ("floor: HMAC chain, cached key", None, "", None),
    "BM_NetworkSmallGet/direct:0": ("network: small GETs/s, signed (proxy reply) vs unsigned", "ratio_signed",
                                    ">= 0.95", lambda r, ns, b=None: r >= 0.95),
    "BM_NetworkSmallGet/direct:1": ("network: small GETs/s, signed (direct reply) vs unsigned", "ratio_signed",
                                    ">= 0.99 wall, >= 0.97 CPU",
                                    lambda r, ns, b=None: r >= 0.99 and b["ratio_signed_cpu"] >= 0.97),
    "BM_NetworkPutFile": ("network: QFile PUT, peak RSS growth", "rss_growth_MiB",
                          "<= 32 MiB", lambda r, ns, b=None: r <= 32),
    "BM_Network": ("network", None, "", None),
    "BM_S3UploadFile": ("S3: uploadFile vs boto3 upload_file", "ratio_boto3",
                        ">= 1.0 x boto3, <= 64 MiB RSS growth",
                        lambda r, ns, b=None: r >= 1.0 and b["rss_growth_MiB"] <= 64),
    "BM_S3DownloadFile": ("S3: downloadFile vs boto3 download_file", "ratio_boto3",
                          ">= 1.0 x boto3, <= 64 MiB RSS growth",
                          lambda r, ns, b=None: r >= 1.0 and b["rss_growth_MiB"] <= 64),
    "BM_CliLargeRequest/sign": ("CLI: sigv4 sign, large body, vs openssl dgst", "pct_openssl",
                                ">= 90 % of openssl, <= 64 MiB RSS", lambda r, ns, b=None: r >= 90 and b["rss_MiB"] <= 64),
    "BM_CliLargeRequest/verify": ("CLI: sigv4 verify, large body, vs openssl dgst", "pct_openssl",
                                  ">= 90 % of openssl, <= 64 MiB RSS", lambda r, ns, b=None: r >= 90 and b["rss_MiB"] <= 64),
}

UNIT_NS = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}


def human_time(ns):
    if ns < 1e3:
        return f"{ns:.0f} ns"
    if ns < 1e6:
        return f"{ns / 1e3:.2f} us"
    return f"{ns / 1e6:.2f} ms"


def main(paths):
    rows = []
    context = {}
    for path in paths:
        with open(path) as f:
            text = f.read()
        if not text.strip():
            continue  # a binary whose benchmarks the filter left out writes nothing
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            print(f"{path}: not a Google Benchmark JSON file ({e}); skipped", file=sys.stderr)
            continue
        context.update(data.get("context", {}))
        for b in data["benchmarks"]:
            if b.get("run_type") == "aggregate" or b.get("error_occurred"):
                continue
            name = b["name"]
            key = next((k for k in TARGETS if name == k or name.startswith(k + "/")), None)
            if key is None:
                key = next((k for k in TARGETS if name.startswith(k)), None)
            what, counter, target, check = TARGETS.get(key, (name, None, "", None))
            # Manual time (the CLI benchmark) is the children's CPU time; cpu_time is the parent's.
            time_key = "real_time" if name.endswith("/manual_time") else "cpu_time"
            ns = b[time_key] * UNIT_NS[b.get("time_unit", "ns")]
            speed = ""
            if "bytes_per_second" in b:
                speed = f"{b['bytes_per_second'] / 1e6:.0f} MB/s"
            for extra in ("req_per_s", "req_per_s_unsigned", "ratio_signed_cpu", "size_MiB", "MBps",
                          "MBps_boto3", "rss_growth_MiB", "boto3_rss_MiB", "pct_openssl_wall", "rss_MiB"):
                if extra in b and extra != counter:
                    speed += f" {extra}={b[extra]:.4g}"
            ratio = ""
            verdict = ""
            if counter and counter in b:
                r = b[counter]
                if counter.startswith("pct_"):
                    ratio = f"{r:.1f} %"
                elif counter.endswith("_MiB"):
                    ratio = f"{r:.1f} MiB"
                else:
                    ratio = f"{r:.2f} x"
                if check:
                    verdict = "ok" if check(r, ns, b) else "MISSED"
            elif check:
                verdict = "ok" if check(0, ns, b) else "MISSED"
            suffix = name[len(key):] if key and name != key else ""
            rows.append((what + suffix, human_time(ns), speed.strip(), ratio, target, verdict))

    headers = ("benchmark", "cpu/op", "throughput", "vs floor", "target", "")
    widths = [max(len(str(r[i])) for r in rows + [headers]) for i in range(len(headers))]
    line = "  ".join("{:<%d}" % w for w in widths)
    print(line.format(*headers))
    print(line.format(*("-" * w for w in widths)))
    for r in rows:
        print(line.format(*r))
    floors = {k: v for k, v in context.items() if k.startswith("floor_")}
    if floors:
        print()
        print("calibration: " + ", ".join(f"{k}={float(v):.1f}" for k, v in sorted(floors.items())))
    print(f"host: {context.get('num_cpus', '?')} CPUs @ {context.get('mhz_per_cpu', '?')} MHz, "
          f"load {', '.join(f'{x:.2f}' for x in context.get('load_avg', []))}, "
          f"libbenchmark built as {context.get('library_build_type', '?')}")


if __name__ == "__main__":
    main(sys.argv[1:])
