"""Signing certificate PDFs: a PAdES signature (baseline B, pyHanko) with the service's key and certificate.

The key and certificate are files named by CERTIFICATE_SIGNING_KEY and CERTIFICATE_SIGNING_CERT (PEM or
DER; CERTIFICATE_SIGNING_KEY_PASSPHRASE if the key is encrypted), loaded once per process. `make run`
creates a development pair when there is none (`manage.py certificate_signing_key --development`).
"""

from __future__ import annotations

import asyncio
import functools
import io
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings

SIGNATURE_BYTES = 8192


class SigningNotConfigured(RuntimeError):
    pass


@functools.cache
def signer():
    from pyhanko.sign import signers

    key, cert = settings.CERTIFICATE_SIGNING_KEY, settings.CERTIFICATE_SIGNING_CERT
    if not (key.is_file() and cert.is_file()):
        raise SigningNotConfigured(
            f"No key and certificate to sign certificates with at {key} and {cert}: set CERTIFICATE_SIGNING_KEY "
            "and CERTIFICATE_SIGNING_CERT, or run `manage.py certificate_signing_key --development` for a "
            "development pair."
        )
    passphrase = settings.CERTIFICATE_SIGNING_KEY_PASSPHRASE
    loaded = signers.SimpleSigner.load(str(key), str(cert), key_passphrase=passphrase.encode() if passphrase else None)
    if loaded is None:
        raise SigningNotConfigured(f"The signing key {key} or certificate {cert} could not be read.")
    return _service_signer_class()(
        signing_cert=loaded.signing_cert,
        signing_key=loaded.signing_key,
        cert_registry=loaded.cert_registry,
        signature_mechanism=loaded.signature_mechanism,
    )


@functools.cache
def _service_signer_class():
    """pyHanko's SimpleSigner, made for signing thousands of PDFs with one key (the CMS it writes is the same).

    Of the 12 ms pyHanko's defaults took to sign a certificate, 8 went on asn1crypto building the
    signing-certificate-v2 attribute (the hash and issuer of our certificate, the same every time) afresh
    and re-encoding it at each level it is wrapped in, and on a thread started and joined for each raw
    signature. This signer builds that attribute once and keeps it as parsed DER (which asn1crypto copies
    without re-encoding), through pyHanko's own hook for the signed attributes, and signs in the calling
    thread (a private-key operation of well under a millisecond). tests/certificates checks that the
    signature still validates as PAdES with pyHanko's validator."""
    from asn1crypto import cms
    from pyhanko.sign import attributes, signers
    from pyhanko.sign.general import as_signing_certificate_v2, simple_cms_attribute
    from pyhanko.sign.signers.pdf_cms import SignedAttributeProviderSpec

    class SigningCertificateAttribute(attributes.CMSAttributeProvider):
        attribute_type = "signing_certificate_v2"

        def __init__(self, attribute):
            self.attribute = attribute

        async def get_attribute(self, dry_run=False):
            return self.attribute

    class PadesSignedAttributes(SignedAttributeProviderSpec):
        """What pyHanko's CAdESSignedAttributeProviderSpec gives a PAdES signature with no CAdES extras
        (PAdES forbids a signing-time attribute): the signing certificate, here encoded once."""

        def __init__(self, certificate):
            built = simple_cms_attribute("signing_certificate_v2", as_signing_certificate_v2(certificate))
            self.attribute = cms.CMSAttribute.load(built.dump())

        def signed_attr_providers(self, data_digest, digest_algorithm):
            yield SigningCertificateAttribute(self.attribute)

    class ServiceSigner(signers.SimpleSigner):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.signed_attr_prov_spec = PadesSignedAttributes(self.signing_cert)

        async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run=False) -> bytes:
            return self.sign_raw(data, digest_algorithm)

    return ServiceSigner


def sign(data: bytes) -> bytes:
    """`data`, a PDF, with an invisible PAdES signature of the service appended (an incremental update)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _sign(data)
    # pyHanko's signing runs its own event loop, which cannot start inside a running one (an ASGI server,
    # a test driving a browser): sign in a thread of its own then.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_sign, data).result()


def _sign(data: bytes) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    metadata = signers.PdfSignatureMetadata(
        field_name="Signature",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=f"Certificate issued by {settings.SERVICE_NAME}",
        name=settings.SERVICE_NAME,
    )
    # A fixed reservation saves pyHanko signing a dummy first to measure the signature. 8 KB holds an
    # ECDSA or RSA-4096 signature with a chain of three certificates (a larger one fails, naming both sizes).
    return signers.sign_pdf(writer, metadata, signer=signer(), bytes_reserved=SIGNATURE_BYTES).getvalue()
