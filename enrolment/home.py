"""My learning on the signed-in home page (registered as a Wagtail hook)."""
