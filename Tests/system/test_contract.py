"""openapi.yaml is valid, served as-is, and names exactly the routes the server has."""
import re
import subprocess
from pathlib import Path

import yaml
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

from conftest import BINARY, ROOT

METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}


def spec_routes():
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    return {f"{method.upper()} {path}" for path, item in spec["paths"].items() for method in item if method in METHODS}


def server_routes():
    output = subprocess.run([BINARY, "routes"], capture_output=True, text=True, check=True, timeout=30).stdout
    return {line.strip() for line in output.splitlines() if line.strip()}


def test_openapi_document_is_valid():
    spec, _ = read_from_filename(str(ROOT / "openapi.yaml"))
    validate(spec)


def test_every_route_is_in_the_contract_and_every_operation_is_served():
    served, documented = server_routes(), spec_routes()
    assert served - documented == set(), "routes missing from openapi.yaml"
    assert documented - served == set(), "operations in openapi.yaml that the server lacks"
    assert len(served) >= 18


def test_the_served_contract_is_the_file(server):
    assert server.get("/openapi.yaml").text == (ROOT / "openapi.yaml").read_text()


def test_every_operation_documents_its_error_responses():
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method not in METHODS or not path.startswith("/v1/"):
                continue
            codes = set(operation["responses"])
            if operation.get("security") == [{"bearerAuth": []}]:
                assert "401" in codes, f"{method} {path} lacks 401"
            if "{id}" in path:
                assert "404" in codes, f"{method} {path} lacks 404"
            # JSON bodies are parsed and checked; the one form body (RFC 8058 one-click unsubscribe) is not read
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" in content or "application/merge-patch+json" in content:
                assert {"400", "413", "415", "422"} <= codes, f"{method} {path} lacks body error codes"


def has_pointer(spec, schema, segments):
    """Whether the JSON pointer `segments` names a property (or an item) the schema declares."""
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].split("/")[-1]]
    if not segments:
        return True
    head, rest = segments[0], segments[1:]
    if head.isdigit():
        return "items" in schema and has_pointer(spec, schema["items"], rest)
    parts = [schema] + schema.get("allOf", [])
    return any(head in part.get("properties", {}) and has_pointer(spec, part["properties"][head], rest)
               for part in parts if "$ref" not in part) or \
        any(has_pointer(spec, part, segments) for part in schema.get("allOf", []) if "$ref" in part)


def test_links_lead_from_each_creating_operation_to_every_operation_on_what_it_made():
    # Given every operation of the contract, with the path parameters it takes
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    operations = {}
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                operations[operation["operationId"]] = (method, path, operation)
    # Then each link names a real operation and fills exactly its path parameters from the source's request or response
    linked = set()
    for source, (method, path, operation) in operations.items():
        for status, response in operation["responses"].items():
            for name, link in response.get("links", {}).items():
                assert link["operationId"] in operations, f"{source} {status} links {name} to nothing"
                _, target_path, _ = operations[link["operationId"]]
                needed = set(re.findall(r"{(\w+)}", target_path))
                assert set(link["parameters"]) == needed, f"{source} {status} {name}: {sorted(link['parameters'])} for {target_path}"
                for expression in link["parameters"].values():
                    assert re.fullmatch(r"\$(response\.body#/[\w/]+|request\.path\.\w+|request\.body#/\w+)", expression), expression
                    if expression.startswith("$request.path."):
                        assert "{" + expression.split(".")[-1] + "}" in path, f"{source} has no {expression}"
                    else:
                        body = response if expression.startswith("$response") else operation["requestBody"]
                        schema = body["content"]["application/json"]["schema"]
                        assert has_pointer(spec, schema, expression.split("#/")[1].split("/")), f"{source} {status} {name}: {expression}"
                linked.add(link["operationId"])
    # And every operation on one record is reachable from the operation that makes it, but the feedback form: its token
    # goes only to the attendee, by mail
    unreachable = {op for op, (_, path, _) in operations.items() if "{" in path and not path.startswith("/problems/")} - linked
    assert unreachable == {"getFeedbackForm", "answerFeedbackForm"}, sorted(unreachable)


def test_every_documented_problem_type_is_described_by_the_server(server):
    # Given the problem types the contract lists
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    documented = spec["components"]["schemas"]["ProblemTypeURI"]["enum"]
    # Then the binary serves exactly those, each at /problems/<name>
    served = server.get("/problems").json()["data"]
    assert [entry["type"] for entry in served] == documented
    for uri in documented:
        entry = server.get("/problems/" + uri.rsplit(":", 1)[1])
        assert entry.status_code == 200 and entry.json()["type"] == uri and entry.json()["description"]
    # And a problem the binary sends names a listed type and a code per field
    refused = server.post("/v1/stakeholders", json={"name": "", "kind": "pirate"})
    assert refused.status_code == 422 and refused.json()["type"] in documented
    assert {(e["field"], e["code"]) for e in refused.json()["errors"]} >= {("name", "required"), ("kind", "invalid_choice")}


def test_the_subscribable_types_are_every_type_but_the_test():
    # Spelled out for generators (no allOf/not), so kept equal to the full list here
    schemas = yaml.safe_load((ROOT / "openapi.yaml").read_text())["components"]["schemas"]
    every = schemas["WebhookEventType"]["enum"]
    assert "webhook.test" in every
    assert schemas["WebhookSubscribableEventType"]["enum"] == [t for t in every if t != "webhook.test"]


def test_compose_file_validates():
    result = subprocess.run(["docker-compose", "-f", str(ROOT / "docker-compose.yml"), "config", "-q"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_dockerfile_uses_the_makefile_build_command():
    # No Docker engine runs here: this checks the image is built the way `make run` builds.
    dockerfile = (ROOT / "Dockerfile").read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert "swift build -c release --product engage" in dockerfile
    assert "$(SWIFT) build -c release --product engage" in makefile
    assert "HEALTHCHECK" in dockerfile and "/healthz" in dockerfile
