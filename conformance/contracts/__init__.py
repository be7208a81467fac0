"""Contracts: what each API's spec does not say (auth, error convention, safety, examples)."""

from conformance.contracts.loader import load_api, load_catalog, load_contract
from conformance.contracts.model import Api, Auth, Contract, ErrorConvention, OperationPolicy, Safety

__all__ = [
    "Api",
    "Auth",
    "Contract",
    "ErrorConvention",
    "OperationPolicy",
    "Safety",
    "load_api",
    "load_catalog",
    "load_contract",
]
