#!/usr/bin/env python3
# Prints botocore's canonical request for each request read from stdin (one JSON object a
# line: method, url, headers, service, time "YYYYmmddTHHMMSSZ", and headerList: [name, value]
# pairs added in order, names repeated at will), one JSON object a line.
# Exits 3 when botocore cannot be imported, so that the caller can skip.
import datetime
import json
import sys

try:
    from unittest import mock
    import botocore.auth
    from botocore.auth import S3SigV4Auth, SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
except ImportError as error:
    print(f"botocore is not importable: {error}", file=sys.stderr)
    sys.exit(3)

CREDENTIALS = Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")

for line in sys.stdin:
    item = json.loads(line)
    request = AWSRequest(item["method"], item["url"], headers=item.get("headers", {}))
    for name, value in item.get("headerList", []):
        request.headers[name] = value  # appends: HTTPHeaders keeps repeated fields
    signer_class = S3SigV4Auth if item["service"] == "s3" else SigV4Auth
    signer = signer_class(CREDENTIALS, item["service"], "us-east-1")
    when = datetime.datetime.strptime(item["time"], "%Y%m%dT%H%M%SZ")
    captured = []
    compute = signer.canonical_request
    signer.canonical_request = lambda r: captured.append(compute(r)) or captured[-1]
    with mock.patch.object(botocore.auth, "get_current_datetime", return_value=when):
        signer.add_auth(request)
    print(json.dumps({"canonical": captured[-1], "authorization": request.headers["Authorization"]}))
    sys.stdout.flush()
