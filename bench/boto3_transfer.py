#!/usr/bin/env python3
# The boto3 side of qtsigv4_bench_s3: one upload_file or download_file with s3transfer's
# defaults (8 MiB threshold and parts, 10 threads; botocore's default checksums) against the
# benchmark's local server. Prints one JSON line: {"seconds": ..., "max_rss_kib": ...}, where
# seconds covers the transfer only (not the interpreter's start or the imports).
#
#   boto3_transfer.py upload|download ENDPOINT BUCKET KEY FILE
import json
import resource
import sys
import time

import boto3
from botocore.config import Config


def main():
    op, endpoint, bucket, key, path = sys.argv[1:6]
    client = boto3.client(
        "s3", endpoint_url=endpoint, region_name="us-east-1",
        aws_access_key_id="AKIDBENCHLOCAL", aws_secret_access_key="bench/secret+key",
        config=Config(s3={"addressing_style": "path"}))
    start = time.perf_counter()
    if op == "upload":
        client.upload_file(path, bucket, key)
    elif op == "download":
        client.download_file(bucket, key, path)
    else:
        sys.exit("unknown operation " + op)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds,
                      "max_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))


if __name__ == "__main__":
    main()
