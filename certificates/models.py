"""Certificates: issue, PDF, verification and revocation."""
