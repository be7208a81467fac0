"""A whole contract derived from the spec alone: what a contract file does not say.

The rules are data: :data:`SAFE_METHODS` for safety, :data:`SCHEME_KINDS` for security
schemes, :attr:`ErrorConvention.ALL` for error conventions.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urljoin, urlsplit

from conformance.contracts.conventions import ErrorConvention
from conformance.contracts.model import DEFAULT_AUTH_ENV, Auth, Contract, OperationPolicy, Safety
from conformance.contracts.sources import public_url
from conformance.specs import ApiSpec, Operation, Parameter
from conformance.specs.resolver import Resolver

__all__ = [
    "DEFAULT_AUTH_ENV",
    "SAFE_METHODS",
    "derive_auth",
    "derive_base_url",
    "derive_contract",
    "derive_error_convention",
    "derive_path_parameters",
    "derive_policy",
]

# Methods that only read (RFC 9110 "safe"): run by default against a live API.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# (type, http scheme or apiKey location) of a security scheme -> our Auth scheme.
SCHEME_KINDS: Mapping[tuple[str, str], str] = {
    ("http", "bearer"): "bearer",
    ("http", "basic"): "basic",
    ("oauth2", ""): "bearer",
    ("openidconnect", ""): "bearer",
    ("apikey", "header"): "header",
    ("apikey", "query"): "query",
    ("apikey", "cookie"): "cookie",
}


def derive_contract(spec: ApiSpec, *, auth_env: str = DEFAULT_AUTH_ENV, source_url: str | None = None) -> Contract:
    """Every value of a contract for ``spec``; ``source_url`` is where the spec was read from, if a URL."""
    return Contract(
        api=spec.name,
        title=str(spec.document.get("info", {}).get("title") or spec.name),
        source=None,
        spec_path=spec.source,
        base_url=derive_base_url(spec.document, source_url),
        auth=derive_auth(spec.document, auth_env),
        error_convention=derive_error_convention(spec),
        operations={operation.operation_id: derive_policy(operation) for operation in spec.operations},
        path_parameters=derive_path_parameters(spec),
    )


def derive_policy(operation: Operation) -> OperationPolicy:
    safety = Safety.SAFE if operation.method in SAFE_METHODS else Safety.UNSAFE
    return OperationPolicy(safety, run_by_default=safety is Safety.SAFE)


def derive_auth(document: Mapping[str, Any], env: str = DEFAULT_AUTH_ENV) -> Auth:
    """The first supported scheme the spec requires (top level first, then per operation); else none."""
    schemes = document.get("components", {}).get("securitySchemes", {})
    resolver = Resolver(document)
    for name in _required_schemes(document):
        if name in schemes:
            auth = _auth(resolver.resolve(schemes[name]), env)
            if auth is not None:
                return auth
    return Auth(scheme="none", env=env)


def _required_schemes(document: Mapping[str, Any]) -> Iterator[str]:
    requirements = list(document.get("security", []))
    for item in document.get("paths", {}).values():
        for operation in item.values():
            if isinstance(operation, Mapping):
                requirements.extend(operation.get("security", []))
    for requirement in requirements:
        yield from requirement


def _auth(scheme: Mapping[str, Any], env: str) -> Auth | None:
    kind = str(scheme.get("type", "")).lower()
    detail = str(scheme.get("scheme", "")).lower() if kind == "http" else str(scheme.get("in", "")).lower()
    ours = SCHEME_KINDS.get((kind, "" if kind in ("oauth2", "openidconnect") else detail))
    if ours is None:
        return None
    if ours == "header":
        return Auth(scheme=ours, env=env, header=str(scheme["name"]))
    if ours in ("query", "cookie"):
        return Auth(scheme=ours, env=env, parameter=str(scheme["name"]))
    return Auth(scheme=ours, env=env)


def derive_error_convention(spec: ApiSpec) -> ErrorConvention:
    """The first convention whose rejection some operation documents; else unknown."""
    for convention in ErrorConvention.ALL:
        schemas = _rejection_schemas(spec, convention.rejection_status)
        if any(convention.documented_by(spec.document, schema) for schema in schemas):
            return convention
    return ErrorConvention.UNKNOWN


def _rejection_schemas(spec: ApiSpec, status: int) -> Iterator[Mapping[str, Any]]:
    resolver = Resolver(spec.document)
    for operation in spec.operations:
        response = operation.responses.get(str(status))
        if response is None:
            continue
        response = resolver.resolve(response)
        for media_type, body in (response.get("content") or {}).items():
            if "json" in media_type and "schema" in body:
                yield body["schema"]


def derive_base_url(document: Mapping[str, Any], source_url: str | None = None) -> str | None:
    """Where the API is.

    For a spec read from a URL: that URL's own origin, plus the path of ``servers[0].url`` (a
    relative one resolved against the spec's URL, as OpenAPI says), so ``--spec`` of a staging
    server's spec tests that staging server, whatever host its spec names. Otherwise an absolute
    ``servers[0].url``, or None. Never a user, password or query: they are not written down.
    """
    servers = document.get("servers")
    first = servers[0] if isinstance(servers, list) and servers and isinstance(servers[0], Mapping) else {}
    variables = first.get("variables")
    url = _with_defaults(str(first.get("url", "")), variables if isinstance(variables, Mapping) else {})
    absolute = urlsplit(url).scheme in ("http", "https")
    if source_url is not None:
        source = urlsplit(public_url(source_url))
        path = urlsplit(url).path if absolute else urlsplit(urljoin(source.geturl(), url or ".")).path
        return f"{source.scheme}://{source.netloc}{path}".rstrip("/")
    return public_url(url).rstrip("/") if absolute else None


def _with_defaults(url: str, variables: Mapping[str, Any]) -> str:
    for name, variable in variables.items():
        default = variable.get("default", "") if isinstance(variable, Mapping) else ""
        url = url.replace(f"{{{name}}}", str(default))
    return url


def derive_path_parameters(spec: ApiSpec) -> dict[str, str]:
    """An example value for each path parameter the spec gives one for (example, examples, enum)."""
    found: dict[str, str] = {}
    resolver = Resolver(spec.document)
    for operation in spec.operations:
        for parameter in operation.parameters:
            if parameter.location == "path" and parameter.name not in found:
                example = _example(resolver, parameter)
                if example is not None:
                    found[parameter.name] = example
    return dict(sorted(found.items()))


def _example(resolver: Resolver, parameter: Parameter) -> str | None:
    written = resolver.lookup(parameter.definition_pointer)
    schema = resolver.resolve(parameter.schema)
    named = [resolver.resolve(example).get("value") for example in written.get("examples", {}).values()]
    listed: list[Any] = schema["examples"] if isinstance(schema.get("examples"), list) else []
    for value in (written.get("example"), *named, schema.get("example"), *listed, *schema.get("enum", [])):
        if isinstance(value, bool):
            return str(value).lower()
        if isinstance(value, str | int | float) and str(value):
            return str(value)
    return None
