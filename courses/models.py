"""Course catalogue, course and module pages (Wagtail). Arrives with issue #3."""
