"""Schemathesis hooks for the contract fuzz: each POST gets a fresh Idempotency-Key, no made-up cursor, and each
valid DELETE a record that exists.

The API answers a reused key with another body by 422, by design (see openapi.yaml); schemathesis
would otherwise reuse one generated key across different bodies. A page cursor is sealed by the
server to the list and filters it came from (docs/decisions.md), so no generator can make a valid
one; generated queries leave it out. A delete removes its record for good, so each valid one gets a record made
for it (fuzz_world.fresh, on the server at FUZZ_URL). Nothing else is shaped: every check stays on.
"""
import os
import uuid

import schemathesis
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation import GenerationMode

from fuzz_world import DELETED, fresh


@schemathesis.hook
def map_headers(ctx, headers):
    if headers and "Idempotency-Key" in headers:
        headers["Idempotency-Key"] = uuid.uuid4().hex
    return headers


@schemathesis.hook
def map_case(ctx, case):
    """A query generated as valid loses its made-up cursor: `cursor` of a list, `after` of the change feed; a valid
    delete gets a record to remove (every phase, the coverage phase included, runs this)."""
    if positive(case, ParameterLocation.QUERY) and case.query and ("cursor" in case.query or "after" in case.query):
        case.query = {key: value for key, value in case.query.items() if key not in ("cursor", "after")}
    if case.operation.label in DELETED and positive(case, ParameterLocation.PATH) and "FUZZ_URL" in os.environ:
        case.path_parameters = {**case.path_parameters, "id": fresh(os.environ["FUZZ_URL"], case.operation.label)}
    return case


def positive(case, location):
    """Whether the case's `location` was generated as valid."""
    meta = getattr(case, "_meta", None)
    component = meta.components.get(location) if meta is not None else None
    return component is None or component.mode == GenerationMode.POSITIVE
