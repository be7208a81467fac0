"""Contracts: what each API's spec does not say (auth, error convention, safety, examples).

A contract is an overlay on defaults derived from the spec (:mod:`conformance.contracts.defaults`).
"""

from conformance.contracts.conventions import NOT_REJECTIONS, ErrorConvention
from conformance.contracts.defaults import DEFAULT_AUTH_ENV, derive_contract
from conformance.contracts.loader import bind, load_api, load_catalog, load_contract
from conformance.contracts.model import Api, Auth, Contract, Credentials, OperationPolicy, Safety

__all__ = [
    "DEFAULT_AUTH_ENV",
    "NOT_REJECTIONS",
    "Api",
    "Auth",
    "Contract",
    "Credentials",
    "ErrorConvention",
    "OperationPolicy",
    "Safety",
    "bind",
    "derive_contract",
    "load_api",
    "load_catalog",
    "load_contract",
]
