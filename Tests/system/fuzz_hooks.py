"""Schemathesis hooks for the contract fuzz: each POST gets a fresh Idempotency-Key, and no made-up cursor.

The API answers a reused key with another body by 422, by design (see openapi.yaml); schemathesis
would otherwise reuse one generated key across different bodies. A page cursor is sealed by the
server to the list and filters it came from (docs/decisions.md), so no generator can make a valid
one; generated queries leave it out. Nothing else is shaped: every check stays on.
"""
import uuid

import schemathesis
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation import GenerationMode


@schemathesis.hook
def map_headers(ctx, headers):
    if headers and "Idempotency-Key" in headers:
        headers["Idempotency-Key"] = uuid.uuid4().hex
    return headers


@schemathesis.hook
def map_case(ctx, case):
    """A query generated as valid loses its made-up cursor: `cursor` of a list, `after` of the change feed (every
    phase, the coverage phase included, runs this)."""
    meta = getattr(case, "_meta", None)
    component = meta.components.get(ParameterLocation.QUERY) if meta is not None else None
    positive = component is None or component.mode == GenerationMode.POSITIVE
    if positive and case.query and ("cursor" in case.query or "after" in case.query):
        case.query = {key: value for key, value in case.query.items() if key not in ("cursor", "after")}
    return case
