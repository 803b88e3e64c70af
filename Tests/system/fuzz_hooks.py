"""Schemathesis hooks for the contract fuzz: each POST gets a fresh Idempotency-Key.

The API answers a reused key with another body by 422, by design (see openapi.yaml); schemathesis
would otherwise reuse one generated key across different bodies. Nothing else is shaped: every
check stays on.
"""
import uuid

import schemathesis


@schemathesis.hook
def map_headers(ctx, headers):
    if headers and "Idempotency-Key" in headers:
        headers["Idempotency-Key"] = uuid.uuid4().hex
    return headers
