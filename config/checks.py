"""Start-up checks that turn bad configuration into one clear sentence."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.db import DatabaseError, connections


def database_problem(alias: str = "default") -> str | None:
    """Say why the database cannot be used, or None when it answers."""
    connection = connections[alias]
    settings = connection.settings_dict
    where = (
        settings.get("NAME")
        if connection.vendor == "sqlite"
        else (f"{settings.get('HOST') or 'localhost'}:{settings.get('PORT') or 'default port'}/{settings.get('NAME')}")
    )
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        return f"the database at {where} (DATABASE_URL) cannot be reached: {reason}"
    finally:
        connection.close()
    return None


@register(Tags.caches, deploy=True)
def shared_cache_check(app_configs=None, **kwargs) -> list[Warning]:
    """Warn a deployment without a shared cache that rate limits and lockouts count in each process alone."""
    from content.sites import cache_is_shared

    if settings.DEBUG or cache_is_shared():
        return []
    return [
        Warning(
            "The cache is each web process's own memory (no REDIS_URL).",
            hint=(
                "Sessions are then database sessions and the site and page privacy are checked against the "
                "database, but allauth's sign-in rate limits and lockouts count in each process alone: with "
                "N processes a person gets N times the attempts. Set REDIS_URL, or run one web process and "
                "silence this with SILENCED_SYSTEM_CHECKS=govlearn.W001."
            ),
            id="govlearn.W001",
        )
    ]


@register("certificates", deploy=True)
def certificate_signing_check(app_configs=None, **kwargs) -> list[Warning]:
    """A deployment signs certificates with the service's own key, never a development one or none."""
    key, cert = settings.CERTIFICATE_SIGNING_KEY, settings.CERTIFICATE_SIGNING_CERT
    if not (key.is_file() and cert.is_file()):
        return [
            Warning(
                f"There is no key and certificate to sign certificate PDFs with ({key}, {cert}).",
                hint="Set CERTIFICATE_SIGNING_KEY and CERTIFICATE_SIGNING_CERT: until then no certificate is issued.",
                id="govlearn.W002",
            )
        ]
    if _is_development(cert):
        return [
            Warning(
                "Certificate PDFs are signed with the development key made by `make run`.",
                hint="Set CERTIFICATE_SIGNING_KEY and CERTIFICATE_SIGNING_CERT to the service's own key and "
                "certificate.",
                id="govlearn.W003",
            )
        ]
    return []


def _is_development(cert_path) -> bool:
    from cryptography import x509

    from certificates.devkey import DEVELOPMENT_NAME

    data = cert_path.read_bytes()
    try:
        load = x509.load_pem_x509_certificate if b"-----BEGIN" in data else x509.load_der_x509_certificate
        certificate = load(data)
    except ValueError:
        return False
    names = certificate.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return any(name.value == DEVELOPMENT_NAME for name in names)
