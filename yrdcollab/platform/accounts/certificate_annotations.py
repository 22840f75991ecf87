"""What other apps add to a certificate check (执法证核验), without accounts importing them: an app
registers a provider in its AppConfig.ready(); the check asks every provider about the holder.
Operations registers the holder's cross-region inspection authorizations in force today."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class CertificateAnnotation:
    kind: str  # e.g. "inspection_authorization"
    title: str  # e.g. 异地执法检查授权
    number: str
    issuer: str  # the granting agency
    scope: str  # matters and area, in words
    valid_from: date
    valid_to: date


Provider = Callable[..., list[CertificateAnnotation]]
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    """provider(holder=User, on=date) -> list of CertificateAnnotation. Registering twice is a no-op."""
    if provider not in _providers:
        _providers.append(provider)


def annotations_for(holder, on: date) -> tuple[CertificateAnnotation, ...]:
    return tuple(item for provider in _providers for item in provider(holder=holder, on=on))
