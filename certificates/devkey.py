"""A development key pair for signing certificates, made by `make run` (and the tests) when none exists.

It is self-signed and says in its name that it is for development. A real deployment sets
CERTIFICATE_SIGNING_KEY and CERTIFICATE_SIGNING_CERT to the service's own key and certificate.
Only `cryptography` is used here, so the test environment can call it before Django starts.
"""

from __future__ import annotations

import datetime
from pathlib import Path

DEVELOPMENT_NAME = "govlearn development signing key (not for production)"


def create_development_key(key_path: Path, cert_path: Path, *, name: str = DEVELOPMENT_NAME, rsa: bool = False) -> bool:
    """Write an ECDSA P-256 key (or an RSA 2048 one) and a self-signed certificate for it, unless both exist;
    True if written. (`name` and `rsa` are for tests standing in for a real pair.)"""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.asymmetric import rsa as rsa_keys
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key_path, cert_path = Path(key_path), Path(cert_path)
    if key_path.exists() and cert_path.exists():
        return False
    key = rsa_keys.generate_private_key(65537, 2048) if rsa else ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "govlearn (development)"),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_path.parent.mkdir(parents=True, exist_ok=True)
    cert_path.parent.mkdir(parents=True, exist_ok=True)
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    key_path.chmod(0o600)
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return True
