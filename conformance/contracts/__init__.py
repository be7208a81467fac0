"""Contracts: what each API's spec does not say (auth, error convention, safety, examples).

A contract is an overlay on defaults derived from the spec (:mod:`conformance.contracts.defaults`).
"""

from typing import TYPE_CHECKING

from conformance._lazy import lazy_exports

if TYPE_CHECKING:
    from conformance.contracts.conventions import NOT_REJECTIONS, ErrorConvention
    from conformance.contracts.defaults import derive_contract
    from conformance.contracts.loader import bind, load_api, load_catalog, load_contract
    from conformance.contracts.model import DEFAULT_AUTH_ENV, Api, Auth, Contract, Credentials, OperationPolicy, Safety

__getattr__ = lazy_exports(__name__, __file__)

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
