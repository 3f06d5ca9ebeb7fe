"""The service's signer (certificates.signing): PAdES signatures that pyHanko's validator accepts, with the
same signed attributes pyHanko's own SimpleSigner writes, for the development ECDSA key and an RSA one."""

from __future__ import annotations

import asyncio
import hashlib
import io

import pytest
from asn1crypto import cms

from certificates import signing
from certificates.devkey import create_development_key
from certificates.pdf import tagged_pdf
from tests.certificates.conftest import off_the_loop


@pytest.fixture
def pdf():
    return tagged_pdf("<html lang='en'><head><title>Signed</title></head><body><p>Signed</p></body></html>")


@pytest.fixture(params=["ecdsa", "rsa"])
def key_pair(request, settings, tmp_path):
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    create_development_key(key, cert, name="govlearn test signer", rsa=request.param == "rsa")
    settings.CERTIFICATE_SIGNING_KEY, settings.CERTIFICATE_SIGNING_CERT = key, cert
    signing.signer.cache_clear()
    yield cert
    signing.signer.cache_clear()


def _validate(data: bytes, cert_path):
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    (signature,) = PdfFileReader(io.BytesIO(data)).embedded_signatures
    trusted = ValidationContext(trust_roots=[load_cert_from_pemder(str(cert_path))])
    return signature, off_the_loop(validate_pdf_signature, signature, trusted)


def test_each_kind_of_key_signs_a_pdf_that_validates(pdf, key_pair):
    signed = signing.sign(pdf)
    signature, status = _validate(signed, key_pair)
    assert status.bottom_line, status.pretty_print_details()
    assert status.coverage.name == "ENTIRE_FILE"
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    tampered = signed.replace(b"/Producer", b"/Producex", 1)
    assert tampered != signed
    assert not _validate(tampered, key_pair)[1].bottom_line


def test_the_signed_attributes_are_those_pyhanko_itself_writes(key_pair):
    """Building the signing-certificate attribute once changes nothing in what is signed."""
    from pyhanko.sign import signers

    ours = signing.signer()
    theirs = signers.SimpleSigner(
        signing_cert=ours.signing_cert, signing_key=ours.signing_key, cert_registry=ours.cert_registry
    )
    digest = hashlib.sha256(b"a certificate").digest()

    def attributes(signer) -> dict[str, bytes]:
        content = off_the_loop(asyncio.run, signer.async_sign(digest, "sha256", use_pades=True))
        (info,) = content["content"]["signer_infos"]
        return {attribute["type"].native: attribute.dump() for attribute in info["signed_attrs"]}

    assert attributes(ours) == attributes(theirs)
    assert set(attributes(ours)) == {"content_type", "message_digest", "signing_certificate_v2"}
    assert isinstance(ours.signed_attr_prov_spec.attribute, cms.CMSAttribute)


def test_signing_inside_a_running_event_loop(pdf, key_pair):
    async def sign_in_loop():
        return signing.sign(pdf)

    assert _validate(off_the_loop(asyncio.run, sign_in_loop()), key_pair)[1].bottom_line
